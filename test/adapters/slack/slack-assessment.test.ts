import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Block } from "../../../src/answers/reply.js";
import { radarPng } from "../../../src/assessment/radar-chart.js";
import type { RoleCatalog } from "../../../src/catalog/role-catalog.js";
import type { Role } from "../../../src/catalog/schema.js";
import { messages } from "../../../src/i18n/messages.js";
import { shippedCatalog } from "../../helpers.js";
import { blockKitProblems } from "./block-kit-limits.js";
import { dmChannelOf, type RecordedCall } from "./fake-slack-api.js";
import { seenButtons, seenText } from "./seen-message.js";
import { buttonPress, directMessage, fixture, mention, nextIds, SlackHarness } from "./slack-harness.js";

const BOB = "U0BOB0001";
const BOB_DM = dmChannelOf(BOB);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const en = messages("en");

const harness = new SlackHarness();
beforeAll(() => harness.start().then(() => undefined));
afterAll(() => harness.stop());

/** Sends one request, waits for its answer (and an upload when one is expected), and returns the calls it caused. */
async function exchange(send: () => Promise<Response>, until = "chat.postMessage"): Promise<RecordedCall[]> {
  const before = harness.fake.calls.length;
  expect((await send()).status).toBe(200);
  await harness.fake.waitFor(until, 1, before);
  await harness.running.settled();
  return harness.fake.calls.slice(before);
}

const posts = (calls: RecordedCall[]) => calls.filter((c) => c.method === "chat.postMessage").map((c) => c.args);
const inChannels = (calls: RecordedCall[]) => posts(calls).filter((args) => String(args.channel).startsWith("C"));
const toUser = (calls: RecordedCall[], user: string) => posts(calls).filter((args) => args.channel === user || args.channel === dmChannelOf(user));

/** Everything that would tell another channel member how Bob rated himself, or what he was asked. */
function privateWords(catalog: RoleCatalog, role: Role): string[] {
  return [...catalog.scale.levels.map((l) => l.descriptor.en), ...role.skills.flatMap((s) => [s.name.en, s.covers.en])];
}

/** Bob's answers, one a skill: pressed on even skills, typed in the DM on odd ones. */
const LEVELS = [3, 4, 2, 5, 1, 3, 4, 2];
const TYPED: Record<number, string> = { 1: "beginner", 2: "2", 3: "three", 4: "4", 5: "expert" };

describe("a self-assessment in Slack", () => {
  it("moves from a channel mention to the DM, takes pressed and typed answers, uploads the radar, and shows the result in Home", async () => {
    const catalog = await shippedCatalog();
    const role = catalog.get("learning-architect");
    const levels = LEVELS.slice(0, role.skills.length);
    const secrets = privateWords(catalog, role);
    const all: RecordedCall[] = [];

    // Started by a mention: the first question goes to Bob's DM (conversations.open finds it), the thread gets the notice.
    const asked = mention("assess me against learning architect", { user: BOB });
    const started = await exchange(() => harness.sendEvent(asked));
    all.push(...started);
    const [question, ...moreToBob] = toUser(started, BOB);
    expect(moreToBob).toEqual([]);
    expect(question!.channel).toBe(BOB_DM);
    expect(started.filter((c) => c.method === "conversations.open").map((c) => c.args.users)).toEqual([BOB]);
    expect(question!.thread_ts).toBeUndefined();
    expect(seenText(question!)).toContain(`1/${role.skills.length} · ${role.skills[0]!.name.en}`);
    const [notice, ...moreInChannel] = inChannels(started);
    expect(moreInChannel).toEqual([]);
    expect(notice).toEqual(expect.objectContaining({ channel: asked.event.channel, thread_ts: asked.event.ts, text: en.assessment.movedToPrivate }));

    let shown = question!;
    for (const [i, level] of levels.entries()) {
      const skill = role.skills[i]!;
      expect(seenText(shown)).toContain(skill.name.en);
      const rate = seenButtons(shown).find((b) => b.actionId === "assessment.rate" && b.label === String(level));
      expect(rate, `a ${level} button for ${skill.id}`).toBeDefined();
      const send =
        i % 2 === 0
          ? () => harness.sendInteraction(buttonPress(rate!, { user: BOB, channel: BOB_DM }))
          : () => harness.sendEvent(directMessage(TYPED[level]!, { user: BOB, channel: BOB_DM }));
      const last = i === levels.length - 1;
      const calls = await exchange(send, last ? "files.completeUploadExternal" : "chat.postMessage");
      all.push(...calls);
      const [answer, ...more] = posts(calls);
      expect(more).toEqual([]);
      expect(answer!.channel).toBe(BOB_DM);
      shown = answer!;
      if (!last) expect(seenText(answer!)).toContain(`${i + 2}/${role.skills.length} · ${role.skills[i + 1]!.name.en}`);
    }

    // The result in the DM, its chart as text bars, then the radar uploaded into the same DM.
    const resultText = seenText(shown);
    expect(resultText).toContain(en.assessment.resultTitle(role.names.en));
    expect(resultText).toMatch(/`█+░*` you: 5 · target: \d/);
    const latest = await harness.parcours.bot.latestAssessment({ platform: "slack", userId: BOB }, "en");
    const chart = latest!.blocks.find((b): b is Extract<Block, { type: "chart" }> => b.type === "chart")!;
    expect(chart.series.map((s) => s.value)).toEqual(levels);
    const methods = all.map((c) => c.method);
    const resultAt = all.findIndex((c) => c.method === "chat.postMessage" && c.args === shown);
    expect(methods.slice(resultAt + 1)).toEqual(["files.getUploadURLExternal", "upload", "files.completeUploadExternal"]);
    const completed = all.find((c) => c.method === "files.completeUploadExternal")!;
    expect(completed.args.files).toHaveLength(1);
    const file = harness.fake.files.get(completed.args.files[0].id);
    expect(file!.bytes!.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(file!.bytes!.equals(await radarPng(chart))).toBe(true);
    expect(file).toEqual(expect.objectContaining({ channel: BOB_DM, title: role.names.en, filename: "learning-architect.png" }));
    expect(file!.threadTs).toBeUndefined();
    expect(file!.altText).toContain(`${role.skills[3]!.name.en} (you: 5 · target: ${role.skills[3]!.targetLevel})`);

    // Nothing Bob was asked or answered reached the channel: only the notice, no buttons, no file.
    expect(inChannels(all)).toEqual([notice]);
    for (const args of inChannels(all)) {
      expect(seenButtons(args)).toEqual([]);
      for (const secret of secrets) expect(seenText(args)).not.toContain(secret);
    }

    // The Home tab: quick actions with "Assess myself", then Bob's latest result below them.
    const home = fixture("app-home-opened");
    home.event_id = nextIds().eventId;
    home.event.user = BOB;
    const opened = await exchange(() => harness.sendEvent(home), "views.publish");
    const view = opened.find((c) => c.method === "views.publish")!.args.view;
    const assess = seenButtons(view).find((b) => b.actionId === "assessment.start");
    expect(assess).toEqual(expect.objectContaining({ label: en.buttons.assess, value: "" }));
    expect(blockKitProblems(view.blocks, "home")).toEqual([]);
    const blocks = view.blocks as Record<string, any>[];
    const resultHeader = blocks.findIndex((b) => b.type === "header" && b.text.text === en.assessment.resultTitle(role.names.en));
    const quickActions = blocks.findIndex((b) => b.type === "actions" && b.elements.some((e: Record<string, any>) => e.action_id === assess!.slackActionId));
    expect(quickActions).toBeGreaterThan(-1);
    expect(resultHeader).toBeGreaterThan(quickActions);
    expect(seenText(view)).toContain(en.assessment.privateNote);
  });

  it("answers the Home tab's buttons in the DM: the chart goes to the DM's id, and no notice is posted", async () => {
    const CAROL = "U0CAROL01";
    const role = (await shippedCatalog()).get("learning-architect");
    // Carol's result, made through the core: this test is about where Home's answers go.
    const { bot } = harness.parcours;
    const carol = { platform: "slack", userId: CAROL, conversationId: `dm:${CAROL}` };
    for (const text of ["assess me against learning architect", ...role.skills.map(() => "3")]) await bot.handleMessage({ ...carol, text });

    const fromHome = (actionId: string, value: string) => {
      const payload = fixture("block-actions-home");
      payload.trigger_id = nextIds().trigger;
      payload.user.id = CAROL;
      // Slack leaves out the value of a button that has none.
      payload.actions[0] = { ...payload.actions[0], action_id: `${actionId}:0`, ...(value ? { value } : {}) };
      return payload;
    };

    // Home's answers go to her DM, which conversations.open names; the chart goes there too.
    const shown = await exchange(() => harness.sendInteraction(fromHome("assessment.result", role.id)), "files.completeUploadExternal");
    const [result, ...more] = posts(shown);
    expect(more).toEqual([]);
    expect(result!.channel).toBe(dmChannelOf(CAROL));
    expect(seenText(result!)).toContain(en.assessment.resultTitle(role.names.en));
    expect(shown.find((c) => c.method === "files.completeUploadExternal")!.args.channel_id).toBe(dmChannelOf(CAROL));

    // "Assess myself" from Home, with no role: the role choice, privately.
    const started = await exchange(() => harness.sendInteraction(fromHome("assessment.start", "")));
    const [choice, ...others] = posts(started);
    expect(others).toEqual([]);
    expect(choice!.channel).toBe(dmChannelOf(CAROL));
    expect(seenText(choice!)).toContain(en.assessment.chooseRole);
    expect(seenButtons(choice!).map((b) => b.value)).toContain(role.id);
  });

  it("stopped from the channel thread, sends the result and its radar to the DM's id and only the notice to the thread", async () => {
    const ERIN = "U0ERIN001";
    const role = (await shippedCatalog()).get("learning-architect");
    const asked = mention("assess me against learning architect", { user: ERIN });
    const [question] = toUser(await exchange(() => harness.sendEvent(asked)), ERIN);
    const rate = seenButtons(question!).find((b) => b.actionId === "assessment.rate" && b.label === "4")!;
    await exchange(() => harness.sendInteraction(buttonPress(rate, { user: ERIN, channel: dmChannelOf(ERIN) })));

    const stop = mention("stop", { user: ERIN, event: { thread_ts: asked.event.ts } });
    const calls = await exchange(() => harness.sendEvent(stop), "files.completeUploadExternal");
    const [result, ...more] = toUser(calls, ERIN);
    expect(more).toEqual([]);
    expect(result!.channel).toBe(dmChannelOf(ERIN));
    expect(seenText(result!)).toContain(en.assessment.resultTitle(role.names.en));
    expect(inChannels(calls)).toEqual([expect.objectContaining({ channel: asked.event.channel, thread_ts: asked.event.ts, text: en.assessment.movedToPrivate })]);
    expect(calls.find((c) => c.method === "files.completeUploadExternal")!.args.channel_id).toBe(dmChannelOf(ERIN));
  });

  it("tells the channel how to reach Parcours, and nothing private, when Slack refuses the DM", async () => {
    const DAVE = "U0DAVE001";
    harness.fake.unreachable.add(DAVE);
    const role = (await shippedCatalog()).get("learning-architect");
    const asked = mention("assess me against learning architect", { user: DAVE });
    const calls = await exchange(() => harness.sendEvent(asked));
    const [refused, notice, ...more] = posts(calls);
    expect(more).toEqual([]);
    expect(refused!.channel).toBe(dmChannelOf(DAVE));
    expect(notice).toEqual(expect.objectContaining({ channel: asked.event.channel, thread_ts: asked.event.ts, text: en.assessment.privateUnavailable }));
    expect(seenButtons(notice!)).toEqual([]);
    expect((notice!.blocks ?? []).map((b: Record<string, any>) => b.text?.text)).toEqual([en.assessment.privateUnavailable]);
    expect(seenText(notice!)).not.toContain(role.skills[0]!.name.en);
    expect(harness.logs.text).toContain("messages_tab_disabled");
  });

  it("asked with /parcours in a channel, answers on the response_url, seen by the user alone: no DM, no notice", async () => {
    const FRED = "U0FRED001";
    const role = (await shippedCatalog()).get("learning-architect");
    const command = { ...fixture("slash-command"), user_id: FRED, text: "assess me against learning architect", trigger_id: nextIds().trigger, response_url: harness.fake.responseUrl("fred") };
    const calls = await exchange(() => harness.sendCommand(command), "response_url");
    const [answer, ...more] = calls.filter((c) => c.method === "response_url").map((c) => c.args);
    expect(more).toEqual([]);
    expect(answer!.response_type).toBe("ephemeral");
    expect(seenText(answer!)).toContain(`1/${role.skills.length} · ${role.skills[0]!.name.en}`);
    expect(posts(calls)).toEqual([]);
    expect(calls.filter((c) => c.method === "conversations.open")).toEqual([]);
  });
});
