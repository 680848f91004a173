import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../config/package-root.js";
import { fold } from "../understanding/normalize.js";
import type { Locale } from "./schema.js";

/**
 * The languages' word lists, shipped with Parcours (catalog/phrasing): `words.<locale>.txt`,
 * written by hand, and `frequent.<locale>.txt`, each language's frequent words (see its header).
 */
export const WORD_LISTS_DIR = join(packageRoot(), "catalog", "phrasing");

export interface WordLists {
  /** Written by hand: these may start a sentence with a capital. */
  ordinary: readonly string[];
  /** Frequent words of the language: "Zoom" at a sentence's start is a name, "zoom" inside one a word. */
  frequent: readonly string[];
}

/** Each list as read, by file: understanding reads them all at start, and phrasing again with a model. */
const lists = new Map<string, readonly string[]>();

/** Reads a word list once: one word a line, `#` comments; words are folded as messages are. */
function readWordList(file: string): readonly string[] {
  let words = lists.get(file);
  if (!words) {
    words = readFileSync(file, "utf8")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith("#"))
      .flatMap((line) => fold(line).split(" "));
    lists.set(file, words);
  }
  return words;
}

export function readWordLists(locale: Locale, dir = WORD_LISTS_DIR): WordLists {
  return { ordinary: readWordList(join(dir, `words.${locale}.txt`)), frequent: readWordList(join(dir, `frequent.${locale}.txt`)) };
}
