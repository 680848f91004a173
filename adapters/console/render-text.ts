import { score, textBar } from "../../src/answers/chart-text.js";
import { withoutEmphasis } from "../../src/answers/format.js";
import type { Block, Button, FormBlock, Reply } from "../../src/answers/reply.js";
import { fold } from "../../src/understanding/normalize.js";
import { DEFAULT_WIDTH, packItems, wrapText } from "./wrap-text.js";

export interface RenderedText {
  text: string;
  /**
   * Buttons in the order they are shown. Those without a typed word are numbered: typing "2"
   * presses the second of them; the others are pressed by typing their word (see `pressedBy`).
   */
  buttons: Button[];
  /** The reply's form, shown here by its title only: the chat asks its fields one a line. */
  form?: FormBlock;
}

/** "[3] Level 3", or "[skip] Skip" for a button pressed by its word; `buttons` takes it, to be pressed. */
function shown(button: Button, buttons: Button[]): string {
  buttons.push(button);
  return `[${button.typed ?? buttons.filter((b) => !b.typed).length}] ${button.label}`;
}

/** The button a typed line presses: a number for the numbered ones, a word for the others. */
export function pressedBy(line: string, buttons: readonly Button[]): Button | undefined {
  const typed = line.trim();
  if (/^\d{1,2}$/.test(typed)) return buttons.filter((b) => !b.typed)[Number(typed) - 1];
  const word = fold(typed);
  return word ? buttons.find((b) => b.typed !== undefined && fold(b.typed) === word) : undefined;
}

function renderBlock(block: Block, buttons: Button[], width: number): string {
  switch (block.type) {
    case "header":
      return `== ${withoutEmphasis(block.text)} ==`;
    case "text":
      return withoutEmphasis(block.text);
    case "section":
      return block.title ? `${withoutEmphasis(block.title)}\n${withoutEmphasis(block.text)}` : withoutEmphasis(block.text);
    case "fields":
      return block.fields.map((f) => `${withoutEmphasis(f.label)}: ${withoutEmphasis(f.value)}`).join("\n");
    case "buttons":
      return packItems(block.buttons.map((b) => shown(b, buttons)), width);
    case "choices":
      return `${block.prompt}\n${packItems(block.options.map((o) => shown({ label: o.label, actionId: block.actionId, value: o.value }, buttons)), width)}`;
    case "image":
      return `(${block.alt}: ${block.url})`;
    case "link":
      return `${withoutEmphasis(block.label)}: ${block.url}`;
    case "chart": {
      return `${block.title}\n${block.series.map((s) => `${s.label.padEnd(24)} ${textBar(s.value, block.max)} ${score(s)}`).join("\n")}`;
    }
    case "divider":
      return "—".repeat(20);
    case "sources":
      return `${block.heading}\n${block.items.map((item) => `  - ${item}`).join("\n")}`;
    case "form":
      return `== ${withoutEmphasis(block.title)} ==`;
  }
}

/**
 * The terminal's rendering of a reply: plain text wrapped at `width` columns (terminalWidth),
 * buttons as numbered choices. Buttons already shown in this turn (a survey card posted before the
 * reply) keep their numbers; these follow.
 */
export function toText(reply: Reply, shownBefore: readonly Button[] = [], width: number = DEFAULT_WIDTH): RenderedText {
  const buttons: Button[] = [...shownBefore];
  const text = wrapText(reply.blocks.map((block) => renderBlock(block, buttons, width)).join("\n\n"), width);
  const form = reply.blocks.find((block): block is FormBlock => block.type === "form");
  return { text: text || reply.fallbackText, buttons, ...(form ? { form } : {}) };
}
