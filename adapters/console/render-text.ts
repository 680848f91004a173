import { score, textBar } from "../../src/answers/chart-text.js";
import { withoutEmphasis } from "../../src/answers/format.js";
import type { Block, Button, FormBlock, Reply } from "../../src/answers/reply.js";

export interface RenderedText {
  text: string;
  /** Buttons in the order they are numbered in the text: typing "2" presses the second. */
  buttons: Button[];
  /** The reply's form, shown here by its title only: the chat asks its fields one a line. */
  form?: FormBlock;
}

function renderBlock(block: Block, buttons: Button[]): string {
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
      return block.buttons.map((b) => `[${buttons.push(b)}] ${b.label}`).join("  ");
    case "choices":
      return `${block.prompt}\n${block.options.map((o) => `[${buttons.push({ label: o.label, actionId: block.actionId, value: o.value })}] ${o.label}`).join("  ")}`;
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
      return `Sources:\n${block.items.map((item) => `  - ${item}`).join("\n")}`;
    case "form":
      return `== ${withoutEmphasis(block.title)} ==`;
  }
}

/**
 * The terminal's rendering of a reply: plain text, buttons as numbered choices. Buttons already
 * shown in this turn (a survey card posted before the reply) keep their numbers; these follow.
 */
export function toText(reply: Reply, shownBefore: readonly Button[] = []): RenderedText {
  const buttons: Button[] = [...shownBefore];
  const text = reply.blocks.map((block) => renderBlock(block, buttons)).join("\n\n");
  const form = reply.blocks.find((block): block is FormBlock => block.type === "form");
  return { text: text || reply.fallbackText, buttons, ...(form ? { form } : {}) };
}
