import type { AnswerRequest } from "../answers/answer.js";
import { skillsToGrow } from "../answers/path-answer.js";
import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Locale, Role } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";
import type { Intent } from "../understanding/understanding.js";

/** One statement the model may reword, with an id it cites back so the answer can be checked. */
export interface Fact {
  id: string;
  text: string;
}

/** The role intents whose template answer a model may reword; every other answer stays as it is. */
export const PHRASED_INTENTS: ReadonlySet<Intent> = new Set(["role.describe", "role.skills", "role.path", "role.compare", "role.profile"]);

/**
 * The facts behind one answer, in the request's locale, chosen exactly as the template answer
 * chooses them (same roles, same fall-backs), or `undefined` when the answer is not a role answer.
 */
export function factsFor(catalog: RoleCatalog, request: AnswerRequest): Fact[] | undefined {
  if (!PHRASED_INTENTS.has(request.intent)) return undefined;
  const [first, second] = request.roles.map((id) => catalog.find(id));
  if (!first) return undefined;
  const facts = new FactList(catalog, request.locale);
  switch (request.intent) {
    case "role.skills":
      facts.name(first).skills(first);
      break;
    case "role.path":
      facts.path(first, second);
      break;
    case "role.profile":
      facts.name(first).profile(first);
      break;
    case "role.compare":
      if (second) facts.compare(first, second);
      else facts.describe(first);
      break;
    default:
      facts.describe(first);
  }
  return facts.items;
}

/**
 * Ids read like `la.mission.1` or `dlm.skill.project-management`: a role's abbreviation when it
 * names that role alone, its id otherwise. They stay stable while the catalogue does, which keeps
 * the cache warm and makes a logged `used_fact_ids` readable.
 */
export function factPrefix(catalog: RoleCatalog, role: Role): string {
  const abbreviation = role.abbreviations[0];
  if (!abbreviation) return role.id;
  const shared = catalog.roles().some((other) => other.id !== role.id && other.abbreviations.includes(abbreviation));
  return shared ? role.id : abbreviation.toLowerCase();
}

class FactList {
  readonly items: Fact[] = [];

  constructor(
    private readonly catalog: RoleCatalog,
    private readonly locale: Locale,
  ) {}

  private add(id: string, text: string): this {
    this.items.push({ id, text });
    return this;
  }

  private prefix(role: Role): string {
    return factPrefix(this.catalog, role);
  }

  name(role: Role): this {
    return this.add(`${this.prefix(role)}.name`, role.names[this.locale]);
  }

  describe(role: Role): this {
    const p = this.prefix(role);
    this.name(role).add(`${p}.summary`, role.summary[this.locale]);
    role.missions.forEach((mission, i) => this.add(`${p}.mission.${i + 1}`, mission.text[this.locale]));
    return this.outlook(role);
  }

  outlook(role: Role): this {
    role.outlook.forEach((fact, i) => this.add(`${this.prefix(role)}.outlook.${i + 1}`, fact.text[this.locale]));
    return this;
  }

  skills(role: Role): this {
    const m = messages(this.locale);
    for (const skill of role.skills) {
      const level = this.catalog.scale.levels[skill.targetLevel - 1]!.label[this.locale];
      this.add(`${this.prefix(role)}.skill.${skill.id}`, `${skill.name[this.locale]} (${m.skills.target(skill.targetLevel, level)}) — ${skill.covers[this.locale]}`);
    }
    return this;
  }

  profile(role: Role): this {
    const p = this.prefix(role);
    if (role.profile.length === 0) this.add(`${p}.profile.none`, messages(this.locale).profile.none(role.names[this.locale]));
    role.profile.forEach((fact, i) =>
      this.add(`${p}.profile.${i + 1}`, `${fact.figure} — ${fact.statement[this.locale]} (${fact.population[this.locale]}, ${fact.year})`),
    );
    return this.outlook(role);
  }

  path(target: Role, current?: Role): this {
    const m = messages(this.locale).path;
    const p = this.prefix(target);
    this.name(target);
    if (current) {
      this.name(current);
      const move = target.careerMoves.find((mv) => mv.from === current.id) ?? current.careerMoves.find((mv) => mv.to === target.id);
      if (move) this.add(`${p}.move.${current.id}`, move.note[this.locale]);
      const gaps = skillsToGrow(target, current);
      if (gaps.length === 0) this.add(`${p}.gap.none`, m.nothingToGrow);
      for (const skill of gaps) this.add(`${p}.gap.${skill.id}`, skill.name[this.locale]);
    } else {
      for (const move of target.careerMoves) {
        const from = move.from ? this.catalog.find(move.from) : undefined;
        if (from) this.add(`${p}.move.${from.id}`, `${from.names[this.locale]} — ${move.note[this.locale]}`);
      }
    }
    if (target.trainingPath.length === 0) return this.add(`${p}.path.none`, m.noPath(target.names[this.locale]));
    for (const module of target.trainingPath) {
      const raises = module.raises.map((r) => `${this.catalog.skill(target.id, r.skill)?.name[this.locale] ?? r.skill} → ${r.toLevel}/5`).join(", ");
      this.add(`${p}.module.${module.id}`, m.module(module.title[this.locale], m.formats[module.format] ?? module.format, module.durationHours, raises));
    }
    const hours = target.trainingPath.reduce((sum, module) => sum + module.durationHours, 0);
    return this.add(`${p}.path.total`, m.total(hours, target.trainingPath.length));
  }

  /** Shared skills get a `both.` id, so the model need not work out what two lists have in common. */
  compare(a: Role, b: Role): this {
    const [pa, pb] = [this.prefix(a), this.prefix(b)];
    this.name(a).add(`${pa}.summary`, a.summary[this.locale]);
    this.name(b).add(`${pb}.summary`, b.summary[this.locale]);
    const inA = new Set(a.skills.map((s) => s.id));
    const inB = new Set(b.skills.map((s) => s.id));
    for (const skill of a.skills) this.add(inB.has(skill.id) ? `both.skill.${skill.id}` : `${pa}.skill.${skill.id}`, skill.name[this.locale]);
    for (const skill of b.skills) if (!inA.has(skill.id)) this.add(`${pb}.skill.${skill.id}`, skill.name[this.locale]);
    return this;
  }
}
