/**
 * One sentence and the marks that end it. Not a colon: what comes before one is as often the
 * topic ("From DLM to learning architect: is it realistic?") as the context.
 */
const SENTENCE = /[^.!?…;\n]+[.!?…;\n]*/g;
const ASKS = /\?[^\p{L}\p{N}]*$/u;
/** Dots that end no sentence: "i.e.", "e.g.", « p. ex. », "v2.0", "2.5 days" ("etc." often does). */
const INNER_DOTS = /\b(?:i\.e|e\.g|p\. ?ex|cf|vs|approx|env)\.|(?<=\d)\.(?=\d)/giu;

/** Word spans [start, end) in the message's folded words. */
export type WordSpans = [number, number][];

/** A word as folding keeps it: letters and digits, with the marks that folding takes off. */
const WORD = /[\p{L}\p{N}\p{Mn}]+/gu;

/**
 * "I'm an intern. My tutor is a learning designer, but my question is about another colleague.
 * What does a learning architect do?": people write the context first and the request last, and
 * the roles named in the context are not what they ask about. The request is the sentences that
 * end with a question mark, when some do and others do not; a message that asks in every sentence,
 * or in none, has no focus. Undefined too when the sentences' words are not the message's folded
 * words, since the spans would then point elsewhere.
 */
export function requestFocus(text: string, wordCount: number): WordSpans | undefined {
  // Most messages are one sentence, or ask nothing.
  if (!text.includes("?") || !/[.!?…;\n][^.!?…;\n]*[\p{L}\p{N}]/u.test(text)) return undefined;
  const asked: WordSpans = [];
  let told = false;
  let at = 0;
  const sentences = text.replace(INNER_DOTS, (dots) => dots.replace(/\./g, " "));
  for (const [sentence] of sentences.matchAll(SENTENCE)) {
    const count = sentence.match(WORD)?.length ?? 0;
    if (count === 0) continue;
    if (ASKS.test(sentence)) asked.push([at, at + count]);
    else told = true;
    at += count;
  }
  return told && asked.length > 0 && at === wordCount ? asked : undefined;
}

/** Whether the word at `index` is in one of the spans. */
export function inSpans(spans: WordSpans, index: number): boolean {
  return spans.some(([start, end]) => index >= start && index < end);
}
