import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reply } from "../../../src/answers/reply.js";
import { messages } from "../../../src/i18n/messages.js";
import { shippedCatalog } from "../../helpers.js";
import { dmChannelOf, type RecordedCall } from "./fake-slack-api.js";
import { seenButtons, seenText } from "./seen-message.js";
import { fixture, mention, nextIds, SlackHarness } from "./slack-harness.js";

/**
 * An app installed before Parcours asked for im:write: conversations.open answers missing_scope.
 * Private replies still reach the user's DM, opened by posting to the user's id (chat:write only).
 */
const en = messages("en");
const entries = (harness: SlackHarness) => harness.logs.chunks.map((line) => JSON.parse(line) as Record<string, any>);

async function exchange(harness: SlackHarness, send: () => Promise<Response>, until = "chat.postMessage"): Promise<RecordedCall[]> {
  const before = harness.fake.calls.length;
  expect((await send()).status).toBe(200);
  await harness.fake.waitFor(until, 1, before);
  await harness.running.settled();
  return harness.fake.calls.slice(before);
}

const posts = (calls: RecordedCall[]) => calls.filter((c) => c.method === "chat.postMessage").map((c) => c.args);

/** A press of a Home tab button, as Slack sends it: no channel, the view as container. */
function fromHome(user: string, actionId: string, value: string): Record<string, any> {
  const payload = fixture("block-actions-home");
  payload.trigger_id = nextIds().trigger;
  payload.user.id = user;
  payload.actions[0] = { ...payload.actions[0], action_id: `${actionId}:0`, ...(value ? { value } : {}) };
  return payload;
}

describe("private replies on an install without im:write", () => {
  const harness = new SlackHarness();
  const ANNE = "U0ANNE001";
  const CAROL = "U0CAROL02";
  beforeAll(async () => {
    harness.fake.withheldScopes.add("im:write");
    await harness.start();
  });
  afterAll(() => harness.stop());

  it("moves a self-assessment asked in a channel to the user's DM, opened by posting to the user, and records the DM", async () => {
    const role = (await shippedCatalog()).get("learning-architect");
    const asked = mention("assess me against learning architect", { user: ANNE });
    const calls = await exchange(harness, () => harness.sendEvent(asked));

    expect(calls.filter((c) => c.method === "conversations.open").map((c) => c.args.users)).toEqual([ANNE]);
    const [question, notice, ...more] = posts(calls);
    expect(more).toEqual([]);
    // Slack answers the post to a user's id with their DM's id, where the question now is.
    expect(question!.channel).toBe(ANNE);
    expect(seenText(question!)).toContain(`1/${role.skills.length} · ${role.skills[0]!.name.en}`);
    expect([...harness.fake.messages.keys()].filter((key) => key.startsWith(`${dmChannelOf(ANNE)} `))).toHaveLength(1);
    expect(notice).toEqual(expect.objectContaining({ channel: asked.event.channel, thread_ts: asked.event.ts, text: en.assessment.movedToPrivate }));
    expect(seenButtons(notice!)).toEqual([]);
    expect(await harness.parcours.addresses.personal("slack", ANNE)).toEqual(expect.objectContaining({ conversationId: dmChannelOf(ANNE), kind: "personal" }));
  });

  it("answers the Home tab's buttons in the DM, uploads the chart to the DM's id, and records it for the user's erasure", async () => {
    const role = (await shippedCatalog()).get("learning-architect");
    const { bot } = harness.parcours;
    const carol = { platform: "slack", userId: CAROL, conversationId: `dm:${CAROL}` };
    for (const text of ["assess me against learning architect", ...role.skills.map(() => "3")]) await bot.handleMessage({ ...carol, text });

    const calls = await exchange(harness, () => harness.sendInteraction(fromHome(CAROL, "assessment.result", role.id)), "files.completeUploadExternal");
    const [result, ...more] = posts(calls);
    expect(more).toEqual([]);
    expect(result!.channel).toBe(CAROL);
    expect(seenText(result!)).toContain(en.assessment.resultTitle(role.names.en));
    const completed = calls.find((c) => c.method === "files.completeUploadExternal")!;
    expect(completed.args.channel_id).toBe(dmChannelOf(CAROL));
    const file = completed.args.files[0].id as string;
    expect(await harness.parcours.addresses.personal("slack", CAROL)).toEqual(expect.objectContaining({ conversationId: dmChannelOf(CAROL) }));

    await harness.parcours.erasure.erase({ platform: "slack", userId: CAROL });
    expect(harness.fake.files.get(file)!.deleted).toBe(true);
  });

  it("asks conversations.open once, and warns once, naming the scope and no user", async () => {
    expect(harness.fake.callsTo("conversations.open")).toHaveLength(1);
    const warnings = entries(harness).filter((entry) => entry.level === 40 && entry.scope !== undefined);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toEqual(expect.objectContaining({ scope: "im:write", slackError: "missing_scope" }));
    expect(warnings[0]!.msg).toContain("im:write");
    for (const user of [ANNE, CAROL, dmChannelOf(ANNE), dmChannelOf(CAROL)]) expect(JSON.stringify(warnings[0])).not.toContain(user);
  });
});

describe("private replies with a token conversations.open does not take", () => {
  const harness = new SlackHarness();
  beforeAll(() => harness.start().then(() => undefined));
  afterAll(() => harness.stop());

  it("posts to the user's id instead, and the DM Slack answers is where the rest goes", async () => {
    const BEN = "U0BEN0001";
    harness.fake.refuse("conversations.open", "not_allowed_token_type");
    const port = harness.running.outbound;

    const opened = await port.openPrivateConversation(BEN);
    expect(opened).toEqual({ platform: "slack", conversationId: BEN });
    const posted = await port.post(opened, reply([{ type: "text", text: "Your survey" }], { private: true }));

    expect(posted).toEqual(expect.objectContaining({ platform: "slack", conversationId: dmChannelOf(BEN) }));
    // A survey card's count is updated in place: chat.update takes the DM's id, never a user's.
    await port.update(posted, reply([{ type: "text", text: "Your survey, answered" }]));
    expect(harness.fake.messages.get(`${dmChannelOf(BEN)} ${posted.messageId}`)!.text).toContain("answered");
    expect(await port.openPrivateConversation(BEN)).toEqual({ platform: "slack", conversationId: dmChannelOf(BEN) });
    expect(await harness.parcours.addresses.personal("slack", BEN)).toEqual(expect.objectContaining({ conversationId: dmChannelOf(BEN) }));
    const warning = entries(harness).find((entry) => entry.slackError === "not_allowed_token_type");
    expect(warning).toEqual(expect.objectContaining({ level: 40, scope: "im:write" }));
    expect(JSON.stringify(warning)).not.toContain(BEN);
  });
});
