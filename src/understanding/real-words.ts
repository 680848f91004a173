import { readWordLists } from "../catalog/word-lists.js";
import { LOCALES } from "../catalog/schema.js";

let words: ReadonlySet<string> | undefined;

/**
 * The words of both languages' shipped lists, read once per process: a word people use is no
 * typo of a cue word ("I wonder" is not « sonder », to survey).
 */
export function realWords(): ReadonlySet<string> {
  words ??= new Set(LOCALES.flatMap((locale) => Object.values(readWordLists(locale)).flat()));
  return words;
}
