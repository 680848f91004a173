import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Locale, Role } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";
import { sourcesBlock } from "./citations.js";
import { followUpButtons } from "./follow-ups.js";
import { bullets } from "./format.js";
import { reply, type Block, type Reply } from "./reply.js";

/** Skills of the target role that the current role does not already hold at the target level. */
export function skillsToGrow(target: Role, current: Role) {
  return target.skills.filter((skill) => {
    const held = current.skills.find((s) => s.id === skill.id);
    return !held || held.targetLevel < skill.targetLevel;
  });
}

function modulesBlock(catalog: RoleCatalog, role: Role, locale: Locale): Block[] {
  const m = messages(locale).path;
  if (role.trainingPath.length === 0) return [{ type: "text", text: m.noPath(role.names[locale]) }];
  const lines = role.trainingPath.map((module, index) => {
    const skills = module.raises
      .map((r) => `${catalog.skill(role.id, r.skill)?.name[locale] ?? r.skill} → ${r.toLevel}/5`)
      .join(", ");
    return `${index + 1}. ${m.module(module.title[locale], m.formats[module.format] ?? module.format, module.durationHours, skills)}`;
  });
  const hours = role.trainingPath.reduce((sum, module) => sum + module.durationHours, 0);
  return [
    { type: "section", title: m.modules, text: lines.join("\n") },
    { type: "text", text: m.total(hours, role.trainingPath.length) },
  ];
}

/** How to become `target`, optionally from the user's `current` role: moves, gaps, then the modules. */
export function rolePath(catalog: RoleCatalog, target: Role, locale: Locale, current?: Role): Reply {
  const m = messages(locale).path;
  const blocks: Block[] = [{ type: "header", text: m.title(target.names[locale]) }];
  if (current) {
    const move = target.careerMoves.find((mv) => mv.from === current.id) ?? current.careerMoves.find((mv) => mv.to === target.id);
    const gaps = skillsToGrow(target, current);
    const lines = [move?.note[locale], gaps.length > 0 ? m.skillsToGrow : m.nothingToGrow, bullets(gaps.map((s) => s.name[locale]))];
    blocks.push({ type: "section", title: m.comingFrom(current.names[locale]), text: lines.filter(Boolean).join("\n") });
  } else {
    const moves = target.careerMoves.filter((mv) => mv.from && catalog.find(mv.from));
    if (moves.length > 0) {
      const text = bullets(moves.map((mv) => messages(locale).labelled(catalog.name(mv.from!, locale), mv.note[locale])));
      blocks.push({ type: "section", title: m.moves, text });
    }
  }
  blocks.push(...modulesBlock(catalog, target, locale));
  blocks.push(...sourcesBlock(current ? [target, current] : [target], locale), followUpButtons(catalog, target, locale, ["skills", "assess"]));
  return reply(blocks);
}
