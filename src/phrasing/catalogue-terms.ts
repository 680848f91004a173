import type { RoleCatalog } from "../catalog/role-catalog.js";
import { fold } from "../understanding/normalize.js";

/** A name the catalogue gives a role or a skill, folded, with the role(s) it belongs to. */
export interface CatalogueTerm {
  folded: string;
  roleIds: readonly string[];
}

/**
 * Every way the catalogue names a role (names and aliases in both locales) and a skill (names in
 * both locales), so a phrased answer that names one the facts do not mention can be caught.
 * Abbreviations are kept apart and matched case-sensitively: folded, "LA" is the French article.
 */
export class CatalogueTerms {
  readonly roleTerms: CatalogueTerm[];
  readonly abbreviations: ReadonlyMap<string, string>;
  readonly skillTerms: CatalogueTerm[];

  constructor(catalog: RoleCatalog) {
    const roles = new Map<string, Set<string>>();
    const skills = new Map<string, Set<string>>();
    const abbreviations = new Map<string, string>();
    const add = (map: Map<string, Set<string>>, term: string, roleId: string) => {
      const folded = fold(term);
      if (folded.length < 3) return;
      if (!map.has(folded)) map.set(folded, new Set());
      map.get(folded)!.add(roleId);
    };
    for (const role of catalog.roles()) {
      for (const name of [role.names.fr, role.names.en, ...role.aliases.fr, ...role.aliases.en]) add(roles, name, role.id);
      for (const abbreviation of role.abbreviations) abbreviations.set(abbreviation, role.id);
      for (const skill of role.skills) for (const name of [skill.name.fr, skill.name.en]) add(skills, name, role.id);
    }
    const terms = (map: Map<string, Set<string>>) =>
      [...map].map(([folded, ids]) => ({ folded, roleIds: [...ids] })).sort((a, b) => b.folded.length - a.folded.length);
    this.roleTerms = terms(roles);
    this.skillTerms = terms(skills);
    this.abbreviations = abbreviations;
  }
}
