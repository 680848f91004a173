import { roleQuestion, type AnswerRequest } from "../answers/answer.js";
import { careerMove, compareSkills, keyMissions, moduleStatement, movesInto, profileStatement, skillsToGrow, skillTarget, trainingPathTotal } from "../answers/role-facts.js";
import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Locale, Role } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";
import { ROLE_INTENTS } from "../understanding/intent-cues.js";
import type { Intent } from "../understanding/understanding.js";

/** One statement the model may reword, with an id it cites back so the answer can be checked. */
export interface Fact {
  id: string;
  text: string;
}

/** The intents whose answer a model may reword: every role answer; every other answer stays as it is. */
export const PHRASED_INTENTS: ReadonlySet<Intent> = new Set(ROLE_INTENTS);

/**
 * The facts behind one answer, in the request's locale, for the role answer the template gives
 * (same roles, same fall-backs), or `undefined` when the answer is not a role answer.
 */
export function factsFor(catalog: RoleCatalog, request: AnswerRequest): Fact[] | undefined {
  const question = roleQuestion(catalog, request);
  if (!question) return undefined;
  const facts = new FactList(catalog, request.locale);
  switch (question.intent) {
    case "role.describe":
      facts.describe(question.role);
      break;
    case "role.missions":
      // A list to read, under the short answer the user has just seen: nothing to reword.
      return undefined;
    case "role.skills":
      facts.name(question.role).skills(question.role);
      break;
    case "role.profile":
      facts.name(question.role).profile(question.role);
      break;
    case "role.path":
      facts.path(question.role, question.from);
      break;
    case "role.compare":
      facts.compare(question.role, question.other);
      break;
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

/**
 * The role each fact is about, from its id's prefix (`la.mission.1`: the Learning Architect); a
 * shared skill, a move or a gap is about every role of the question.
 */
export function factOwners(catalog: RoleCatalog, roleIds: readonly string[]): (factId: string) => readonly string[] {
  const byPrefix = new Map(
    roleIds.flatMap((id) => {
      const role = catalog.find(id);
      return role ? [[factPrefix(catalog, role), id] as const] : [];
    }),
  );
  return (factId) => {
    const prefix = factId.slice(0, factId.indexOf("."));
    if (prefix === "both" || /\.(?:gap|move)\./.test(factId)) return roleIds;
    const owner = byPrefix.get(prefix);
    return owner ? [owner] : [];
  };
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
    // What the short first answer shows: its key missions, not the whole list nor the outlook.
    keyMissions(role).forEach((mission, i) => this.add(`${p}.mission.${i + 1}`, mission.text[this.locale]));
    return this;
  }

  outlook(role: Role): this {
    role.outlook.forEach((fact, i) => this.add(`${this.prefix(role)}.outlook.${i + 1}`, fact.text[this.locale]));
    return this;
  }

  skills(role: Role): this {
    for (const skill of role.skills) {
      this.add(`${this.prefix(role)}.skill.${skill.id}`, `${skill.name[this.locale]} (${skillTarget(this.catalog, skill, this.locale)}) — ${skill.covers[this.locale]}`);
    }
    return this;
  }

  profile(role: Role): this {
    const p = this.prefix(role);
    if (role.profile.length === 0) this.add(`${p}.profile.none`, messages(this.locale).profile.none(role.names[this.locale]));
    role.profile.forEach((fact, i) => this.add(`${p}.profile.${i + 1}`, `${fact.figure} — ${profileStatement(fact, this.locale)}`));
    return this.outlook(role);
  }

  path(target: Role, current?: Role): this {
    const m = messages(this.locale).path;
    const p = this.prefix(target);
    this.name(target);
    if (current) {
      this.name(current);
      const move = careerMove(current, target);
      if (move) this.add(`${p}.move.${current.id}`, move.note[this.locale]);
      const gaps = skillsToGrow(target, current);
      if (gaps.length === 0) this.add(`${p}.gap.none`, m.nothingToGrow);
      for (const skill of gaps) this.add(`${p}.gap.${skill.id}`, skill.name[this.locale]);
    } else {
      for (const { from, note } of movesInto(this.catalog, target)) this.add(`${p}.move.${from.id}`, `${from.names[this.locale]} — ${note[this.locale]}`);
    }
    if (target.trainingPath.length === 0) return this.add(`${p}.path.none`, m.noPath(target.names[this.locale]));
    for (const module of target.trainingPath) this.add(`${p}.module.${module.id}`, moduleStatement(this.catalog, target, module, this.locale));
    const total = trainingPathTotal(target);
    return this.add(`${p}.path.total`, m.total(total.hours, total.modules));
  }

  /** Shared skills get a `both.` id, so the model need not work out what two lists have in common. */
  compare(a: Role, b: Role): this {
    const [pa, pb] = [this.prefix(a), this.prefix(b)];
    this.name(a).add(`${pa}.summary`, a.summary[this.locale]);
    this.name(b).add(`${pb}.summary`, b.summary[this.locale]);
    const { shared, onlySecond } = compareSkills(a, b);
    for (const skill of a.skills) this.add(shared.includes(skill) ? `both.skill.${skill.id}` : `${pa}.skill.${skill.id}`, skill.name[this.locale]);
    for (const skill of onlySecond) this.add(`${pb}.skill.${skill.id}`, skill.name[this.locale]);
    return this;
  }
}
