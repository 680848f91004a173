import type { RoleCatalog } from "../catalog/role-catalog.js";
import { editDistance, fold, typoAllowance } from "./normalize.js";

export interface RoleMention {
  roleId: string;
  /** Token span [start, end) in the folded text. */
  start: number;
  end: number;
  typos: number;
  /** Named in the plural ("the trainers", « les DLM » aside): people, more than a role. */
  plural: boolean;
  /** Said by its work ("I run the onboarding sessions"), not by its name. */
  byActivity?: boolean;
}

interface Phrase {
  roleId: string;
  words: string[];
  /** Whether the name itself ends in s or x ("responsable des formations"), which is no plural. */
  endsPlural: boolean;
}

const PLURAL_ENDING = /[sx]$/;

/** Words too common to suggest a role on their own ("did you mean" must stay useful). */
const WEAK_WORDS = new Set(["de", "du", "des", "la", "le", "en", "of", "the", "and", "et", "chef", "projet", "project", "formation", "training", "learning"]);

const ARTICLES = new Set(["un", "une", "le", "les", "des", "du", "a", "an", "the"]);

/** Words whose candidates are kept: a few hundred kilobytes at most, emptied when full. */
const CANDIDATE_CACHE_SIZE = 20_000;

/** What a lookalike ("personal trainer") points at: it wins over the shorter role name inside it, then names nothing. */
const NO_ROLE = "";

/** Plural and singular fold together: "architectes" matches "architecte". */
/** A clipped name in the plural: "PMs", "LDs" (two consonants and an s, unlike "les", "des"). */
const CLIPPED_PLURAL = /^[b-df-hj-np-tv-z]{2}s$/;

/** Whether a mention shares a word with any of `others`. */
export function overlaps(mention: RoleMention, others: readonly RoleMention[]): boolean {
  return others.some((other) => mention.start < other.end && other.start < mention.end);
}

function stem(word: string): string {
  return (word.length > 3 && /[sx]$/.test(word)) || CLIPPED_PLURAL.test(word) ? word.slice(0, -1) : word;
}

function deletions(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * Finds catalogue roles in a question by their names, aliases and abbreviations.
 *
 * Candidate words come from a one-deletion index (the SymSpell idea), so the cost per question
 * depends on the question's length and on how many phrases share its words, not on the size of
 * the catalogue. A phrase matches only when every one of its words is present in order: a
 * "software architect" never becomes a "Learning Architect", it only earns a suggestion.
 */
export class RoleMatcher {
  private readonly phrasesByFirstWord = new Map<string, Phrase[]>();
  private readonly deletionIndex = new Map<string, Set<string>>();
  private readonly abbreviations = new Map<string, string>();
  private readonly rolesByWord = new Map<string, Set<string>>();
  private readonly candidateCache = new Map<string, ReadonlyMap<string, number>>();

  constructor(catalog: RoleCatalog) {
    // Names are read with the same shorthand as messages: "resp elearning" and "responsable e-learning" are one name.
    const shorthand = catalog.cues.shorthand;
    const expanded = (name: string) => fold(name).split(" ").map((word) => shorthand.get(word) ?? word).join(" ");
    for (const role of catalog.roles()) {
      const phrases = new Set([
        role.names.fr, role.names.en, ...role.aliases.fr, ...role.aliases.en, role.id.replace(/-/g, " "),
      ].map(expanded));
      for (const phrase of phrases) this.addPhrase(role.id, phrase.split(" "));
      for (const abbreviation of role.abbreviations) this.abbreviations.set(abbreviation, role.id);
      for (const lookalike of [...role.lookalikes.fr, ...role.lookalikes.en]) this.addPhrase(NO_ROLE, expanded(lookalike).split(" "));
    }
  }

  private addPhrase(roleId: string, folded: string[]): void {
    const words = folded.map(stem);
    const first = words[0]!;
    const list = this.phrasesByFirstWord.get(first) ?? [];
    list.push({ roleId, words, endsPlural: PLURAL_ENDING.test(folded[folded.length - 1]!) });
    this.phrasesByFirstWord.set(first, list);
    for (const word of words) {
      for (const key of deletions(word)) {
        const set = this.deletionIndex.get(key) ?? new Set();
        set.add(word);
        this.deletionIndex.set(key, set);
      }
      if (roleId !== NO_ROLE && !WEAK_WORDS.has(word) && word.length > 2) {
        const roles = this.rolesByWord.get(word) ?? new Set();
        roles.add(roleId);
        this.rolesByWord.set(word, roles);
      }
    }
  }

  /** Catalogue words within the typo allowance of a question word, with their distance. */
  private candidates(word: string): ReadonlyMap<string, number> {
    const cached = this.candidateCache.get(word);
    if (cached) return cached;
    // Most words of most messages are the same few hundred ("what", "de", "skills"): each is looked up once.
    if (this.candidateCache.size >= CANDIDATE_CACHE_SIZE) this.candidateCache.clear();
    const found = this.lookUp(word);
    this.candidateCache.set(word, found);
    return found;
  }

  private lookUp(word: string): Map<string, number> {
    const found = new Map<string, number>();
    const allowance = typoAllowance(word);
    const keys = allowance > 0 ? deletions(word) : [word];
    for (const key of keys) {
      for (const known of this.deletionIndex.get(key) ?? []) {
        if (found.has(known)) continue;
        const distance = known === word ? 0 : editDistance(word, known, allowance);
        if (distance === 0 || distance <= Math.min(allowance, typoAllowance(known))) found.set(known, distance);
      }
    }
    return found;
  }

  /**
   * All role mentions, longest first where two overlap ("responsable formation digitale" is the
   * Digital Learning Manager, not the Training Manager), in the order they appear; a role named
   * twice is there twice.
   */
  find(originalText: string, folded: readonly string[] = fold(originalText).split(" ").filter(Boolean)): RoleMention[] {
    const typed = folded;
    const words = typed.map(stem);
    const candidatesAt = words.map((w) => this.candidates(w));
    const found: RoleMention[] = [];
    words.forEach((_, start) => {
      for (const [first, firstTypos] of candidatesAt[start]!) {
        for (const phrase of this.phrasesByFirstWord.get(first) ?? []) {
          const typos = this.matchRest(phrase, candidatesAt, start);
          if (typos === undefined) continue;
          const end = start + phrase.words.length;
          const plural = !phrase.endsPlural && typed[end - 1] !== words[end - 1];
          found.push({ roleId: phrase.roleId, start, end, typos: typos + firstTypos, plural });
        }
      }
    });
    found.push(...this.findAbbreviations(originalText, words));
    return this.keepLongest(found);
  }

  private matchRest(phrase: Phrase, candidatesAt: ReadonlyMap<string, number>[], start: number): number | undefined {
    let typos = 0;
    for (let k = 1; k < phrase.words.length; k++) {
      const distance = candidatesAt[start + k]?.get(phrase.words[k]!);
      if (distance === undefined) return undefined;
      typos += distance;
    }
    return typos;
  }

  /**
   * Abbreviations must be written as such: two-letter ones in capitals only, since "la" is a
   * French article and must never become the Learning Architect ("LA").
   */
  private findAbbreviations(originalText: string, folded: readonly string[]): RoleMention[] {
    // Plain ASCII, most messages, has no marks to take off.
    const unmarked = /^[\x00-\x7f]*$/.test(originalText) ? originalText : originalText.normalize("NFKD").replace(/\p{Mn}/gu, "");
    const raw = unmarked.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (raw.length !== folded.length) return [];
    // In a message typed in capitals, "LA" is the French article again ("C'EST QUOI LA FORMATION ?").
    const shouting = raw.filter((w) => w.length > 2 && w === w.toUpperCase() && /\p{L}/u.test(w)).length > raw.length / 2;
    const mentions: RoleMention[] = [];
    raw.forEach((token, index) => {
      const singular = /^[A-Za-z]{3,}s$/.test(token) && /[A-Z]{3}/.test(token) ? token.slice(0, -1) : token;
      if (singular.length <= 2 && shouting) return;
      // "un rf" typed in lower case is still the abbreviation after an article; "la" never is.
      const afterArticle = index > 0 && ARTICLES.has(folded[index - 1]!) && singular.toLowerCase() !== "la";
      const key = singular.length <= 2 && !afterArticle ? singular : singular.toUpperCase();
      const roleId = this.abbreviations.get(key);
      if (roleId) mentions.push({ roleId, start: index, end: index + 1, typos: 0, plural: singular !== token });
    });
    return mentions;
  }

  private keepLongest(found: RoleMention[]): RoleMention[] {
    const byLength = [...found].sort((a, b) => b.end - b.start - (a.end - a.start) || a.typos - b.typos);
    const kept: RoleMention[] = [];
    for (const mention of byLength) if (!overlaps(mention, kept)) kept.push(mention);
    kept.sort((a, b) => a.start - b.start);
    return kept.filter((m) => m.roleId !== NO_ROLE);
  }

  /** Roles sharing a distinctive word with the question, for "did you mean …". */
  suggest(text: string, limit = 3): string[] {
    const scores = new Map<string, number>();
    for (const word of fold(text).split(" ").map(stem)) {
      if (word.length < 4) continue;
      for (const [known] of this.candidates(word)) {
        for (const roleId of this.rolesByWord.get(known) ?? []) scores.set(roleId, (scores.get(roleId) ?? 0) + 1);
      }
    }
    return [...scores.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([id]) => id);
  }
}
