/**
 * French as French readers expect it: a non-breaking space before « : » and inside « », a narrow
 * one before « ; ? ! », and one between a number and « % », so that no line starts with a stray
 * sign. Only spaces already there change: an address's colon or a time's is left alone.
 */
export function typesetFrench(text: string): string {
  // One pass, as messages are typeset each time a function of theirs is called.
  return text.replace(FRENCH_SPACES, (found: string, digit: string | undefined) => {
    if (digit !== undefined) return `${digit}\u00A0%`;
    if (found === "« ") return "«\u00A0";
    const sign = found.slice(1);
    return `${sign === ":" || sign === "»" ? "\u00A0" : "\u202F"}${sign}`;
  });
}

/** A space before « ; ? ! : », after « and before », and between a digit and « % ». */
const FRENCH_SPACES = / [;?!:»]|« |(\d) %/g;

/** The same through every string of a value: its fields, its items, and what its functions return. */
export function typesetFrenchThroughout<T>(value: T): T {
  if (typeof value === "string") return typesetFrench(value) as T;
  if (typeof value === "function") return ((...args: unknown[]) => typesetFrenchThroughout((value as (...a: unknown[]) => unknown)(...args))) as T;
  if (Array.isArray(value)) return value.map((item) => typesetFrenchThroughout(item)) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, typesetFrenchThroughout(item)])) as T;
  return value;
}
