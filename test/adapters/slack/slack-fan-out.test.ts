import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KnownConversations } from "../../../adapters/slack/known-conversations.js";
import { SlackFanOut } from "../../../adapters/slack/slack-fan-out.js";
import { slackCall } from "../../../adapters/slack/slack-failure.js";
import { reply, type Block } from "../../../src/answers/reply.js";
import { createLogger } from "../../../src/logging/logger.js";
import { OutboundError, type FanOutPort, type OutboundFailure } from "../../../src/outbound/outbound.js";
import { Capture } from "../../helpers.js";
import { dmChannelOf, FAKE_BOT_USER } from "./fake-slack-api.js";
import type { FakeUser } from "./fake-workspace.js";
import { BOT_TOKEN, directMessage, SlackHarness } from "./slack-harness.js";
import { refusalOf } from "../outbound-failure.js";

const failureOf = async (attempt: Promise<unknown>) => (await refusalOf(attempt)).failure;

/**
 * The fan-out the Slack adapter offers announcements, on the core's own port (RunningSlack.outbound)
 * and its own Web API client, against the fake Slack API. The port gives up on a call after half a
 * second here, so that a lost answer is seen quickly.
 */
const harness = new SlackHarness();
const since = () => harness.fake.calls.length;
const port = () => harness.running.outbound;
const paragraphs = (n: number): Block[] => Array.from({ length: n }, (_, i) => ({ type: "text", text: `paragraph ${i}` }));
const announcement = reply(paragraphs(1));
/** Clients made here keep the failures they are shown out of the test's output. */
const quiet = { logLevel: webApi.LogLevel.ERROR };

function fanOut(): FanOutPort {
  expect(port().fanOut).toBeDefined();
  return port().fanOut!;
}

/** 430 people, then a bot, a deactivated account, an app user and two guests among them. */
const people: FakeUser[] = Array.from({ length: 430 }, (_, i) => ({ id: `U0P${String(i).padStart(6, "0")}` }));
const others: FakeUser[] = [
  { id: "U0OTHERBOT", is_bot: true },
  { id: "U0GONE001", deleted: true },
  { id: "U0APPUSER", is_app_user: true },
  { id: "U0GUEST01", is_restricted: true },
  { id: "U0GUEST02", is_restricted: true, is_ultra_restricted: true },
];
const SLACK_LOCALES = ["fr-FR", "en-GB", "de-DE", "en-US"];
const slackLocaleOf = (i: number) => SLACK_LOCALES[i % SLACK_LOCALES.length]!;
const parcoursLocaleOf = (i: number) => ({ "fr-FR": "fr", "en-GB": "en", "de-DE": undefined, "en-US": "en" })[slackLocaleOf(i)];

beforeAll(async () => {
  await harness.start({ coreCallTimeoutMs: 500 });
  const { workspace, locales } = harness.fake;
  workspace.addUsers(...people.slice(0, 250), ...others, ...people.slice(250));
  people.forEach((person, i) => locales.set(person.id, slackLocaleOf(i)));
  locales.set("U0GUEST01", "fr-CA");
  locales.set("U0GONE001", "fr-FR");
});
afterAll(() => harness.stop());

describe("the Slack fan-out's audiences", () => {
  it("offers the fan-out on the core's port only, at the configured pace and a message a second per conversation", () => {
    expect(fanOut().pace).toEqual({ perSecond: 10, perConversationPerSecond: 1 });
  });

  it("lists everyone in the workspace page by page, with their language, leaving out bots, deactivated accounts, app users and Slackbot", async () => {
    const before = since();
    const everyone = await fanOut().everyone();
    const expected = people.map((person, i) => ({ userId: person.id, ...(parcoursLocaleOf(i) ? { locale: parcoursLocaleOf(i) } : {}) }));
    // The guests, listed where the workspace lists them; U0GUEST01's fr-CA is French, U0GUEST02 is en-US.
    expected.splice(250, 0, { userId: "U0GUEST01", locale: "fr" }, { userId: "U0GUEST02", locale: "en" });
    expect(everyone).toEqual(expected);
    expect(everyone.map((r) => r.userId)).not.toContain(FAKE_BOT_USER);
    expect(everyone.map((r) => r.userId)).not.toContain("USLACKBOT");
    // 2 + 435 listed: three pages of 200.
    const pages = harness.fake.callsTo("users.list", before);
    expect(pages.map((c) => [c.args.limit, c.args.include_locale])).toEqual(Array(3).fill(["200", "true"]));
    expect(pages[0]!.args.cursor).toBeUndefined();
    expect(pages.slice(1).every((c) => typeof c.args.cursor === "string" && c.args.cursor.length > 0)).toBe(true);
  });

  it("answers languages from that same listing: no users.info call per person, no second listing", async () => {
    const before = since();
    const asked = [...people.map((p) => p.id), "U0GUEST01", "U0GONE001", "U0NOBODY1"];
    const locales = await fanOut().locales(asked);
    expect(locales.get(people[0]!.id)).toBe("fr");
    expect(locales.get(people[1]!.id)).toBe("en");
    expect(locales.has(people[2]!.id)).toBe(false);
    expect(locales.get("U0GUEST01")).toBe("fr");
    expect(locales.has("U0GONE001")).toBe(false);
    expect(locales.has("U0NOBODY1")).toBe(false);
    expect(locales.size).toBe(people.filter((_, i) => parcoursLocaleOf(i)).length + 1);
    expect(harness.fake.callsTo("users.list", before)).toEqual([]);
    expect(harness.fake.callsTo("users.info", before)).toEqual([]);
  });

  describe("listing the workspace afresh", () => {
    const client = () => new webApi.WebClient(BOT_TOKEN, { ...quiet, slackApiUrl: harness.fake.apiUrl, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });
    const freshFanOut = (now: () => number) =>
      new SlackFanOut({
        client: client(),
        pace: { perSecond: 10, perConversationPerSecond: 1 },
        conversations: new KnownConversations(harness.parcours.addresses, createLogger("silent", new Capture())),
        privateConversation: () => Promise.reject(new Error("not used")),
        now,
      });

    it("makes one call a page however many people are asked, shared by callers at once, and lists again after a few minutes", async () => {
      let now = 0;
      const fresh = freshFanOut(() => now);
      const before = since();
      const [locales, everyone] = await Promise.all([fresh.locales(people.map((p) => p.id)), fresh.everyone(), fresh.locales(["U0GUEST01"])]);
      expect(locales.size).toBeGreaterThan(300);
      expect(everyone).toHaveLength(432);
      expect(harness.fake.callsTo("users.list", before)).toHaveLength(3);
      now += 60_000;
      await fresh.locales(["U0GUEST02"]);
      expect(harness.fake.callsTo("users.list", before)).toHaveLength(3);
      now += 5 * 60_000;
      await fresh.locales(["U0GUEST02"]);
      expect(harness.fake.callsTo("users.list", before)).toHaveLength(6);
    });

    it("asks a rate-limited page again after Slack's wait instead of failing the whole listing", async () => {
      const fresh = freshFanOut(Date.now);
      harness.fake.rateLimit("users.list", 1);
      const before = since();
      expect(await fresh.everyone()).toHaveLength(432);
      const pages = harness.fake.callsTo("users.list", before);
      expect(pages).toHaveLength(4);
      expect(pages[1]!.args).toEqual(pages[0]!.args);
    });

    it("gives up on a listing whose page stays rate-limited, and starts it over on the next call", async () => {
      const fresh = freshFanOut(Date.now);
      harness.fake.rateLimit("users.list", 120);
      expect(await failureOf(fresh.everyone())).toEqual({ reason: "rate-limited", retryAfterMs: 120_000 });
      expect(await fresh.everyone()).toHaveLength(432);
    });
  });

  it("lists a user group's members", async () => {
    harness.fake.workspace.userGroups.set("S0LDSTAFF", ["U0P000001", "U0GUEST01"]);
    expect(await fanOut().userGroup("S0LDSTAFF")).toEqual(["U0P000001", "U0GUEST01"]);
    expect(harness.fake.callsTo("usergroups.users.list").at(-1)!.args).toEqual({ usergroup: "S0LDSTAFF" });
  });

  it("reports a user group that does not exist as a conversation not found, and a missing usergroups:read as the app's install", async () => {
    expect(await failureOf(fanOut().userGroup("S0NOSUCH1"))).toEqual({ reason: "conversation-not-found" });
    harness.fake.withheldScopes.add("usergroups:read");
    try {
      expect(await failureOf(fanOut().userGroup("S0LDSTAFF"))).toEqual({ reason: "app-not-installed" });
    } finally {
      harness.fake.withheldScopes.delete("usergroups:read");
    }
  });

  it("finds a channel by its name as people type it, across pages, once for several lookups; an id is taken as it is", async () => {
    const { workspace } = harness.fake;
    workspace.addChannels(...Array.from({ length: 250 }, (_, i) => ({ id: `C0CH${String(i).padStart(5, "0")}`, name: `channel-${i}` })));
    workspace.addChannels({ id: "C0LEARNCL", name: "learning-club" }, { id: "G0LDTEAM1", name: "ld-team", is_private: true }, { id: "C0OLDCLUB", name: "old-club", is_archived: true });
    const before = since();
    expect(await fanOut().channelId("learning-club")).toBe("C0LEARNCL");
    expect(await fanOut().channelId("#learning-club")).toBe("C0LEARNCL");
    expect(await fanOut().channelId("ld-team")).toBe("G0LDTEAM1");
    expect(await fanOut().channelId("channel-249")).toBe("C0CH00249");
    expect(await fanOut().channelId("old-club")).toBeUndefined();
    expect(await fanOut().channelId("no-such-channel")).toBeUndefined();
    const pages = harness.fake.callsTo("conversations.list", before);
    expect(pages).toHaveLength(2);
    expect(pages[0]!.args).toEqual(expect.objectContaining({ types: "public_channel,private_channel", exclude_archived: "true", limit: "200" }));
    const afterNames = since();
    expect(await fanOut().channelId("C0ANYTHING")).toBe("C0ANYTHING");
    expect(await fanOut().channelId("G0PRIVATE1")).toBe("G0PRIVATE1");
    expect(harness.fake.calls.slice(afterNames)).toEqual([]);
  });
});

describe("once-only delivery on Slack", () => {
  it("sends the delivery key as message metadata on the first message of a reply, and none without one", async () => {
    const before = since();
    await port().post({ platform: "slack", conversationId: "C0ANNOUNC" }, reply(paragraphs(80)), { deliveryKey: "ann-1:C0ANNOUNC" });
    await port().post({ platform: "slack", conversationId: "C0ANNOUNC" }, announcement);
    const posts = harness.fake.callsTo("chat.postMessage", before);
    expect(posts.map((c) => c.args.metadata)).toEqual([{ event_type: "parcours_announcement", event_payload: { delivery: "ann-1:C0ANNOUNC" } }, undefined, undefined]);
  });

  it("finds a message posted to a user by its delivery key in their DM, which the post recorded, and nothing for another key", async () => {
    const before = since();
    const to = await fanOut().privateAddress!("U0READER1");
    expect(to).toEqual({ platform: "slack", conversationId: "U0READER1" });
    const posted = await port().post(to, announcement, { deliveryKey: "ann-2:U0READER1" });
    await port().post(to, announcement, { deliveryKey: "ann-3:U0READER1" });
    expect(await fanOut().findPosted!(to, "ann-2:U0READER1")).toEqual({ platform: "slack", conversationId: dmChannelOf("U0READER1"), messageId: posted.messageId });
    expect(await fanOut().findPosted!(to, "ann-4:U0READER1")).toBeNull();
    const looks = harness.fake.callsTo("conversations.history", before);
    expect(looks.map((c) => c.args)).toEqual(Array(2).fill({ channel: dmChannelOf("U0READER1"), limit: "100", include_all_metadata: "true" }));
    // Neither the address nor the look opened the DM with conversations.open: the first post did.
    expect(harness.fake.callsTo("conversations.open", before)).toEqual([]);
  });

  it("finds a message posted in a channel, with later messages after it", async () => {
    const to = { platform: "slack", conversationId: "C0ANNOUNC" };
    const posted = await port().post(to, announcement, { deliveryKey: "ann-5:C0ANNOUNC" });
    await port().post(to, announcement);
    expect(await fanOut().findPosted!(to, "ann-5:C0ANNOUNC")).toEqual({ platform: "slack", conversationId: "C0ANNOUNC", messageId: posted.messageId });
  });

  it("after a restart, looks in the DM the address book recorded, without conversations.open", async () => {
    const to = { platform: "slack", conversationId: "U0READER2" };
    const posted = await port().post(to, announcement, { deliveryKey: "ann-6:U0READER2" });
    const restarted = new SlackFanOut({
      client: new webApi.WebClient(BOT_TOKEN, { ...quiet, slackApiUrl: harness.fake.apiUrl }),
      pace: fanOut().pace,
      conversations: new KnownConversations(harness.parcours.addresses, createLogger("silent", new Capture())),
      privateConversation: () => Promise.reject(new Error("conversations.open should not be needed")),
    });
    expect(await restarted.findPosted(to, "ann-6:U0READER2")).toEqual(expect.objectContaining({ conversationId: dmChannelOf("U0READER2"), messageId: posted.messageId }));
  });

  it.each(["hang", "cut"] as const)("reports a post whose answer was lost (%s) as uncertain, after one attempt, and then finds it", async (how) => {
    const user = `U0LOST${how.toUpperCase()}`;
    const to = { platform: "slack", conversationId: user };
    harness.fake.loseAnswer("chat.postMessage", how);
    const before = since();
    const failure = await failureOf(port().post(to, announcement, { deliveryKey: `ann-7:${user}` }));
    expect(failure).toEqual(expect.objectContaining({ reason: "failed", uncertain: true }));
    expect(harness.fake.callsTo("chat.postMessage", before)).toHaveLength(1);
    // The answer naming the DM was lost, so nothing recorded it: conversations.open finds it.
    const found = await fanOut().findPosted!(to, `ann-7:${user}`);
    expect(harness.fake.callsTo("conversations.open", before).map((c) => c.args.users)).toEqual([user]);
    expect(found).toEqual({ platform: "slack", conversationId: dmChannelOf(user), messageId: expect.any(String) });
    expect(harness.fake.messages.get(`${dmChannelOf(user)} ${found!.messageId}`)!.metadata).toEqual({ event_type: "parcours_announcement", event_payload: { delivery: `ann-7:${user}` } });
  });

  it("finds nothing in the DM of a user the app never wrote to", async () => {
    expect(await fanOut().findPosted!({ platform: "slack", conversationId: "U0NEWCOMER" }, "ann-8:U0NEWCOMER")).toBeNull();
  });
});

describe("the fan-out's failures", () => {
  const post = (conversationId = "C0FAILING") => port().post({ platform: "slack", conversationId }, announcement, { deliveryKey: `k:${conversationId}` });

  it.each<[string, OutboundFailure]>([
    ["is_archived", { reason: "channel-archived" }],
    ["channel_archived", { reason: "channel-archived" }],
    ["not_in_channel", { reason: "not-in-channel" }],
    ["channel_not_found", { reason: "conversation-not-found" }],
    ["user_not_found", { reason: "user-not-found" }],
    ["cannot_dm_bot", { reason: "user-not-found" }],
    ["account_inactive", { reason: "app-not-installed" }],
    ["invalid_auth", { reason: "app-not-installed" }],
    ["not_authed", { reason: "app-not-installed" }],
    ["token_revoked", { reason: "app-not-installed" }],
    ["fatal_error", { reason: "failed", detail: "fatal_error", uncertain: true }],
  ])("maps chat.postMessage's %s to %j", async (error, failure) => {
    harness.fake.refuse("chat.postMessage", error);
    expect(await failureOf(post())).toEqual(failure);
  });

  it("refuses every post in a conversation with its own final error, and only there", async () => {
    harness.fake.refusedChannels.set("C0ARCHIVD", "is_archived");
    harness.fake.refusedChannels.set("U0LEFTCO1", "user_not_found");
    expect(await failureOf(post("C0ARCHIVD"))).toEqual({ reason: "channel-archived" });
    expect(await failureOf(post("C0ARCHIVD"))).toEqual({ reason: "channel-archived" });
    expect(await failureOf(post("U0LEFTCO1"))).toEqual({ reason: "user-not-found" });
    expect((await post("C0STILLOK")).conversationId).toBe("C0STILLOK");
  });

  it("hands back a 429 at once with the wait Slack asked for", async () => {
    harness.fake.rateLimit("chat.postMessage", 7);
    expect(await failureOf(post())).toEqual({ reason: "rate-limited", retryAfterMs: 7000 });
  });

  it.each<[number, OutboundFailure]>([
    [500, { reason: "failed", detail: "http 500" }],
    [503, { reason: "failed", detail: "http 503" }],
    [504, { reason: "failed", detail: "http 504", uncertain: true }],
  ])("reports an HTTP %i as worth retrying, after one attempt: the core's retries decide", async (status, failure) => {
    harness.fake.failWithStatus("chat.postMessage", status);
    const before = since();
    const error = await post().catch((e: unknown) => e);
    expect((error as OutboundError).failure).toEqual(failure);
    expect((error as OutboundError).final).toBe(false);
    expect(harness.fake.callsTo("chat.postMessage", before)).toHaveLength(1);
  });

  it("reports a call that never reached Slack (connection refused) as failed, and not uncertain", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port: closedPort } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const client = new webApi.WebClient(BOT_TOKEN, { ...quiet, slackApiUrl: `http://127.0.0.1:${closedPort}/api/`, retryConfig: { retries: 0 } });
    expect(await failureOf(slackCall(() => client.chat.postMessage({ channel: "C0FAILING", text: "hello" })))).toEqual({ reason: "failed", detail: "ECONNREFUSED" });
  });

  it("meets the fake's posting limits: about one message a second in a channel, and the workspace's rate", async () => {
    const limits = harness.fake.enforcePostingLimits({ perSecond: 100, perChannelPerSecond: 1, channelBurst: 2 });
    try {
      await post("C0BUSY001");
      await post("C0BUSY001");
      expect(await failureOf(post("C0BUSY001"))).toEqual({ reason: "rate-limited", retryAfterMs: 1000 });
      await post("C0QUIET01");
      harness.fake.enforcePostingLimits({ perSecond: 3, perChannelPerSecond: 1, channelBurst: 2 });
      for (const channel of ["C0WIDE001", "C0WIDE002", "C0WIDE003"]) await post(channel);
      expect(await failureOf(post("C0WIDE004"))).toEqual({ reason: "rate-limited", retryAfterMs: 1000 });
      expect(limits.refused).toBe(1);
    } finally {
      harness.fake.postingLimits = undefined;
    }
  });
});

describe("the fan-out and the answers to people", () => {
  it("never pauses the answers: a 429 on the core's client comes back at once, and a question asked meanwhile is answered", async () => {
    harness.fake.rateLimit("chat.postMessage", 30);
    expect(await failureOf(port().post({ platform: "slack", conversationId: "C0FANOUT1" }, announcement))).toEqual({ reason: "rate-limited", retryAfterMs: 30_000 });
    const before = since();
    await harness.sendEvent(directMessage("list the roles"));
    const [answer] = await harness.fake.waitFor("chat.postMessage", 1, before);
    // Posted: the fake keeps the messages it accepted.
    expect([...harness.fake.messages.values()].some((message) => message.text === answer!.args.text)).toBe(true);
  });

  it("is not held up while Bolt's client waits out a 429 on an answer: the two clients have their own queues", async () => {
    harness.fake.rateLimit("chat.postMessage", 3);
    const before = since();
    // Its request is answered once the answer is posted, after the wait.
    const event = harness.sendEvent(directMessage("list the roles"));
    await harness.fake.waitFor("chat.postMessage", 1, before);
    // Bolt's client now holds its queue for 3 seconds; the core's port posts all the same.
    const posted = await port().post({ platform: "slack", conversationId: "C0FANOUT2" }, announcement);
    expect(posted.conversationId).toBe("C0FANOUT2");
    expect(harness.fake.callsTo("chat.postMessage", before).map((c) => c.args.channel)).toEqual([expect.stringMatching(/^D/), "C0FANOUT2"]);
    // The answer is sent once Slack's wait is over.
    const posts = await harness.fake.waitFor("chat.postMessage", 3, before, 8000);
    expect(posts[2]!.args.channel).toBe(posts[0]!.args.channel);
    expect((await event).status).toBe(200);
  });
});
