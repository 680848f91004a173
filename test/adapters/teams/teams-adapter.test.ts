import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "../../../src/i18n/messages.js";
import { shippedCatalog } from "../../helpers.js";
import { REFUSALS } from "./fake-bot-connector.js";
import { cardButtons, cardText, TeamsHarness } from "./teams-harness.js";

const BOT = "28:00000000-0000-4000-8000-0000000000b0";

describe("Teams adapter over HTTP, unauthenticated (emulator mode)", () => {
  const harness = new TeamsHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it("warns loudly that it runs without authentication", () => {
    const warning = harness.logs.chunks.map((line) => JSON.parse(line)).find((entry) => /WITHOUT AUTHENTICATION/.test(entry.msg));
    expect(warning).toEqual(expect.objectContaining({ level: 40 }));
  });

  it("answers a personal message with an Adaptive Card replying to it", async () => {
    const role = (await shippedCatalog()).get("learning-architect");
    const activity = harness.activity("personal-message");
    const before = harness.connector.sent.length;

    expect((await harness.post(activity)).status).toBe(200);

    const sent = harness.connector.sent.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual(expect.objectContaining({ conversationId: activity.conversation.id, replyToId: activity.id }));
    const card = sent[0]!.activity.attachments[0];
    expect(card.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(card.content.version).toBe("1.5");
    expect(sent[0]!.activity.from.id).toBe(BOT);
    expect(cardText(sent[0]!.activity)).toContain(role.missions[0]!.text.en);
    expect(harness.incoming.at(-1)).toEqual(
      expect.objectContaining({ platform: "teams", text: activity.text, locale: "en", deliveryId: activity.id, userId: activity.from.aadObjectId, conversationId: activity.conversation.id }),
    );
  });

  it("strips the bot's @mention from a channel message and keeps the channel's reference", async () => {
    const activity = harness.activity("channel-message-mention");
    const before = harness.connector.sent.length;

    expect((await harness.post(activity)).status).toBe(200);

    expect(harness.incoming.at(-1)).toEqual(expect.objectContaining({ text: "what does a Learning Architect do?" }));
    const sent = harness.connector.sent.slice(before);
    expect(sent.map((s) => s.conversationId)).toEqual([activity.conversation.id]);
    expect(cardText(sent[0]!.activity)).toContain("Learning Architect");
    const reference = await harness.server.references.find("19:fakeChannelId0123456789abcdef@thread.tacv2");
    expect(reference).toEqual(
      expect.objectContaining({
        serviceUrl: harness.connector.url,
        conversation: expect.objectContaining({ id: "19:fakeChannelId0123456789abcdef@thread.tacv2", conversationType: "channel" }),
      }),
    );
    expect(reference).not.toHaveProperty("user");
  });

  it("round-trips an Adaptive Card submit: the card's data comes back as the action", async () => {
    const role = (await shippedCatalog()).get("learning-architect");
    const question = harness.activity("personal-message");
    const before = harness.connector.sent.length;
    await harness.post(question);
    const skills = cardButtons(harness.connector.sent[before]!.activity).find((b) => b.actionId === "role.skills");
    expect(skills).toEqual(expect.objectContaining({ value: "learning-architect" }));

    const submit = harness.activity("card-submit", { value: { actionId: skills!.actionId, value: skills!.value } });
    expect((await harness.post(submit)).status).toBe(200);

    expect(harness.incoming.at(-1)).toEqual(expect.objectContaining({ actionId: "role.skills", value: "learning-architect", deliveryId: submit.id }));
    const answer = harness.connector.sent.at(-1)!;
    expect(answer.replyToId).toBe(submit.id);
    expect(cardText(answer.activity)).toContain(role.skills[0]!.name.en);
  });

  it("answers an unknown card action politely", async () => {
    const submit = harness.activity("card-submit", { value: { something: "from an old card" } });
    expect((await harness.post(submit)).status).toBe(200);
    expect(cardText(harness.connector.sent.at(-1)!.activity)).toContain(messages("en").unknownAction);
  });

  it("handles Action.Execute (adaptiveCard/action invoke) with an invoke response", async () => {
    const role = (await shippedCatalog()).get("learning-architect");
    const invoke = {
      ...harness.activity("card-submit"),
      type: "invoke",
      name: "adaptiveCard/action",
      value: { action: { type: "Action.Execute", verb: "role.skills", data: { actionId: "role.skills", value: "learning-architect" } }, trigger: "manual" },
    };
    const before = harness.connector.sent.length;
    const response = await harness.post(invoke);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual(expect.objectContaining({ statusCode: 200, type: "application/vnd.microsoft.activity.message" }));
    expect(cardText(harness.connector.sent[before]!.activity)).toContain(role.skills[0]!.name.en);
  });

  it("welcomes on install in the user's language, once, and stores the conversation reference", async () => {
    const install = harness.activity("conversation-update-install");
    const before = harness.connector.sent.length;

    expect((await harness.post(install)).status).toBe(200);
    expect((await harness.post(install)).status).toBe(200); // Teams retrying the same delivery

    const sent = harness.connector.sent.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.conversationId).toBe(install.conversation.id);
    expect(cardText(sent[0]!.activity)).toContain(messages("fr").greeting);
    expect(await harness.server.references.find(install.conversation.id)).toEqual(
      expect.objectContaining({
        serviceUrl: harness.connector.url,
        bot: expect.objectContaining({ id: BOT }),
        conversation: expect.objectContaining({ id: install.conversation.id, conversationType: "personal", tenantId: install.conversation.tenantId }),
        user: expect.objectContaining({ id: install.from.id }),
      }),
    );
  });

  it("forgets the reference when the bot is removed", async () => {
    const install = harness.activity("conversation-update-install", { conversation: { conversationType: "personal", id: "a:removed-later" } });
    await harness.post(install);
    expect(await harness.server.references.find("a:removed-later")).toBeDefined();
    const { membersAdded, ...rest } = install;
    await harness.post({ ...rest, id: "removal-1", membersRemoved: membersAdded });
    expect(await harness.server.references.find("a:removed-later")).toBeUndefined();
  });

  it("answers any other invoke with an empty 200, and runs no handler", async () => {
    const invoke = { ...harness.activity("card-submit"), type: "invoke", name: "task/fetch", value: { data: { actionId: "role.skills" } } };
    const [sent, seen] = [harness.connector.sent.length, harness.incoming.length];
    expect(await harness.post(invoke)).toEqual({ status: 200, text: "" });
    expect(harness.connector.sent.length).toBe(sent);
    expect(harness.incoming.length).toBe(seen);
  });

  it("answers an Action.Execute invoke even when its answer cannot be sent", async () => {
    const invoke = {
      ...harness.activity("card-submit"),
      type: "invoke",
      name: "adaptiveCard/action",
      value: { action: { type: "Action.Execute", verb: "role.skills", data: { actionId: "role.skills", value: "learning-architect" } }, trigger: "manual" },
    };
    harness.connector.refuse("send", REFUSALS.disabledByAdmin);
    try {
      const response = await harness.post(invoke);
      expect(response.status).toBe(200);
      expect(JSON.parse(response.text)).toEqual({ statusCode: 200, type: "application/vnd.microsoft.activity.message", value: "" });
    } finally {
      harness.connector.accept();
    }
  });

  const personal = () => harness.activity("personal-message");
  it.each([
    ["malformed JSON", () => "{\"type\": \"message\", "],
    ["a JSON array", () => "[]"],
    ["an activity without a type", () => JSON.stringify({ text: "hello" })],
    ["a type that is not a string", () => ({ ...personal(), type: 5 })],
    ["an id that is not a string", () => ({ ...personal(), id: 1741684442441 })],
    ["no conversation", () => ({ ...personal(), conversation: undefined })],
    ["a conversation id that is not a string", () => ({ ...personal(), conversation: { id: 42, conversationType: "personal" } })],
    ["a message without a sender", () => ({ ...personal(), from: undefined })],
    ["an invoke whose sender has no id", () => ({ ...personal(), type: "invoke", name: "adaptiveCard/action", from: { name: "Camille" } })],
    ["no recipient id", () => ({ ...personal(), recipient: { name: "Parcours" } })],
    ["no serviceUrl", () => ({ ...personal(), serviceUrl: undefined })],
    ["a serviceUrl that is not a URL", () => ({ ...personal(), serviceUrl: "not a url" })],
    ["a serviceUrl that is not HTTP", () => ({ ...personal(), serviceUrl: "file:///etc/passwd" })],
    ["a text that is not a string", () => ({ ...personal(), text: { question: "what does a Learning Architect do?" } })],
    ["entities that are not an array", () => ({ ...personal(), entities: { type: "clientInfo", locale: "fr-FR" } })],
    ["an entity that is not an object", () => ({ ...personal(), entities: [null] })],
  ])("answers 400 to %s and runs no handler", async (_name, body) => {
    const sent = harness.connector.sent.length;
    const seen = harness.incoming.length;
    expect((await harness.post(body())).status).toBe(400);
    expect(harness.connector.sent.length).toBe(sent);
    expect(harness.connector.created).toEqual([]);
    expect(harness.incoming.length).toBe(seen);
  });

  it("accepts only POST on /api/messages", async () => {
    expect((await fetch(harness.server.url)).status).toBe(405);
    expect((await fetch(harness.server.url.replace("/api/messages", "/elsewhere"), { method: "POST", body: "{}" })).status).toBe(404);
  });
});

describe("Teams adapter logs at info level", () => {
  const harness = new TeamsHarness({ logLevel: "info" });
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it("contain neither the message text nor the raw user id, even when sending the answer fails", async () => {
    const question = "what does a Learning Architect do?";
    const from = { id: "29:1SecretUserIdOnlyInThisTest0123456789", aadObjectId: "00000000-0000-4000-8000-00000000secr" };
    expect((await harness.post(harness.activity("personal-message", { text: question, from }))).status).toBe(200);
    harness.connector.refuse("send", REFUSALS.disabledByAdmin);
    try {
      expect((await harness.post(harness.activity("personal-message", { text: question, from }))).status).toBe(200);
    } finally {
      harness.connector.accept();
    }
    expect(harness.logs.text).toContain("message understood");
    // The failure is described by what identifies it; the error's details and request stay out.
    const failure = harness.logs.chunks.map((line) => JSON.parse(line)).find((entry) => entry.msg === "teams turn failed");
    expect(failure.err).toEqual(expect.objectContaining({ name: "RestError", code: "BotDisabledByAdmin", status: 403 }));
    expect(Object.keys(failure.err)).not.toEqual(expect.arrayContaining(["details"]));
    expect(harness.logs.text).not.toContain(question);
    expect(harness.logs.text).not.toContain(from.id);
    expect(harness.logs.text).not.toContain(from.aadObjectId);
  });
});

describe("Teams adapter stopping with a late answer in flight", () => {
  const harness = new TeamsHarness({ turnBudgetMs: 20, coreDelayMs: 2_000, drainMs: 50, logLevel: "info" });
  beforeAll(() => harness.start());
  afterAll(() => harness.connector.stop());

  it("waits a bounded time for it and logs how many answers it abandoned", async () => {
    expect((await harness.post(harness.activity("personal-message"))).status).toBe(200);
    await harness.server.stop();
    const abandoned = harness.logs.chunks.map((line) => JSON.parse(line)).find((entry) => entry.msg === "stopped with answers still in flight");
    expect(abandoned).toEqual(expect.objectContaining({ adapter: "teams", abandoned: 1, level: 40 }));
  });
});

describe("Teams adapter, an answer later than the turn allows", () => {
  const harness = new TeamsHarness({ turnBudgetMs: 50, coreDelayMs: 300 });
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it("ends the turn in time and delivers the answer proactively", async () => {
    const role = (await shippedCatalog()).get("learning-architect");
    const activity = harness.activity("personal-message");

    expect((await harness.post(activity)).status).toBe(200);
    expect(harness.connector.messages()).toHaveLength(0);

    const [late] = await harness.connector.waitForMessages(1);
    expect(late!.conversationId).toBe(activity.conversation.id);
    expect(cardText(late!.activity)).toContain(role.missions[0]!.text.en);
  });
});
