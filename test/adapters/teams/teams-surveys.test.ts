import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboundError, type OutboundFailure } from "../../../src/outbound/outbound.js";
import { userStateKey } from "../../../src/privacy/user-erasure.js";
import { endOfDayIn } from "../../../src/dates/zoned-time.js";
import { formatDeadline, surveyMessages } from "../../../src/surveys/survey-messages.js";
import { shippedCatalog } from "../../helpers.js";
import { inputsOf, submittedAsShown } from "./card-payloads.js";
import type { RosterMember, SentActivity } from "./fake-bot-connector.js";
import { cardButtons, cardText, fixture, TeamsHarness, type CardButton } from "./teams-harness.js";

const BOT = "28:00000000-0000-4000-8000-0000000000b0";
const TENANT = "00000000-0000-4000-8000-0000000000c1";
const CHANNEL = "19:fakeChannelId0123456789abcdef@thread.tacv2";
const TEAM = "19:fakeTeamId0123456789abcdef@thread.tacv2";
/** Tuesday 11 March 2025, as the manager asks: "avant vendredi" is Friday the 14th. */
const NOW = new Date("2025-03-11T09:40:07Z");
const FRIDAY = "2025-03-14";
const fr = surveyMessages("fr");
const TITLE = fr.form.defaultTitle("Digital Learning Manager");
/** As the card and the messages say it: the end of the chosen day where the manager is (Teams sends the client's zone). */
const DEADLINE = formatDeadline(endOfDayIn(FRIDAY, "Europe/Paris"), "fr", "Europe/Paris");

const roster = fixture("team-paged-members").members as RosterMember[];
/** A person as Teams names them in activities: the Bot Framework id and the Entra object id. */
interface Person {
  id: string;
  name: string;
  aadObjectId: string;
}
const manager = fixture("channel-message-survey-fr").from as Person;
/** A roster member as activities name them: the roster's `objectId` is their Entra object id. */
const member = (name: string): Person => {
  const entry = roster.find((m) => m.name === name)!;
  return { id: entry.id, name, aadObjectId: entry.objectId! };
};
const alex = member("Alex Durand");
const bea = member("Béa Lefèvre");
const chris = member("Chris Moreau");
/** In the team, and never spoke to Parcours: only the roster names her. */
const dana = member("Dana Roux");
const outsider = { id: "29:1FakeOutsiderIdAbCdEfGhIjKlMnOpQrStUvWxYz0123456789", name: "Dominique Petit", aadObjectId: "00000000-0000-4000-8000-0000000000f7" };

/** The client's language as Teams reports it, on the activity and in its clientInfo entity. */
const FRENCH = { locale: "fr-FR", entities: [{ locale: "fr-FR", country: "FR", platform: "Web", timezone: "Europe/Paris", type: "clientInfo" }] };

const imageCount = (activity: Record<string, any>) => JSON.stringify(activity.attachments ?? []).match(/"type":"Image"/g)?.length ?? 0;

describe("a team skill survey in Teams, over HTTP through CloudAdapter and the fake Bot Connector", () => {
  const harness = new TeamsHarness({ now: () => NOW });
  const connector = harness.connector;
  // The steps below are one story, in order: the manager asks, creates, members answer, the manager reads.
  let formMessage: SentActivity;
  let card: SentActivity;
  let tools: SentActivity;
  const personalChats = new Map<string, string>();

  beforeAll(async () => {
    await harness.start();
    // As `parcours start` does (bin/start-platforms.ts): the core reaches Teams through the adapter's port.
    harness.parcours.outbound.register(harness.server.outbound);
    // Teams gives channel messages numeric ids, and a post's thread is named after its id.
    connector.activityId = (n) => String(1741686008000 + n);
    connector.rosters.set(TEAM, roster);
    // Pages of two: the manager is on the last one.
    connector.maxPageSize = 2;
  });
  afterAll(() => harness.stop());

  /** Posts an activity; answers the messages the bot sent during its turn. */
  async function exchange(activity: Record<string, unknown>): Promise<SentActivity[]> {
    const before = connector.messages().length;
    expect((await harness.post(activity)).status).toBe(200);
    return connector.messages().slice(before);
  }

  /**
   * A button pressed on `post`, a post of its own in the channel (Action.Submit: a message with the
   * button's data as `value`), which Teams sends in the post's thread, named after the post's id.
   */
  const pressOnPost = (from: Person, post: SentActivity, button: CardButton) =>
    harness.activity("channel-card-submit-survey-form", {
      from,
      conversation: { isGroup: true, conversationType: "channel", tenantId: TENANT, id: `${CHANNEL};messageid=${idOf(post)}` },
      replyToId: idOf(post),
      value: { actionId: button.actionId, value: button.value },
    });

  /** The id Teams gave a sent message: the fake answers them in order. */
  const idOf = (sent: SentActivity) => connector.activityId(connector.sent.indexOf(sent) + 1);

  const personal = (from: Person) => ({ conversationType: "personal", tenantId: TENANT, id: personalChats.get(from.aadObjectId)! });
  const say = (from: Person, text: string) => exchange(harness.activity("personal-message", { ...FRENCH, text, from, conversation: personal(from) }));
  const press = (from: Person, button: CardButton, replyTo?: SentActivity) =>
    exchange(harness.activity("card-submit", { ...FRENCH, from, conversation: personal(from), value: { actionId: button.actionId, value: button.value }, ...(replyTo ? { replyToId: idOf(replyTo) } : {}) }));

  /** The personal chat Parcours opened with `person` (Teams answers the same id when asked again). */
  function chatOpenedWith(person: Person): string {
    const opened = connector.created.filter((c) => c.parameters.members?.[0]?.id === person.id);
    expect(opened.length).toBeGreaterThan(0);
    expect(new Set(opened.map((c) => c.id)).size).toBe(1);
    expect(opened[0]!.parameters).toEqual(expect.objectContaining({ isGroup: false, bot: expect.objectContaining({ id: BOT }), tenantId: TENANT }));
    personalChats.set(person.aadObjectId, opened[0]!.id);
    return opened[0]!.id;
  }

  it("answers the manager's @mention in the channel with the survey form, prefilled with the role and Friday", async () => {
    const mention = harness.activity("channel-message-survey-fr", { id: fixture("channel-message-survey-fr").id });

    const sent = await exchange(mention);

    expect(sent).toHaveLength(1);
    formMessage = sent[0]!;
    // In the manager's thread, as a reply to the message.
    expect(formMessage.conversationId).toBe(mention.conversation.id);
    expect(formMessage.replyToId).toBe(mention.id);
    const inputs = Object.fromEntries(inputsOf(formMessage.activity).map((input) => [input.id, input]));
    expect(inputs["field.role"]).toEqual(expect.objectContaining({ type: "Input.ChoiceSet", label: fr.form.role, value: "digital-learning-manager" }));
    expect(inputs["field.deadline"]).toEqual(expect.objectContaining({ type: "Input.Date", label: fr.form.deadline, value: FRIDAY }));
    expect(inputs["field.anonymity"]!.value).toBe("anonymous");
    expect(inputs["field.minResponses"]).toEqual(expect.objectContaining({ type: "Input.Number", value: 3, min: 3 }));
    const role = (await shippedCatalog()).get("digital-learning-manager");
    expect(inputs["field.skills"]).toEqual(expect.objectContaining({ isMultiSelect: true, value: role.skills.map((s) => s.id).join(",") }));
    expect(inputs["field.title"]!.value).toBe(TITLE);
    expect(cardText(formMessage.activity)).toContain(fr.form.title);
    expect(cardButtons(formMessage.activity).map((b) => [b.label, b.actionId])).toEqual([[fr.form.submit, "surveys.create"]]);
    // Nothing is created yet: no card in the channel, no roster read.
    expect(connector.sent.filter((s) => s.conversationId === CHANNEL)).toEqual([]);
    expect(connector.attempts.members).toBe(0);
  });

  it("the submit fixture is what Teams posts for that form left as shown: the button's data, and every input as a string", () => {
    expect(fixture("channel-card-submit-survey-form").value).toEqual(submittedAsShown(formMessage.activity));
  });

  it("refuses someone who is not in the team's roster: nothing posted in the channel, the refusal sent privately", async () => {
    const submit = harness.activity("channel-card-submit-survey-form", { from: outsider, replyToId: idOf(formMessage) });
    const pages = connector.pageTokens.length;

    const sent = await exchange(submit);

    // The whole roster was read, a page at a time, from the team the channel belongs to.
    expect(connector.pageTokens.slice(pages)).toEqual([null, expect.any(String), expect.any(String)]);
    expect(connector.sent.filter((s) => s.conversationId === CHANNEL)).toEqual([]);
    const chat = chatOpenedWith(outsider);
    const refusal = sent.filter((s) => s.conversationId === chat);
    expect(refusal).toHaveLength(1);
    expect(cardText(refusal[0]!.activity)).toContain(fr.problems.notMember);
    expect(cardButtons(refusal[0]!.activity).filter((b) => b.actionId.startsWith("surveys."))).toEqual([]);
    expect(sent.filter((s) => s.conversationId !== chat).map((s) => [s.conversationId, s.activity.text])).toEqual([[submit.conversation.id, fr.sentPrivately]]);
  });

  it("creates it from the manager's submit: the card as a new post in the channel, the tools in the manager's personal chat", async () => {
    const submit = harness.activity("channel-card-submit-survey-form", { replyToId: idOf(formMessage) });

    const sent = await exchange(submit);

    const posts = sent.filter((s) => s.conversationId === CHANNEL);
    expect(posts).toHaveLength(1);
    card = posts[0]!;
    // A proactive message in the channel itself: a new thread, not a reply in the manager's.
    expect(card.replyToId).toBeUndefined();
    expect(card.activity.from.id).toBe(BOT);
    const text = cardText(card.activity);
    expect(text).toContain(fr.card.header(TITLE));
    expect(text).toContain(`Répondez avant le **${DEADLINE}**`);
    expect(text).toContain(fr.card.anonymous(3));
    expect(text).toContain(fr.card.count(0));
    expect(cardButtons(card.activity).map((b) => [b.label, b.actionId])).toEqual([[fr.card.answer, "survey.answer"]]);

    const chat = chatOpenedWith(manager);
    const inChat = sent.filter((s) => s.conversationId === chat);
    expect(inChat).toHaveLength(1);
    tools = inChat[0]!;
    expect(cardText(tools.activity)).toContain(fr.created(TITLE, DEADLINE));
    expect(cardButtons(tools.activity).map((b) => b.actionId)).toEqual(["surveys.results", "surveys.remind", "surveys.extend", "surveys.extend", "surveys.close", "surveys.csv"]);
    // The channel's thread only hears that the rest went privately; the tools are not in the channel.
    expect(sent.filter((s) => s.conversationId === submit.conversation.id).map((s) => s.activity.text)).toEqual([fr.sentPrivately]);
    for (const s of connector.sent.filter((s) => s.conversationId.startsWith(CHANNEL))) expect(cardButtons(s.activity).filter((b) => b.actionId === "surveys.results")).toEqual([]);
  });

  it("lets three roster members press Answer in the channel and answer privately, typed or with buttons, and keeps the card's count live", async () => {
    const role = (await shippedCatalog()).get("digital-learning-manager");
    const answer = cardButtons(card.activity).find((b) => b.actionId === "survey.answer")!;
    const progress = (i: number) => `${i + 1}/${role.skills.length} · ${role.skills[i]!.name.fr}`;

    /** Presses Answer on the card; answers the first question, in the member's personal chat. */
    async function begin(who: Person): Promise<SentActivity> {
      const sent = await exchange(pressOnPost(who, card, answer));
      const chat = chatOpenedWith(who);
      const question = sent.filter((s) => s.conversationId === chat);
      expect(question).toHaveLength(1);
      expect(cardText(question[0]!.activity)).toContain(progress(0));
      // Nothing in the card's thread: fifty members answering must not fill it with notices.
      expect(sent.filter((s) => s.conversationId !== chat)).toEqual([]);
      return question[0]!;
    }

    /** The member's last answer: thanks, in their personal chat only. */
    const thanked = (sent: SentActivity[], who: Person) => {
      expect(sent.map((s) => s.conversationId)).toEqual([personalChats.get(who.aadObjectId)]);
      expect(cardText(sent[0]!.activity)).toContain(fr.answering.thanks(DEADLINE));
    };

    // Alex types a rating for each skill.
    await begin(alex);
    let sent: SentActivity[] = [];
    for (const [i] of role.skills.entries()) {
      sent = await say(alex, "2");
      if (i + 1 < role.skills.length) expect(cardText(sent[0]!.activity)).toContain(progress(i + 1));
    }
    thanked(sent, alex);

    // Béa presses the rating buttons on each question's card.
    let question = await begin(bea);
    for (const [i, skill] of role.skills.entries()) {
      const rate = cardButtons(question.activity).find((b) => b.actionId === "survey.rate" && b.label === "3");
      expect(JSON.parse(rate!.value)).toEqual(expect.objectContaining({ skill: skill.id, level: 3 }));
      sent = await press(bea, rate!, question);
      if (i + 1 < role.skills.length) {
        expect(sent).toHaveLength(1);
        question = sent[0]!;
        expect(cardText(question.activity)).toContain(progress(i + 1));
      }
    }
    thanked(sent, bea);

    // Chris skips the first skill, then types.
    await begin(chris);
    sent = await say(chris, "passer");
    expect(cardText(sent[0]!.activity)).toContain(progress(1));
    for (const _ of role.skills.slice(1)) sent = await say(chris, "4");
    thanked(sent, chris);

    // Each answer updates the card in place; the last update shows all three.
    const updates = () => connector.updated.filter((u) => u.activityId === idOf(card));
    await expect.poll(() => cardText(updates().at(-1)?.activity ?? {}), { timeout: 10_000, interval: 20 }).toContain(fr.card.count(3));
    expect(updates().every((u) => u.conversationId === CHANNEL)).toBe(true);
    const latest = updates().at(-1)!.activity;
    expect(cardButtons(latest).map((b) => b.actionId)).toEqual(["survey.answer"]);
    expect(cardText(latest)).not.toContain(fr.card.count(0));
    // The card was never posted again, and no question or rating ever reached the channel.
    expect(connector.sent.filter((s) => s.conversationId === CHANNEL)).toEqual([card]);
    for (const s of connector.sent.filter((s) => s.conversationId.startsWith(CHANNEL))) {
      expect(cardButtons(s.activity).filter((b) => b.actionId !== "survey.answer" && b.actionId !== "surveys.create")).toEqual([]);
      for (const skill of role.skills) expect(cardText(s.activity)).not.toContain(skill.covers.fr);
    }
  });

  it("holds an anonymous survey's figures until it closes, and refuses them to a member", async () => {
    const results = cardButtons(tools.activity).find((b) => b.actionId === "surveys.results")!;

    const sent = await press(manager, results, tools);

    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((s) => s.conversationId === personalChats.get(manager.aadObjectId))).toBe(true);
    const text = sent.map((s) => cardText(s.activity)).join("\n");
    expect(text).toContain(fr.results.title(TITLE));
    expect(text).toContain("s'affichent à sa clôture");
    expect(text).not.toContain("3,0");

    const forged = await press(alex, results);
    expect(forged.map((s) => s.conversationId)).toEqual([personalChats.get(alex.aadObjectId)]);
    expect(cardText(forged[0]!.activity)).toContain(fr.refused);
    expect(cardText(forged[0]!.activity)).not.toContain(fr.results.title(TITLE));
  });

  it("reminds, privately, the roster members who have not answered, even one who never spoke to Parcours", async () => {
    const remind = cardButtons(tools.activity).find((b) => b.actionId === "surveys.remind")!;

    const sent = await press(manager, remind, tools);

    // The manager is in the roster and has not answered; Dana neither. Alex, Béa and Chris have.
    expect(sent.map((s) => s.conversationId)).toContain(personalChats.get(manager.aadObjectId));
    expect(sent.map((s) => cardText(s.activity)).join("\n")).toContain(fr.reminded(2));
    const chat = chatOpenedWith(dana);
    const reminder = connector.messages(chat);
    expect(reminder).toHaveLength(1);
    expect(reminder[0]!.replyToId).toBeUndefined();
    expect(cardText(reminder[0]!.activity)).toContain(fr.reminder(TITLE, DEADLINE));
    expect(cardText(reminder[0]!.activity)).toContain(fr.card.anonymous(3));
    const reminded = (who: Person) => connector.messages(personalChats.get(who.aadObjectId)).some((s) => cardText(s.activity).includes(fr.reminder(TITLE, DEADLINE)));
    expect(reminded(manager)).toBe(true);
    for (const answered of [alex, bea, chris]) expect(reminded(answered)).toBe(false);

    // Dana answers from the reminder, in the chat it opened.
    const [answer, ...others] = cardButtons(reminder[0]!.activity);
    expect(others).toEqual([]);
    expect(answer!.actionId).toBe("survey.answer");
    const question = await press(dana, answer!, reminder[0]);
    expect(question.map((s) => s.conversationId)).toEqual([chat]);
    expect(cardText(question[0]!.activity)).toContain(`1/8 · ${(await shippedCatalog()).get("digital-learning-manager").skills[0]!.name.fr}`);
  });

  it("closes on the manager's word and sends them the team's aggregates, with the chart, in their personal chat", async () => {
    const role = (await shippedCatalog()).get("digital-learning-manager");
    const [first, ...others] = role.skills;
    const close = cardButtons(tools.activity).find((b) => b.actionId === "surveys.close")!;

    const sent = await press(manager, close, tools);

    const chat = personalChats.get(manager.aadObjectId);
    const text = connector.sent.filter((s) => s.conversationId === chat).map((s) => cardText(s.activity)).join("\n");
    expect(text).toContain(fr.results.responses(3));
    // Two ratings of the first skill (Chris skipped it): below the minimum of three, not shown.
    expect(text).toContain(fr.results.hidden(first!.name.fr, 3));
    // The others: Alex 2, Béa 3, Chris 4, the team's mean only.
    for (const skill of others) expect(text).toContain(fr.results.gapLine(skill.name.fr, "3,0", skill.targetLevel, 3));
    expect(sent.every((s) => s.conversationId === chat || s.conversationId.startsWith(CHANNEL))).toBe(true);
  });
});

describe("roster members who never wrote to Parcours, through the Teams outbound port", () => {
  const harness = new TeamsHarness();
  const port = () => harness.server.outbound;
  beforeAll(async () => {
    await harness.start();
    harness.connector.rosters.set(TEAM, roster);
    // Someone speaks in the channel: Parcours learns of the channel and its team, not of the others.
    expect((await harness.post(harness.activity("channel-message-mention"))).status).toBe(200);
  });
  afterAll(() => harness.stop());

  async function refusalOf(work: Promise<unknown>): Promise<OutboundFailure | undefined> {
    const error = await work.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundError);
    return (error as OutboundError).failure;
  }

  it("can be written to privately once the team's roster was read, from the roster's own ids, storing nothing of them", async () => {
    expect(await refusalOf(port().openPrivateConversation(dana.aadObjectId))).toEqual({ reason: "user-not-found" });

    expect(await port().listMembers(CHANNEL)).toEqual(roster.filter((m) => m.id.startsWith("29:")).map((m) => m.objectId));
    const opened = await port().openPrivateConversation(dana.aadObjectId);

    const creation = harness.connector.created.at(-1)!;
    expect(opened).toEqual({ platform: "teams", conversationId: creation.id });
    expect(creation.parameters).toEqual(expect.objectContaining({ isGroup: false, bot: expect.objectContaining({ id: BOT }), members: [{ id: dana.id, name: "" }], tenantId: TENANT }));
    // The roster is not written down: only the chat Parcours opened is, as for anyone it writes to.
    for (const listed of [dana, bea]) expect(await harness.parcours.state.get(userStateKey({ platform: "teams", userId: listed.aadObjectId }, "teams-sighting"))).toBeUndefined();
  });

  it("forgets what the roster said about a member who asks to delete their data", async () => {
    await port().listMembers(CHANNEL);
    await harness.parcours.erasure.erase({ platform: "teams", userId: chris.aadObjectId });

    const created = harness.connector.created.length;
    expect(await refusalOf(port().openPrivateConversation(chris.aadObjectId))).toEqual({ reason: "user-not-found" });
    expect(harness.connector.created.length).toBe(created);
  });
});
