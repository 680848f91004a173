/** One bullet a line, as every platform renders plain text lists. */
export const bullets = (lines: readonly string[]): string => lines.map((line) => `• ${line}`).join("\n");

/** The reply model's only markup is `*bold*`; each platform renders it its own way, or drops it. */
const EMPHASIS = /\*([^*\n]+)\*/g;

export const withoutEmphasis = (text: string): string => text.replace(EMPHASIS, "$1");

export const renderEmphasis = (text: string, render: (inner: string) => string): string => text.replace(EMPHASIS, (_, inner: string) => render(inner));

/** Where to cut `text` near `at` without splitting a character made of two UTF-16 units. */
export function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

/** Fits `text` in `max` characters, ending with an ellipsis when it had to be cut. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, safeCut(text, max - 1)).trimEnd()}…`;
}
