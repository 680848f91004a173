import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reply, type Block } from "../../../src/answers/reply.js";
import { OutboundError, type OutboundFailure } from "../../../src/outbound/outbound.js";
import { blockKitProblems } from "./block-kit-limits.js";
import { dmChannelOf, FAKE_BOT_USER } from "./fake-slack-api.js";
import { seenText } from "./seen-message.js";
import { SlackHarness } from "./slack-harness.js";
import { refusalOf } from "../outbound-failure.js";

const failureOf = async (attempt: Promise<unknown>) => (await refusalOf(attempt)).failure;

/**
 * The outbound port the core gets from the Slack adapter (RunningSlack.outbound), on the Web API
 * client it is built with, against the fake Slack API.
 */
const harness = new SlackHarness();
beforeAll(() => harness.start().then(() => undefined));
afterAll(() => harness.stop());

const port = () => harness.running.outbound;
const since = () => harness.fake.calls.length;
const paragraphs = (n: number): Block[] => Array.from({ length: n }, (_, i) => ({ type: "text", text: `paragraph ${i}` }));
const chart: Block = { type: "chart", title: "Learning Architect", series: [{ label: "Design", value: 3, target: 4 }], max: 5 };

describe("the Slack outbound port", () => {
  it("opens a user's DM with conversations.open, records it as their personal conversation, and opens it once", async () => {
    const before = since();
    const opened = await port().openPrivateConversation("U0OPEN001");
    expect(opened).toEqual({ platform: "slack", conversationId: dmChannelOf("U0OPEN001") });
    expect(harness.fake.callsTo("conversations.open", before).map((c) => c.args.users)).toEqual(["U0OPEN001"]);
    expect(await harness.parcours.addresses.personal("slack", "U0OPEN001")).toEqual(expect.objectContaining({ conversationId: dmChannelOf("U0OPEN001"), kind: "personal", userId: "U0OPEN001" }));
    expect(await port().openPrivateConversation("U0OPEN001")).toEqual(opened);
    expect(harness.fake.callsTo("conversations.open", before)).toHaveLength(1);
  });

  it("posts a long reply as several messages in order, in the thread, and answers the first message's ts", async () => {
    const before = since();
    const posted = await port().post({ platform: "slack", conversationId: "C0GENERAL", threadId: "1718000100.000200" }, reply(paragraphs(80)));
    const posts = harness.fake.callsTo("chat.postMessage", before);
    expect(posts.map((c) => c.args.blocks.length)).toEqual([50, 30]);
    expect(posts.map((c) => c.args.thread_ts)).toEqual(["1718000100.000200", "1718000100.000200"]);
    expect(seenText(posts[0]!.args)).toContain("paragraph 0");
    expect(seenText(posts[1]!.args)).toContain("paragraph 79");
    expect(posted).toEqual(expect.objectContaining({ platform: "slack", conversationId: "C0GENERAL", threadId: "1718000100.000200" }));
    // The message id names the first of the two messages.
    expect(harness.fake.messages.get(`C0GENERAL ${posted.messageId}`)!.blocks[0].text.text).toBe("paragraph 0");
  });

  it("uploads a reply's chart into the DM after its text, and records the file for the DM's user", async () => {
    const dm = await port().openPrivateConversation("U0CHART01");
    const before = since();
    await port().post(dm, reply([{ type: "text", text: "Your result" }, chart], { private: true }));
    expect(harness.fake.calls.slice(before).map((c) => c.method)).toEqual(["chat.postMessage", "files.getUploadURLExternal", "upload", "files.completeUploadExternal"]);
    const [completed] = harness.fake.callsTo("files.completeUploadExternal", before);
    expect(completed!.args.channel_id).toBe(dmChannelOf("U0CHART01"));
    expect(await harness.parcours.state.get("slack:dm-files:U0CHART01")).toEqual([completed!.args.files[0].id]);
  });

  it("still answers the post when the chart's upload fails: the text shows the scores", async () => {
    const dm = await port().openPrivateConversation("U0CHART02");
    harness.fake.refuse("files.getUploadURLExternal", "internal_error");
    const posted = await port().post(dm, reply([{ type: "text", text: "Your result" }, chart], { private: true }));
    expect(posted.messageId).toMatch(/^\d+\.\d+$/);
    expect(harness.logs.text).toContain("slack chart upload failed");
  });

  it("updates a posted message in place with chat.update, within Block Kit's limits", async () => {
    const to = { platform: "slack", conversationId: "C0SURVEY1" };
    const posted = await port().post(to, reply([{ type: "text", text: "3 answers so far" }]));
    const before = since();
    await port().update(posted, reply(paragraphs(70)));
    const [update, ...more] = harness.fake.callsTo("chat.update", before);
    expect(more).toEqual([]);
    expect(update!.args).toEqual(expect.objectContaining({ channel: "C0SURVEY1", ts: posted.messageId }));
    expect(blockKitProblems(update!.args.blocks)).toEqual([]);
    expect(harness.fake.messages.get(`C0SURVEY1 ${posted.messageId}`)!.blocks[0].text.text).toBe("paragraph 0");
  });

  it("lists a channel's members page by page, leaving out the app itself and Slackbot", async () => {
    const people = Array.from({ length: 447 }, (_, i) => `U0M${String(i).padStart(6, "0")}`);
    harness.fake.members.set("C0MANY001", [...people.slice(0, 100), FAKE_BOT_USER, ...people.slice(100, 300), "USLACKBOT", ...people.slice(300)]);
    const before = since();
    expect(await port().listMembers("C0MANY001")).toEqual(people);
    const pages = harness.fake.callsTo("conversations.members", before);
    expect(pages).toHaveLength(3);
    expect(pages[0]!.args.cursor).toBeUndefined();
    expect(pages.slice(1).every((c) => typeof c.args.cursor === "string" && c.args.cursor.length > 0)).toBe(true);
  });

  it("hands back a rate limit with the wait Slack asked for, after one call, instead of sleeping on it", async () => {
    harness.fake.rateLimit("chat.postMessage", 7);
    const before = since();
    expect(await failureOf(port().post({ platform: "slack", conversationId: "C0GENERAL" }, reply(paragraphs(1))))).toEqual({ reason: "rate-limited", retryAfterMs: 7000 });
    expect(harness.fake.callsTo("chat.postMessage", before)).toHaveLength(1);
  });

  it.each<[string, string, OutboundFailure]>([
    ["chat.postMessage", "channel_not_found", { reason: "conversation-not-found" }],
    ["chat.postMessage", "is_archived", { reason: "channel-archived" }],
    ["chat.postMessage", "not_in_channel", { reason: "not-in-channel" }],
    ["chat.postMessage", "messages_tab_disabled", { reason: "blocked-by-user" }],
    ["chat.postMessage", "account_inactive", { reason: "app-not-installed" }],
    ["chat.postMessage", "invalid_auth", { reason: "app-not-installed" }],
    ["chat.postMessage", "not_authed", { reason: "app-not-installed" }],
    ["chat.postMessage", "missing_scope", { reason: "app-not-installed" }],
    ["chat.postMessage", "token_revoked", { reason: "app-not-installed" }],
    ["chat.postMessage", "restricted_action", { reason: "message-rejected", detail: "restricted_action" }],
    ["chat.postMessage", "msg_too_long", { reason: "message-rejected", detail: "msg_too_long" }],
    ["chat.postMessage", "invalid_blocks", { reason: "message-rejected", detail: "invalid_blocks" }],
    ["chat.postMessage", "no_text", { reason: "message-rejected", detail: "no_text" }],
    ["chat.postMessage", "too_many_attachments", { reason: "message-rejected", detail: "too_many_attachments" }],
    ["chat.postMessage", "internal_error", { reason: "failed", detail: "internal_error" }],
    ["chat.update", "msg_too_long", { reason: "message-rejected", detail: "msg_too_long" }],
    ["conversations.open", "user_not_found", { reason: "user-not-found" }],
    ["conversations.open", "user_disabled", { reason: "user-not-found" }],
    ["conversations.open", "cannot_dm_bot", { reason: "user-not-found" }],
    ["conversations.members", "channel_not_found", { reason: "conversation-not-found" }],
    ["chat.update", "message_not_found", { reason: "conversation-not-found" }],
  ])("maps %s's %s to %j", async (method, error, failure) => {
    harness.fake.refuse(method, error);
    const attempts: Record<string, () => Promise<unknown>> = {
      "chat.postMessage": () => port().post({ platform: "slack", conversationId: "C0GENERAL" }, reply(paragraphs(1))),
      "conversations.open": () => port().openPrivateConversation(`U0REFUSE${error.length}`),
      "conversations.members": () => port().listMembers("C0GENERAL"),
      "chat.update": () => port().update({ platform: "slack", conversationId: "C0GENERAL", messageId: "1.000" }, reply(paragraphs(1))),
    };
    expect(await failureOf(attempts[method]!())).toEqual(failure);
  });

  it.each(["msg_too_long", "invalid_blocks", "restricted_action", "no_text", "too_many_attachments"])("reports %s as final: the same message would be refused again", async (error) => {
    harness.fake.refuse("chat.postMessage", error);
    const refused = await port().post({ platform: "slack", conversationId: "C0GENERAL" }, reply(paragraphs(1))).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OutboundError);
    expect((refused as OutboundError).final).toBe(true);
  });

  it("reports a Slack outage as worth retrying", async () => {
    harness.fake.refuse("chat.postMessage", "internal_error");
    const refused = await port().post({ platform: "slack", conversationId: "C0GENERAL" }, reply(paragraphs(1))).catch((e: unknown) => e);
    expect((refused as OutboundError).final).toBe(false);
  });

  it("refuses a DM with a bot as final for that recipient, as Slack does", async () => {
    harness.fake.bots.add("U0OTHERBOT");
    const error = await port().openPrivateConversation("U0OTHERBOT").catch((e: unknown) => e);
    expect((error as OutboundError).failure).toEqual({ reason: "user-not-found" });
    expect((error as OutboundError).final).toBe(true);
  });
});
