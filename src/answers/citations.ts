import type { Locale, Role, Source } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";
import type { Block } from "./reply.js";

/** Quotation marks as each language writes them: « … » (with non-breaking spaces) and “…”. */
const QUOTED: Record<Locale, (title: string) => string> = { fr: (title) => `«\u00a0${title}\u00a0»`, en: (title) => `“${title}”` };

export function citation(source: Source, locale: Locale): string {
  const title = typeof source.title === "string" ? source.title : source.title[locale];
  return `${source.publisher}, ${QUOTED[locale](title)}, ${source.year}${source.url ? ` (${source.url})` : ""}`;
}

/**
 * The sources behind what an answer shows, each once. Sample roles say so, so that nobody
 * mistakes placeholder content for an organisation's reference.
 */
export function sourcesBlock(roles: readonly Role[], locale: Locale, usedSourceIds?: ReadonlySet<string>): Block[] {
  const items: string[] = [];
  for (const role of roles) {
    for (const source of role.sources) {
      if (usedSourceIds && !usedSourceIds.has(source.id) && !role.sample) continue;
      const cited = citation(source, locale);
      if (!items.includes(cited)) items.push(cited);
    }
  }
  for (const role of roles) if (role.sample) items.push(messages(locale).sources.sample(role.names[locale]));
  return items.length > 0 ? [{ type: "sources", heading: messages(locale).sources.heading, items }] : [];
}
