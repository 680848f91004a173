import { LOCALES, type Locale } from "../../src/catalog/schema.js";

/**
 * A platform's language tag as a Parcours locale: "fr-FR", "fr_CA", "fr" → fr; "en-GB" → en; a
 * language Parcours does not speak ("de-DE", "frr") → none, and the text's own language decides.
 */
export function toLocale(tag: string | undefined): Locale | undefined {
  const language = tag?.split(/[-_]/)[0]?.toLowerCase();
  return (LOCALES as readonly string[]).includes(language ?? "") ? (language as Locale) : undefined;
}
