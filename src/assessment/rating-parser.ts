import { LOCALES, type Locale } from "../catalog/schema.js";
import { detectLocale } from "../understanding/detect-locale.js";
import { fold, tokens } from "../understanding/normalize.js";

export type ParsedAnswer = { kind: "level"; level: number } | { kind: "skip" } | { kind: "stop" } | { kind: "other" };

interface AnswerWords {
  /** Words for a level, beside the scale's own labels. */
  levels: Record<string, number>;
  skip: string[];
  stop: string[];
}

/** What people type to answer a rating question, folded, in each language; `both` holds what the two share. */
const WORDS: Record<Locale | "both", AnswerWords> = {
  fr: {
    levels: {
      un: 1, une: 1, debutant: 1, debutante: 1, decouverte: 1, aucune: 1, deux: 2, notions: 2, basique: 2,
      trois: 3, intermediaire: 3, autonome: 3, autonomie: 3, moyen: 3, quatre: 4, avance: 4, avancee: 4, confirme: 4, confirmee: 4, maitrise: 4,
      cinq: 5, experte: 5,
    },
    skip: ["passer", "passe", "je passe", "suivant", "je ne sais pas", "je sais pas", "sais pas", "ne sais pas", "aucune idee"],
    stop: ["arrete", "arreter", "arret", "annuler", "annule", "quitter", "fin", "terminer", "arreter l evaluation"],
  },
  en: {
    levels: { one: 1, beginner: 1, awareness: 1, none: 1, two: 2, basic: 2, three: 3, intermediate: 3, independent: 3, average: 3, four: 4, advanced: 4, proficient: 4, five: 5 },
    skip: ["skip", "next", "i don t know", "dont know", "don t know", "no idea"],
    stop: ["cancel", "quit", "end", "exit", "stop the assessment"],
  },
  both: { levels: { novice: 1, expert: 5 }, skip: [], stop: ["stop"] },
};

const vocabularies = Object.values(WORDS);
const LEVEL_WORDS: Record<string, number> = Object.assign({}, ...vocabularies.map((v) => v.levels));
const whole = (phrases: string[]) => new RegExp(`^(?:${phrases.join("|")})$`);
const SKIP = whole(vocabularies.flatMap((v) => v.skip));
const STOP = whole(vocabularies.flatMap((v) => v.stop));
/** A number, on its own or as "level 4", "3/5" (which folds to "3 5"). */
const NUMBER = /^(?:niveau |level |je dirais |i d say |plutot |about |environ )?(\d{1,3})(?: (?:sur |out of )?5)?$/;

const wordsOf = (v: AnswerWords) => new Set([...Object.keys(v.levels), ...v.skip, ...v.stop].flatMap((phrase) => phrase.split(" ")));
/**
 * Each word that belongs to one language's answers only: "trois" and "passer" are French, "three"
 * and "skip" English; "stop" ("stop the assessment") and "expert" are both.
 */
const LANGUAGE_OF_WORD = new Map<string, Locale>(
  LOCALES.flatMap((locale) => {
    const others = (Object.keys(WORDS) as (Locale | "both")[]).filter((l) => l !== locale).map((l) => wordsOf(WORDS[l]));
    return [...wordsOf(WORDS[locale])].filter((word) => others.every((other) => !other.has(word))).map((word) => [word, locale] as const);
  }),
);

const onScale = (n: number) => n >= 1 && n <= 5;

/**
 * Reads a typed answer to a rating question: "3", "trois", "three", "expert", "débutant",
 * "intermédiaire", "3/5", "level 4", "skip", "annuler". Anything else is "other", so the
 * question is asked again (or answered, if it was a question).
 */
export function parseAnswer(text: string): ParsedAnswer {
  const folded = fold(text);
  if (STOP.test(folded)) return { kind: "stop" };
  if (SKIP.test(folded)) return { kind: "skip" };
  const number = NUMBER.exec(folded);
  if (number) return onScale(Number(number[1])) ? { kind: "level", level: Number(number[1]) } : { kind: "other" };
  // The whole answer must be the level: "un DLM ?" or "one sec" are not ratings.
  const word = folded.replace(/^(?:niveau|level|je dirais|i d say|plutot|je suis|i m|i am)\s+/, "").replace(/^(?:un|une|a|an)\s+(?=\S+$)/, "");
  const level = LEVEL_WORDS[word];
  return level === undefined ? { kind: "other" } : { kind: "level", level };
}

/** A number that is not on the scale ("6", "level 7", "0"): a rating was meant, so the answer is the scale, not a guess at something else. */
export function offScale(text: string): boolean {
  const number = NUMBER.exec(fold(text));
  return number !== null && !onScale(Number(number[1]));
}

/**
 * The language a typed message is in, when its words tell it: an answer's words ("trois", "skip"),
 * else the function words and accents the understanding counts. A number, "expert" or "stop" tell
 * nothing, so a flow stays in the language it was speaking.
 */
export function typedLocale(text: string): Locale | undefined {
  const words = tokens(text);
  const votes: Record<Locale, number> = { fr: 0, en: 0 };
  for (const word of words) {
    const locale = LANGUAGE_OF_WORD.get(word);
    if (locale) votes[locale]++;
  }
  if (votes.fr !== votes.en) return votes.fr > votes.en ? "fr" : "en";
  const asFrench = detectLocale(text, words, "fr");
  return asFrench === detectLocale(text, words, "en") ? asFrench : undefined;
}
