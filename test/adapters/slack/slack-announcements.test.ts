import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORM_CALLBACK_ID } from "../../../adapters/slack/form-modal.js";
import { FORM_OPEN_ACTION } from "../../../adapters/slack/to-block-kit.js";
import { deliveryJobId } from "../../../src/announcements/announcement-delivery.js";
import { announcementMessages } from "../../../src/announcements/announcement-messages.js";
import { shippedCatalog } from "../../helpers.js";
import { dmChannelOf, FAKE_BOT_USER, type RecordedCall } from "./fake-slack-api.js";
import type { FakeUser } from "./fake-workspace.js";
import { modalInput, submissionAsShown } from "./form-payloads.js";
import { seenButtons, seenText } from "./seen-message.js";
import { buttonPress, mention, PATIENCE_MS, SlackHarness, type Fixture } from "./slack-harness.js";

/**
 * Programme announcements through the real Slack adapter and the fake Slack API: an L&D lead asks
 * in a channel, fills the modal, reads the preview and presses Send now; the core's durable jobs
 * post to each recipient once, in their Slack language, at the pace Slack allows, and the lead's
 * status card follows to the final figures.
 */
const LEAD = "U0LNDLEAD1";
const ALICE = "U0ALICE001";
/** Her Slack is in French: she gets the French version. */
const BRUNA = "U0BRUNA001";
const OUTSIDER = "U0OUTSIDE1";
const CLUB = { id: "C0LEARNCL", name: "learning-club" };
const ASKED = "tell <#C0LEARNCL|learning-club> that the learning designer bootcamp has 5 seats left until Monday";
/** What the understanding keeps of it as the announcement's text. */
const SAID = "the learning designer bootcamp has 5 seats left until Monday";
const FRENCH = "Le bootcamp learning designer n'a plus que 5 places, jusqu'à lundi.";
/** The metadata event every announcement's message carries, for a cut send to be looked for. */
const ANNOUNCEMENT_EVENT = "parcours_announcement";

const en = announcementMessages("en");
const fr = announcementMessages("fr");
/** The announcements' job queue looks for due retries this often. */
const JOB_POLL_MS = 25;

const buttonsOf = (call: RecordedCall, actionId: string) => seenButtons(call.args).filter((b) => b.actionId === actionId);
const inDm = (user: string) => (call: RecordedCall) => call.args.channel === dmChannelOf(user);
const announcementPosts = (harness: SlackHarness, since: number) => harness.fake.callsTo("chat.postMessage", since).filter((c) => c.args.metadata?.event_type === ANNOUNCEMENT_EVENT);
const deliveryKey = (announcementId: string, target: string) => deliveryJobId({ announcementId, platform: "slack", target });

/** An L&D lead's harness: the core reaches Slack through the adapter's port, and runs its durable jobs. */
async function startedFor(harness: SlackHarness, env: Record<string, string> = {}): Promise<void> {
  await harness.start({ logLevel: "warn", admins: [`slack:${LEAD}`], jobPollMs: JOB_POLL_MS, env });
  harness.parcours.outbound.register(harness.running.outbound);
  harness.parcours.startWork();
}

/** The modal's static_select set to the option with this value, as Slack sends a choice made. */
function choose(payload: Fixture, view: Fixture, blockId: string, value: string): void {
  const option = (modalInput(view, blockId).options as Fixture[]).find((o) => o.value === value);
  payload.view.state.values[blockId][blockId] = { type: "static_select", selected_option: option };
}

/** The modal's text input with `value` typed into it. */
function typeInto(payload: Fixture, blockId: string, value: string): void {
  payload.view.state.values[blockId][blockId] = { type: "plain_text_input", value };
}

/**
 * The lead mentions the bot in `channel` with `text`, opens the form from their DM and submits the
 * modal with `change` made to it; answers the modal and the preview posted in the DM.
 */
async function previewed(harness: SlackHarness, channel: string, text: string, change: (payload: Fixture, view: Fixture) => void) {
  const asked = mention(text, { user: LEAD, channel });
  const since = harness.fake.calls.length;
  const { offer, view } = await harness.openedForm(
    LEAD,
    () => harness.sendEvent(asked),
    (c) => c.method === "chat.postMessage" && inDm(LEAD)(c),
    (c) => ({ channel: dmChannelOf(LEAD), messageTs: harness.fake.tsOf(c) }),
  );
  const submitting = harness.fake.calls.length;
  const submitted = await harness.sendInteraction(submissionAsShown(view, LEAD, (payload) => change(payload, view)));
  expect(submitted.status).toBe(200);
  const preview = await harness.posted("the preview", (c) => inDm(LEAD)(c) && buttonsOf(c, "announcements.confirm").length === 1, submitting);
  return { asked, since, offer, view, preview };
}

/** The lead presses Send now on the preview; answers the announcement's id and its status card, once the card says it is finished. */
async function sentFrom(harness: SlackHarness, preview: RecordedCall) {
  const [confirm] = buttonsOf(preview, "announcements.confirm");
  const announcementId = String(JSON.parse(confirm!.value).announcement);
  const pressing = harness.fake.calls.length;
  const pressed = await harness.sendInteraction(buttonPress(confirm!, { user: LEAD, channel: dmChannelOf(LEAD), messageTs: harness.fake.tsOf(preview) }));
  expect(pressed.status).toBe(200);
  const card = await harness.posted("the status card", (c) => inDm(LEAD)(c) && buttonsOf(c, "announcements.csv").length === 1, pressing);
  const cardTs = harness.fake.tsOf(card);
  const shown = () => harness.fake.messages.get(`${dmChannelOf(LEAD)} ${cardTs}`)!;
  await harness.eventually("the finished status card", () => (seenText(shown()).includes(`(${en.report.status.done})`) ? true : undefined));
  return { announcementId, pressing, card, cardTs, finalCard: seenText(shown()) };
}

/** The lead presses the status card's CSV button; answers the CSV posted in their DM. */
async function csvOf(harness: SlackHarness, card: RecordedCall, cardTs: string): Promise<string> {
  const [csv] = buttonsOf(card, "announcements.csv");
  const pressing = harness.fake.calls.length;
  expect((await harness.sendInteraction(buttonPress(csv!, { user: LEAD, channel: dmChannelOf(LEAD), messageTs: cardTs }))).status).toBe(200);
  const posted = await harness.posted("the CSV", (c) => inDm(LEAD)(c) && seenText(c.args).includes("```"), pressing);
  return seenText(posted.args).replace(/\r\n/g, "\n");
}

describe("a programme announcement on Slack", { timeout: 3 * PATIENCE_MS }, () => {
  const harness = new SlackHarness();
  let title: string;
  let view: Fixture;
  let preview: RecordedCall;
  let sent: Awaited<ReturnType<typeof sentFrom>>;

  beforeAll(async () => {
    title = (await shippedCatalog()).get("learning-designer").names.en;
    await startedFor(harness);
    const people: FakeUser[] = [LEAD, ALICE, BRUNA, OUTSIDER].map((id) => ({ id }));
    harness.fake.workspace.addUsers(...people);
    harness.fake.workspace.addChannels(CLUB);
    harness.fake.members.set(CLUB.id, [LEAD, ALICE, BRUNA, FAKE_BOT_USER]);
    harness.fake.locales.set(BRUNA, "fr-FR");
  });
  afterAll(() => harness.stop());

  it("offers the L&D lead the form in their DM, the channel hearing only that it went privately, and opens it filled with what they said", async () => {
    const asked = await previewed(harness, CLUB.id, ASKED, (payload, shown) => {
      // Everyone in the channel privately as well as the channel itself, a French version, and an Acknowledge button.
      typeInto(payload, "channelMembers", CLUB.name);
      typeInto(payload, "bodyFr", FRENCH);
      choose(payload, shown, "engagement", "acknowledge");
    });
    ({ view, preview } = asked);

    const inChannel = harness.fake.callsTo("chat.postMessage", asked.since).filter((c) => c.args.channel === CLUB.id);
    expect(inChannel.map((c) => [c.args.text, c.args.thread_ts])).toEqual([[en.sentPrivately, asked.asked.event.ts]]);
    expect(seenText(asked.offer.args)).toContain(en.form.title);
    expect(view).toMatchObject({ type: "modal", callback_id: FORM_CALLBACK_ID, submit: { text: en.form.submit } });
    expect(modalInput(view, "channels").initial_value).toBe(CLUB.name);
    expect(modalInput(view, "bodyEn").initial_value).toBe(SAID);
    expect(modalInput(view, "bodyFr").initial_value).toBeUndefined();
    expect(modalInput(view, "title").initial_value).toBe(title);
    expect(modalInput(view, "everyone").initial_option.value).toBe("no");
  });

  it("previews the submitted modal exactly as recipients will see it, with the recipients on Slack, and sends nothing yet", async () => {
    const text = seenText(preview.args);
    expect(text).toContain(en.preview.intro);
    expect(text).toContain(title);
    expect(text).toContain(SAID);
    expect(text).toContain(FRENCH);
    // The lead, Alice and Bruna privately, and one post in the channel.
    expect(text).toContain(en.preview.recipients(`${en.preview.people(3)} + ${en.preview.channels(1)} (slack)`));
    expect(text).toContain(en.preview.whenNow);
    // Each version with its own Acknowledge button, then the lead's choice.
    const buttons = seenButtons(preview.args);
    expect(buttons.filter((b) => b.actionId === "announcements.engage").map((b) => b.label).sort()).toEqual([en.engagement.button.acknowledge, fr.engagement.button.acknowledge].sort());
    expect(buttons.slice(-2).map((b) => [b.actionId, b.label])).toEqual([
      ["announcements.confirm", en.preview.send],
      ["announcements.cancel", en.preview.cancel],
    ]);
    expect(announcementPosts(harness, 0)).toEqual([]);
  });

  it("sends on Send now: each member once by their user id in their language, the channel once, and a status card updated to the final figures", async () => {
    sent = await sentFrom(harness, preview);

    const posts = announcementPosts(harness, sent.pressing);
    expect(posts.map((c) => c.args.channel).sort()).toEqual([ALICE, BRUNA, CLUB.id, LEAD].sort());
    for (const post of posts) expect(post.args.metadata.event_payload).toEqual({ delivery: deliveryKey(sent.announcementId, post.args.channel) });
    const to = (target: string) => posts.find((c) => c.args.channel === target)!;
    // The channel's post is a new message, not a reply in the thread the lead asked in.
    expect(to(CLUB.id).args.thread_ts).toBeUndefined();
    for (const target of [LEAD, ALICE, CLUB.id]) {
      expect(seenText(to(target).args)).toContain(SAID);
      expect(seenButtons(to(target).args).map((b) => b.label)).toEqual([en.engagement.button.acknowledge]);
    }
    expect(seenText(to(BRUNA).args)).toContain(FRENCH);
    expect(seenText(to(BRUNA).args)).not.toContain(SAID);
    expect(seenButtons(to(BRUNA).args).map((b) => b.label)).toEqual([fr.engagement.button.acknowledge]);

    expect(seenText(sent.card.args)).toContain(en.report.title(title));
    const updates = harness.fake.callsTo("chat.update", sent.pressing).filter((c) => c.args.channel === dmChannelOf(LEAD) && c.args.ts === sent.cardTs);
    expect(updates.length).toBeGreaterThan(0);
    expect(seenText(updates.at(-1)!.args)).toBe(sent.finalCard);
    expect(sent.finalCard).toContain(`*${en.report.sent}*\n4 / 4`);
    expect(sent.finalCard).toContain(`*${en.report.failed}*\n0`);
    expect(sent.finalCard).toContain(`*${en.report.engaged}*\n0`);
    // Finished: the card no longer offers to cancel.
    expect(seenButtons(updates.at(-1)!.args).map((b) => b.actionId)).toEqual(["announcements.csv"]);
  });

  it("counts a recipient's Acknowledge once, however often they press it, in the per-recipient CSV", async () => {
    const received = announcementPosts(harness, sent.pressing).find((c) => c.args.channel === ALICE)!;
    const [acknowledge] = buttonsOf(received, "announcements.engage");
    const press = async (answer: string) => {
      const pressing = harness.fake.calls.length;
      const pressed = await harness.sendInteraction(buttonPress(acknowledge!, { user: ALICE, channel: dmChannelOf(ALICE), messageTs: harness.fake.tsOf(received) }));
      expect(pressed.status).toBe(200);
      return harness.posted(`Alice's ${answer}`, (c) => inDm(ALICE)(c) && seenText(c.args).includes(answer), pressing);
    };
    await press(en.engagement.thanks);
    await press(en.engagement.already);

    const csv = await csvOf(harness, sent.card, sent.cardTs);
    expect(csv).toContain(`slack,${ALICE},user,en,sent,,0,1`);
    for (const other of [LEAD, BRUNA, CLUB.id]) expect(csv).toMatch(new RegExp(`^slack,${other},[a-z]+,[a-z]{2},sent,,0,0$`, "m"));
  });

  it("refuses someone outside L&D politely, in their DM, and offers them no form", async () => {
    const since = harness.fake.calls.length;
    const asked = mention(ASKED, { user: OUTSIDER, channel: CLUB.id });
    expect((await harness.sendEvent(asked)).status).toBe(200);

    const refusal = await harness.posted("the refusal", (c) => inDm(OUTSIDER)(c) && seenText(c.args).includes(en.refused), since);
    expect(seenButtons(refusal.args)).toEqual([]);
    const posts = harness.fake.callsTo("chat.postMessage", since);
    expect(posts.filter((c) => c.args.channel === CLUB.id).map((c) => [c.args.text, c.args.thread_ts])).toEqual([[en.sentPrivately, asked.event.ts]]);
    expect(posts.filter((c) => buttonsOf(c, FORM_OPEN_ACTION).length > 0)).toEqual([]);
    expect(harness.fake.callsTo("views.open", since)).toEqual([]);
  });
});

describe("a programme announcement to sixty people under Slack's posting limits", { timeout: 3 * PATIENCE_MS }, () => {
  const harness = new SlackHarness();
  const ALL_HANDS = { id: "C0ALLHAND1", name: "all-hands" };
  const members = Array.from({ length: 60 }, (_, i) => `U0MEMB${String(i).padStart(4, "0")}`);
  /** Left the company: Slack refuses every post to them. */
  const gone = members[17]!;

  beforeAll(async () => {
    // Configured at twice what the workspace allows, as a wrong SLACK_MESSAGES_PER_SECOND would be: Slack's 429s do the rest.
    await startedFor(harness, { SLACK_MESSAGES_PER_SECOND: "40" });
    harness.fake.workspace.addUsers({ id: LEAD }, ...members.map((id) => ({ id })));
    harness.fake.workspace.addChannels(ALL_HANDS);
    harness.fake.members.set(ALL_HANDS.id, [...members, FAKE_BOT_USER]);
    harness.fake.refusedChannels.set(gone, "user_not_found");
  });
  afterAll(() => harness.stop());

  it("reaches every member exactly once, each refused post followed by its delivery, and reports the one it could not reach with Slack's reason", async () => {
    const { preview } = await previewed(harness, ALL_HANDS.id, "tell <#C0ALLHAND1|all-hands> that the Learning Architect track opens in January", (payload) => {
      typeInto(payload, "channels", "");
      typeInto(payload, "channelMembers", ALL_HANDS.name);
    });
    expect(seenText(preview.args)).toContain(en.preview.recipients(`${en.preview.people(60)} (slack)`));
    const limits = harness.fake.enforcePostingLimits({ perSecond: 20, perChannelPerSecond: 1, channelBurst: 3 });
    const sent = await sentFrom(harness, preview);

    const posts = announcementPosts(harness, sent.pressing);
    const refused = posts.filter((c) => !harness.fake.posted(c));
    expect(new Set(posts.map((c) => c.args.channel))).toEqual(new Set(members));
    for (const member of members) {
      const attempts = posts.filter((c) => c.args.channel === member);
      expect(attempts.length).toBeGreaterThan(0);
      for (const attempt of attempts) expect(attempt.args.metadata.event_payload).toEqual({ delivery: deliveryKey(sent.announcementId, member) });
      // Every attempt but the last was refused; the last one was taken, but for the member who is gone.
      expect(attempts.slice(0, -1).every((c) => refused.includes(c))).toBe(true);
      expect(harness.fake.posted(attempts.at(-1)!)).toBe(member !== gone);
    }
    // Each refused post was a 429, but the last one to the member who is gone.
    expect(refused.length).toBe(limits.refused + 1);
    expect(sent.finalCard).toContain(`*${en.report.sent}*\n59 / 60`);
    expect(sent.finalCard).toContain(`*${en.report.failed}*\n1`);
    expect(sent.finalCard).toContain(`• ${en.report.reasons["user-not-found"]}: 1`);
    expect(sent.finalCard).not.toContain(en.report.possiblyDuplicated);
  });
});
