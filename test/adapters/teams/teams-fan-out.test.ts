import { createServer } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { retryAfterMs } from "../../../adapters/teams/outbound-errors.js";
import { reply } from "../../../src/answers/reply.js";
import { OutboundError, type OutboundFailure } from "../../../src/outbound/outbound.js";
import { REFUSALS, type Fault } from "./fake-bot-connector.js";
import { TeamsHarness } from "./teams-harness.js";
import { refusalOf } from "../outbound-failure.js";

const TENANT = "00000000-0000-4000-8000-0000000000c1";
const CHANNEL = "19:fakeChannelId0123456789abcdef@thread.tacv2";
const announcement = reply([{ type: "text", text: "The Learning Architect track opens in January" }]);
const teams = (conversationId: string) => ({ platform: "teams", conversationId });

/** A person as Teams sends them: a Bot Framework id, and their Entra object id (the core's id for them). */
const person = (n: number) => ({ id: `29:1FakeFanOutUser${n}`, name: "Camille Martin", aadObjectId: `00000000-0000-4000-8000-0000000001${String(n).padStart(2, "0")}` });

/** Records a personal chat as Teams makes Parcours learn of it: by an install (in the client's language, when `overrides` give one). */
async function installed(harness: TeamsHarness, conversationId: string, from: ReturnType<typeof person>, overrides: Record<string, unknown> = {}): Promise<void> {
  const install = harness.activity("conversation-update-install", {
    type: "installationUpdate",
    action: "add",
    membersAdded: undefined,
    locale: undefined,
    from,
    conversation: { conversationType: "personal", tenantId: TENANT, id: conversationId },
    ...overrides,
  });
  expect((await harness.post(install)).status).toBe(200);
}

describe("the Teams fan-out's audiences, from the conversation references Parcours recorded", () => {
  const harness = new TeamsHarness({ env: { TEAMS_MESSAGES_PER_SECOND: "20" } });
  const fanOut = () => harness.server.outbound.fanOut;
  const [french, english, german, frenchInClientInfo, silent, twice] = [1, 2, 3, 4, 5, 6].map(person);

  beforeAll(async () => {
    await harness.start();
    await installed(harness, "a:fanout-french", french!, { locale: "fr-FR" });
    await installed(harness, "a:fanout-english", english!, { locale: "en-GB" });
    await installed(harness, "a:fanout-german", german!, { locale: "de-DE" });
    await installed(harness, "a:fanout-client-info", frenchInClientInfo!, { entities: [{ type: "clientInfo", locale: "fr-CA" }] });
    await installed(harness, "a:fanout-silent", silent!);
    await installed(harness, "a:fanout-twice-1", twice!);
    await installed(harness, "a:fanout-twice-2", twice!, { locale: "fr-FR" });
    // Seen in a channel and a group chat only: no personal chat to reach them in.
    expect((await harness.post(harness.activity("channel-message-mention", { from: person(7) }))).status).toBe(200);
    expect((await harness.post(harness.activity("group-chat-message", { from: person(8) }))).status).toBe(200);
  });
  afterAll(() => harness.stop());

  it("paces at the configured tenant rate and Teams' 7 a second per conversation, and has no way to find a posted message", () => {
    expect(fanOut().pace).toEqual({ perSecond: 20, perConversationPerSecond: 7 });
    expect(fanOut().findPosted).toBeUndefined();
  });

  it("reaches everyone with a personal chat, once each, in the language their client reported", async () => {
    const everyone = await fanOut().everyone();

    expect([...everyone].sort((a, b) => a.userId.localeCompare(b.userId))).toEqual([
      { userId: french!.aadObjectId, locale: "fr" },
      { userId: english!.aadObjectId, locale: "en" },
      { userId: german!.aadObjectId },
      { userId: frenchInClientInfo!.aadObjectId, locale: "fr" },
      { userId: silent!.aadObjectId },
      { userId: twice!.aadObjectId, locale: "fr" },
    ]);
  });

  it("keeps the client's language with the reference, from the clientInfo entity when an install has it only there", async () => {
    const recorded = await harness.parcours.addresses.personal("teams", frenchInClientInfo!.aadObjectId);
    expect(recorded?.reference).toEqual(expect.objectContaining({ locale: "fr-CA" }));
  });

  it("gives the languages it knows for given people from one read of the address book, leaving out the others", async () => {
    const { addresses } = harness.parcours;
    const reads = [vi.spyOn(addresses, "list"), vi.spyOn(addresses, "personal"), vi.spyOn(addresses, "find")];
    try {
      const locales = await fanOut().locales([french!.aadObjectId, english!.aadObjectId, german!.aadObjectId, silent!.aadObjectId, "00000000-0000-4000-8000-00000000dead"]);

      expect(locales).toEqual(new Map([[french!.aadObjectId, "fr"], [english!.aadObjectId, "en"]]));
      expect(reads.map((read) => read.mock.calls.length)).toEqual([1, 0, 0]);
    } finally {
      reads.forEach((read) => read.mockRestore());
    }
  });

  it("has no user groups", async () => {
    expect((await refusalOf(fanOut().userGroup("learning-designers"))).failure).toEqual({ reason: "conversation-not-found" });
  });

  describe("channelId", () => {
    const club = "19:fakeLearningClub0123456789abcdef@thread.tacv2";
    beforeAll(() =>
      harness.parcours.addresses.remember({
        platform: "teams",
        conversationId: club,
        kind: "channel",
        reference: { serviceUrl: harness.connector.url, conversation: { id: club, conversationType: "channel", name: "Learning-Club" } },
      }),
    );

    it("answers a recorded channel's or group chat's id as given", async () => {
      const groupChat = harness.activity("group-chat-message").conversation.id as string;
      expect(await fanOut().channelId(CHANNEL)).toBe(CHANNEL);
      expect(await fanOut().channelId(groupChat)).toBe(groupChat);
    });

    it("finds a channel by the name recorded with it, in any case, with or without #", async () => {
      expect(await fanOut().channelId("#learning-club")).toBe(club);
      expect(await fanOut().channelId("LEARNING-CLUB")).toBe(club);
    });

    it("answers nothing for a personal chat, an id or a name nobody recorded, or a bare #", async () => {
      for (const unknown of ["a:fanout-french", "19:neverSeen@thread.tacv2", "#sales", "#"]) expect(await fanOut().channelId(unknown)).toBeUndefined();
    });
  });
});

describe("the Teams fan-out's sends, refused or lost by the Bot Connector service", () => {
  const harness = new TeamsHarness({ requestTimeoutMs: 300 });
  const port = () => harness.server.outbound;
  const connector = () => harness.connector;
  let conversations = 0;
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());
  afterEach(() => connector().accept());

  /** A personal chat of its own, whose sends meet `fault` (every time unless `times`). */
  async function chatMeeting(fault: Fault, times?: number): Promise<string> {
    const conversationId = `a:fanout-send-${++conversations}`;
    await installed(harness, conversationId, person(20 + conversations), { locale: "en-US" });
    connector().inject(fault, { route: "send", conversationId, ...(times ? { times } : {}) });
    return conversationId;
  }

  /** Posts the announcement there; what the service received meanwhile, and how often it was asked. */
  async function send(conversationId: string): Promise<{ error?: OutboundError; attempts: number; delivered: number }> {
    const attempts = connector().attempts.send;
    const error = await port()
      .post(teams(conversationId), announcement)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    if (error !== undefined) expect(error).toBeInstanceOf(OutboundError);
    return { ...(error ? { error: error as OutboundError } : {}), attempts: connector().attempts.send - attempts, delivered: connector().messages(conversationId).length };
  }

  it.each<[string, Fault, OutboundFailure]>([
    ["a user who blocked the bot", REFUSALS.blockedByUser, { reason: "blocked-by-user" }],
    ["a bot out of the roster", REFUSALS.notInRoster, { reason: "app-not-installed" }],
    ["a conversation gone", REFUSALS.conversationNotFound, { reason: "conversation-not-found" }],
    ["a conversation gone, said only in the message", { status: 403, code: "Forbidden", message: "Conversation not found." }, { reason: "conversation-not-found" }],
  ])("reports %s as final, asked once", async (_case, fault, failure) => {
    const result = await send(await chatMeeting(fault));
    expect(result.error?.failure).toEqual(failure);
    expect(result.error?.final).toBe(true);
    expect(result.attempts).toBe(1);
  });

  it.each<[string, Fault, OutboundFailure]>([
    ["412", REFUSALS.preconditionFailed, { reason: "failed", detail: "412 PreconditionFailed" }],
    ["500", REFUSALS.internalError, { reason: "failed", detail: "500 ServiceError" }],
    ["502", REFUSALS.badGateway, { reason: "failed", detail: "502 ServiceError" }],
    ["503", REFUSALS.unavailable, { reason: "failed", detail: "503 ServiceUnavailable" }],
    ["504, whose gateway may have passed the message on", REFUSALS.gatewayTimeout, { reason: "failed", detail: "504 GatewayTimeout", uncertain: true }],
  ])("reports a %s as worth retrying, and leaves the retry to the core: botbuilder does not send it again", async (_case, fault, failure) => {
    const result = await send(await chatMeeting(fault));
    expect(result.error?.failure).toEqual(failure);
    expect(result.error?.final).toBe(false);
    expect(result.attempts).toBe(1);
  });

  it.each<[string, Fault, number, string]>([
    ["a send that timed out after Teams posted it", { lost: "hang", delivered: true }, 1, "AbortError"],
    ["a connection cut after Teams posted the message", { lost: "reset", delivered: true }, 1, "ECONNRESET"],
    ["a connection cut before", { lost: "reset", delivered: false }, 0, "ECONNRESET"],
  ])("reports %s as a failure that may have posted, and does not send it again", async (_case, fault, delivered, detail) => {
    const result = await send(await chatMeeting(fault));
    expect(result.error?.failure).toEqual({ reason: "failed", detail, uncertain: true });
    expect(result.error?.final).toBe(false);
    expect(result).toEqual(expect.objectContaining({ attempts: 1, delivered }));
  });

  it("reports a connection refused as a failure that cannot have posted", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port: closedPort } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const conversationId = "a:fanout-unreachable";
    await installed(harness, conversationId, person(40), { serviceUrl: `http://127.0.0.1:${closedPort}/` });

    expect((await refusalOf(port().post(teams(conversationId), announcement))).failure).toEqual({ reason: "failed", detail: "ECONNREFUSED" });
  });

  describe("429", () => {
    it("waits out a Retry-After in seconds and sends again, once Teams took it", async () => {
      const result = await send(await chatMeeting({ ...REFUSALS.throttled, retryAfter: "1" }, 1));
      expect(result).toEqual({ attempts: 2, delivered: 1 });
    });

    it("waits out a Retry-After given as an HTTP date", async () => {
      const result = await send(await chatMeeting({ ...REFUSALS.throttled, retryAfter: new Date(Date.now() + 1000).toUTCString() }, 1));
      expect(result).toEqual({ attempts: 2, delivered: 1 });
    });

    it("reads a Retry-After date relative to now", () => {
      const now = Date.parse("Tue, 11 Mar 2025 09:20:40 GMT");
      expect(retryAfterMs("Tue, 11 Mar 2025 09:20:42 GMT", now)).toBe(2000);
      expect(retryAfterMs("Tue, 11 Mar 2025 09:20:39 GMT", now)).toBe(0);
      expect(retryAfterMs("3", now)).toBe(3000);
      expect(retryAfterMs("soon", now)).toBeUndefined();
    });

    it("reports the wait Teams asked for once three waits were not enough", async () => {
      const result = await send(await chatMeeting({ ...REFUSALS.throttled, retryAfter: "1" }));
      expect(result.error?.failure).toEqual({ reason: "rate-limited", retryAfterMs: 1000 });
      expect(result).toEqual(expect.objectContaining({ attempts: 4, delivered: 0 }));
    });

    it("reports a 429 without Retry-After at once, with a wait of a second", async () => {
      const result = await send(await chatMeeting(REFUSALS.throttled));
      expect(result.error?.failure).toEqual({ reason: "rate-limited", retryAfterMs: 1000 });
      expect(result.attempts).toBe(1);
    });
  });
});

describe("the fake Bot Connector's rate limits, met by the Teams adapter", () => {
  const harness = new TeamsHarness();
  const port = () => harness.server.outbound;
  const connector = () => harness.connector;
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());
  afterEach(() => {
    connector().rateLimit = undefined;
  });

  it("answers a request over the tenant's rate 429 Throttled with a Retry-After in seconds", async () => {
    connector().rateLimit = { perSecond: 1 };
    const roster = () => fetch(new URL("v3/conversations/19%3Aroster%40thread.v2/pagedmembers", connector().url));

    expect((await roster()).status).toBe(404);
    const over = await roster();

    expect(over.status).toBe(429);
    expect(over.headers.get("retry-after")).toBe("1");
    expect(await over.json()).toEqual({ error: { code: "Throttled", message: REFUSALS.throttled.message } });
  });

  it("delivers every message once across the tenant: what went over the rate is sent again after the wait", async () => {
    const chats = Array.from({ length: 10 }, (_, n) => `a:fanout-rate-${n}`);
    for (const [n, chat] of chats.entries()) await installed(harness, chat, person(50 + n));
    connector().rateLimit = { perSecond: 4 };
    const throttled = connector().throttled;

    await Promise.all(chats.map((chat) => port().post(teams(chat), announcement)));

    expect(connector().throttled).toBeGreaterThan(throttled);
    expect(chats.map((chat) => connector().messages(chat).length)).toEqual(chats.map(() => 1));
  });

  it("delivers every message once in a conversation over its own rate", async () => {
    await installed(harness, "a:fanout-rate-one", person(70));
    connector().rateLimit = { perConversationPerSecond: 2 };
    const throttled = connector().throttled;
    const texts = ["one", "two", "three", "four", "five"];

    await Promise.all(texts.map((text) => port().post(teams("a:fanout-rate-one"), reply([{ type: "text", text }]))));

    expect(connector().throttled).toBeGreaterThan(throttled);
    expect(connector().messages("a:fanout-rate-one")).toHaveLength(texts.length);
  });
});
