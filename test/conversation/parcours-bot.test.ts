import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/answers/reply.js";
import { DeliveryInProgress } from "../../src/conversation/parcours-bot.js";
import { createLogger } from "../../src/logging/logger.js";
import { MemoryStateStore } from "../../src/store/memory-state.js";
import { Capture, testBot } from "../helpers.js";

const speaker = { platform: "test", userId: "U123SECRET", conversationId: "C1" };
const allText = (reply: Reply | undefined) => JSON.stringify(reply?.blocks ?? []);

describe("ParcoursBot", () => {
  it("answers a role question from the catalogue", async () => {
    const { bot, catalog } = await testBot();
    const reply = await bot.handleMessage({ ...speaker, text: "what does a Learning Architect do?" });
    expect(allText(reply)).toContain(catalog.get("learning-architect").missions[0]!.text.en);
    expect(reply?.fallbackText).toContain("Learning Architect");
  });

  it("answers a delivery once: copies while it is answered are to come again, one after it was answered is a duplicate", async () => {
    const { bot } = await testBot();
    const delivery = { ...speaker, text: "what is a DLM?", deliveryId: "Ev1" };
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => bot.handleMessage(delivery)));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled" && outcome.value)).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status === "rejected" && outcome.reason instanceof DeliveryInProgress)).toHaveLength(2);
    await bot.answered(delivery);
    expect(await bot.handleMessage(delivery)).toBeUndefined();
    expect(await bot.handleMessage({ ...delivery, deliveryId: "Ev2" })).toBeDefined();
  });

  it("answers a delivery again once the claim of a process that died answering it has lapsed", async () => {
    let now = Date.parse("2026-12-02T10:00:00Z");
    const { bot } = await testBot({ state: new MemoryStateStore(() => now) });
    const delivery = { ...speaker, text: "what is a DLM?", deliveryId: "Ev9" };
    expect(await bot.handleMessage(delivery)).toBeDefined();
    // Never marked answered: its process died between the answer and the platform.
    await expect(bot.handleMessage(delivery)).rejects.toBeInstanceOf(DeliveryInProgress);
    now += 31_000;
    expect(await bot.handleMessage(delivery)).toBeDefined();
  });

  it("does not apply twice an answer delivered again after the process that applied it died before saying so", async () => {
    let now = Date.parse("2026-12-02T10:00:00Z");
    const { bot } = await testBot({ state: new MemoryStateStore(() => now), now: () => new Date(now) });
    const assess = { ...speaker, text: "assess me against learning architect", deliveryId: "EvStart" };
    expect((await bot.handleMessage(assess))?.fallbackText).toMatch(/\b1\/\d+/);
    await bot.answered(assess);
    const rating = { ...speaker, text: "3", deliveryId: "EvRating" };
    const first = await bot.handleMessage(rating);
    expect(first?.fallbackText).toMatch(/\b2\/\d+/);
    now += 31_000;
    const again = await bot.handleMessage(rating);
    expect(again?.fallbackText).toMatch(/\b2\/\d+/);
    expect(again?.fallbackText).not.toMatch(/\b3\/\d+/);
    expect((await bot.handleMessage({ ...speaker, text: "4", deliveryId: "EvNext" }))?.fallbackText).toMatch(/\b3\/\d+/);
  });

  it.each([
    ["", /empty/],
    ["   \n\t ", /empty/],
    ["x".repeat(20_000), /too long/],
    ["🎉🎉🎉", /only understand words/],
  ])("answers bad input %# with a clear message", async (text, expected) => {
    const { bot } = await testBot();
    const reply = await bot.handleMessage({ ...speaker, text });
    expect(reply?.fallbackText).toMatch(expected);
  });

  it("answers bad input in the user's language", async () => {
    const { bot } = await testBot();
    const reply = await bot.handleMessage({ ...speaker, locale: "fr", text: "" });
    expect(reply?.fallbackText).toMatch(/vide/);
  });

  it("strips control characters and still understands", async () => {
    const { bot, catalog } = await testBot();
    const reply = await bot.handleMessage({ ...speaker, text: "c'est quoi\u0000 un\u0007 DLM\u001b ?" });
    expect(allText(reply)).toContain(catalog.get("digital-learning-manager").summary.fr.slice(0, 40));
  });

  it("follows up on the last role discussed", async () => {
    const { bot, catalog } = await testBot();
    await bot.handleMessage({ ...speaker, text: "c'est quoi un DLM ?" });
    const reply = await bot.handleMessage({ ...speaker, text: "et quelles compétences lui faut-il ? ses compétences ?" });
    expect(allText(reply)).toContain(catalog.get("digital-learning-manager").skills[0]!.name.fr);
  });

  it("does not carry a role over to a question about an unknown role", async () => {
    const { bot } = await testBot();
    await bot.handleMessage({ ...speaker, text: "what is a DLM?" });
    const reply = await bot.handleMessage({ ...speaker, text: "what skills does a data scientist need?" });
    expect(allText(reply)).not.toContain("Digital Learning Manager");
  });

  it("answers a button press from its action id and value", async () => {
    const { bot, catalog } = await testBot();
    const reply = await bot.handleAction({ ...speaker, locale: "fr", actionId: "role.path", value: "learning-designer" });
    expect(allText(reply)).toContain(catalog.get("learning-designer").trainingPath[0]!.title.fr);
  });

  it("answers an unknown or tampered button politely", async () => {
    const { bot } = await testBot();
    for (const action of [{ actionId: "admin.delete", value: "x" }, { actionId: "role.describe", value: "no-such-role" }]) {
      const reply = await bot.handleAction({ ...speaker, ...action });
      expect(allText(reply)).toMatch(/don't know that button/);
    }
  });

  it("turns a store failure into a sentence and logs the cause, not the text", async () => {
    /** Reads fail, as from a disk or a server gone away; claims and deletes still work. */
    class FailingReads extends MemoryStateStore {
      override async get(): Promise<never> {
        throw new Error("disk on fire");
      }
    }
    const base = new FailingReads();
    const logs = new Capture();
    const { bot } = await testBot({ state: base, logger: createLogger("info", logs) });
    const reply = await bot.handleMessage({ ...speaker, text: "what is a DLM?", deliveryId: "Ev-fail" });
    expect(reply?.fallbackText).toMatch(/went wrong/);
    expect(logs.text).toContain("disk on fire");
    expect(logs.text).not.toContain("what is a DLM");
    // The failed delivery is given back, so the platform's retry is handled rather than dropped.
    expect(await base.claim("delivery:test:Ev-fail", 60_000)).toBe(true);
  });

  it("logs no message text and no raw user id at info level", async () => {
    const logs = new Capture();
    const { bot } = await testBot({ logger: createLogger("info", logs) });
    await bot.handleMessage({ ...speaker, text: "what does a Learning Architect do?" });
    await bot.handleAction({ ...speaker, actionId: "role.skills", value: "learning-architect" });
    expect(logs.text).toContain("role.describe");
    expect(logs.text).not.toContain("Learning Architect do");
    expect(logs.text).not.toContain("U123SECRET");
  });
});
