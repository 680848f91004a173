import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RETRY_AFTER_MS } from "../../../adapters/teams/outbound-errors.js";
import { reply } from "../../../src/answers/reply.js";
import { OutboundError, type OutboundFailure, type PostedMessage } from "../../../src/outbound/outbound.js";
import { REFUSALS, type ConnectorRoute, type Refusal } from "./fake-bot-connector.js";
import { BOT_APP_ID, cardText, TeamsHarness } from "./teams-harness.js";

const BOT = `28:${BOT_APP_ID}`;
const TENANT = "00000000-0000-4000-8000-0000000000c1";
const CHANNEL = "19:fakeChannelId0123456789abcdef@thread.tacv2";
const TEAM = "19:fakeTeamId0123456789abcdef@thread.tacv2";
const teams = (conversationId: string, threadId?: string) => ({ platform: "teams", conversationId, ...(threadId ? { threadId } : {}) });
const survey = (count: number) => reply([{ type: "header", text: "Quarterly survey" }, { type: "text", text: `${count} answers so far` }]);

/** A person as Teams sends them: a Bot Framework id per bot, and their Entra object id. */
const person = (n: number) => ({ id: `29:1FakeOutboundUser${n}`, name: "Camille Martin", aadObjectId: `00000000-0000-4000-8000-0000000000${String(n).padStart(2, "0")}` });

async function refusalOf(work: Promise<unknown>): Promise<OutboundFailure> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutboundError);
  return (error as OutboundError).failure;
}

describe("the Teams outbound port, through CloudAdapter to a fake Bot Connector", () => {
  const harness = new TeamsHarness();
  const port = () => harness.server.outbound;
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());
  afterEach(() => harness.connector.accept());

  /** Records a conversation the way Teams makes Parcours learn of it: by installing it. */
  async function installed(conversationId: string, from = person(0)): Promise<void> {
    const install = harness.activity("conversation-update-install", { type: "installationUpdate", action: "add", membersAdded: undefined, from, conversation: { conversationType: "personal", tenantId: TENANT, id: conversationId } });
    expect((await harness.post(install)).status).toBe(200);
  }

  /** A person speaking in the channel, where Parcours answers them. */
  async function spokeInChannel(from: ReturnType<typeof person>): Promise<void> {
    expect((await harness.post(harness.activity("channel-message-mention", { from }))).status).toBe(200);
  }

  describe("post", () => {
    it("posts a reply as a new message in a recorded conversation, and answers the id Teams gave it", async () => {
      await installed("a:outbound-post");
      const before = harness.connector.sent.length;

      const posted = await port().post(teams("a:outbound-post"), survey(3));

      const sent = harness.connector.sent.slice(before);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toEqual(expect.objectContaining({ conversationId: "a:outbound-post" }));
      expect(sent[0]!.replyToId).toBeUndefined();
      expect(sent[0]!.activity.from.id).toBe(BOT);
      expect(cardText(sent[0]!.activity)).toContain("3 answers so far");
      expect(posted).toEqual({ platform: "teams", conversationId: "a:outbound-post", messageId: `sent-${before + 1}` });
    });

    it("starts a new thread in a channel, or posts in the thread the address names", async () => {
      await spokeInChannel(person(1));
      const before = harness.connector.sent.length;

      await port().post(teams(CHANNEL), survey(1));
      await port().post(teams(CHANNEL, "1741684841123"), survey(2));

      expect(harness.connector.sent.slice(before).map((s) => [s.conversationId, s.replyToId])).toEqual([
        [CHANNEL, undefined],
        [`${CHANNEL};messageid=1741684841123`, undefined],
      ]);
    });

    it("refuses a conversation nobody recorded, without asking Teams", async () => {
      const attempts = harness.connector.attempts.send;
      expect(await refusalOf(port().post(teams("a:never-seen"), survey(0)))).toEqual({ reason: "conversation-not-found" });
      expect(harness.connector.attempts.send).toBe(attempts);
    });
  });

  it("updates a posted message in place with the reply's card", async () => {
    await installed("a:outbound-update");
    const posted = await port().post(teams("a:outbound-update"), survey(3));

    await port().update(posted, survey(4));

    const updated = harness.connector.updated.at(-1)!;
    expect(updated).toEqual(expect.objectContaining({ conversationId: "a:outbound-update", activityId: posted.messageId }));
    expect(updated.activity.attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardText(updated.activity)).toContain("4 answers so far");
    expect(cardText(updated.activity)).not.toContain("3 answers so far");
  });

  describe("openPrivateConversation", () => {
    it("answers the user's recorded personal chat, creating none", async () => {
      const from = person(2);
      await installed("a:outbound-personal", from);
      const created = harness.connector.created.length;

      expect(await port().openPrivateConversation(from.aadObjectId)).toEqual(teams("a:outbound-personal"));
      expect(harness.connector.created.length).toBe(created);
    });

    it("opens a personal chat with a user seen only in a channel, from there, records it, and opens it once", async () => {
      const from = person(3);
      await spokeInChannel(from);
      const created = harness.connector.created.length;

      const opened = await port().openPrivateConversation(from.aadObjectId);

      const [creation, ...more] = harness.connector.created.slice(created);
      expect(more).toEqual([]);
      expect(creation!.parameters).toEqual(expect.objectContaining({ isGroup: false, bot: expect.objectContaining({ id: BOT }), members: [{ id: from.id, name: "" }], tenantId: TENANT }));
      expect(opened).toEqual(teams(creation!.id));
      const recorded = await harness.parcours.addresses.personal("teams", from.aadObjectId);
      expect(recorded).toEqual(expect.objectContaining({ conversationId: creation!.id, kind: "personal" }));
      expect(recorded!.reference).toEqual(expect.objectContaining({ serviceUrl: harness.connector.url, user: { id: from.id, name: "", aadObjectId: from.aadObjectId } }));
      expect(JSON.stringify(recorded)).not.toContain(from.name);

      expect(await port().openPrivateConversation(from.aadObjectId)).toEqual(opened);
      expect(harness.connector.created.length).toBe(created + 1);
    });

    it("cannot open one with someone Parcours never saw", async () => {
      const created = harness.connector.created.length;
      expect(await refusalOf(port().openPrivateConversation("00000000-0000-4000-8000-00000000dead"))).toEqual({ reason: "user-not-found" });
      expect(harness.connector.created.length).toBe(created);
    });
  });

  describe("listMembers", () => {
    it("lists a channel's team roster page by page, as Entra object ids, bots left out", async () => {
      await spokeInChannel(person(4));
      const people = [1, 2, 3, 4, 5].map((n) => ({ id: `29:1FakeRosterUser${n}`, objectId: `00000000-0000-4000-8000-00000000f00${n}`, userRole: "user" as const }));
      const guest = { id: "29:1FakeAnonymousGuest", userRole: "anonymous" as const };
      harness.connector.rosters.set(TEAM, [...people.slice(0, 3), { id: "28:another-bot" }, ...people.slice(3), guest]);
      harness.connector.maxPageSize = 2;
      const pages = harness.connector.pageTokens.length;
      try {
        expect(await port().listMembers(CHANNEL)).toEqual([...people.map((p) => p.objectId), guest.id]);
      } finally {
        harness.connector.maxPageSize = 500;
      }
      const tokens = harness.connector.pageTokens.slice(pages);
      expect(tokens).toHaveLength(4);
      expect(tokens[0]).toBeNull();
      expect(new Set(tokens.slice(1)).size).toBe(3);
    });

    it("lists a group chat's own members", async () => {
      const chat = harness.activity("group-chat-message");
      expect((await harness.post(chat)).status).toBe(200);
      harness.connector.rosters.set(chat.conversation.id, [{ id: chat.from.id, objectId: chat.from.aadObjectId, userRole: "user" }]);

      expect(await port().listMembers(chat.conversation.id)).toEqual([chat.from.aadObjectId]);
    });
  });

  describe("refusals, as the core's OutboundError", () => {
    let posted: PostedMessage;
    const seen = person(5);
    beforeAll(async () => {
      await installed("a:outbound-refusals");
      posted = await port().post(teams("a:outbound-refusals"), survey(1));
      await spokeInChannel(seen);
      harness.connector.rosters.set(TEAM, [{ id: seen.id, objectId: seen.aadObjectId }]);
    });

    const calls: Record<ConnectorRoute, () => Promise<unknown>> = {
      send: () => port().post(teams("a:outbound-refusals"), survey(2)),
      update: () => port().update(posted, survey(2)),
      create: () => port().openPrivateConversation(seen.aadObjectId),
      members: () => port().listMembers(CHANNEL),
    };

    it.each<[ConnectorRoute, Refusal, OutboundFailure]>([
      ["send", REFUSALS.blockedByUser, { reason: "blocked-by-user" }],
      ["send", REFUSALS.notInRoster, { reason: "app-not-installed" }],
      ["send", REFUSALS.disabledByAdmin, { reason: "app-not-installed" }],
      ["send", REFUSALS.conversationNotFound, { reason: "conversation-not-found" }],
      ["send", REFUSALS.preconditionFailed, { reason: "failed", detail: "412 PreconditionFailed" }],
      ["send", REFUSALS.throttled, { reason: "rate-limited", retryAfterMs: DEFAULT_RETRY_AFTER_MS }],
      ["send", REFUSALS.messageTooBig, { reason: "message-rejected", detail: "413 MessageSizeTooBig" }],
      ["send", REFUSALS.badArgument, { reason: "message-rejected", detail: "400 BadArgument" }],
      ["update", REFUSALS.messageTooBig, { reason: "message-rejected", detail: "413 MessageSizeTooBig" }],
      ["update", REFUSALS.activityNotFound, { reason: "conversation-not-found" }],
      ["create", REFUSALS.notInstalledForUser, { reason: "app-not-installed" }],
      ["members", REFUSALS.throttled, { reason: "rate-limited", retryAfterMs: DEFAULT_RETRY_AFTER_MS }],
    ])("%s answered %o is %o", async (route, refusal, failure) => {
      harness.connector.refuse(route, refusal);
      expect(await refusalOf(calls[route]())).toEqual(failure);
    });

    it.each<[string, Refusal]>([
      ["too large a message", REFUSALS.messageTooBig],
      ["an activity Teams cannot read", REFUSALS.badArgument],
    ])("reports %s as final, after one attempt: sending it again would be refused again", async (_name, refusal) => {
      harness.connector.refuse("send", refusal);
      const attempts = harness.connector.attempts.send;
      const error = await calls.send().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OutboundError);
      expect((error as OutboundError).final).toBe(true);
      expect(harness.connector.attempts.send - attempts).toBe(1);
    });

    it("reports a Teams outage as worth retrying", async () => {
      harness.connector.refuse("send", REFUSALS.preconditionFailed);
      const error = await calls.send().catch((e: unknown) => e);
      expect((error as OutboundError).final).toBe(false);
    });

    it("waits out Retry-After a few times, then reports the wait Teams asked for", async () => {
      harness.connector.refuse("send", { ...REFUSALS.throttled, retryAfter: "1" });
      const attempts = harness.connector.attempts.send;

      expect(await refusalOf(calls.send())).toEqual({ reason: "rate-limited", retryAfterMs: 1000 });
      expect(harness.connector.attempts.send - attempts).toBeGreaterThan(1);
    });
  });
});
