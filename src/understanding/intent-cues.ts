import type { CueGroup, UnderstandingCues } from "../catalog/cues-schema.js";
import { phraseEnd, phraseTokens, ROLE_MASK, type PhraseToken } from "./cue-phrases.js";
import { indexOf, PhraseIndex } from "./phrase-index.js";
import { CueSpelling } from "./cue-spelling.js";
import { fold } from "./normalize.js";
import type { CueIntent, Intent } from "./understanding.js";

export type { CueIntent } from "./understanding.js";

/** A role question with one of these is about the role even without a named cue ("DLM ?"). */
export const ROLE_INTENTS: readonly CueIntent[] = ["role.describe", "role.skills", "role.path", "role.compare", "role.profile"];

export const isRoleIntent = (intent: Intent): boolean => (ROLE_INTENTS as readonly Intent[]).includes(intent);

interface CompiledGroup {
  intent: CueIntent;
  weight: number;
  atStart: boolean;
  unless: PhraseToken[][];
  notAfter: PhraseToken[][];
}

/** What the cues read in one message: each intent's score, the groups that gave it, and where. */
export interface CueReading {
  /** The words the cues were read in: the masked text, misspelt cue words spelt right. */
  text: string;
  scores: Map<CueIntent, number>;
  /** Word spans [start, end) of the cues found, for telling what else the message says. */
  spans: [number, number][];
  /** The intents of the cues the message opens with: "Thank you so much for …". */
  opening: Set<CueIntent>;
}

/** How far back a `notAfter` phrase may start: "<role> tells" with a four-word role name. */
const NOT_AFTER_REACH = 8;
/** How many words after "not asking about" name the topic set aside: "the training path". */
const DISMISSED_REACH = 3;

/** The plain words of compiled phrases: marks (`…*`, `...`, `<role>`) are no words to spell. */
function plainWords(phrases: readonly PhraseToken[][]): string[] {
  return phrases.flatMap((tokens) => tokens.flatMap((token) => (token.kind === "word" ? [token.word] : [])));
}

/**
 * The catalogue's cue phrases (catalog/understanding/cues.<locale>.yaml), compiled once and read
 * on folded words with the role names masked as "_".
 */
export class IntentCues {
  private readonly phrases = new PhraseIndex<CompiledGroup>();
  private readonly openers: PhraseIndex<true>;
  private readonly fillers: ReadonlySet<string>;
  private readonly spelling: CueSpelling;
  private readonly pointers: PhraseIndex<true>;
  private readonly current: PhraseIndex<true>;
  private readonly target: PhraseIndex<true>;
  private readonly outOfScope: PhraseIndex<true>;
  private readonly reportedBy: PhraseIndex<true>;
  private readonly someoneElse: PhraseIndex<true>;
  private readonly dismissed: PhraseIndex<true>;

  constructor(cues: UnderstandingCues, realWords?: ReadonlySet<string>) {
    // Each phrase is compiled once, and both its index and the spelling read the compiled words.
    const groupPhrases: PhraseToken[][] = [];
    for (const [intent, groups] of Object.entries(cues.intents) as [CueIntent, CueGroup[] | undefined][]) {
      for (const group of groups ?? []) {
        const compiled: CompiledGroup = { intent, weight: group.weight, atStart: group.atStart, unless: group.unless.map(phraseTokens), notAfter: group.notAfter.map(phraseTokens) };
        for (const phrase of group.phrases) {
          const tokens = phraseTokens(phrase);
          groupPhrases.push(tokens);
          this.phrases.add(tokens, compiled);
        }
      }
    }
    const [current, target, outOfScope] = [cues.currentRole, cues.targetRole, cues.outOfScope].map((phrases) => phrases.map(phraseTokens)) as [PhraseToken[][], PhraseToken[][], PhraseToken[][]];
    this.openers = indexOf(cues.openers.map(phraseTokens));
    this.fillers = new Set(cues.fillers.flatMap((word) => fold(word).split(" ")));
    this.pointers = indexOf(cues.pointers.map(phraseTokens));
    this.current = indexOf(current);
    this.target = indexOf(target);
    this.outOfScope = indexOf(outOfScope);
    this.reportedBy = indexOf(cues.reportedBy.map(phraseTokens));
    this.someoneElse = indexOf(cues.someoneElse.map(phraseTokens));
    this.dismissed = indexOf(cues.dismissed.map(phraseTokens));
    this.spelling = new CueSpelling(plainWords([...groupPhrases, ...current, ...target]), [...this.fillers, ...plainWords(outOfScope)], realWords);
  }

  read(masked: string): CueReading {
    const text = this.spelling.correct(masked);
    const words = text.split(" ");
    const starts = this.afterOpeners(words);
    const scores = new Map<CueIntent, number>();
    const scored = new Set<CompiledGroup>();
    const spans: [number, number][] = [];
    const opening = new Set<CueIntent>();
    const setAside = this.setAside(words, spans);
    for (let start = 0; start < words.length; start++) {
      if (setAside?.has(start)) continue;
      this.phrases.at(words, start, (group, end) => {
        if ((group.atStart && !starts.has(start)) || this.cancelled(group, words, start)) return;
        // An order covers the openers before it: "please assess me".
        spans.push([group.atStart ? 0 : start, end]);
        if (start === 0) opening.add(group.intent);
        if (scored.has(group)) return;
        scored.add(group);
        scores.set(group.intent, (scores.get(group.intent) ?? 0) + group.weight);
      });
    }
    return { text, scores, spans, opening };
  }

  /**
   * Where the words of a topic the user sets aside start ("I don't want the training path, just …"):
   * the phrase that dismisses it and the few words after. Its span counts as read.
   */
  private setAside(words: readonly string[], spans: [number, number][]): Set<number> | undefined {
    let aside: Set<number> | undefined;
    for (let start = 0; start < words.length; start++) {
      this.dismissed.at(words, start, (_, end) => {
        aside ??= new Set();
        const until = Math.min(words.length, end + DISMISSED_REACH);
        for (let at = start; at < until; at++) aside.add(at);
        spans.push([start, until]);
      });
    }
    return aside;
  }

  /** Whether the words are openers and nothing else ("hi", « coucou, alors »), or none at all. */
  onlyOpeners(words: readonly string[]): boolean {
    return this.afterOpeners(words).has(words.length);
  }

  /** Where an order may start: the first word, or after openers ("please", "can you"). */
  private afterOpeners(words: readonly string[]): Set<number> {
    const starts = new Set([0]);
    for (const start of starts) this.openers.at(words, start, (_, end) => void starts.add(end));
    return starts;
  }

  private cancelled(group: CompiledGroup, words: readonly string[], start: number): boolean {
    if (group.unless.some((tokens) => phraseEnd(tokens, words, start) >= 0)) return true;
    if (group.notAfter.length === 0) return false;
    for (let from = Math.max(0, start - NOT_AFTER_REACH); from < start; from++) {
      if (group.notAfter.some((tokens) => phraseEnd(tokens, words, from) === start)) return true;
    }
    return false;
  }

  /**
   * Whether every word of the message is a cue, a role name or a filler: "and its skills?" asks
   * about the role of the conversation; "what skills does a data scientist need?" names something else.
   */
  namesNothingElse(reading: CueReading): boolean {
    const words = reading.text.split(" ");
    const covered = words.map((word) => word === ROLE_MASK || this.fillers.has(word));
    for (const [start, end] of reading.spans) covered.fill(true, start, end);
    return covered.every(Boolean);
  }

  /** "Its", "this job", « ce métier »: the message points back to the conversation's role. */
  pointsBack(reading: CueReading): boolean {
    return this.pointers.anywhere(reading.text.split(" "));
  }

  /** "Salary", « combien gagne »: a question the catalogue cannot answer. */
  outOfScopeIn(reading: CueReading): boolean {
    return this.outOfScope.anywhere(reading.text.split(" "));
  }

  /**
   * Where the masked words name a role as the person who spoke ("my training manager asked me
   * to …"): word spans [start, end) whose role is no subject of the message.
   */
  reportedSpans(words: readonly string[]): [number, number][] {
    return this.reportedBy.spans(words);
  }

  /** Where the masked words say who someone around the user is ("my tutor is a <role>"). */
  someoneElseSpans(words: readonly string[]): [number, number][] {
    return this.someoneElse.spans(words);
  }

  /** The words before a role end with "I'm a", « je suis »: it is the user's current role. */
  namesCurrentRole(before: readonly string[]): boolean {
    return this.current.endsAt(before, before.length);
  }

  /**
   * The words before a role say "become", « vers »: it is the role aimed at; not when what follows
   * the cue says where one comes from (« passer de concepteur … »).
   */
  namesTargetRole(before: readonly string[]): boolean {
    for (let start = 0; start < before.length; start++) {
      const aimed = this.target.at(before, start, (_, end) => end === before.length || !this.current.at(before, end, (__, to) => to === before.length));
      if (aimed) return true;
    }
    return false;
  }
}
