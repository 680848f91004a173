import type { UnderstandingCues } from "./cues-schema.js";
import type { Locale, Role, Skill, SkillScale } from "./schema.js";

/**
 * The validated role catalogue: the only source of truth for what the bot says about roles, and
 * the cue phrases that tell what a message asks about them.
 */
export class RoleCatalog {
  private readonly byId: Map<string, Role>;

  constructor(
    roles: readonly Role[],
    readonly scale: SkillScale,
    readonly cues: UnderstandingCues,
  ) {
    this.byId = new Map(roles.map((role) => [role.id, role]));
  }

  get size(): number {
    return this.byId.size;
  }

  roles(): Role[] {
    return [...this.byId.values()];
  }

  find(id: string): Role | undefined {
    return this.byId.get(id);
  }

  get(id: string): Role {
    const role = this.byId.get(id);
    if (!role) throw new Error(`Unknown role id "${id}"`);
    return role;
  }

  name(id: string, locale: Locale): string {
    return this.get(id).names[locale];
  }

  skill(roleId: string, skillId: string): Skill | undefined {
    return this.find(roleId)?.skills.find((s) => s.id === skillId);
  }
}
