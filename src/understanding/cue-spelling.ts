import { editDistance, typoAllowance } from "./normalize.js";

/** Words whose correction is kept, emptied when full. */
const CACHE_SIZE = 10_000;
/** Short words are too close to each other to be corrected: "role" and "rule", "date" and "data". */
const MIN_LENGTH = 5;
const PLURAL = /[sx]$/;

function deletions(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * Typos in cue words ("competance", "diffrence", "traning"): a word that is no cue word and no
 * filler is read as the one cue word within its typo allowance, when there is exactly one. Found
 * through a one-deletion index, like role names, so the cost depends on the message's words.
 */
export class CueSpelling {
  private readonly known = new Set<string>();
  private readonly cueWords = new Set<string>();
  private readonly byDeletion = new Map<string, Set<string>>();
  /** Words already looked up, "" for none: names and typos come back. */
  private readonly corrections = new Map<string, string>();

  /**
   * `cueWords` (folded) are the words a typo is corrected to; `knownOnly` words are never
   * corrected, nor corrected to: "salariés" (employees) must not become "salaire" (pay), which no
   * answer covers.
   */
  constructor(
    cueWords: Iterable<string>,
    knownOnly: Iterable<string>,
    /** Words of the languages, never corrected, but still corrected to when cue words. */
    private readonly real: ReadonlySet<string> = new Set(),
  ) {
    for (const word of knownOnly) this.known.add(word);
    for (const word of cueWords) this.add(word);
  }

  private add(word: string): void {
    if (!word || this.known.has(word)) return;
    this.known.add(word);
    this.cueWords.add(word);
    if (word.length < MIN_LENGTH) return;
    for (const key of deletions(word)) {
      const words = this.byDeletion.get(key) ?? new Set();
      words.add(word);
      this.byDeletion.set(key, words);
    }
  }

  /** The folded, masked text with each misspelt cue word spelt right; the same text when none is. */
  correct(masked: string): string {
    let changed = false;
    const words = masked.split(" ").map((word) => {
      const right = this.correction(word);
      if (right) changed = true;
      return right ?? word;
    });
    return changed ? words.join(" ") : masked;
  }

  private correction(word: string): string | undefined {
    if (word.length < MIN_LENGTH || this.known.has(word) || /\d/.test(word)) return undefined;
    // A word of the language is no typo; in the plural, it is still the cue word ("routes").
    // Not below five letters, as elsewhere: "polls" is no « poll » cue, "posts" no "post".
    if (this.real.has(word)) return PLURAL.test(word) && word.length > MIN_LENGTH && this.cueWords.has(word.slice(0, -1)) ? word.slice(0, -1) : undefined;
    const cached = this.corrections.get(word);
    if (cached !== undefined) return cached || undefined;
    if (this.corrections.size >= CACHE_SIZE) this.corrections.clear();
    const right = this.closest(word);
    this.corrections.set(word, right ?? "");
    return right;
  }

  private closest(word: string): string | undefined {
    const allowance = typoAllowance(word);
    let best: string | undefined;
    let bestDistance = Infinity;
    let tie = false;
    for (const key of deletions(word)) {
      for (const candidate of this.byDeletion.get(key) ?? []) {
        const distance = editDistance(word, candidate, allowance);
        if (distance > Math.min(allowance, typoAllowance(candidate))) continue;
        if (distance < bestDistance) [best, bestDistance, tie] = [candidate, distance, false];
        else if (distance === bestDistance && candidate !== best) tie = true;
      }
    }
    return tie ? undefined : best;
  }
}
