import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { announcementMessages } from "../../../src/announcements/announcement-messages.js";
import { shippedCatalog } from "../../helpers.js";
import { inputsOf, submittedAsShown } from "./card-payloads.js";
import { REFUSALS, type SentActivity } from "./fake-bot-connector.js";
import { cardButtons, cardText, fixture, TeamsHarness, type CardButton } from "./teams-harness.js";

/**
 * A programme announcement through the real Teams adapter (botbuilder's CloudAdapter) and the fake
 * Bot Connector: an L&D lead, named in LND_ADMINS by their Entra object id, asks in their personal
 * chat, submits the Adaptive Card form, confirms the preview; the core's durable jobs send the
 * announcement to every personal chat Parcours recorded, once each, in each person's language,
 * through a blocked chat, an outage and a lost answer, and the lead's status card says what happened.
 */
const TENANT = "00000000-0000-4000-8000-0000000000c1";
const SAID = "the Learning Architect track opens in January";
const FRENCH = "Le parcours Learning Architect ouvre en janvier.";

const en = announcementMessages("en");
/** Generous: the test waits for what it expects, however slow the machine. */
const PATIENCE = { timeout: 20_000, interval: 20 };

/** Someone with a personal chat with Parcours: Teams' ids for them, their chat, their client's language. */
interface Person {
  from: { id: string; name: string; aadObjectId: string };
  chat: string;
  locale: string;
}

const asked = fixture("personal-message");
/** The fixture's own user, in their own personal chat. */
const lead: Person = { from: asked.from, chat: asked.conversation.id, locale: asked.locale };
const person = (n: number, name: string, locale: string): Person => ({
  from: { id: `29:1FakeAnnouncedUser${n}`, name, aadObjectId: `00000000-0000-4000-8000-0000000002${String(n).padStart(2, "0")}` },
  chat: `a:1FakeAnnouncedPersonalChat${n}`,
  locale,
});
const emma = person(1, "Emma Stone", "en-GB");
const claude = person(2, "Claude Martin", "fr-FR");
/** Blocked Parcours in Teams: every send to her chat answers 403 ConversationBlockedByUser. */
const blocking = person(3, "Inès Bloch", "fr-FR");
/** The service fails once (500) on the way to his chat. */
const unlucky = person(4, "Hugo Panne", "en-US");
/** The service posts to her chat and the connection is cut before its answer comes back. */
const cutShort = person(5, "Léa Coupé", "en-US");
const recipients = [lead, emma, claude, blocking, unlucky, cutShort];

describe("a programme announcement in Teams, over HTTP through CloudAdapter and the fake Bot Connector", () => {
  const harness = new TeamsHarness({ logLevel: "warn", admins: [`teams:${lead.from.aadObjectId}`], jobPollMs: 25 });
  const connector = harness.connector;
  let title: string;
  let preview: SentActivity;

  /** A message or a card's submit from `who` in their personal chat, in their client's language. */
  const activity = (who: Person, name: "personal-message" | "card-submit", fields: Record<string, unknown>) =>
    harness.activity(name, { from: who.from, conversation: { conversationType: "personal", tenantId: TENANT, id: who.chat }, locale: who.locale, entities: [{ type: "clientInfo", locale: who.locale, timezone: "Europe/Paris" }], ...fields });

  /** Posts an activity; answers the messages the bot sent during its turn. */
  async function exchange(posted: Record<string, unknown>): Promise<SentActivity[]> {
    const before = connector.messages().length;
    expect((await harness.post(posted)).status).toBe(200);
    return connector.messages().slice(before);
  }

  /** The id the fake gave a sent message: it answers them in order. */
  const idOf = (sent: SentActivity) => connector.activityId(connector.sent.indexOf(sent) + 1);
  const press = (who: Person, button: CardButton, on: SentActivity) => exchange(activity(who, "card-submit", { value: { actionId: button.actionId, value: button.value }, replyToId: idOf(on) }));

  beforeAll(async () => {
    title = (await shippedCatalog()).get("learning-architect").names.en;
    await harness.start();
    // As `parcours start` does: the core reaches Teams through the adapter's port, and runs its durable jobs.
    harness.parcours.outbound.register(harness.server.outbound);
    harness.parcours.startWork();
    // Everyone Parcours can reach talked to it once: their personal chats are recorded, with their language.
    for (const who of recipients.slice(1)) expect(await exchange(activity(who, "personal-message", { text: "hello" }))).toHaveLength(1);
  });
  afterAll(() => harness.stop());

  it("refuses someone who is not in LND_ADMINS politely, and offers them no form", async () => {
    const sent = await exchange(activity(emma, "personal-message", { text: `announce to everyone that ${SAID}` }));

    expect(sent.map((s) => s.conversationId)).toEqual([emma.chat]);
    expect(cardText(sent[0]!.activity)).toContain(en.refused);
    expect(inputsOf(sent[0]!.activity)).toEqual([]);
  });

  it("answers the L&D lead with the Adaptive Card form filled with what they said, and previews what they submit", async () => {
    const [form, ...others] = await exchange(activity(lead, "personal-message", { text: `announce to everyone that ${SAID}` }));
    expect(others).toEqual([]);
    expect(form!.conversationId).toBe(lead.chat);
    const inputs = Object.fromEntries(inputsOf(form!.activity).map((input) => [input.id, input.value]));
    expect(inputs).toEqual(expect.objectContaining({ "field.title": title, "field.bodyEn": SAID, "field.everyone": "yes", "field.timeZone": "Europe/Paris" }));
    expect(inputs["field.bodyFr"]).toBeUndefined();
    expect(cardButtons(form!.activity).map((b) => b.actionId)).toEqual(["announcements.create"]);

    const sent = await exchange(activity(lead, "card-submit", { value: submittedAsShown(form!.activity, { "field.bodyFr": FRENCH }), replyToId: idOf(form!) }));

    expect(sent.map((s) => s.conversationId)).toEqual([lead.chat]);
    preview = sent[0]!;
    const text = cardText(preview.activity);
    expect(text).toContain(en.preview.intro);
    expect(text).toContain(SAID);
    expect(text).toContain(FRENCH);
    // Everyone with a recorded personal chat, the lead included.
    expect(text).toContain(en.preview.recipients(`${en.preview.people(recipients.length)} (teams)`));
    expect(cardButtons(preview.activity).map((b) => b.actionId)).toEqual(["announcements.confirm", "announcements.cancel"]);
  });

  it("sends on confirmation to each recorded personal chat once, in its language, and reports the blocked, the retried and the possibly duplicated", async () => {
    connector.inject(REFUSALS.blockedByUser, { route: "send", conversationId: blocking.chat });
    connector.inject(REFUSALS.internalError, { route: "send", conversationId: unlucky.chat, times: 1 });
    connector.inject({ lost: "reset", delivered: true }, { route: "send", conversationId: cutShort.chat, times: 1 });
    const sentBefore = connector.sent.length;
    const attemptsBefore = connector.attempts.send;

    const confirmed = await press(lead, cardButtons(preview.activity).find((b) => b.actionId === "announcements.confirm")!, preview);
    expect(cardText(confirmed[0]!.activity)).toContain(en.confirmed.now);

    const isCard = (s: SentActivity) => s.conversationId === lead.chat && cardText(s.activity).includes(en.report.title(title));
    const card = await vi.waitFor(() => connector.sent.slice(sentBefore).find(isCard) ?? Promise.reject(new Error("no status card yet")), PATIENCE);
    const cardUpdates = () => connector.updated.filter((u) => u.conversationId === lead.chat && u.activityId === idOf(card));
    await expect.poll(() => cardText(cardUpdates().at(-1)?.activity ?? {}), PATIENCE).toContain(`(${en.report.status.done})`);

    const announcements = (who: Person) =>
      connector.sent.slice(sentBefore).filter((s) => s.conversationId === who.chat && s !== card && [SAID, FRENCH].some((body) => cardText(s.activity).includes(body)));
    for (const who of [lead, emma, unlucky]) {
      expect(announcements(who)).toHaveLength(1);
      expect(cardText(announcements(who)[0]!.activity)).toContain(SAID);
    }
    expect(announcements(claude)).toHaveLength(1);
    expect(cardText(announcements(claude)[0]!.activity)).toContain(FRENCH);
    expect(cardText(announcements(claude)[0]!.activity)).not.toContain(SAID);
    expect(announcements(blocking)).toEqual([]);
    // Posted, its answer lost, and posted again: Teams gives no way to look for it first.
    expect(announcements(cutShort)).toHaveLength(2);
    // Besides what was posted, two refusals: the blocked chat's 403, and the 500 sent again after it.
    expect(connector.attempts.send - attemptsBefore).toBe(connector.sent.length - sentBefore + 2);

    const report = cardText(cardUpdates().at(-1)!.activity);
    expect(report).toContain(`${en.report.sent}\n${recipients.length - 1} / ${recipients.length}`);
    expect(report).toContain(`${en.report.failed}\n1`);
    expect(report).toContain(`• ${en.report.reasons["blocked-by-user"]}: 1`);
    expect(report).toContain(`${en.report.possiblyDuplicated}: 1`);
  });
});
