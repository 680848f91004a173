import { z } from "zod";
import { typesetFrench } from "../i18n/french-typography.js";
import { cuePhrase } from "./cues-schema.js";

/** Both locales are first-class: every user-facing string of the catalogue exists in each. */
export const LOCALES = ["fr", "en"] as const;
export type Locale = (typeof LOCALES)[number];

const text = z.string().trim().min(1);
/** A text in both languages; the French one typeset as French readers expect (french-typography.ts). */
const localized = z
  .object({ fr: text, en: text })
  .strict()
  .transform(({ fr, en }) => ({ fr: typesetFrench(fr), en }));
const localizedList = z.object({ fr: z.array(text).default([]), en: z.array(text).default([]) }).strict();
const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be kebab-case (a-z, 0-9, -)");
const level = z.number().int().min(1).max(5);

export const sourceSchema = z
  .object({
    id,
    publisher: text,
    /**
     * A published document keeps its own title in every answer; a title of the organisation's own
     * (the sample content's notice) is written in both languages, so neither reads the other's.
     */
    title: z.union([text, localized]),
    year: z.number().int().min(1900).max(2100),
    url: z.url().optional(),
  })
  .strict();

/** A fact always names the source it comes from, so answers can cite it. */
const sourced = { source: id };

export const skillSchema = z
  .object({
    id,
    name: localized,
    covers: localized,
    targetLevel: level,
    kind: z.enum(["technical", "strategic", "relational"]),
  })
  .strict();

export const profileFactSchema = z
  .object({
    figure: text,
    statement: localized,
    population: localized,
    year: z.number().int().min(1900).max(2100),
    ...sourced,
  })
  .strict();

export const missionSchema = z.object({ text: localized, ...sourced }).strict();

export const careerMoveSchema = z
  .object({ from: id.optional(), to: id.optional(), note: localized })
  .strict()
  .refine((move) => Boolean(move.from) !== Boolean(move.to), "give exactly one of from or to");

export const moduleSchema = z
  .object({
    id,
    title: localized,
    format: z.enum(["e-learning", "classroom", "blended", "workshop", "mentoring", "project", "reading"]),
    durationHours: z.number().positive().max(500),
    raises: z
      .array(z.object({ skill: id, toLevel: level }).strict())
      .min(1),
  })
  .strict();

export const roleSchema = z
  .object({
    id,
    sample: z.boolean().default(false),
    names: localized,
    aliases: localizedList.default({ fr: [], en: [] }),
    abbreviations: z.array(z.string().regex(/^[A-Z]{2,6}$/, "upper-case letters only")).default([]),
    /** Other jobs whose names hold one of this role's (« concepteur rédacteur », "personal trainer"): never read as this role. */
    lookalikes: localizedList.default({ fr: [], en: [] }),
    /**
     * The role said by its work, as cue phrases ("deliver* ... training*", « anim* ... formation* »):
     * "I run the onboarding sessions" names the user's role as surely as "I'm a trainer".
     */
    activities: z.object({ fr: z.array(cuePhrase).default([]), en: z.array(cuePhrase).default([]) }).strict().default({ fr: [], en: [] }),
    summary: localized,
    missions: z.array(missionSchema).min(1),
    skills: z.array(skillSchema).min(1),
    profile: z.array(profileFactSchema).default([]),
    outlook: z.array(missionSchema).default([]),
    careerMoves: z.array(careerMoveSchema).default([]),
    trainingPath: z.array(moduleSchema).default([]),
    related: z.array(id).default([]),
    sources: z.array(sourceSchema).default([]),
  })
  .strict();

export const skillScaleSchema = z
  .object({
    levels: z
      .array(z.object({ level, label: localized, descriptor: localized }).strict())
      .length(5)
      .refine((levels) => levels.every((l, i) => l.level === i + 1), "levels must be 1, 2, 3, 4, 5 in that order"),
  })
  .strict();

export type Source = z.infer<typeof sourceSchema>;
export type Skill = z.infer<typeof skillSchema>;
export type ProfileFact = z.infer<typeof profileFactSchema>;
export type TrainingModule = z.infer<typeof moduleSchema>;
export type Role = z.infer<typeof roleSchema>;
export type SkillScale = z.infer<typeof skillScaleSchema>;
