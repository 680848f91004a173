import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Locale, ProfileFact, Role, Skill, TrainingModule } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";

/*
 * What the answers state about a role, worked out once. The template answers lay these facts out
 * for the user and the phrasing fact list hands the very same ones to a model, so the two cannot
 * drift apart: a model is only ever checked against what the template itself would have said.
 */

export type CareerMove = Role["careerMoves"][number];

/** A move into a role from another role the catalogue knows, with that role resolved. */
export interface MoveInto {
  from: Role;
  note: CareerMove["note"];
}

/** The note on moving from `from` to `to`, whichever of the two roles records it (the destination first). */
export function careerMove(from: Role, to: Role): CareerMove | undefined {
  return to.careerMoves.find((move) => move.from === from.id) ?? from.careerMoves.find((move) => move.to === to.id);
}

/** The recorded moves into `role`, leaving out those from a role the catalogue does not hold. */
export function movesInto(catalog: RoleCatalog, role: Role): MoveInto[] {
  return role.careerMoves.flatMap((move) => {
    const from = move.from ? catalog.find(move.from) : undefined;
    return from ? [{ from, note: move.note }] : [];
  });
}

/**
 * How many missions a role's first answer shows, so that it fits a phone screen: the catalogue
 * lists a role's main missions first, and the others are a button or a "tell me more" away.
 */
export const KEY_MISSIONS = 2;

export const keyMissions = (role: Role): Role["missions"] => role.missions.slice(0, KEY_MISSIONS);

/** Skills of the target role that the current role does not already hold at the target level. */
export function skillsToGrow(target: Role, current: Role): Skill[] {
  return target.skills.filter((skill) => {
    const held = current.skills.find((s) => s.id === skill.id);
    return !held || held.targetLevel < skill.targetLevel;
  });
}

export interface SkillComparison {
  /** The first role's skills that the second role has too, in the first role's order and words. */
  shared: Skill[];
  onlyFirst: Skill[];
  onlySecond: Skill[];
}

/** Skills two roles have in common and those only one of them has, matched by skill id. */
export function compareSkills(first: Role, second: Role): SkillComparison {
  const inFirst = new Set(first.skills.map((s) => s.id));
  const inSecond = new Set(second.skills.map((s) => s.id));
  return {
    shared: first.skills.filter((s) => inSecond.has(s.id)),
    onlyFirst: first.skills.filter((s) => !inSecond.has(s.id)),
    onlySecond: second.skills.filter((s) => !inFirst.has(s.id)),
  };
}

/** How long a role's training path is: its number of modules and their hours added up. */
export function trainingPathTotal(role: Role): { modules: number; hours: number } {
  return { modules: role.trainingPath.length, hours: role.trainingPath.reduce((sum, module) => sum + module.durationHours, 0) };
}

/** A skill's target as the answers word it, the level named on the catalogue's scale: "target 4/5 (Advanced)". */
export function skillTarget(catalog: RoleCatalog, skill: Skill, locale: Locale): string {
  const label = catalog.scale.levels[skill.targetLevel - 1]!.label[locale];
  return messages(locale).skills.target(skill.targetLevel, label);
}

/** A module's format in the locale's words ("classroom", « présentiel »). */
export function moduleFormat(module: TrainingModule, locale: Locale): string {
  return messages(locale).path.formats[module.format] ?? module.format;
}

/** One module of a role's path: its title, format and hours, and each skill it raises to which level. */
export function moduleStatement(catalog: RoleCatalog, role: Role, module: TrainingModule, locale: Locale): string {
  const raises = module.raises.map((r) => `${catalog.skill(role.id, r.skill)?.name[locale] ?? r.skill} → ${r.toLevel}/5`).join(", ");
  return messages(locale).path.module(module.title[locale], moduleFormat(module, locale), module.durationHours, raises);
}

/** A study's figure said with the population it covers and its year, so it is never read as universal. */
export function profileStatement(fact: ProfileFact, locale: Locale): string {
  return `${fact.statement[locale]} (${fact.population[locale]}, ${fact.year})`;
}
