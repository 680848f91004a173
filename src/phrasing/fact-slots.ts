import type { RoleCatalog } from "../catalog/role-catalog.js";
import { fold } from "../understanding/normalize.js";
import { emails, links, NUMBER_WORDS } from "./answer-mentions.js";
import type { Fact } from "./fact-list.js";

/**
 * What a model could get wrong by typing it: figures, names and links. In the facts the model
 * reads, each is replaced by a slot, `[[dlm.profile.2#1]]`; the model places slots, never the
 * values, which it does not see; Parcours writes the values back. So a swapped, rounded or
 * reworded figure, a misspelt name or a changed link cannot be typed: only misplaced, which the
 * sentence checks catch (a slot must belong to a fact its sentence cites).
 */
export type SlotKind = "figure" | "name" | "link";

export interface Slot {
  token: string;
  factId: string;
  kind: SlotKind;
  value: string;
}

export interface SlottedFact {
  id: string;
  /** What the model reads: the fact with its slots. */
  text: string;
  /** The fact's words without its slots' values, folded: what a sentence citing it may restate. */
  words: string;
}

export const SLOT_TOKEN = /\[\[([a-z0-9.-]+#\d+)\]\]/g;

/** Connectors inside a figure written in words: "four in five", « quatre sur cinq », "vingt et un". */
const NUMBER_JOINERS = new Set(["in", "out", "of", "sur", "et", "and"]);
const FIGURE = /\d+(?:[.,\u00a0 ]\d{3})*(?:[.,]\d+)?(?:\/\d+)?(?:\u00a0?%|\s?h\b)?/gu;
const WORD = /[\p{L}\p{N}]+/gu;
/** Capitalised words in a run: "Learn Assembly", "Digital Learning Managers". */
const CAPITALISED_RUN = /\p{Lu}[\p{L}\p{N}'’-]*(?:\s+\p{Lu}[\p{L}\p{N}'’-]*)*/gu;
const SENTENCE_START = /(?:^|[.!?:;…(—–-])\s*["'«“]*\s*$/u;

interface Span {
  start: number;
  end: number;
  kind: SlotKind;
}

/** The catalogue's own names for roles, skills and levels: words the model may write itself. */
export function catalogueWordsOf(catalog: RoleCatalog): Set<string> {
  const terms = new Set<string>();
  for (const role of catalog.roles()) {
    for (const name of [role.names.fr, role.names.en, ...role.aliases.fr, ...role.aliases.en, ...role.abbreviations]) terms.add(fold(name));
    for (const skill of role.skills) for (const name of [skill.name.fr, skill.name.en]) terms.add(fold(name));
  }
  for (const level of catalog.scale.levels) for (const label of [level.label.fr, level.label.en]) terms.add(fold(label));
  return terms;
}

/** The publishers the catalogue cites: names wherever they stand in a sentence. */
export function publishersOf(catalog: RoleCatalog): string[] {
  return [...new Set(catalog.roles().flatMap((role) => role.sources.map((source) => source.publisher)))].sort((a, b) => b.length - a.length);
}

export class SlottedFacts {
  readonly facts: SlottedFact[] = [];
  readonly slots = new Map<string, Slot>();

  constructor(facts: readonly Fact[], catalogueTerms: ReadonlySet<string>, publishers: readonly string[]) {
    for (const fact of facts) this.facts.push(this.slotted(fact, catalogueTerms, publishers));
  }

  /** The facts' own links, which a rendering may leave clickable. */
  get links(): string[] {
    return [...this.slots.values()].filter((slot) => slot.kind === "link").map((slot) => slot.value);
  }

  /** The sentence with each slot replaced by its value; unknown slots are the checks' business. */
  fill(text: string): string {
    return text.replace(SLOT_TOKEN, (whole, key: string) => this.slots.get(`[[${key}]]`)?.value ?? whole);
  }

  private slotted(fact: Fact, catalogueTerms: ReadonlySet<string>, publishers: readonly string[]): SlottedFact {
    const spans = spansOf(fact.text, catalogueTerms, publishers);
    let text = "";
    let words = "";
    let at = 0;
    spans.forEach((span, i) => {
      const token = `[[${fact.id}#${i + 1}]]`;
      this.slots.set(token, { token, factId: fact.id, kind: span.kind, value: fact.text.slice(span.start, span.end) });
      text += fact.text.slice(at, span.start) + token;
      words += `${fact.text.slice(at, span.start)} `;
      at = span.end;
    });
    text += fact.text.slice(at);
    words += fact.text.slice(at);
    return { id: fact.id, text, words: fold(words) };
  }
}

/** Links first (they hold digits and dots), then names, then figures, none overlapping. */
function spansOf(text: string, catalogueTerms: ReadonlySet<string>, publishers: readonly string[]): Span[] {
  const spans: Span[] = [];
  const free = (start: number, end: number) => spans.every((s) => end <= s.start || start >= s.end);
  const add = (start: number, end: number, kind: SlotKind) => {
    if (end > start && free(start, end)) spans.push({ start, end, kind });
  };
  for (const link of [...links(text), ...emails(text)]) {
    for (let i = text.indexOf(link); i >= 0; i = text.indexOf(link, i + link.length)) add(i, i + link.length, "link");
  }
  for (const publisher of publishers) {
    for (let i = text.indexOf(publisher); i >= 0; i = text.indexOf(publisher, i + publisher.length)) add(i, i + publisher.length, "name");
  }
  for (const match of text.matchAll(CAPITALISED_RUN)) {
    let [start, run] = [match.index, match[0]];
    // At a sentence's start the first word may just be capitalised: « Selon Marie Dupont » names the rest.
    if (SENTENCE_START.test(text.slice(0, start))) {
      const space = run.search(/\s/);
      if (space < 0) continue;
      const rest = run.slice(space).trimStart();
      [start, run] = [start + run.length - rest.length, rest];
    }
    if (!isCatalogueTerm(run, catalogueTerms)) add(start, start + run.length, "name");
  }
  for (const match of text.matchAll(FIGURE)) add(match.index, match.index + match[0].trimEnd().length, "figure");
  for (const [start, end] of numberWordRuns(text)) add(start, end, "figure");
  return spans.sort((a, b) => a.start - b.start);
}

/** A capitalised run that the catalogue uses as a role, skill or level name, or a word of one. */
function isCatalogueTerm(run: string, catalogueTerms: ReadonlySet<string>): boolean {
  // Plurals too: "Learning Architects".
  const singular = (text: string) => text.split(" ").map((word) => word.replace(/[sx]$/, "")).join(" ");
  const folded = singular(fold(run));
  for (const term of catalogueTerms) if (` ${singular(term)} `.includes(` ${folded} `)) return true;
  return false;
}

/** "four in five", « quarante », "twenty-five": runs of number words and what joins them. */
function numberWordRuns(text: string): [number, number][] {
  const words = [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, folded: fold(m[0]) }));
  const runs: [number, number][] = [];
  for (let i = 0; i < words.length; i++) {
    if (!NUMBER_WORDS.has(words[i]!.folded)) continue;
    let last = i;
    for (let j = i + 1; j < words.length; j++) {
      if (NUMBER_WORDS.has(words[j]!.folded)) last = j;
      else if (!NUMBER_JOINERS.has(words[j]!.folded)) break;
    }
    runs.push([words[i]!.start, words[last]!.end]);
    i = last;
  }
  return runs;
}
