import * as chrono from "chrono-node";
import type { Locale } from "../catalog/schema.js";
import { instantAt, knownTimeZone, offsetMinutes, wallClock, type Day, type WallTime } from "../dates/zoned-time.js";
import { editDistance, fold, typoAllowance } from "./normalize.js";

/**
 * Dates as people write them in a request, read on the user's calendar: the arithmetic and the
 * chrono-node reading that a survey's deadline and an announcement's date share. Each caller
 * decides what a day said without a time means (a deadline ends it, a programme date starts it).
 */

export interface Clock {
  now: Date;
  timeZone: string;
  today: WallTime;
}

/** An unknown zone reads as UTC. */
export function clockAt(now: Date, timeZone: string): Clock {
  const known = knownTimeZone(timeZone);
  return { now, timeZone: known, today: wallClock(now, known) };
}

export function addDays(day: Day, days: number): Day {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export const weekdayOf = (day: Day) => new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
export const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const sameDay = (a: Day, b: Day) => a.year === b.year && a.month === b.month && a.day === b.day;

/** « le 15 », "the 15th": today or the next month that has that day (the 31st skips short months). */
export function nextDayOfMonth(day: number, clock: Clock): Day | undefined {
  if (day < 1 || day > 31) return undefined;
  let { year, month } = clock.today;
  if (day < clock.today.day) month++;
  for (let tries = 0; tries < 12; tries++, month++) {
    if (month > 12) [year, month] = [year + 1, 1];
    if (day <= daysInMonth(year, month)) return { year, month, day };
  }
  return undefined;
}

const MONTH_SPELLINGS = [
  "janvier janv jan january", "fevrier fevr fev february feb", "mars mar march", "avril avr april apr", "mai may", "juin june jun",
  "juillet juil july jul", "aout august aug", "septembre sept sep september", "octobre oct october", "novembre nov november", "decembre dec december",
];
/** Month names and abbreviations, folded, in both languages: "fevr" → 2. */
export const MONTHS = new Map(MONTH_SPELLINGS.flatMap((spellings, i) => spellings.split(" ").map((word) => [word, i + 1] as const)));
export const MONTH_WORDS = [...MONTHS.keys()].join("|");

// ---------------------------------------------------------------------------------------------
// chrono-node reads weekdays, dates with a month, "tomorrow", « mardi prochain ».

const PARSERS: Record<Locale, chrono.Chrono> = { fr: chrono.fr.casual, en: chrono.en.casual };
const OTHER: Record<Locale, Locale> = { fr: "en", en: "fr" };
export const MONTH_NAMES: Record<Locale, string[]> = {
  fr: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
};
const NUMERIC_DATE = /(?<![\d/.])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/])|(?<![\d/.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d.])/g;

/** A text rewritten for chrono that still knows where each of its characters was typed. */
interface Rewritten {
  text: string;
  /** The position in the typed text of a position in this one; a rewritten word maps to its whole span. */
  typed(index: number, side: "start" | "end"): number;
}

function rewrite(source: Rewritten, pattern: RegExp, replace: (whole: string, groups: (string | undefined)[]) => string): Rewritten {
  const edits: { from: number; to: number; at: number; length: number }[] = [];
  let shift = 0;
  const text = source.text.replace(pattern, (whole: string, ...rest: unknown[]) => {
    const from = rest[rest.length - 2] as number;
    const written = replace(whole, rest.slice(0, -2) as (string | undefined)[]);
    if (written !== whole) edits.push({ from, to: from + whole.length, at: from + shift, length: written.length });
    shift += written.length - whole.length;
    return written;
  });
  const typed = (index: number, side: "start" | "end") => {
    let delta = 0;
    for (const edit of edits) {
      if (index < edit.at || (side === "end" && index === edit.at)) break;
      if (index < edit.at + edit.length || (side === "end" && index === edit.at + edit.length)) return side === "start" ? edit.from : edit.to;
      delta = edit.to - edit.at - edit.length;
    }
    return source.typed(index + delta, side);
  };
  return { text, typed };
}

/**
 * "3/4" is the 3rd of April in both languages: the bot's users write the day first (chrono's
 * British mode would do it too, but it reads "feb 28" as February 2028). A dot needs the year,
 * or "2.5 days" would become a date.
 */
function spellNumericDates(text: Rewritten, language: Locale): Rewritten {
  return rewrite(text, NUMERIC_DATE, (whole, groups) => {
    const [day, month, year] = groups[0] ? groups.slice(0, 3) : groups.slice(3, 6);
    const name = MONTH_NAMES[language][Number(month) - 1];
    if (!name || Number(day) < 1 || Number(day) > 31) return whole;
    return `${Number(day)} ${name}${year ? ` ${year.length === 2 ? `20${year}` : year}` : ""}`;
  });
}

/** Full weekday and month names, so that "thrusday" or « vendredy » are still read. */
const DATE_WORDS = [
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mercredi", "vendredi", "samedi", "dimanche",
  "january", "february", "august", "september", "october", "november", "december", "janvier", "fevrier", "juillet", "septembre", "octobre", "novembre", "decembre",
];
const DATE_WORD_SET = new Set(DATE_WORDS);

function correctDateTypos(text: Rewritten): Rewritten {
  return rewrite(text, /\p{L}{5,}/gu, (word) => {
    const folded = fold(word);
    if (DATE_WORD_SET.has(folded)) return word;
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const target of DATE_WORDS) {
      const allowed = typoAllowance(target);
      const distance = editDistance(folded, target, allowed);
      if (distance <= allowed && distance < bestDistance) [best, bestDistance] = [target, distance];
    }
    return best ?? word;
  });
}

/** In the other language's parser, a lone "mon" or "sept" is a French word, not Monday or September. */
function strayWord(text: string): boolean {
  return !/\d/.test(text) && !text.split(/\s+/).some((word) => word.replace(/[^\p{L}]/gu, "").length >= 5);
}

export interface DateReading {
  /** A range ("from the 3rd to the 7th") gives its start or its end. */
  edge: "start" | "end";
  /** The time a day said without one gets, in the user's zone. */
  dayTime: { hour: number; minute: number };
  /** Whether "in two weeks" keeps the time of day it was said at rather than taking dayTime. */
  relativeKeepsTime: boolean;
  /** Drops a date by the words typed before it (« lance le lundi » is no deadline). */
  skip?: (before: string) => boolean;
}

/** A date read in a text, with the words it was read from, as typed. */
export interface SaidDate {
  date: Date;
  index: number;
  text: string;
}

function instantOf(result: chrono.ParsedResult, clock: Clock, reading: DateReading): Date | undefined {
  const tags = result.tags();
  // "now" is when the message is sent: no date of its own.
  if (tags.has("casualReference/now")) return undefined;
  const said = reading.edge === "end" ? (result.end ?? result.start) : result.start;
  // A zone in the text ("5pm CET") or a count of hours: the instant chrono computed.
  if (said.isCertain("timezoneOffset")) return said.date();
  const day = { year: said.get("year")!, month: said.get("month")!, day: said.get("day")! };
  // Relative days keep the time of day in the user's zone, even across a clock change.
  const timed = said.isCertain("hour") || (reading.relativeKeepsTime && tags.has("result/relativeDate"));
  const time = timed ? { hour: said.get("hour")!, minute: said.get("minute") ?? 0 } : reading.dayTime;
  const at = (d: Day) => instantAt({ ...d, ...time }, clock.timeZone);
  // "by Wednesday" said on a Wednesday means next week's.
  const bareWeekday = said.isCertain("weekday") && !said.isCertain("day") && !said.isCertain("hour");
  let date = at(bareWeekday && sameDay(day, clock.today) ? addDays(day, 7) : day);
  if (date.getTime() <= clock.now.getTime() && said.isCertain("month") && said.isCertain("day") && !said.isCertain("year")) {
    date = at({ ...day, year: day.year + 1 });
  }
  return date;
}

/** The dates chrono reads in the text, in the request's language first, then in the other one. */
export function chronoDates(text: string, locale: Locale, clock: Clock, reading: DateReading): SaidDate[] {
  const typed: Rewritten = { text: text.replace(/[’‘`´]/g, "'"), typed: (index) => index };
  const corrected = correctDateTypos(typed);
  const reference = { instant: clock.now, timezone: offsetMinutes(clock.now, clock.timeZone) };
  for (const language of [locale, OTHER[locale]]) {
    const prepared = spellNumericDates(corrected, language);
    const dates = PARSERS[language]
      .parse(prepared.text, reference, { forwardDate: true })
      .filter((r) => (language === locale || !strayWord(r.text)) && !reading.skip?.(prepared.text.slice(0, r.index)))
      .flatMap((r) => {
        const date = instantOf(r, clock, reading);
        if (!date) return [];
        const index = prepared.typed(r.index, "start");
        // chrono takes in the comma of "starts Thursday, in room 3".
        return [{ date, index, text: text.slice(index, prepared.typed(r.index + r.text.length, "end")).replace(/[\s,;.!?]+$/, "") }];
      });
    if (dates.length > 0) return dates;
  }
  return [];
}
