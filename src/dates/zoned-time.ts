/**
 * Wall-clock time in a user's zone, with nothing but Intl. A day without a time ends at 23:59
 * there, whatever the server's zone, and across a daylight-saving change the offset is the one of
 * that date.
 */

export interface Day {
  year: number;
  /** 1 to 12 */
  month: number;
  day: number;
}
export interface WallTime extends Day {
  hour: number;
  minute: number;
}
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

export function knownTimeZone(timeZone: string): string {
  try {
    formatter(timeZone);
    return timeZone;
  } catch {
    return "UTC";
  }
}

export function wallClock(instant: Date, timeZone: string): WallTime & { second: number } {
  const parts = new Map(formatter(timeZone).formatToParts(instant).map((p) => [p.type, Number(p.value)]));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.get(type) ?? 0;
  return { year: part("year"), month: part("month"), day: part("day"), hour: part("hour") % 24, minute: part("minute"), second: part("second") };
}

/** Minutes east of UTC in that zone at that instant (Paris in winter: 60). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const wall = wallClock(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant a wall-clock time names in the zone; days past the month's end roll over. */
export function instantAt(time: WallTime, timeZone: string): Date {
  const asUtc = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute);
  const guess = asUtc - offsetMinutes(new Date(asUtc), timeZone) * 60_000;
  return new Date(asUtc - offsetMinutes(new Date(guess), timeZone) * 60_000);
}

export const endOfDay = (day: Day, timeZone: string) => instantAt({ ...day, hour: 23, minute: 59 }, timeZone);


/** The calendar day ("YYYY-MM-DD") an instant falls on in the zone. */
export function dayIn(instant: Date, timeZone: string): string {
  const { year, month, day } = wallClock(instant, knownTimeZone(timeZone));
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** 23:59 of a "YYYY-MM-DD" day in the zone, as epoch milliseconds; NaN for a day that does not exist. */
export const endOfDayIn = (isoDay: string, timeZone: string) => timeOfDayIn(isoDay, "23:59", timeZone);

/** A "YYYY-MM-DD" day at an "HH:MM" time in the zone, as epoch milliseconds; NaN for a day or time that does not exist. */
export function timeOfDayIn(isoDay: string, time: string, timeZone: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  const clock = /^([01]?\d|2[0-3])[:hH]([0-5]\d)$/.exec(time.trim());
  if (!match || !clock) return Number.NaN;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return Number.NaN;
  return instantAt({ year, month, day, hour: Number(clock[1]), minute: Number(clock[2]) }, knownTimeZone(timeZone)).getTime();
}
