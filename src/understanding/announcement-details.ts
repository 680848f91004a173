import type { Locale } from "../catalog/schema.js";
import { findAddressees, passingOnAt } from "./announcement-addressees.js";
import { announcedDate } from "./announcement-date.js";
import type { AnnouncementDetails } from "./understanding.js";

export interface AnnouncementDetailsContext {
  /** The language the request was detected in: its date parser is tried first. */
  locale: Locale;
  now: Date;
  /** IANA zone of the user ("Europe/Paris"); an unknown one reads as UTC. */
  timeZone: string;
}

/**
 * Who an L&D author wants told, what, and the date it speaks of, read from the text as typed
 * (accents and case kept). The request reads as a head that names the people ("tell the sales
 * managers", « préviens les équipes RH ») and a message after "that", « que » or a colon.
 */
export function announcementDetails(text: string, context: AnnouncementDetailsContext): AnnouncementDetails {
  const opener = findOpener(text);
  const head = opener ? text.slice(0, opener.index) : text;
  const message = opener ? cleanMessage(text.slice(opener.index + opener.length), head) : undefined;
  const addressees = findAddressees(head, { hasMessage: opener !== undefined });
  // Who is told, and when, belongs to the head; the date that matters is the message's own.
  const said = announcedDate(message ?? text, { ...context, fromMessage: message !== undefined });
  return {
    ...addressees,
    ...(said ? { date: said.date.toISOString(), dateText: said.text } : {}),
    ...(message ? { message } : {}),
  };
}

const OPENERS = [
  // Not the colon closing an emoji code (":tada: ") nor one inside a time or a link.
  /(?<!:[\w+-]+)\s*:\s+/u,
  /(?<!\p{L})(?<!(?<!\p{L})ce\s+)(?:that|que)\s+/iu,
  /(?<!\p{L})(?<!(?<!\p{L})ce\s+)qu['’](?=\p{L})/iu,
  // "let everyone know the track opens": what follows "know" is the message, "know about" only its subject.
  /(?<=(?<!\p{L})let\s+(?:\S+\s+){1,8})know(?:\s+that)?\s+(?!(?:about|of)(?!\p{L}))/iu,
];

function findOpener(text: string): { index: number; length: number } | undefined {
  const from = passingOnAt(text);
  const rest = text.slice(from);
  const found = OPENERS.flatMap((opener) => {
    const m = opener.exec(rest);
    return m ? [{ index: from + m.index, length: m[0].length }] : [];
  });
  return found.sort((a, b) => a.index - b.index)[0];
}

/** « Tu peux prévenir … que … ? »: the question mark belongs to the request, not to the message. */
const ASKED = /^\s*(?:(?:hi|hello|hey|bonjour|salut|coucou)\b[\s,!]*)?(?:(?:can|could|would|will)\s+you|(?:peux|pourrais)[- ]tu|(?:pouvez|pourriez)[- ]vous|tu\s+(?:peux|pourrais)|vous\s+(?:pouvez|pourriez)|est[- ]ce\s+que)(?!\p{L})/iu;
const POLITE_TAIL = /[\s,]*(?:please|pls|plz|thanks|thank you|thx|merci|stp|svp|s'il te pla[iî]t|s'il vous pla[iî]t)[\s.!]*$/iu;
const QUOTED = /^(?:"(.*)"|“(.*)”|«\s*(.*?)\s*»|'(.*)')$/su;

function cleanMessage(said: string, head: string): string | undefined {
  let message = said.trim().replace(POLITE_TAIL, "");
  if (ASKED.test(head)) message = message.replace(/\s*\?+$/, "");
  const quoted = QUOTED.exec(message);
  if (quoted) message = quoted.slice(1).find((group) => group !== undefined)!;
  message = message.trim();
  return message || undefined;
}
