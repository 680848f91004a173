import type { Block, Button } from "../answers/reply.js";
import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Locale, Skill } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";

/**
 * One skill to rate on the published scale: what it covers, each level's descriptor, and the
 * buttons of whichever flow asks (a self-assessment, a team survey).
 */
export function skillQuestion(catalog: RoleCatalog, skill: Skill, locale: Locale, progress: string, buttons: Button[]): Block[] {
  const scale = catalog.scale.levels.map((l) => messages(locale).labelled(`${l.level}. ${l.label[locale]}`, l.descriptor[locale]));
  return [
    { type: "header", text: `${progress} · ${skill.name[locale]}` },
    { type: "text", text: skill.covers[locale] },
    { type: "section", text: scale.join("\n") },
    { type: "buttons", buttons },
  ];
}
