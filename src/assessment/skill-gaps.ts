import type { Role, TrainingModule } from "../catalog/schema.js";
import type { AssessmentResult } from "./assessment.js";

/** How far a self-rating is from the role's target level for one skill. */
export interface SkillGap {
  skillId: string;
  rating: number | null;
  target: number;
  /** target − rating, 0 when at or above target; null when the skill was not rated. */
  gap: number | null;
}

/** Gaps per skill, largest first; unrated skills last, since nothing can be said of them. */
export function skillGaps(role: Role, result: AssessmentResult): SkillGap[] {
  const gaps = role.skills.map((skill) => {
    const rating = result.ratings[skill.id] ?? null;
    return { skillId: skill.id, rating, target: skill.targetLevel, gap: rating === null ? null : Math.max(0, skill.targetLevel - rating) };
  });
  return gaps.sort((a, b) => (b.gap ?? -1) - (a.gap ?? -1));
}

export interface Recommendation {
  module: TrainingModule;
  /** The largest gap among the skills this module raises above the user's level. */
  gap: number;
}

const MAX_RECOMMENDATIONS = 5;

/**
 * Modules of the role's path that raise a gap skill above the user's own level, ordered by the
 * gap they close (largest first), then by their place in the path.
 */
export function recommendModules(role: Role, gaps: readonly SkillGap[]): Recommendation[] {
  const bySkill = new Map(gaps.map((g) => [g.skillId, g]));
  const recommended: Recommendation[] = [];
  role.trainingPath.forEach((module) => {
    const closes = module.raises
      .map((r) => ({ raise: r, gap: bySkill.get(r.skill) }))
      .filter(({ raise, gap }) => gap && gap.gap && gap.rating !== null && raise.toLevel > gap.rating)
      .map(({ gap }) => gap!.gap!);
    if (closes.length > 0) recommended.push({ module, gap: Math.max(...closes) });
  });
  return recommended.sort((a, b) => b.gap - a.gap).slice(0, MAX_RECOMMENDATIONS);
}

/** Per skill, how the rating moved since an earlier result (only skills rated both times). */
export function changeSince(previous: AssessmentResult, current: AssessmentResult): Map<string, number> {
  const change = new Map<string, number>();
  for (const [skillId, rating] of Object.entries(current.ratings)) {
    const before = previous.ratings[skillId];
    if (rating !== null && before !== null && before !== undefined) change.set(skillId, rating - before);
  }
  return change;
}
