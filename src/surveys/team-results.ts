import type { Role } from "../catalog/schema.js";
import type { Survey, SurveyRatings } from "./survey.js";

/** How many members chose each level, 1 to 5. */
export type Distribution = [number, number, number, number, number];

export interface SkillFigures {
  mean: number;
  /** Target level minus the mean: positive when the team is below the target. */
  gap: number;
  distribution: Distribution;
}

/** One skill across the team: only counts, never who said what. */
export interface TeamSkillResult {
  skillId: string;
  target: number;
  /** Members who rated this skill (skips do not count). */
  rated: number;
  /** Absent when fewer than the survey's minimum rated the skill. */
  figures?: SkillFigures;
}

export interface TeamResults {
  responses: number;
  minResponses: number;
  /** False below the minimum: nothing but the count may show. */
  shown: boolean;
  /** In the role's order; the largest gaps come first in `gapsFirst`. */
  skills: TeamSkillResult[];
}

/**
 * The team's aggregates. No result shows below the survey's minimum number of responses, and
 * per skill, a figure shows only when at least that many rated it: with fewer, a mean or a
 * distribution could give one person's answer away.
 */
export function teamResults(survey: Survey, role: Role, responses: readonly SurveyRatings[]): TeamResults {
  const shown = responses.length >= survey.minResponses;
  const skills = survey.skillIds.flatMap((skillId) => {
    const skill = role.skills.find((s) => s.id === skillId);
    if (!skill) return [];
    const ratings = responses.map((r) => r[skillId]).filter((r): r is number => typeof r === "number");
    const result: TeamSkillResult = { skillId, target: skill.targetLevel, rated: ratings.length };
    if (shown && ratings.length >= survey.minResponses) {
      const mean = ratings.reduce((sum, r) => sum + r, 0) / ratings.length;
      const distribution = [1, 2, 3, 4, 5].map((level) => ratings.filter((r) => r === level).length) as Distribution;
      result.figures = { mean, gap: skill.targetLevel - mean, distribution };
    }
    return [result];
  });
  return { responses: responses.length, minResponses: survey.minResponses, shown, skills };
}

/** The skills with figures, largest gap to the target first. */
export function gapsFirst(results: TeamResults): ShownSkill[] {
  return results.skills.filter((s): s is ShownSkill => s.figures !== undefined).sort((a, b) => b.figures.gap - a.figures.gap);
}

export type ShownSkill = TeamSkillResult & { figures: SkillFigures };
