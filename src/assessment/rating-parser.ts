import { fold } from "../understanding/normalize.js";

export type ParsedAnswer = { kind: "level"; level: number } | { kind: "skip" } | { kind: "stop" } | { kind: "other" };

/** Words people type for a level, in both languages, beside the scale's own labels. */
const LEVEL_WORDS: Record<string, number> = {
  un: 1, une: 1, one: 1, debutant: 1, debutante: 1, beginner: 1, novice: 1, decouverte: 1, awareness: 1, aucune: 1, none: 1,
  deux: 2, two: 2, notions: 2, basic: 2, basique: 2,
  trois: 3, three: 3, intermediaire: 3, intermediate: 3, autonome: 3, autonomie: 3, independent: 3, moyen: 3, average: 3,
  quatre: 4, four: 4, avance: 4, avancee: 4, advanced: 4, confirme: 4, confirmee: 4, maitrise: 4, proficient: 4,
  cinq: 5, five: 5, expert: 5, experte: 5,
};
const SKIP = /^(?:skip|passer|passe|je passe|suivant|next|je ne sais pas|je sais pas|sais pas|ne sais pas|i don t know|dont know|don t know|no idea|aucune idee)$/;
const STOP = /^(?:stop|arrete|arreter|arret|cancel|annuler|annule|quit|quitter|fin|end|terminer|exit|stop the assessment|arreter l evaluation)$/;

/**
 * Reads a typed answer to a rating question: "3", "trois", "three", "expert", "débutant",
 * "intermédiaire", "3/5", "level 4", "skip", "annuler". Anything else is "other", so the
 * question is asked again (or answered, if it was a question).
 */
export function parseAnswer(text: string): ParsedAnswer {
  const folded = fold(text);
  if (STOP.test(folded)) return { kind: "stop" };
  if (SKIP.test(folded)) return { kind: "skip" };
  // "3/5" folds to "3 5".
  const digit = /^(?:niveau |level |je dirais |i d say |plutot |about |environ )?([1-5])(?: (?:sur |out of )?5)?$/.exec(folded);
  if (digit) return { kind: "level", level: Number(digit[1]) };
  // The whole answer must be the level: "un DLM ?" or "one sec" are not ratings.
  const word = folded.replace(/^(?:niveau|level|je dirais|i d say|plutot|je suis|i m|i am)\s+/, "").replace(/^(?:un|une|a|an)\s+(?=\S+$)/, "");
  const level = LEVEL_WORDS[word];
  return level === undefined ? { kind: "other" } : { kind: "level", level };
}
