import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Locale } from "../catalog/schema.js";
import { readWordLists, type WordLists } from "../catalog/word-lists.js";
import { fold } from "../understanding/normalize.js";
import { factsFor, PHRASED_INTENTS } from "./fact-list.js";
import { catalogueWordsOf, publishersOf, SlottedFacts } from "./fact-slots.js";

/** French and English inflections a word may carry beyond the form listed: "designs", « conçues », « occupent ». */
const ENDINGS = ["s", "x", "es", "e", "ed", "d", "ing", "ly", "ment", "ee", "ees", "ent", "ait", "aient", "ant", "r"];
/** French verb forms read from their infinitive: « agira », « agisse » → « agir »; « pèsera » → « peser ». */
const CONJUGATIONS: [string, string][] = [["ira", "ir"], ["iront", "ir"], ["isse", "ir"], ["issent", "ir"], ["issant", "ir"], ["era", "er"], ["eront", "er"], ["erait", "er"]];
/** What elisions and contractions leave once folded: « l'IA », « n'est », "don't", "it's". */
const LETTERS = new Set(["l", "d", "j", "n", "s", "t", "m", "c", "qu", "ll", "re", "ve"]);

/**
 * The words a sentence may use that its own facts do not: the word list of its language and
 * every word the catalogue writes in it, names left out. A word outside them is what an invented
 * name looks like, whatever its case ("coursera", "acme"), so the sentence is not shown.
 */
export class PhrasingVocabulary {
  private readonly words = new Set<string>();
  /** What may start a sentence with a capital: the hand-written words and the catalogue's. */
  private readonly starters = new Set<string>();
  /** The catalogue's own words, names left out: a capitalised one may stand mid-sentence. */
  private readonly catalogueWords = new Set<string>();
  /** The words of the skill scale's levels ("expert", « maitrise »), which a sentence takes from its facts. */
  private readonly levels = new Set<string>();
  /** Every name the catalogue's facts hold, folded: the model places them, it never types them. */
  readonly names: string[];

  constructor(catalog: RoleCatalog, locale: Locale, lists: WordLists = readWordLists(locale)) {
    const slotted = new SlottedFacts(catalogueFacts(catalog, locale), catalogueWordsOf(catalog), publishersOf(catalog));
    const names = [...slotted.slots.values()].filter((slot) => slot.kind === "name").map((slot) => fold(slot.value));
    for (const level of catalog.scale.levels) for (const word of fold(level.label[locale]).split(" ")) this.levels.add(word);
    const ordinary = new Set(lists.ordinary);
    // A one-word name that is an ordinary word ("Parcours") is that word too; "Learn Assembly" is a name.
    this.names = [...new Set([...names, ...publishersOf(catalog).map(fold)])].filter((name) => name.length >= 3 && (name.includes(" ") || !ordinary.has(name)));
    // A one-word name is no ordinary word because the catalogue wrote it; a longer one is caught whole.
    const nameWords = new Set(this.names.filter((name) => !name.includes(" ")));
    for (const fact of slotted.facts) for (const word of fact.words.split(" ")) if (word && !nameWords.has(word)) this.catalogueWords.add(word);
    for (const word of [...this.catalogueWords, ...lists.ordinary]) this.starters.add(word);
    for (const word of [...this.starters, ...lists.frequent]) this.words.add(word);
  }

  isLevel(word: string): boolean {
    return this.levels.has(word);
  }

  /** Whether a sentence may start with the word, capitalised: no name hides in the hand-written words. */
  startsSentence(word: string): boolean {
    return this.starters.has(word) || this.starters.has(word.replace(/[sx]$/, ""));
  }

  isCatalogueWord(word: string): boolean {
    return this.catalogueWords.has(word) || this.catalogueWords.has(word.replace(/[sx]$/, ""));
  }

  knows(word: string): boolean {
    if (this.words.has(word) || LETTERS.has(word) || this.words.has(`${word}s`)) return true;
    if (CONJUGATIONS.some(([form, infinitive]) => word.length > form.length + 1 && word.endsWith(form) && this.words.has(word.slice(0, -form.length) + infinitive))) return true;
    return ENDINGS.some((ending) => word.length > ending.length + 2 && word.endsWith(ending) && this.words.has(word.slice(0, -ending.length)));
  }
}

/** Every fact the catalogue can give in a locale: the role answers of every role. */
function catalogueFacts(catalog: RoleCatalog, locale: Locale) {
  return catalog.roles().flatMap((role) => [...PHRASED_INTENTS].flatMap((intent) => factsFor(catalog, { intent, locale, roles: [role.id] }) ?? []));
}

