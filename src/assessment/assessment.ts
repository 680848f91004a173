import type { Locale, Role } from "../catalog/schema.js";

/** The self-assessment flow's id: the namespace of its buttons and of its stored state. */
export const ASSESSMENT = { id: "assessment" } as const;

/** A rating on the published 1–5 scale, or null when the skill was skipped or never rated. */
export type Rating = number | null;

/** An assessment in progress: one skill at a time, in the role's order. */
export interface ActiveAssessment {
  roleId: string;
  locale: Locale;
  /** Index of the skill being asked. */
  index: number;
  ratings: Record<string, Rating>;
  /** Unusable answers to the current question so far. */
  tries: number;
  startedAt: string;
  /**
   * Set by the step that ends the assessment, until its result row is written: a press that
   * races it, or a process that takes over after a crash, finds it over rather than gone.
   */
  finishing?: boolean;
}

/** A finished (or stopped) assessment, kept so the user can compare with the next one. */
export interface AssessmentResult {
  roleId: string;
  finishedAt: string;
  ratings: Record<string, Rating>;
  complete: boolean;
}

/** After three unusable answers the skill is left unrated rather than asked for ever. */
export const MAX_TRIES = 3;

export function startAssessment(role: Role, locale: Locale, now: Date): ActiveAssessment {
  return { roleId: role.id, locale, index: 0, ratings: {}, tries: 0, startedAt: now.toISOString() };
}

export function currentSkill(role: Role, assessment: ActiveAssessment) {
  return role.skills[assessment.index];
}

/** Records the answer to the current skill and moves to the next one. */
export function answerCurrent(role: Role, assessment: ActiveAssessment, rating: Rating): ActiveAssessment {
  const skill = currentSkill(role, assessment);
  if (!skill) return assessment;
  return { ...assessment, ratings: { ...assessment.ratings, [skill.id]: rating }, index: assessment.index + 1, tries: 0 };
}

/** Counts an unusable answer; the third one leaves the skill unrated and moves on. */
export function failedTry(role: Role, assessment: ActiveAssessment): { assessment: ActiveAssessment; gaveUp: boolean } {
  const tries = assessment.tries + 1;
  if (tries >= MAX_TRIES) return { assessment: answerCurrent(role, assessment, null), gaveUp: true };
  return { assessment: { ...assessment, tries }, gaveUp: false };
}

export function isFinished(role: Role, assessment: ActiveAssessment): boolean {
  return assessment.index >= role.skills.length;
}

export function toResult(role: Role, assessment: ActiveAssessment, now: Date): AssessmentResult {
  const ratings = Object.fromEntries(role.skills.map((s) => [s.id, assessment.ratings[s.id] ?? null]));
  return { roleId: role.id, finishedAt: now.toISOString(), ratings, complete: isFinished(role, assessment) };
}
