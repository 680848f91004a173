/** Where to cut `text` near `at` without splitting a character made of two UTF-16 units. */
export function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

/** Fits `text` in `max` characters, ending with an ellipsis when it had to be cut. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, safeCut(text, max - 1)).trimEnd()}…`;
}

/** Splits `items` into rows of at most `size`: a platform's limit on elements per block. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/**
 * Leads a reply's sources. The reply does not carry its locale, so the label is a symbol every
 * reader understands rather than a word in one language.
 */
export const SOURCES_MARK = "📚";
