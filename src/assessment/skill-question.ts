import type { Block, Button } from "../answers/reply.js";
import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Locale, Skill } from "../catalog/schema.js";
import { flowButton } from "../flows/flow-action.js";
import type { FlowDefinition } from "../flows/flow.js";
import { messages } from "../i18n/messages.js";

/**
 * A rating's buttons, for whichever flow asks: the levels of the scale, then skip and stop, which
 * are pressed by their word where buttons are typed (a terminal), so that numbers are only levels.
 */
export function ratingButtons(catalog: RoleCatalog, flow: Pick<FlowDefinition<unknown, "rate" | "skip" | "stop">, "id">, on: Record<string, unknown>, locale: Locale): Button[] {
  const m = messages(locale).assessment;
  return [
    ...catalog.scale.levels.map((l) => flowButton(flow, "rate", { ...on, level: l.level }, String(l.level))),
    { ...flowButton(flow, "skip", on, m.skip), typed: m.typed.skip },
    { ...flowButton(flow, "stop", on, m.stop, "danger"), typed: m.typed.stop },
  ];
}

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
