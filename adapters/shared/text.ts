/** Splits `items` into rows of at most `size`: a platform's limit on elements per block. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/**
 * Leads a reply's sources. The reply does not carry its locale, so the label is a symbol every
 * reader understands rather than a word in one language.
 */
export const SOURCES_MARK = "📚";
