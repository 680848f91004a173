import { fold } from "./normalize.js";

/**
 * One sentence and the marks that end it. Not a colon: what comes before one is as often the
 * topic ("From DLM to learning architect: is it realistic?") as the context.
 */
const SENTENCE = /[^.!?…;\n]+[.!?…;\n]*/g;
const ASKS = /\?[^\p{L}\p{N}]*$/u;

/** Word spans [start, end) in the message's folded words. */
export type WordSpans = [number, number][];

/**
 * The spans of the message's words in the pieces `pattern` cuts it into that `keep` keeps;
 * undefined when the pieces' words, folded apart, are not the message's words, since the spans
 * would then point elsewhere.
 */
function spansOf(text: string, wordCount: number, pattern: RegExp, keep: (piece: string) => boolean): WordSpans | undefined {
  const spans: WordSpans = [];
  let at = 0;
  for (const [piece] of text.matchAll(pattern)) {
    const count = fold(piece).split(" ").filter(Boolean).length;
    if (count > 0 && keep(piece)) spans.push([at, at + count]);
    at += count;
  }
  return at === wordCount ? spans : undefined;
}

/**
 * "I'm an intern. My tutor is a learning designer, but my question is about another colleague.
 * What does a learning architect do?": people write the context first and the request last, and
 * the roles named in the context are not what they ask about. The request is the sentences that
 * end with a question mark, when some do and others do not; a message that asks in every sentence,
 * or in none, has no focus.
 */
export function requestFocus(text: string, wordCount: number): WordSpans | undefined {
  // Most messages are one sentence, or ask nothing.
  if (!text.includes("?") || !/[.!?…;\n][^.!?…;\n]*[\p{L}\p{N}]/u.test(text)) return undefined;
  const asked = spansOf(text, wordCount, SENTENCE, (sentence) => ASKS.test(sentence));
  const told = spansOf(text, wordCount, SENTENCE, (sentence) => !ASKS.test(sentence));
  return asked?.length && told?.length ? asked : undefined;
}

/** Whether the word at `index` is in one of the spans. */
export function inSpans(spans: WordSpans, index: number): boolean {
  return spans.some(([start, end]) => index >= start && index < end);
}
