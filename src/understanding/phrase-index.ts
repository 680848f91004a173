import { phraseEnd, ROLE_MASK, type PhraseToken } from "./cue-phrases.js";

/** A prefix mark needs three letters (cue-phrases.ts): enough to index by. */
const PREFIX_KEY = 3;
/** Where phrases that start with `<number>` are kept: no folded word is "#". */
const NUMBER_KEY = "#";
const DIGITS = /^\d+$/;

/**
 * Phrases by how they start: their first word, a prefix (`statisti*`) or a role. A message is read
 * word by word, each word looking up the few phrases that start with it, so its cost is the
 * message's length, whatever the number of phrases.
 */
export class PhraseIndex<T> {
  /** By first word; a role's mask is a word ("_"). */
  private readonly byWord = new Map<string, { tokens: PhraseToken[]; value: T }[]>();
  /** By the first three letters of a starting prefix: `statisti*` under "sta". */
  private readonly byPrefix = new Map<string, { tokens: PhraseToken[]; value: T }[]>();
  private hasNumbers = false;

  add(tokens: PhraseToken[], value: T): void {
    const first = tokens[0]!;
    const [index, key] = first.kind === "prefix" ? [this.byPrefix, first.prefix.slice(0, PREFIX_KEY)] : [this.byWord, first.kind === "word" ? first.word : first.kind === "number" ? NUMBER_KEY : ROLE_MASK];
    const list = index.get(key) ?? [];
    list.push({ tokens, value });
    index.set(key, list);
    if (first.kind === "number") this.hasNumbers = true;
  }

  /** Each phrase found at `start`, with where it ends; stops when `found` returns true. */
  at(words: readonly string[], start: number, found: (value: T, end: number) => boolean | void): boolean {
    const word = words[start];
    if (word === undefined) return false;
    return (
      this.tried(this.byWord.get(word), words, start, found) ||
      // Most indexes hold no prefix: no key to cut for them.
      (this.byPrefix.size > 0 && this.tried(this.byPrefix.get(word.slice(0, PREFIX_KEY)), words, start, found)) ||
      (this.hasNumbers && DIGITS.test(word) && this.tried(this.byWord.get(NUMBER_KEY), words, start, found))
    );
  }

  private tried(entries: { tokens: PhraseToken[]; value: T }[] | undefined, words: readonly string[], start: number, found: (value: T, end: number) => boolean | void): boolean {
    for (const entry of entries ?? []) {
      const end = phraseEnd(entry.tokens, words, start);
      if (end >= 0 && found(entry.value, end) === true) return true;
    }
    return false;
  }

  anywhere(words: readonly string[]): boolean {
    for (let start = 0; start < words.length; start++) if (this.at(words, start, () => true)) return true;
    return false;
  }

  /** Every phrase found, as word spans [start, end). */
  spans(words: readonly string[]): [number, number][] {
    const found: [number, number][] = [];
    for (let start = 0; start < words.length; start++) this.at(words, start, (_, end) => void found.push([start, end]));
    return found;
  }

  endsAt(words: readonly string[], end: number, from = 0): boolean {
    for (let start = from; start < end; start++) if (this.at(words, start, (_, at) => at === end)) return true;
    return false;
  }
}

export function indexOf(phrases: readonly PhraseToken[][]): PhraseIndex<true> {
  const index = new PhraseIndex<true>();
  for (const tokens of phrases) index.add(tokens, true);
  return index;
}
