import { fold } from "./normalize.js";

/**
 * Cue phrases are written by L&D staff in catalog/understanding/cues.<locale>.yaml as plain words
 * (« qu'est-ce que », "how long does it take"); they are matched on folded words, whole words only.
 * Four marks only: `statisti*` (any ending), `<role>` (a role name, masked as "_" before cues are
 * read), `<number>` (a number written in digits: "the 6 roles") and `...` (one to six words: "let ... know").
 */
export class CuePhraseError extends Error {}

export type PhraseToken =
  | { kind: "word"; word: string }
  /** `statisti*` */
  | { kind: "prefix"; prefix: string }
  /** `<role>`: one role name, however many words it has ("_ _"). */
  | { kind: "role" }
  /** `<number>`: a number in digits ("6"). */
  | { kind: "number" }
  /** `...` */
  | { kind: "gap" };

/** How many words `...` stands for at most: "let the whole team know". */
const MAX_GAP = 6;
const DIGITS = /^\d+$/;
/** What a role name's words read once masked. */
export const ROLE_MASK = "_";

/** One phrase as tokens over folded words; throws CuePhraseError when it cannot be read. */
export function phraseTokens(phrase: string): PhraseToken[] {
  const tokens: PhraseToken[] = [];
  const written = phrase.trim().split(/\s+/).filter(Boolean);
  written.forEach((token, index) => {
    if (token === "...") {
      if (index === 0 || index === written.length - 1 || written[index - 1] === "...") throw new CuePhraseError(`"..." must stand between two words`);
      tokens.push({ kind: "gap" });
      return;
    }
    if (token === "<number>") {
      tokens.push({ kind: "number" });
      return;
    }
    if (token.includes("<role>")) {
      // "<role>'s" reads "_ s": the mark, then what folds of the rest.
      token.split("<role>").forEach((piece, i) => {
        if (i > 0) tokens.push({ kind: "role" });
        for (const word of fold(piece).split(" ").filter(Boolean)) tokens.push({ kind: "word", word });
      });
      return;
    }
    if (/[<>{}]/.test(token)) throw new CuePhraseError(`unknown mark "${token}": the only placeholders are <role> and <number>`);
    const wildcard = token.endsWith("*");
    const words = fold(wildcard ? token.slice(0, -1) : token).split(" ").filter(Boolean);
    if (words.length === 0) throw new CuePhraseError(`"${token}" has no letter or digit`);
    if (wildcard && words[words.length - 1]!.length < 3) throw new CuePhraseError(`"${token}": a word ending in * needs at least three letters before it`);
    words.forEach((word, i) => tokens.push(wildcard && i === words.length - 1 ? { kind: "prefix", prefix: word } : { kind: "word", word }));
  });
  if (tokens.length === 0) throw new CuePhraseError("is empty");
  return tokens;
}

/** `phraseTokens` as a validation message, or undefined when the phrase reads. */
export function phraseProblem(phrase: string): string | undefined {
  try {
    phraseTokens(phrase);
    return undefined;
  } catch (error) {
    if (error instanceof CuePhraseError) return error.message;
    throw error;
  }
}

/**
 * Where a phrase that starts at `words[start]` ends (exclusive), the longest way it can; -1 when it
 * does not start there. Word by word, so its cost is the phrase's length, not the message's.
 */
export function phraseEnd(tokens: readonly PhraseToken[], words: readonly string[], start: number, from = 0): number {
  let at = start;
  for (let t = from; t < tokens.length; t++) {
    const token = tokens[t]!;
    if (token.kind === "gap") {
      for (let skip = Math.min(MAX_GAP, words.length - at - 1); skip >= 1; skip--) {
        const end = phraseEnd(tokens, words, at + skip, t + 1);
        if (end >= 0) return end;
      }
      return -1;
    }
    const word = words[at];
    if (word === undefined) return -1;
    if (token.kind === "word" && word !== token.word) return -1;
    if (token.kind === "prefix" && !word.startsWith(token.prefix)) return -1;
    if (token.kind === "number" && !DIGITS.test(word)) return -1;
    if (token.kind === "role") {
      if (word !== ROLE_MASK) return -1;
      while (words[at + 1] === ROLE_MASK) at++;
    }
    at++;
  }
  return at;
}
