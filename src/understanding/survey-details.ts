import type { Locale } from "../catalog/schema.js";
import { endOfDay, instantAt } from "../dates/zoned-time.js";
import { editDistance, fold, typoAllowance } from "./normalize.js";
import { addDays, chronoDates, clockAt, daysInMonth, MONTH_WORDS, MONTHS, nextDayOfMonth, weekdayOf, type Clock, type DateReading } from "./said-dates.js";
import type { SurveyDetails } from "./understanding.js";

export interface SurveyDetailsContext {
  /** The language the request was detected in: its date parser is tried first. */
  locale: Locale;
  now: Date;
  /** IANA zone of the user ("Europe/Paris"); an unknown one reads as UTC. */
  timeZone: string;
}

/**
 * The deadline and the anonymity a manager states when asking for a survey. Whatever was not
 * said stays undefined, so the survey form asks for it instead of assuming it.
 */
export function surveyDetails(text: string, context: SurveyDetailsContext): SurveyDetails {
  const clock = clockAt(context.now, context.timeZone);
  const deadline = findDeadline(text, context.locale, clock);
  const anonymous = findAnonymity(text);
  return {
    ...(deadline ? { deadline: deadline.toISOString() } : {}),
    ...(anonymous === undefined ? {} : { anonymous }),
  };
}

// ---------------------------------------------------------------------------------------------
// Deadlines. The phrasings below are the ones chrono does not read (« sous dix jours », "EOW",
// « pour le 15 ») or reads differently from what a manager means ("within a fortnight"); when
// one is found it decides, otherwise chrono reads the text. Patterns run on folded text.

const bounded = (source: string) => `(?:^| )(?:${source})(?= |$)`;

function numberWords(): Map<string, number> {
  const fr = ["un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix sept", "dix huit", "dix neuf"];
  const en = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
  const words = new Map<string, number>([["une", 1], ["a", 1], ["an", 1], ["a couple of", 2], ["couple of", 2], ["tow", 2], ["thre", 3], ["vingt", 20], ["twenty", 20], ["trente", 30], ["thirty", 30], ["vingt un", 21]]);
  fr.forEach((word, i) => words.set(word, i + 1));
  en.forEach((word, i) => words.set(word, i + 1));
  for (let unit = 1; unit <= 9; unit++) {
    words.set(`vingt ${unit === 1 ? "et un" : fr[unit - 1]}`, 20 + unit);
    words.set(`twenty ${en[unit - 1]}`, 20 + unit);
  }
  return words;
}

const NUMBER_WORDS = numberWords();
const NUMBER = `\\d{1,3}|${[...NUMBER_WORDS.keys()].sort((a, b) => b.length - a.length).join("|")}`;
const DAY_UNIT = /^(?:jours?|jrs?|jous|journees?|days?|dayz|dys|j|d)$/;
const WEEK_UNIT = /^(?:semaines?|smaines?|semainnes?|sem|sems|weeks?|weks|wks?|w)$/;
const HOUR_UNIT = /^(?:heures?|hours?|hrs?|hr|h)$/;
const LONG_UNIT = "jours?|jrs?|jous|journees?|days?|dayz|dys|semaines?|smaines?|semainnes?|sem|sems|weeks?|weks|wks?|heures?|hours?|hrs?|hr|h";
/** One-letter units only glued to digits ("10j", "2w", "48h"): "in a d…" is not a duration. */
const GLUED_UNIT = "j|d|w|h";
const COUNT = `(?:(${NUMBER})(?: (?:prochains|prochaines|next|more|de plus))? (${LONG_UNIT})|(\\d{1,3}) ?(${LONG_UNIT}|${GLUED_UNIT}))`;
/** Words that put a count of days before a deadline: « sous », "within", "give them", « ils ont ». */
const COUNT_CUE = "sous|d ici|dans|en|avant|pour|pendant|durant|delai|delai de|deadline|echeance|limite|max|maxi|maximum|laisse|laisser|laissez|donne|donner|donnez|ont|within|in|inside|by|before|for|over|under|due|due in|give|allow|leave|have|has|got";
const COUNT_FILLER = "(?: (?:the|next|coming|les|des|prochains|prochaines|un delai de|a|de|leur|them|max|maximum|au plus|at most))*";
const COUNT_AFTER_CUE = new RegExp(`(?:^| )(?:${COUNT_CUE})${COUNT_FILLER} ${COUNT}(?= |$)`, "g");
const COUNT_THEN_CUE = new RegExp(`(?:^| )${COUNT} (?:from now|from today|max|maxi|maximum|top|grand max|de delai|delai|to answer|to reply|to respond|to complete|to fill it in|to do it|pour repondre|pour y repondre|pour le remplir|pour remplir|a partir d aujourd hui|a compter d aujourd hui|des aujourd hui)(?= |$)`, "g");
const PERIOD = new RegExp(`${bounded(COUNT_CUE)}(?: (?:a|one|une|1|the|la|next|prochaine))* (fortnight|quinzaine|huitaine)(?= |$)`, "g");
/** Days in a named period: a quinzaine is fifteen days in French, a huitaine eight. */
const PERIOD_DAYS: Record<string, number> = { fortnight: 14, quinzaine: 15, huitaine: 8 };

/** « pour le 15 », "by the 15th": a day of the month without its month (chrono wants the month). */
const DAY_OF_MONTH = new RegExp(
  `(?:^| )(?:pour|avant|d ici|jusqu|au plus tard|limite|rendre|echeance|deadline|cloture|fermeture|ferme|by|before|due|until|till|no later than|closes|closing|close|ends)(?: (le|au|the|on the|on))? (\\d{1,2})(er|e|eme|st|nd|rd|th)?(?= |$)(?! (?:${MONTH_WORDS}|\\d+|${LONG_UNIT}|jours|days|heures|personnes|people|ppl|pers)(?: |$))`,
  "g",
);
const END_OF_DAY = new RegExp(bounded("eod|end of (?:the )?day|end of today|tonight|by tonight|ce soir|fin de (?:la )?journee|cob|close of business"));
const END_OF_NEXT_WEEK = new RegExp(bounded("end of next week|fin de (?:la )?semaine prochaine|next week end|by the end of next week"));
const END_OF_WEEK = new RegExp(bounded("eow|end of (?:the |this )?week|end of wk|fin de (?:la |cette )?semaine|before the weekend|by the weekend|avant le (?:week end|weekend|we)"));
const END_OF_NEXT_MONTH = new RegExp(bounded("end of next month|fin du mois prochain|fin de mois prochain"));
const END_OF_MONTH = new RegExp(bounded("eom|end of (?:the |this )?month|fin (?:du|de|de ce) mois"));
const END_OF_NAMED_MONTH = new RegExp(bounded(`(?:fin|end of) (?:de |d |du mois de |du mois d )?(${MONTH_WORDS})`), "g");

type Rule = (folded: string, clock: Clock) => Date[];

function countOf(word: string): number | undefined {
  return /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS.get(word);
}

/** "within 10 days" is now plus ten days, at the same time of day; "within 48h" is now plus 48 hours. */
function fromNow(count: number, unit: string, clock: Clock): Date | undefined {
  if (count <= 0 || count > 366) return undefined;
  if (HOUR_UNIT.test(unit)) {
    // « d'ici 17h » is five in the afternoon, « sous 48h » a duration.
    if (unit === "h" && count < 24) return undefined;
    return new Date(clock.now.getTime() + count * 3_600_000);
  }
  const days = WEEK_UNIT.test(unit) ? count * 7 : DAY_UNIT.test(unit) ? count : undefined;
  if (days === undefined) return undefined;
  return instantAt({ ...clock.today, ...addDays(clock.today, days) }, clock.timeZone);
}

const relativeCount: Rule = (folded, clock) =>
  [...folded.matchAll(COUNT_AFTER_CUE), ...folded.matchAll(COUNT_THEN_CUE)].flatMap((m) => {
    const count = countOf((m[1] ?? m[3])!);
    const date = count === undefined ? undefined : fromNow(count, (m[2] ?? m[4])!, clock);
    return date ? [date] : [];
  });

const namedPeriod: Rule = (folded, clock) =>
  [...folded.matchAll(PERIOD)].map((m) => instantAt({ ...clock.today, ...addDays(clock.today, PERIOD_DAYS[m[1]!]!) }, clock.timeZone));

const dayOfMonth: Rule = (folded, clock) =>
  [...folded.matchAll(DAY_OF_MONTH)].flatMap((m) => {
    const [, article, digits, suffix] = m;
    // "by 15" alone could be a count; an article or an ordinal makes it a date.
    const day = article || suffix ? nextDayOfMonth(Number(digits), clock) : undefined;
    return day ? [endOfDay(day, clock.timeZone)] : [];
  });

/** The working week ends on Friday: "EOW" said at the weekend is next Friday. */
function friday(clock: Clock, weeksAhead: number): Date {
  const weekday = weekdayOf(clock.today);
  const untilFriday = weekday === 6 ? 6 : 5 - weekday;
  return endOfDay(addDays(clock.today, untilFriday + weeksAhead * 7), clock.timeZone);
}

function lastDayOfMonth(clock: Clock, monthsAhead: number): Date {
  const first = new Date(Date.UTC(clock.today.year, clock.today.month - 1 + monthsAhead, 1));
  const year = first.getUTCFullYear();
  const month = first.getUTCMonth() + 1;
  return endOfDay({ year, month, day: daysInMonth(year, month) }, clock.timeZone);
}

const endOfPeriod: Rule = (folded, clock) => {
  if (END_OF_NEXT_WEEK.test(folded)) return [friday(clock, 1)];
  if (END_OF_WEEK.test(folded)) return [friday(clock, 0)];
  if (END_OF_NEXT_MONTH.test(folded)) return [lastDayOfMonth(clock, 1)];
  if (END_OF_MONTH.test(folded)) return [lastDayOfMonth(clock, 0)];
  if (END_OF_DAY.test(folded)) return [endOfDay(clock.today, clock.timeZone)];
  return [];
};

/** « fin février », "end of March": the month's last day, next year's once this one is past. */
const endOfNamedMonth: Rule = (folded, clock) =>
  [...folded.matchAll(END_OF_NAMED_MONTH)].map((m) => {
    const month = MONTHS.get(m[1]!)!;
    const year = month < clock.today.month ? clock.today.year + 1 : clock.today.year;
    return endOfDay({ year, month, day: daysInMonth(year, month) }, clock.timeZone);
  });

const RULES: readonly Rule[] = [relativeCount, namedPeriod, dayOfMonth, endOfPeriod, endOfNamedMonth];

/** A date right after "launch" or « lance le » is when the survey starts, not when it is due. */
const STARTS = /(?:^| )(?:start|starts|starting|launch|launching|launches|begin|begins|beginning|open|opens|opening|send|sending|kick off|kickoff|from|lance|lancer|lancez|lancement|commence|commencer|commencez|debut|demarre|demarrer|ouvre|ouvrir|ouverture|envoie|envoyer|envoyez|des|a partir)(?: (?:on|le|la|du|de|d|ce|cette|this|next|it|the|out|ca|a|au|les|them|leur|survey|sondage|questionnaire))*$/;

/** chrono reads the rest: a deadline ends the day it names, and "in two weeks" keeps the time it was said at. */
const DEADLINE_READING: DateReading = {
  edge: "end",
  dayTime: { hour: 23, minute: 59 },
  relativeKeepsTime: true,
  skip: (before) => STARTS.test(fold(before)),
};

/**
 * The latest date said is the deadline ("launch Monday, due Friday"); a date in the past is
 * dropped, never offered as a deadline.
 */
function findDeadline(text: string, locale: Locale, clock: Clock): Date | undefined {
  const folded = fold(text);
  const own = RULES.flatMap((rule) => rule(folded, clock));
  const candidates = own.length > 0 ? own : chronoDates(text, locale, clock, DEADLINE_READING).map((said) => said.date);
  const future = candidates.filter((d) => d.getTime() > clock.now.getTime());
  return future.length > 0 ? new Date(Math.max(...future.map((d) => d.getTime()))) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Anonymity: said outright or denied ("not anonymous", « pas nominatif »); the last word said wins.

const ANONYMOUS_WORDS = ["anonymous", "anonyme", "anonymat", "anonymously", "anonymement", "anonymise", "anonymize"];
const NAMELESS = new RegExp(bounded("sans (?:les |leurs? |de |aucun )?noms?|no names?|without (?:the |their |any )?names?|nameless|unnamed|names? hidden|hide (?:the |their )?names?|masquer les noms|noms? masques?|pas de noms?|aucun nom"), "g");
const NAMED = new RegExp(bounded("nominatifs?|nominatives?|nominativement|named|with (?:the |their )?names?|avec (?:les |leurs? |des |leur )?noms?|names? visible|noms? visibles?|by name|par nom"), "g");
/** "n't" folds to a lone "t". */
const NEGATIONS = new Set(["not", "non", "pas", "no", "t", "never", "jamais", "without", "sans", "ni", "nor"]);
/** How far back a "not" still reaches: "it does not need to be anonymous". */
const NEGATION_REACH = 5;

function isAnonymousWord(word: string): boolean {
  return word.startsWith("anon") || ANONYMOUS_WORDS.some((target) => editDistance(word, target, typoAllowance(target)) <= typoAllowance(target));
}

function findAnonymity(text: string): boolean | undefined {
  let said: boolean | undefined;
  // A negation does not reach across a comma: "don't worry, it's anonymous".
  for (const clause of text.split(/[.,;:!?()\n]+/)) {
    const folded = fold(clause);
    const words = folded ? folded.split(" ") : [];
    const wordAt = (index: number) => (folded.slice(0, index).match(/ /g)?.length ?? 0) + (folded[index] === " " ? 1 : 0);
    const mentions = [
      ...words.flatMap((word, at) => (isAnonymousWord(word) ? [{ at, anonymous: true }] : [])),
      ...[...folded.matchAll(NAMELESS)].map((m) => ({ at: wordAt(m.index), anonymous: true })),
      ...[...folded.matchAll(NAMED)].map((m) => ({ at: wordAt(m.index), anonymous: false })),
    ].sort((a, b) => a.at - b.at);
    for (const { at, anonymous } of mentions) {
      const negated = words.slice(Math.max(0, at - NEGATION_REACH), at).some((w) => NEGATIONS.has(w));
      said = negated ? !anonymous : anonymous;
    }
  }
  return said;
}
