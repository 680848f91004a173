/**
 * Text for Slack's `mrkdwn` and `plain_text` objects. The reply model marks *bold* the way
 * mrkdwn does, so only the three control characters need escaping.
 * https://docs.slack.dev/messaging/formatting-message-text#escaping
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Headers and button labels are plain_text: bold markers would show as asterisks. */
export function plain(text: string): string {
  return text.replace(/\*([^*\n]+)\*/g, "$1");
}

/** Never cut a character made of two UTF-16 units in half. */
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

/** Fits `text` in `max` characters, ending with an ellipsis when it had to be cut. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, safeCut(text, max - 1)).trimEnd()}…`;
}

/** Where to cut: a paragraph, else a line, else a word, else a hard cut outside an `&amp;` entity. */
function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  for (const separator of ["\n\n", "\n", " "]) {
    const at = window.lastIndexOf(separator);
    if (at > max / 2) return at;
  }
  const amp = text.lastIndexOf("&", max - 1);
  const cut = amp > max - 5 && text.indexOf(";", amp) >= max ? amp : max;
  return safeCut(text, cut);
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
