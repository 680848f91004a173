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
}

export interface UnderstandOptions {
  /** The user's platform locale, used when the text itself does not tell. */
  fallbackLocale?: Locale;
}

/** The seam that lets the method change (rules today, a classifier tomorrow) without touching callers. */
export interface Understanding {
  understand(text: string, options?: UnderstandOptions): Understood;
}
