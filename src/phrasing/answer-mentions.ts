import { fold } from "../understanding/normalize.js";

/*
 * What a phrased answer mentions that could be invented: numbers, links, e-mail addresses and
 * capitalised names. Each extractor is deliberately greedy; a false alarm only costs the
 * template answer, a miss would show a made-up fact.
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>()"'«»]+/giu;
/** Bare domains ("evil.example.com") name a place to go as much as a full link does. */
const DOMAIN = /\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|fr|eu|ai|co|info|biz|app|dev|ly|me|xyz|gov|edu|uk|de|be|ch|ca)\b(?:\/[^\s<>()"'«»]*)?/giu;
/** Numbered-list markers at the start of a line ("1. ", "2) ") are layout, not figures. */
const LIST_MARKER = /^\s*\d{1,2}[.)]\s+/gmu;
const NUMBER = /\d+(?:[.,]\d+)?/gu;

/** Number words from three up ("one" and "two", "un" and "deux" are too ordinary to flag). "neuf" also means "new". */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ["three", 3], ["four", 4], ["five", 5], ["six", 6], ["seven", 7], ["eight", 8], ["nine", 9], ["ten", 10],
  ["eleven", 11], ["twelve", 12], ["twenty", 20], ["thirty", 30], ["forty", 40], ["fifty", 50], ["sixty", 60],
  ["hundred", 100], ["thousand", 1000], ["million", 1_000_000], ["dozen", 12], ["half", 0.5], ["quarter", 0.25],
  ["trois", 3], ["quatre", 4], ["cinq", 5], ["sept", 7], ["huit", 8], ["dix", 10], ["onze", 11], ["douze", 12],
  ["vingt", 20], ["trente", 30], ["quarante", 40], ["cinquante", 50], ["soixante", 60], ["mille", 1000],
  ["moitie", 0.5], ["quart", 0.25], ["dizaine", 10], ["douzaine", 12], ["centaine", 100],
]);

export function emails(text: string): string[] {
  return [...text.matchAll(EMAIL)].map((m) => m[0]);
}

export function links(text: string): string[] {
  const withoutEmails = text.replace(EMAIL, " ");
  const found = [...withoutEmails.matchAll(URL), ...withoutEmails.replace(URL, " ").matchAll(DOMAIN)].map((m) => m[0]);
  return found.map((link) => link.replace(/[.,;:!?]+$/u, ""));
}

/** Numbers written with digits, normalised ("7,5" and "7.5" are the same figure). */
export function numbers(text: string): string[] {
  const cleaned = text.replace(LIST_MARKER, " ").replace(EMAIL, " ");
  return [...cleaned.matchAll(NUMBER)].map((m) => normaliseNumber(m[0]));
}

export function normaliseNumber(raw: string): string {
  const value = Number(raw.replace(",", "."));
  return Number.isFinite(value) ? String(value) : raw;
}

/** Number words, folded ("quarante", "forty"); "pour cent" and "per cent" are units, not hundreds. */
export function numberWords(text: string): string[] {
  const words = fold(text).replace(/\bp(?:ou|e)r cent\b/g, " ").split(" ");
  return words.filter((word) => NUMBER_WORDS.has(word));
}

const SENTENCE_START = /(?:^|[.!?:;…•\n])\s*["'«“(]*\s*$/u;
const WORD = /[\p{L}\p{N}]+(?:[’'-][\p{L}\p{N}]+)*/gu;

/**
 * Words written with a capital where a sentence does not start, the mark of a proper name in
 * English ("Data Scientist", "Coursera"); French capitalises fewer, so this catches less there.
 * One-letter words ("I", the "L" of "L&D") and "I'm", "I'd" are left out.
 */
export function capitalisedWords(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    if (word.length < 2 || !/\p{Lu}/u.test(word) || /^I['’]/u.test(word)) continue;
    if (SENTENCE_START.test(text.slice(0, match.index))) continue;
    found.push(word);
  }
  return found;
}
