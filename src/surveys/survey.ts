import type { Locale } from "../catalog/schema.js";
import type { PostedMessage } from "../outbound/outbound.js";
import type { Rating } from "../assessment/assessment.js";

/** Below this many answers, a result could point at a person: no survey may show fewer. */
export const MIN_RESPONSES_FLOOR = 3;
export const DEFAULT_DEADLINE_DAYS = 5;
/** The reminder goes this long before the deadline, unless the creator chose otherwise. */
export const DEFAULT_REMINDER_BEFORE_MS = 24 * 3600_000;
/** Those who have not answered are reminded at most this often. */
export const REMINDER_INTERVAL_MS = 24 * 3600_000;

/** A team skill survey: where it was posted, who made it, what it asks, and its rules. */
export interface Survey {
  id: string;
  platform: string;
  conversationId: string;
  creatorId: string;
  title: string;
  roleId: string;
  skillIds: string[];
  anonymous: boolean;
  minResponses: number;
  locale: Locale;
  /** The creator's time zone: the deadline is the end of the chosen day there, and is shown in it. */
  timeZone: string;
  createdAt: number;
  deadlineAt: number;
  remindAt?: number;
  remindedAt?: number;
  closedAt?: number;
  card?: PostedMessage;
}

/** What the creation form settles; the rest (ids, times, the card) Parcours fills in. */
export type SurveyDraft = Pick<Survey, "title" | "roleId" | "skillIds" | "anonymous" | "minResponses" | "deadlineAt" | "remindAt" | "timeZone">;

/** One member's answers, skill by skill; null for a skill they skipped. */
export type SurveyRatings = Record<string, Rating>;

export const isOpen = (survey: Survey, now: number) => survey.closedAt === undefined && now < survey.deadlineAt;
