import type { Locale, Role, Source } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";
import type { Block } from "./reply.js";

export function citation(source: Source): string {
  return `${source.publisher}, « ${source.title} », ${source.year}${source.url ? ` (${source.url})` : ""}`;
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
      if (!items.includes(citation(source))) items.push(citation(source));
    }
  }
  for (const role of roles) if (role.sample) items.push(messages(locale).sources.sample(role.names[locale]));
  return items.length > 0 ? [{ type: "sources", items }] : [];
}
