import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORM_CALLBACK_ID } from "../../../adapters/slack/form-modal.js";
import type { Role } from "../../../src/catalog/schema.js";
import { dayIn, endOfDayIn } from "../../../src/dates/zoned-time.js";
import { messages } from "../../../src/i18n/messages.js";
import { formatDeadline, surveyMessages } from "../../../src/surveys/survey-messages.js";
import { shippedCatalog } from "../../helpers.js";
import { dmChannelOf, FAKE_BOT_USER, type RecordedCall } from "./fake-slack-api.js";
import { modalInput, pressInChannel, submissionAsShown } from "./form-payloads.js";
import { seenButtons, seenText, type SeenButton } from "./seen-message.js";
import { buttonPress, directMessage, fixture, mention, nextIds, PATIENCE_MS, SlackHarness } from "./slack-harness.js";

/**
 * A team skill survey through the real Slack adapter and the fake Slack API: a manager asks in the
 * team's channel, fills the modal, and the card is posted there; members answer privately in their
 * DMs, each in their Slack language; the card's count follows; the manager alone sees the results.
 */
type Json = Record<string, any>;

const CHANNEL = "C0SQUAD001";
const MANAGER = "U0MANAGER1";
/** The manager's Slack time zone: the deadline is a day there, and shown there. */
const MANAGER_ZONE = "Europe/Paris";
const ALICE = "U0ALICE001";
const BOB = "U0BOB00001";
/** Her Slack is in French: she is asked in French. */
const CLAIRE = "U0CLAIRE01";
const OUTSIDER = "U0OUTSIDE1";
/** Answers one question and leaves it there. */
const DANIEL = "U0DANIEL01";

const en = surveyMessages("en");
const fr = surveyMessages("fr");
const DAY_MS = 24 * 3600_000;

const harness = new SlackHarness();
let role: Role;

beforeAll(async () => {
  role = (await shippedCatalog()).get("expert-trainer");
  await harness.start({ logLevel: "warn" });
  // What bin/start-platforms does: the core reaches Slack without being spoken to (the card, its updates).
  harness.parcours.outbound.register(harness.running.outbound);
  harness.fake.members.set(CHANNEL, [MANAGER, ALICE, BOB, CLAIRE, DANIEL, FAKE_BOT_USER]);
  harness.fake.locales.set(CLAIRE, "fr-FR");
  harness.fake.timeZones.set(MANAGER, MANAGER_ZONE);
});
afterAll(() => harness.stop());

const posts = (since = 0) => harness.fake.callsTo("chat.postMessage", since);
const buttonsOf = (call: RecordedCall, actionId: string) => seenButtons(call.args).filter((b) => b.actionId === actionId);

const inDm = (user: string) => (call: RecordedCall) => call.args.channel === dmChannelOf(user);
const topLevelInChannel = (call: RecordedCall) => call.args.channel === CHANNEL && call.args.thread_ts === undefined;

/** The survey's card and the manager's tools, once created. */
let card: { ts: string; answer: SeenButton };
let tools: { ts: string; results: SeenButton; close: SeenButton };
let deadlineAt: number;

/** Asks for the form with `ask` and opens it from the message `shown` finds, pressed in the channel. */
const openedForm = (user: string, ask: () => Promise<Response>, shown: (call: RecordedCall) => boolean, pressedAt: (call: RecordedCall) => { messageTs?: string; threadTs?: string; responseUrl?: string }) =>
  harness.openedForm(user, ask, shown, (offer) => ({ channel: CHANNEL, ...pressedAt(offer) }));

/**
 * A member presses Answer on the card in the channel, then types `rating` for each question in
 * their DM, one message after the bot's answer to the one before. Answers the first question and
 * the thanks, as posted in the DM.
 */
async function answerInDm(member: string, rating: number): Promise<{ first: RecordedCall; last: RecordedCall }> {
  const dm = dmChannelOf(member);
  let since = harness.fake.calls.length;
  await harness.sendInteraction(pressInChannel(card.answer, { user: member, channel: CHANNEL, messageTs: card.ts }));
  const asks = (skillId: string) => (c: RecordedCall) => inDm(member)(c) && buttonsOf(c, "survey.rate").some((b) => JSON.parse(b.value).skill === skillId);
  const first = await harness.posted(`${member}'s first question`, asks(role.skills[0]!.id), since);
  let last = first;
  for (const [i, skill] of role.skills.entries()) {
    since = harness.fake.calls.length;
    await harness.sendEvent(directMessage(String(rating), { user: member, channel: dm }));
    const next = role.skills[i + 1];
    last = await harness.posted(`${member}'s answer to ${skill.id}`, next ? asks(next.id) : (c) => inDm(member)(c) && buttonsOf(c, "surveys.keep").length > 0, since);
  }
  return { first, last };
}

describe("a team skill survey on Slack", { timeout: 2 * PATIENCE_MS }, () => {
  it("offers the form in the thread of a manager's mention, and opens a modal filled with the role and deadline said", async () => {
    const asked = mention("survey on the SME trainer skills, due in 10 days", { user: MANAGER, channel: CHANNEL });
    const earliest = dayIn(new Date(Date.now() + 10 * DAY_MS), MANAGER_ZONE);
    const { offer, view } = await openedForm(
      MANAGER,
      () => harness.sendEvent(asked),
      (c) => c.method === "chat.postMessage" && c.args.channel === CHANNEL,
      (c) => ({ messageTs: harness.fake.tsOf(c), threadTs: c.args.thread_ts }),
    );
    const latest = dayIn(new Date(Date.now() + 10 * DAY_MS), MANAGER_ZONE);
    expect(offer.args.thread_ts).toBe(asked.event.ts);
    expect(seenText(offer.args)).toContain(en.form.title);

    expect(view).toMatchObject({ type: "modal", callback_id: FORM_CALLBACK_ID, submit: { text: en.form.submit } });
    expect(modalInput(view, "role").initial_option.value).toBe("expert-trainer");
    expect(modalInput(view, "title").initial_value).toBe(en.form.defaultTitle(role.names.en));
    expect(modalInput(view, "skills").initial_options.map((o: Json) => o.value)).toEqual(role.skills.map((s) => s.id));
    expect([earliest, latest]).toContain(modalInput(view, "deadline").initial_date);
    expect(modalInput(view, "anonymity").initial_option.value).toBe("anonymous");
    expect(modalInput(view, "minResponses").initial_value).toBe("3");
    expect(JSON.parse(view.private_metadata).answerTo).toEqual({ channel: CHANNEL, threadTs: asked.event.ts });

    // Submitted as shown: the card goes to the channel itself, the tools to the manager's DM.
    const submitting = harness.fake.calls.length;
    const submitted = await harness.sendInteraction(submissionAsShown(view, MANAGER));
    expect(submitted.status).toBe(200);
    // An empty acknowledgement closes the modal.
    expect(await submitted.text()).toBe("");
    const cardPost = await harness.posted("the survey card", (c) => topLevelInChannel(c) && buttonsOf(c, "survey.answer").length > 0, submitting);
    const toolsPost = await harness.posted("the manager's tools", (c) => inDm(MANAGER)(c) && buttonsOf(c, "surveys.results").length > 0, submitting);

    expect(harness.fake.callsTo("conversations.members", submitting).map((c) => c.args.channel)).toContain(CHANNEL);
    const cardText = seenText(cardPost.args);
    expect(cardText).toContain(role.names.en);
    expect(cardText).toContain(en.card.count(0));
    expect(cardText).toContain(en.card.anonymous(3));
    expect(seenButtons(cardPost.args).map((b) => [b.actionId, b.label])).toEqual([["survey.answer", en.card.answer]]);
    // The end of the day chosen in the form, where the manager is, and shown there.
    deadlineAt = endOfDayIn(String(modalInput(view, "deadline").initial_date), MANAGER_ZONE);
    expect(seenText(toolsPost.args)).toContain(en.created(en.form.defaultTitle(role.names.en), formatDeadline(deadlineAt, "en", MANAGER_ZONE)));
    expect(seenText(cardPost.args)).toContain(en.card.deadline(formatDeadline(deadlineAt, "en", MANAGER_ZONE)));
    expect(seenButtons(toolsPost.args).map((b) => b.actionId)).toEqual(["surveys.results", "surveys.remind", "surveys.extend", "surveys.extend", "surveys.close", "surveys.csv"]);
    // The tools are the manager's alone: the thread only hears that they went privately.
    expect(posts(submitting).filter((c) => c.args.channel === CHANNEL && c.args.thread_ts === asked.event.ts).map((c) => c.args.text)).toEqual([en.sentPrivately]);
    expect(posts(submitting).filter((c) => c.args.channel === CHANNEL && buttonsOf(c, "surveys.results").length > 0)).toEqual([]);

    card = { ts: harness.fake.tsOf(cardPost), answer: buttonsOf(cardPost, "survey.answer")[0]! };
    tools = { ts: harness.fake.tsOf(toolsPost), results: buttonsOf(toolsPost, "surveys.results")[0]!, close: buttonsOf(toolsPost, "surveys.close")[0]! };
  });

  it("refuses the survey of someone who is not a member of the channel: no card is posted", async () => {
    const { view } = await openedForm(
      OUTSIDER,
      () => harness.sendEvent(mention("survey on the SME trainer skills", { user: OUTSIDER, channel: CHANNEL })),
      (c) => c.method === "chat.postMessage" && c.args.channel === CHANNEL,
      (c) => ({ messageTs: harness.fake.tsOf(c), threadTs: c.args.thread_ts }),
    );
    const submitting = harness.fake.calls.length;
    expect((await harness.sendInteraction(submissionAsShown(view, OUTSIDER))).status).toBe(200);
    const refusal = await harness.posted("the refusal", (c) => inDm(OUTSIDER)(c) && seenText(c.args).includes(en.problems.notMember), submitting);
    expect(seenText(refusal.args)).toContain(en.problems.intro);
    expect(harness.fake.callsTo("conversations.members", submitting).map((c) => c.args.channel)).toEqual([CHANNEL]);
    expect(posts(submitting).filter(topLevelInChannel)).toEqual([]);
    expect(posts(submitting).filter((c) => buttonsOf(c, "survey.answer").length > 0 || buttonsOf(c, "surveys.results").length > 0)).toEqual([]);
  });

  it("lets members answer privately, each in their Slack language, and keeps the count on the card live", async () => {
    const ratings = new Map([
      [ALICE, 2],
      [BOB, 4],
      [CLAIRE, 3],
    ]);
    const answering = harness.fake.calls.length;
    // Three members at once, each pressing Answer on the card, then typing a rating per question in their DM.
    const answered = await Promise.all([...ratings].map(([member, rating]) => answerInDm(member, rating)));
    const [alice, , claire] = answered;

    expect(seenText(alice!.first.args)).toContain(`1/${role.skills.length} · ${role.skills[0]!.name.en}`);
    expect(seenText(alice!.first.args)).toContain(en.answering.intro(en.form.defaultTitle(role.names.en), role.skills.length));
    expect(seenText(alice!.first.args)).toContain(en.answering.anonymousNote);
    expect(seenText(alice!.last.args)).toContain(en.answering.thanks(formatDeadline(deadlineAt, "en", MANAGER_ZONE)));
    // The survey was created in English; Claire's Slack is in French, and so are her questions and thanks.
    expect(seenText(claire!.first.args)).toContain(`1/${role.skills.length} · ${role.skills[0]!.name.fr}`);
    expect(seenText(claire!.first.args)).toContain(fr.answering.intro(en.form.defaultTitle(role.names.en), role.skills.length));
    expect(seenText(claire!.first.args)).toContain(fr.answering.anonymousNote);
    expect(seenButtons(claire!.first.args).map((b) => b.label)).toEqual(["1", "2", "3", "4", "5", messages("fr").assessment.skip, messages("fr").assessment.stop]);
    expect(seenText(claire!.last.args)).toContain(fr.answering.thanks(formatDeadline(deadlineAt, "fr", MANAGER_ZONE)));
    expect(seenButtons(claire!.last.args).map((b) => b.label)).toEqual([fr.answering.keepPersonal]);

    // The channel heard nothing of it: no question, no thanks, not even a notice per member.
    expect(posts(answering).filter((c) => c.args.channel === CHANNEL)).toEqual([]);

    // The card is updated in place (never reposted) until it says three.
    const cardUpdates = () => harness.fake.callsTo("chat.update").filter((c) => c.args.channel === CHANNEL && c.args.ts === card.ts);
    await expect.poll(() => seenText(cardUpdates().at(-1)?.args ?? {}), { timeout: PATIENCE_MS, interval: 25 }).toContain(en.card.count(3));
    expect(seenText(harness.fake.messages.get(`${CHANNEL} ${card.ts}`)!)).toContain(en.card.count(3));
    expect(seenButtons(cardUpdates().at(-1)!.args).map((b) => [b.actionId, b.value])).toEqual([["survey.answer", card.answer.value]]);
    expect(posts(answering).filter((c) => topLevelInChannel(c) && buttonsOf(c, "survey.answer").length > 0)).toEqual([]);
    const counts = cardUpdates().map((c) => Number(/(\d+) responses? so far/.exec(seenText(c.args))?.[1]));
    expect(Math.max(...counts)).toBe(3);
  });

  it("holds an anonymous survey's figures until it closes, and tells the manager so in their DM", async () => {
    const pressing = harness.fake.calls.length;
    await harness.sendInteraction(buttonPress(tools.results, { user: MANAGER, channel: dmChannelOf(MANAGER), messageTs: tools.ts }));
    const held = await harness.posted("the results", (c) => inDm(MANAGER)(c) && seenText(c.args).includes(en.results.title(en.form.defaultTitle(role.names.en))), pressing);
    expect(seenText(held.args)).toContain("results show when it closes");
    expect(seenText(held.args)).not.toContain("team 3.0");
    await harness.running.settled();
    expect(harness.fake.callsTo("files.completeUploadExternal", pressing)).toEqual([]);
    expect(posts(pressing).map((c) => c.args.channel)).toEqual([dmChannelOf(MANAGER)]);
  });

  it("refuses a member who presses Results, politely, and shows them nothing of the results", async () => {
    const pressing = harness.fake.calls.length;
    await harness.sendInteraction(buttonPress(tools.results, { user: ALICE, channel: dmChannelOf(ALICE) }));
    const refusal = await harness.posted("the refusal", (c) => inDm(ALICE)(c) && seenText(c.args).includes(en.refused), pressing);
    expect(seenText(refusal.args)).not.toContain(en.results.title(en.form.defaultTitle(role.names.en)));
    expect(posts(pressing)).toEqual([refusal]);
    expect(harness.fake.callsTo("files.getUploadURLExternal", pressing)).toEqual([]);
  });

  it("sends the card's update again after the wait Slack asks for when it rate-limits it, so the count stays exact", async () => {
    const cardUpdates = () => harness.fake.callsTo("chat.update").filter((c) => c.args.channel === CHANNEL && c.args.ts === card.ts);
    const answering = harness.fake.calls.length;
    await harness.sendInteraction(pressInChannel(card.answer, { user: DANIEL, channel: CHANNEL, messageTs: card.ts }));
    await harness.posted("Daniel's first question", (c) => inDm(DANIEL)(c) && buttonsOf(c, "survey.rate").length > 0, answering);
    // Daniel rates one skill and leaves it there: that answer counts him, and nothing after it refreshes the card again.
    harness.fake.rateLimit("chat.update", 1);
    const rating = harness.fake.calls.length;
    await harness.sendEvent(directMessage("4", { user: DANIEL, channel: dmChannelOf(DANIEL) }));
    await harness.posted("Daniel's second question", (c) => inDm(DANIEL)(c) && buttonsOf(c, "survey.rate").length > 0, rating);
    // What the channel shows: the message as Slack keeps it, which a refused update leaves as it was.
    await expect.poll(() => seenText(harness.fake.messages.get(`${CHANNEL} ${card.ts}`)!), { timeout: PATIENCE_MS, interval: 25 }).toContain(en.card.count(4));
    // The refused update, then the one sent after the wait.
    expect(cardUpdates().filter((c) => harness.fake.calls.indexOf(c) >= rating).length).toBeGreaterThanOrEqual(2);
  });

  it("closes on the manager's word and sends them the team's aggregates, with the chart, in their DM", async () => {
    const pressing = harness.fake.calls.length;
    await harness.sendInteraction(buttonPress(tools.close, { user: MANAGER, channel: dmChannelOf(MANAGER), messageTs: tools.ts }));
    const results = await harness.posted("the results", (c) => inDm(MANAGER)(c) && seenText(c.args).includes(en.results.title(en.form.defaultTitle(role.names.en))), pressing);
    const text = seenText(results.args);
    expect(text).toContain(en.results.responses(4));
    // Every skill but the first had three ratings of 2, 4 and 3: a team average of 3.0, never one person's answer.
    for (const skill of role.skills.slice(1)) expect(text).toContain(en.results.gapLine(skill.name.en, "3.0", skill.targetLevel, 3));
    for (const member of [ALICE, BOB, CLAIRE]) expect(text).not.toContain(member);
    const [completed] = await harness.fake.waitFor("files.completeUploadExternal", 1, pressing, PATIENCE_MS);
    await harness.running.settled();
    expect(completed!.args.channel_id).toBe(dmChannelOf(MANAGER));
    const chart = harness.fake.files.get(completed!.args.files[0].id)!;
    expect(chart.bytes?.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it("offers the form to /parcours survey learning-designer in a channel, ephemerally, and creates the survey from it", async () => {
    const designer = (await shippedCatalog()).get("learning-designer");
    const commandUrl = harness.fake.responseUrl(`survey-command-${nextIds().eventId}`);
    const pressUrl = harness.fake.responseUrl(`survey-form-press-${nextIds().eventId}`);
    const command = { ...fixture("slash-command"), user_id: MANAGER, user_name: "manager", channel_id: CHANNEL, channel_name: "squad", text: "survey learning-designer", trigger_id: nextIds().trigger, response_url: commandUrl };
    const asking = harness.fake.calls.length;
    const { offer, view } = await openedForm(
      MANAGER,
      () => harness.sendCommand(command),
      (c) => c.method === "response_url" && c.path === new URL(commandUrl).pathname,
      () => ({ responseUrl: pressUrl }),
    );
    // Seen by the manager alone, and nothing said in the channel.
    expect(offer.args.response_type).toBe("ephemeral");
    expect(posts(asking).filter((c) => c.args.channel === CHANNEL)).toEqual([]);
    expect(modalInput(view, "role").initial_option.value).toBe("learning-designer");
    expect(modalInput(view, "skills").initial_options).toHaveLength(designer.skills.length);

    const submitting = harness.fake.calls.length;
    expect((await harness.sendInteraction(submissionAsShown(view, MANAGER))).status).toBe(200);
    const cardPost = await harness.posted("the second card", (c) => topLevelInChannel(c) && buttonsOf(c, "survey.answer").length > 0, submitting);
    expect(seenText(cardPost.args)).toContain(designer.names.en);
    expect(buttonsOf(cardPost, "survey.answer")[0]!.value).not.toBe(card.answer.value);
    // The tools go back where the form was opened: the ephemeral message's response_url.
    const toolsBack = await harness.eventually("the tools, ephemerally", () => harness.fake.callsTo("response_url", submitting).find((c) => c.path === new URL(pressUrl).pathname));
    expect(toolsBack.args.response_type).toBe("ephemeral");
    expect(seenButtons(toolsBack.args).map((b) => b.actionId)).toContain("surveys.results");
  });
});
