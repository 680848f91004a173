import type { Locale } from "../catalog/schema.js";
import { instantAt, type Day } from "../dates/zoned-time.js";
import { fold } from "./normalize.js";
import { chronoDates, clockAt, daysInMonth, MONTH_NAMES, MONTHS, nextDayOfMonth, type Clock, type DateReading, type SaidDate } from "./said-dates.js";

export interface AnnouncedDateContext {
  locale: Locale;
  now: Date;
  timeZone: string;
  /** The text is the message alone, so none of its dates is when to send it. */
  fromMessage: boolean;
}

/** A programme's day starts at nine where the author is: "starts on the 12th" is the 12th, 09:00. */
const DAY_STARTS = { hour: 9, minute: 0 };

/** Read in a whole request, a date right after "send" or « programme-la » is when to send it, not news. */
const SENDING = /(?:^| )(?:send|sending|post|posting|schedule|publish|envoie|envoyer|envoyez|publie|publier|publiez|poste|poster|postez|programme|programmer|programmez|planifie|planifier|planifiez)(?: (?:it|this|that|them|the|an|a|announcement|message|post|out|la|le|l|les|annonce|ca|on|at|for|pour|au|vers|d ici))*$/;

/** « Manager de demain » is a name: no date is read inside quotes. */
const QUOTED = /«[^»]*»|“[^”]*”|"[^"]*"/g;

/**
 * The first date the text speaks of ("the bootcamp has 5 seats left until Monday", « démarre le
 * 12 »), with the words it was read from as typed.
 */
export function announcedDate(text: string, context: AnnouncedDateContext): SaidDate | undefined {
  const clock = clockAt(context.now, context.timeZone);
  const skip = context.fromMessage ? undefined : (before: string) => SENDING.test(fold(before));
  const reading: DateReading = { edge: "start", dayTime: DAY_STARTS, relativeKeepsTime: false, ...(skip ? { skip } : {}) };
  const own = [...daysOfMonth(text, clock), ...namedMonths(text, clock)].filter((said) => !skip?.(text.slice(0, said.index)));
  const quotes = [...text.matchAll(QUOTED)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  // The rules below come first on a tie: "in January" is quoted whole, where chrono reads "January".
  return [...own, ...chronoDates(text, context.locale, clock, reading)]
    .filter((said) => !quotes.some((q) => said.index > q.start && said.index < q.end))
    .sort((a, b) => a.index - b.index)[0];
}

// ---------------------------------------------------------------------------------------------
// What chrono does not read: a day of the month without its month (« le 12 », "the 12th") and a
// month without its day (« en janvier », "mid-March").

/** Lower case without accents, one character for one, so that a match is quoted as typed. */
function foldInPlace(text: string): string {
  return text.replace(/\S/gu, (c) => {
    const folded = c.normalize("NFD").replace(/\p{Mn}/gu, "").toLowerCase();
    return folded.length === c.length ? folded : c;
  });
}

/**
 * Only a day that ends the phrase (« le 12 à 14h », "on the 12th, at the Lyon campus") is a date:
 * "the 3rd session" and « le 5 places » are not, and « le 12 mars » is left to chrono.
 */
const DAY_ENDS = `(?=\\s*(?:$|[,;:!?)»"]|\\.(?!\\d)|(?:a|at|and|et|or|ou|until|till|to|from|for|in|so|but|au|jusqu|pour|dans|de|du|avec|with|puis|then)(?!\\p{L})))`;
const DAY_OF_MONTH = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(?:on\\s+)?the\\s+(\\d{1,2})(?:st|nd|rd|th)|le\\s+(\\d{1,2})(?:er|e|eme)?)${DAY_ENDS}` +
    `(?:\\s+(?:a|at)\\s+(\\d{1,2})(?:\\s*(?:h|:)\\s*(\\d{2})?|\\s*(am|pm))(?![\\p{L}\\p{N}]))?`,
  "gu",
);
/** Full month names only: « en sept groupes » is no September. */
const FULL_MONTHS = Object.values(MONTH_NAMES).flat().map(fold).join("|");
const NAMED_MONTH = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(mid[\\s-]?|mi[\\s-])|(late\\s+|end\\s+of\\s+|fin\\s+)|(?:in|en|from|starting(?:\\s+in)?|des|a\\s+partir|courant|early|debut|beginning\\s+of|start\\s+of)\\s+)` +
    `(?:de\\s+|d['’]\\s*|du\\s+mois\\s+(?:de\\s+|d['’]\\s*))?(${FULL_MONTHS})(?:\\s+(\\d{4}))?(?![\\p{L}\\p{N}])(?!\\s*\\d)`,
  "gu",
);

function quoted(text: string, m: RegExpMatchArray, date: Date): SaidDate {
  return { date, index: m.index!, text: text.slice(m.index, m.index! + m[0].length) };
}

function daysOfMonth(text: string, clock: Clock): SaidDate[] {
  return [...foldInPlace(text).matchAll(DAY_OF_MONTH)].flatMap((m) => {
    const day = nextDayOfMonth(Number(m[1] ?? m[2]), clock);
    if (!day) return [];
    return [quoted(text, m, instantAt({ ...day, ...timeOf(m) }, clock.timeZone))];
  });
}

/** « le 12 à 14h », "the 12th at 2pm"; a day alone starts at nine. */
function timeOf(m: RegExpMatchArray): { hour: number; minute: number } {
  if (m[3] === undefined) return DAY_STARTS;
  const said = Number(m[3]);
  const hour = m[5] ? (said % 12) + (m[5] === "pm" ? 12 : 0) : said;
  return hour < 24 ? { hour, minute: Number(m[4] ?? 0) } : DAY_STARTS;
}

/** A month said alone is its first day, "mid" its 15th, "late" its last; next year's once this one is past. */
function namedMonths(text: string, clock: Clock): SaidDate[] {
  return [...foldInPlace(text).matchAll(NAMED_MONTH)].map((m) => {
    const month = MONTHS.get(m[3]!)!;
    const year = m[4] ? Number(m[4]) : month < clock.today.month ? clock.today.year + 1 : clock.today.year;
    const day: Day = { year, month, day: m[1] ? 15 : m[2] ? daysInMonth(year, month) : 1 };
    return quoted(text, m, instantAt({ ...day, ...DAY_STARTS }, clock.timeZone));
  });
}
