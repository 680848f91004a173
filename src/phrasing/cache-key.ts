import { createHash } from "node:crypto";
import type { Locale } from "../catalog/schema.js";
import type { AnswerIntent } from "../answers/answer.js";
import type { Fact } from "./fact-list.js";

export interface CacheKeyParts {
  facts: readonly Fact[];
  intent: AnswerIntent;
  locale: Locale;
  promptVersion: string;
  model: string;
}

/**
 * The store key of a phrased answer: a hash of everything that shapes it, so an edited fact, a
 * new prompt version or another model never reuses an answer checked against something else.
 */
export function phrasingCacheKey(parts: CacheKeyParts): string {
  const material = JSON.stringify([parts.intent, parts.locale, parts.promptVersion, parts.model, parts.facts.map((f) => [f.id, f.text])]);
  return `phrasing:${createHash("sha256").update(material).digest("hex")}`;
}
