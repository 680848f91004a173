import type { WriteStream } from "node:tty";

/** What a pipe, a file or a terminal that does not say gets: the width text reads comfortably at. */
export const DEFAULT_WIDTH = 80;
/** Narrower than this, wrapping leaves a word or two a line: the terminal's own wrapping does better. */
const MIN_WIDTH = 20;

/** "• ", "  - ", "1. ", "[3] ": a list item's marker, which its continuation lines are indented past. */
const LIST_MARKER = /^\s*(?:[•*–-]|\d{1,3}[.)]|\[[^\]\s]{1,12}\])\s+/;

/** French puts a space before these and inside « »: a line never starts with one, nor ends with «. */
const CLOSING = /^[?!:;»]+[.,]?$/;
const OPENING = "«";

/** Counted in code points, so that "é" or "—" is one column, as terminals show them. */
const columns = (text: string): number => [...text].length;

/** The output's width in columns: the terminal's own (which follows a resize) when it is one, else 80. */
export function terminalWidth(output: NodeJS.WritableStream): number {
  const tty = output as Partial<WriteStream>;
  return tty.isTTY && tty.columns ? Math.max(MIN_WIDTH, tty.columns) : DEFAULT_WIDTH;
}

/** The words of a line as it may be cut: « and its next word, a word and the French ? ! : ; » after it, stay together. */
function words(text: string): string[] {
  const units: string[] = [];
  let open = false;
  for (const word of text.split(" ")) {
    if (word === "") continue;
    const last = units.length - 1;
    if (last >= 0 && (open || CLOSING.test(word))) units[last] = `${units[last]} ${word}`;
    else units.push(word);
    open = word === OPENING;
  }
  return units;
}

/**
 * One line cut on spaces to fit `width`, its continuation lines indented under the text of a list
 * item (or as much as the line itself is). A word is never cut: a URL longer than the width gets a
 * line of its own, however long, so that it can still be copied and opened.
 */
function wrapLine(line: string, width: number): string[] {
  if (columns(line) <= width) return [line];
  const marker = LIST_MARKER.exec(line)?.[0] ?? /^\s*/.exec(line)![0];
  const indent = " ".repeat(columns(marker));
  const lines: string[] = [];
  let current = marker;
  let count = 0;
  for (const word of words(line.slice(marker.length))) {
    if (count > 0 && columns(current) + 1 + columns(word) > width) {
      lines.push(current);
      current = indent;
      count = 0;
    }
    current = count > 0 ? `${current} ${word}` : `${current}${word}`;
    count++;
  }
  lines.push(current);
  return lines;
}

/** Text wrapped at `width` columns, line by line: lines that fit, blank ones included, are kept as they are. */
export function wrapText(text: string, width: number): string {
  return text
    .split("\n")
    .flatMap((line) => wrapLine(line, width))
    .join("\n");
}

/**
 * Items (buttons) side by side, two spaces apart, as many to a line as fit: a line breaks between
 * two items, never inside one, unless an item is wider than a line on its own.
 */
export function packItems(items: readonly string[], width: number): string {
  const lines: string[] = [];
  for (const item of items) {
    const last = lines.length - 1;
    if (last >= 0 && columns(lines[last]!) + 2 + columns(item) <= width) lines[last] = `${lines[last]}  ${item}`;
    else lines.push(item);
  }
  return lines.join("\n");
}
