import type { Locale } from "../catalog/schema.js";

export const INTENTS = [
  "role.describe",
  "role.skills",
  "role.path",
  "role.compare",
  "role.profile",
  "role.list",
  "assessment.start",
  "survey.start",
  "announcement.create",
  "help",
  "greeting",
  "unknown",
] as const;
export type Intent = (typeof INTENTS)[number];

export interface Understood {
  text: string;
  intent: Intent;
  /** Catalogue role ids, the target role first. */
  roles: string[];
  locale: Locale;
  /** 0 to 1: how sure the method is of the intent and roles together. */
  confidence: number;
  /** Close roles to offer when nothing matched ("did you mean …"). */
  suggestions: string[];
  /** A role question whose role is missing ("and its skills?"): the caller may supply it from context. */
  unresolvedRoleIntent?: Intent;
  /** What a survey request said of its own terms; present only when the intent is survey.start. */
  survey?: SurveyDetails;
}

/** Only what the manager said: anything missing is asked for in the survey form, never guessed. */
export interface SurveyDetails {
  /** ISO 8601 date-time in UTC; a date said without a time ends at 23:59 in the user's zone. */
  deadline?: string;
  anonymous?: boolean;
}

export interface UnderstandOptions {
  /** The user's platform locale, used when the text itself does not tell. */
  fallbackLocale?: Locale;
  /** When the message was written, for relative deadlines ("in two weeks"); default: now. */
  now?: Date;
  /** The user's IANA time zone ("Europe/Paris") where the platform gives it; default: UTC. */
  timeZone?: string;
}

/** The seam that lets the method change (rules today, a classifier tomorrow) without touching callers. */
export interface Understanding {
  understand(text: string, options?: UnderstandOptions): Understood;
}
