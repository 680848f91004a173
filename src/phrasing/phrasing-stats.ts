/** Why a phrased answer was not shown; each one gives the template answer instead. */
export const FALLBACK_REASONS = [
  // from the model call
  "timeout",
  "rate-limited",
  "server-error",
  "api-error",
  "unreachable",
  "refusal",
  "truncated",
  "malformed",
  // from the checks on each sentence and on the whole answer
  "unknown-fact-id",
  "unused-fact-id",
  "misplaced-slot",
  "length",
  "markup",
  "wrong-language",
  "injection-echo",
  "invented-link",
  "invented-email",
  "invented-number",
  "negation",
  "overstated",
  "invented-role",
  "invented-skill",
  "misattributed",
  "invented-name",
  "ungrounded",
  // anything else thrown while phrasing
  "internal-error",
] as const;
export type FallbackReason = (typeof FALLBACK_REASONS)[number];

/** Counters of what phrasing did, for tests and the phrasing evaluation (fallbacks are on /metrics too). */
export class PhrasingStats {
  /** Answers a model phrased that passed every check. */
  phrased = 0;
  /** Answers taken from the cache, without a model call. */
  cached = 0;
  /** Replies left as they were because their intent is not phrased. */
  skipped = 0;
  readonly fallbacks: Record<FallbackReason, number> = Object.fromEntries(FALLBACK_REASONS.map((r) => [r, 0])) as Record<FallbackReason, number>;

  fellBack(reason: FallbackReason): void {
    this.fallbacks[reason]++;
  }

  get fallbackTotal(): number {
    return Object.values(this.fallbacks).reduce((sum, n) => sum + n, 0);
  }
}
