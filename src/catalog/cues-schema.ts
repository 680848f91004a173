import { z } from "zod";
import { phraseProblem } from "../understanding/cue-phrases.js";
import { fold } from "../understanding/normalize.js";
import { CUE_INTENTS, type CueIntent } from "../understanding/understanding.js";

/** A phrase as staff write it; whether it reads is checked here, so a typo fails `catalog check`, not a question. */
export const cuePhrase = z
  .string()
  .trim()
  .min(1)
  .superRefine((text, ctx) => {
    const problem = phraseProblem(text);
    if (problem) ctx.addIssue({ code: "custom", message: `"${text}": ${problem}` });
  });
const phrases = z.array(cuePhrase);
const word = z
  .string()
  .trim()
  .min(1)
  .refine((text) => fold(text) !== "", { message: "has no letter or digit" });

/**
 * Phrases that signal one intent. A group counts once, with its weight, however many of its
 * phrases a message holds; groups of the same name in the locale files are one group.
 */
export const cueGroupSchema = z
  .object({
    weight: z.number().positive().max(10),
    phrases: phrases.min(1),
    /** Phrases that, starting where a cue starts, cancel it: "tell" but not "tell me". */
    unless: phrases.default([]),
    /** Words or phrases that cancel a cue right after them: "<role> tells" is the role's work, not an announcement. */
    notAfter: phrases.default([]),
    /** Counts only at the start of the message, after openers ("please", « peux-tu »): an imperative. */
    atStart: z.boolean().default(false),
  })
  .strict();

const groupName = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be kebab-case (a-z, 0-9, -)");

/** One locale's file: catalog/understanding/cues.<locale>.yaml. */
export const cueFileSchema = z
  .object({
    /** Words that may open a request before its verb: "please", "can you", « peux-tu ». */
    openers: phrases.default([]),
    /** Words that name nothing (articles, pronouns, "please"): a role question made only of cues and these names no role. */
    fillers: z.array(word).default([]),
    /**
     * Point back to the role of the conversation ("its", "this job", « ce métier »): a role question
     * with one is about that role, whatever else it says ("what are its main skills, in practice?").
     */
    pointers: phrases.default([]),
    /** Said right before the user's current role: "I'm a", « je suis ». */
    currentRole: phrases.default([]),
    /** Said shortly before the role the user aims at: "become", « devenir », "move to". */
    targetRole: phrases.default([]),
    /** Questions the catalogue cannot answer (pay): never answered with a role description. */
    outOfScope: phrases.default([]),
    /**
     * Words as people clip them in chat, each with the words it stands for ("mgr": manager,
     * « péda » : pédagogique): read as those words in messages and in the roles' names alike.
     */
    shorthand: z.record(z.string().trim().regex(/^[\p{L}\p{N}]+$/u, "must be one word"), word).default({}),
    /**
     * A role named as a person who sent the user ("my training manager asked me to …", « notre RF
     * m'a dit de … »): that role is who spoke, not what the message is about.
     */
    reportedBy: phrases.default([]),
    /**
     * A role named as who someone around the user is ("my tutor is a learning designer", « ma
     * manager, elle est RF »): not the subject, unless the message names no other role.
     */
    someoneElse: phrases.default([]),
    /**
     * Said right before a topic the user sets aside ("not asking about skills, just …", « laisse
     * tomber les compétences, … »): the cues of the next few words count for nothing.
     */
    dismissed: phrases.default([]),
    intents: z.partialRecord(z.enum(CUE_INTENTS as [CueIntent, ...CueIntent[]]), z.record(groupName, cueGroupSchema)).default({}),
  })
  .strict();

export type CueFile = z.infer<typeof cueFileSchema>;

export interface CueGroup {
  /** Unique within its intent; the same in every locale file that adds to it. */
  name: string;
  weight: number;
  phrases: string[];
  unless: string[];
  notAfter: string[];
  atStart: boolean;
}

/** Every locale's cues together: a message is read with all of them, since people mix languages. */
export interface UnderstandingCues {
  intents: Partial<Record<CueIntent, CueGroup[]>>;
  openers: string[];
  fillers: string[];
  pointers: string[];
  currentRole: string[];
  targetRole: string[];
  outOfScope: string[];
  /** Folded word → the folded words it stands for. */
  shorthand: Map<string, string>;
  reportedBy: string[];
  someoneElse: string[];
  dismissed: string[];
}
