import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Locale } from "../catalog/schema.js";
import { packageRoot } from "../config/package-root.js";
import { fold } from "../understanding/normalize.js";
import { factsFor, PHRASED_INTENTS } from "./fact-list.js";
import { catalogueWordsOf, publishersOf, SlottedFacts } from "./fact-slots.js";

/** Ordinary words a reworded answer may use besides the facts' own, one a line (catalog/phrasing/words.<locale>.txt). */
export const WORD_LISTS_DIR = join(packageRoot(), "catalog", "phrasing");

/** French and English inflections a word may carry beyond the form listed: "designs", « conçues », « occupent ». */
const ENDINGS = ["s", "x", "es", "e", "ed", "d", "ing", "ly", "ment", "ee", "ees", "ent", "ait", "aient", "ant"];
/** What elisions and contractions leave once folded: « l'IA », « n'est », "don't", "it's". */
const LETTERS = new Set(["l", "d", "j", "n", "s", "t", "m", "c", "qu", "ll", "re", "ve"]);

/**
 * The words a sentence may use that its own facts do not: the word list of its language and
 * every word the catalogue writes in it, names left out. A word outside them is what an invented
 * name looks like, whatever its case ("coursera", "acme"), so the sentence is not shown.
 */
export class PhrasingVocabulary {
  private readonly words = new Set<string>();
  /** The catalogue's own words, names left out: a capitalised one may stand mid-sentence. */
  private readonly catalogueWords = new Set<string>();
  /** Every name the catalogue's facts hold, folded: the model places them, it never types them. */
  readonly names: string[];

  constructor(catalog: RoleCatalog, locale: Locale, wordList: readonly string[]) {
    const slotted = new SlottedFacts(catalogueFacts(catalog, locale), catalogueWordsOf(catalog), publishersOf(catalog));
    const names = [...slotted.slots.values()].filter((slot) => slot.kind === "name").map((slot) => fold(slot.value));
    const ordinary = new Set(wordList);
    // A one-word name that is an ordinary word ("Parcours") is that word too; "Learn Assembly" is a name.
    this.names = [...new Set([...names, ...publishersOf(catalog).map(fold)])].filter((name) => name.length >= 3 && (name.includes(" ") || !ordinary.has(name)));
    // A one-word name is no ordinary word because the catalogue wrote it; a longer one is caught whole.
    const nameWords = new Set(this.names.filter((name) => !name.includes(" ")));
    for (const fact of slotted.facts) for (const word of fact.words.split(" ")) if (word && !nameWords.has(word)) this.catalogueWords.add(word);
    for (const word of [...this.catalogueWords, ...wordList]) this.words.add(word);
  }

  isCatalogueWord(word: string): boolean {
    return this.catalogueWords.has(word) || this.catalogueWords.has(word.replace(/[sx]$/, ""));
  }

  knows(word: string): boolean {
    if (this.words.has(word) || LETTERS.has(word) || this.words.has(`${word}s`)) return true;
    return ENDINGS.some((ending) => word.length > ending.length + 2 && word.endsWith(ending) && this.words.has(word.slice(0, -ending.length)));
  }
}

/** Every fact the catalogue can give in a locale: the role answers of every role. */
function catalogueFacts(catalog: RoleCatalog, locale: Locale) {
  return catalog.roles().flatMap((role) => [...PHRASED_INTENTS].flatMap((intent) => factsFor(catalog, { intent, locale, roles: [role.id] }) ?? []));
}

/** Reads a word list: one word a line, `#` comments; words are folded as messages are. */
export function readWordList(locale: Locale, dir = WORD_LISTS_DIR): string[] {
  return readFileSync(join(dir, `words.${locale}.txt`), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .flatMap((line) => fold(line).split(" "));
}
