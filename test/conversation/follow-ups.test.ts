import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/answers/reply.js";
import type { IncomingMessage } from "../../src/conversation/incoming.js";
import { messages } from "../../src/i18n/messages.js";
import { MemoryStateStore } from "../../src/store/memory-state.js";
import { testBot } from "../helpers.js";

const alice = { platform: "test", userId: "U-ALICE", conversationId: "D-ALICE" };
const allText = (reply: Reply | undefined) => JSON.stringify(reply?.blocks ?? []);
const buttons = (reply: Reply | undefined) => (reply?.blocks ?? []).flatMap((block) => (block.type === "buttons" ? block.buttons : []));

async function conversation(options: Parameters<typeof testBot>[0] = {}) {
  const parcours = await testBot(options);
  const say = (text: string, who: Omit<IncomingMessage, "text"> = alice) => parcours.bot.handleMessage({ ...who, text });
  return { ...parcours, say };
}

describe("follow-ups take the role from the conversation", () => {
  it.each(["and the training path?", "training path?", "how do I get there?", "how long does it take?"])("%s, after a question on the DLM, is the DLM's path", async (followUp) => {
    const { say, catalog } = await conversation();
    await say("what does a DLM do?");
    const reply = await say(followUp);
    expect(allText(reply)).toContain(catalog.get("digital-learning-manager").trainingPath[0]!.title.en);
    expect(reply?.fallbackText).toContain(messages("en").path.title("Digital Learning Manager"));
  });

  it.each([
    ["its missions?", "en"],
    ["tell me more", "en"],
    ["more details", "en"],
    ["et ses missions ?", "fr"],
  ] as const)("%s, after a role's short answer, gives its missions in full", async (followUp, locale) => {
    const { say, catalog } = await conversation();
    const role = catalog.get("learning-architect");
    const first = await say(locale === "fr" ? "c'est quoi un Learning Architect ?" : "what does a Learning Architect do?");
    expect(allText(first)).not.toContain(JSON.stringify(role.missions.at(-1)!.text[locale]).slice(1, -1));
    const reply = await say(followUp);
    expect(reply?.fallbackText).toContain(messages(locale).describe.title(role.names[locale]));
    for (const mission of role.missions) expect(allText(reply)).toContain(JSON.stringify(mission.text[locale]).slice(1, -1));
  });

  it("answers « et le parcours ? » and « qui l'exerce ? » in French about the role asked before", async () => {
    const { say, catalog } = await conversation();
    await say("c'est quoi un Digital Learning Manager ?");
    expect(allText(await say("et le parcours ?"))).toContain(catalog.get("digital-learning-manager").trainingPath[0]!.title.fr);
    expect(allText(await say("qui l'exerce ?"))).toContain(catalog.get("digital-learning-manager").profile[0]!.statement.fr);
  });

  it("keeps the role through several follow-ups", async () => {
    const { say, catalog } = await conversation();
    await say("what is a learning architect?");
    await say("what about its skills, then?");
    expect(allText(await say("how do I get there?"))).toContain(catalog.get("learning-architect").trainingPath[0]!.title.en);
  });

  it("compares the conversation's role with the one named: 'compare with DLM'", async () => {
    const { say } = await conversation();
    await say("what does a learning architect do?");
    const reply = await say("compare with DLM");
    expect(reply?.fallbackText).toContain(messages("en").compare.title("Learning Architect", "Digital Learning Manager"));
  });

  it("compares the last two roles asked about: 'compare them'", async () => {
    const { say } = await conversation();
    await say("what is a DLM?");
    await say("and a learning designer?");
    const reply = await say("compare them");
    expect(reply?.fallbackText).toContain(messages("en").compare.title("Digital Learning Manager", "Learning Designer"));
  });

  it("compares the two roles of a comparison again after a follow-up on the first of them", async () => {
    const { say } = await conversation();
    await say("DLM vs LA");
    expect((await say("and the training path?"))?.fallbackText).toContain(messages("en").path.title("Digital Learning Manager"));
    // The DLM was asked about last: the other one comes first, as in "compare them" after two questions.
    expect((await say("compare them"))?.fallbackText).toContain(messages("en").compare.title("Learning Architect", "Digital Learning Manager"));
  });

  it("asks which role when the conversation has none, with a button per role for that question", async () => {
    const { say, catalog } = await conversation();
    const reply = await say("and its skills?");
    expect(allText(reply)).toContain(messages("en").whichRole.one);
    expect(buttons(reply)).toContainEqual(expect.objectContaining({ actionId: "role.skills", value: "learning-architect", label: catalog.name("learning-architect", "en") }));
  });

  it("keeps one context per conversation: a follow-up in another channel does not use this one's", async () => {
    const { say } = await conversation();
    await say("what does a DLM do?");
    const elsewhere = await say("and the training path?", { ...alice, conversationId: "C-CHANNEL" });
    expect(allText(elsewhere)).toContain(messages("en").whichRole.one);
    expect(allText(await say("and the training path?"))).not.toContain(messages("en").whichRole.one);
  });

  it("keeps one context per user: another person's follow-up in the same channel does not use it", async () => {
    const { say } = await conversation();
    const channel = { ...alice, conversationId: "C-TEAM" };
    await say("what does a DLM do?", channel);
    const bob = await say("and the training path?", { ...channel, userId: "U-BOB" });
    expect(allText(bob)).toContain(messages("en").whichRole.one);
  });

  it("forgets the role once the context has expired", async () => {
    let now = Date.parse("2026-12-02T10:00:00Z");
    const { say } = await conversation({ state: new MemoryStateStore(() => now), now: () => new Date(now) });
    await say("what does a DLM do?");
    now += 61 * 60_000;
    expect(allText(await say("and the training path?"))).toContain(messages("en").whichRole.one);
  });

  it("answers a new role named in the follow-up, not the old one", async () => {
    const { say } = await conversation();
    await say("what does a DLM do?");
    expect((await say("and the training path for a learning designer?"))?.fallbackText).toContain(messages("en").path.title("Learning Designer"));
  });
});

describe("small talk and questions about people", () => {
  it.each([
    ["thanks!", "en", "thanks"],
    ["bye", "en", "goodbye"],
    ["cool", "en", "ok"],
    ["merci beaucoup", "fr", "thanks"],
    ["au revoir", "fr", "goodbye"],
    ["d'accord", "fr", "ok"],
  ] as const)("%s gets a short reply of its own", async (text, locale, kind) => {
    const { say } = await conversation();
    const reply = await say(text);
    expect(reply?.fallbackText).toBe(messages(locale).smallTalk[kind]);
    expect(allText(reply)).not.toContain(messages(locale).unknown.text);
  });

  it("says Parcours knows roles, not people, and who to ask, offering the role itself", async () => {
    const { say } = await conversation();
    const reply = await say("who is our DLM?");
    expect(reply?.fallbackText).toContain(messages("en").person.role("Digital Learning Manager"));
    expect(buttons(reply)).toContainEqual(expect.objectContaining({ actionId: "role.describe", value: "digital-learning-manager" }));
    expect((await say("qui contacter pour une formation ?"))?.fallbackText).toBe(messages("fr").person.anyone);
  });
});

describe("comparisons and the training path's length", () => {
  it("compares the first two of three roles and says two at a time is the limit, the other pairs as buttons", async () => {
    const { say } = await conversation();
    const reply = await say("DLM, LA and LD?");
    expect(reply?.fallbackText).toContain(messages("en").compare.title("Digital Learning Manager", "Learning Architect"));
    expect(allText(reply)).toContain(messages("en").compare.twoAtATime("Digital Learning Manager", "Learning Architect"));
    expect(buttons(reply)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actionId: "role.compare", value: "digital-learning-manager,learning-designer" }),
        expect.objectContaining({ actionId: "role.compare", value: "learning-architect,learning-designer" }),
      ]),
    );
  });

  it("answers « combien d'heures pour devenir DLM ? » with the training path and its total", async () => {
    const { say, catalog } = await conversation();
    const dlm = catalog.get("digital-learning-manager");
    const hours = dlm.trainingPath.reduce((sum, module) => sum + module.durationHours, 0);
    expect(allText(await say("combien d'heures pour devenir DLM ?"))).toContain(messages("fr").path.total(hours, dlm.trainingPath.length));
  });

  it("takes the current role said in words as where the move starts", async () => {
    const { say } = await conversation();
    const reply = await say("je suis formateur, comment devenir concepteur ?");
    expect(allText(reply)).toContain(messages("fr").path.comingFrom("Formateur expert métier"));
  });
});
