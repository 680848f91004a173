import { safeCut } from "../../src/answers/format.js";

/**
 * Text for Slack's `mrkdwn` and `plain_text` objects. The reply model marks *bold* the way
 * mrkdwn does, so only the three control characters need escaping.
 * https://docs.slack.dev/messaging/formatting-message-text#escaping
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}


/** Where to cut escaped text at or before `at`: never inside an `&amp;` entity, nor inside a character. */
function entitySafeCut(text: string, at: number): number {
  const amp = text.lastIndexOf("&", at - 1);
  const cut = amp > at - 5 && text.indexOf(";", amp) >= at ? amp : at;
  return safeCut(text, cut);
}

/** Fits already-escaped text in `max` characters, ending with an ellipsis when it had to be cut. */
export function shortenEscaped(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, entitySafeCut(text, max - 1)).trimEnd()}…`;
}

/** Where to cut: a paragraph, else a line, else a word, else a hard cut outside an entity. */
function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  for (const separator of ["\n\n", "\n", " "]) {
    const at = window.lastIndexOf(separator);
    if (at > max / 2) return at;
  }
  return entitySafeCut(text, max);
}

/** Splits already-escaped text into pieces of at most `max` characters, losing no words. */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    const part = rest.slice(0, cut).trimEnd();
    if (part) parts.push(part);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}
