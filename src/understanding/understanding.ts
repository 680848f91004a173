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
  "thanks",
  "goodbye",
  "ok",
  /** "who is our DLM?": a person, whom Parcours does not know; the roles named are kept. */
  "person.lookup",
  "unknown",
] as const;
export type Intent = (typeof INTENTS)[number];
/** The intents a cue phrase can signal: all but `unknown`, which is what no cue gives. */
export type CueIntent = Exclude<Intent, "unknown">;
export const CUE_INTENTS = INTENTS.filter((intent): intent is CueIntent => intent !== "unknown");

export interface Understood {
  text: string;
  intent: Intent;
  /**
   * Catalogue role ids, the target role first (a career move: [to, from]). Empty for a role
   * question that names no role ("and its skills?", "compare them"): the conversation may supply it.
   */
  roles: string[];
  locale: Locale;
  /** 0 to 1: how sure the method is of the intent and roles together. */
  confidence: number;
  /** Close roles to offer when nothing matched ("did you mean …"). */
  suggestions: string[];
  /** What a survey request said of its own terms; present only when the intent is survey.start. */
  survey?: SurveyDetails;
  /** What an announcement request said; present only when the intent is announcement.create. */
  announcement?: AnnouncementDetails;
}

/** Only what the manager said: anything missing is asked for in the survey form, never guessed. */
export interface SurveyDetails {
  /** ISO 8601 date-time in UTC; a date said without a time ends at 23:59 in the user's zone. */
  deadline?: string;
  anonymous?: boolean;
}

/** What an announcement request said; present only when the intent is announcement.create. Nothing is guessed: the form asks for the rest. */
export interface AnnouncementDetails {
  /** Channels named: "#learning-club" → "learning-club"; Slack's encoded mention "<#C0123ABC|learning-club>" → "C0123ABC". */
  channels: string[];
  /** The people named in words, as said: "the sales managers", « les équipes RH de Bordeaux ». Absent when none. */
  audience?: string;
  /** Slack user mentions "<@U0123>" and user-group mentions "<!subteam^S0123|@hr>" → ids. */
  users: string[];
  userGroups: string[];
  /** "everyone", "all staff", « tout le monde », « tous les salariés »: everyone who has the app. */
  everyone: boolean;
  /** The date said in the message (ISO 8601 UTC; a day without a time is that day's start, 09:00, in the user's zone), and the words it was read from. It is a fact of the programme (starts the 12th, seats until Monday), NOT when to send. */
  date?: string;
  dateText?: string;
  /** The message to pass on: the part after "that"/"que"/":" ("the learning designer bootcamp has 5 seats left until Monday"). */
  message?: string;
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
