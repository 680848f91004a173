import { deliveryJobId } from "../../../src/announcements/announcement-delivery.js";
import type { Locale } from "../../../src/catalog/schema.js";
import { dmChannelOf, FakeSlackApi, type RecordedCall } from "./fake-slack-api.js";

/** An announcement to everyone in the workspace, in both languages, as `parcours announce --file` reads it. */
export const TO_EVERYONE = {
  title: "Learning Architect track",
  body: { en: "The Learning Architect track opens in January.", fr: "Le parcours Learning Architect ouvre en janvier." },
  audience: { everyone: true },
};

/** Someone in the fake workspace, with the language Parcours should write to them in. */
export interface Person {
  id: string;
  locale: Locale;
}

/** Slack's locales as users.list gives them, and what Parcours makes of each (German has no version: the default, English). */
const LOCALES: [slack: string, parcours: Locale][] = [
  ["fr-FR", "fr"],
  ["en-US", "en"],
  ["fr-CA", "fr"],
  ["de-DE", "en"],
];

/** Adds `count` people to the fake workspace, their languages taken in turn from LOCALES; answers them. */
function addPeople(fake: FakeSlackApi, count: number): Person[] {
  const people = Array.from({ length: count }, (_, i): Person & { slack: string } => {
    const [slack, locale] = LOCALES[i % LOCALES.length]!;
    return { id: `U0P${String(i).padStart(7, "0")}`, locale, slack };
  });
  fake.workspace.addUsers(...people.map(({ id }) => ({ id })));
  for (const { id, slack } of people) fake.locales.set(id, slack);
  return people.map(({ id, locale }) => ({ id, locale }));
}

/**
 * The fake Slack Web API on loopback with `count` people in its workspace, answering a 429 to posts
 * beyond `perSecond` across the workspace, or beyond Slack's one a second in a conversation (a
 * few at once allowed: the author's DM takes the status card and the announcement).
 */
export async function startWorkspace(token: string, count: number, perSecond: number): Promise<{ fake: FakeSlackApi; people: Person[] }> {
  const fake = new FakeSlackApi(token);
  await fake.start();
  fake.enforcePostingLimits({ perSecond, perChannelPerSecond: 1, channelBurst: 3 });
  return { fake, people: addPeople(fake, count) };
}

const deliveryOf = (metadata: unknown): string | undefined => {
  const delivery = (metadata as { event_payload?: { delivery?: unknown } } | undefined)?.event_payload?.delivery;
  return typeof delivery === "string" ? delivery : undefined;
};

const keyOf = (announcementId: string, userId: string) => deliveryJobId({ announcementId, platform: "slack", target: userId });

/** What an announcement left in the workspace, as the fake keeps the messages posted. */
export interface ReceivedCopies {
  /** Each person's messages in their DM carrying their own delivery key (what findPosted looks for). */
  perPerson: Map<string, Record<string, any>[]>;
  /** Messages carrying one of the announcement's delivery keys anywhere else. */
  misplaced: number;
}

export function copiesReceived(fake: FakeSlackApi, announcementId: string, people: readonly Person[]): ReceivedCopies {
  const byPlace = new Map<string, Record<string, any>[]>();
  let carried = 0;
  for (const [key, message] of fake.messages) {
    const delivery = deliveryOf(message.metadata);
    if (!delivery?.includes(announcementId)) continue;
    carried++;
    const place = `${key.split(" ")[0]} ${delivery}`;
    byPlace.set(place, [...(byPlace.get(place) ?? []), message]);
  }
  const perPerson = new Map(people.map(({ id }) => [id, byPlace.get(`${dmChannelOf(id)} ${keyOf(announcementId, id)}`) ?? []]));
  return { perPerson, misplaced: carried - [...perPerson.values()].reduce((n, copies) => n + copies.length, 0) };
}

/** Every chat.postMessage call that carried one of the announcement's delivery keys, answered with a 429 or not. */
export function announcementPosts(fake: FakeSlackApi, announcementId: string): RecordedCall[] {
  return fake.callsTo("chat.postMessage").filter((call) => deliveryOf(call.args.metadata)?.includes(announcementId));
}
