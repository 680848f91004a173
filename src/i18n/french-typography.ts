/**
 * French as French readers expect it: a non-breaking space before « : » and inside « », a narrow
 * one before « ; ? ! », and one between a number and « % », so that no line starts with a stray
 * sign. Only spaces already there change: an address's colon or a time's is left alone.
 */
export function typesetFrench(text: string): string {
  return text
    .replace(/ ([;?!])/g, "\u202F$1")
    .replace(/ :/g, "\u00A0:")
    .replace(/« /g, "«\u00A0")
    .replace(/ »/g, "\u00A0»")
    .replace(/(\d) %/g, "$1\u00A0%");
}

/** The same through every string of a value: its fields, its items, and what its functions return. */
export function typesetFrenchThroughout<T>(value: T): T {
  if (typeof value === "string") return typesetFrench(value) as T;
  if (typeof value === "function") return ((...args: unknown[]) => typesetFrenchThroughout((value as (...a: unknown[]) => unknown)(...args))) as T;
  if (Array.isArray(value)) return value.map((item) => typesetFrenchThroughout(item)) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, typesetFrenchThroughout(item)])) as T;
  return value;
}
