import { score, textBar } from "../../src/answers/chart-text.js";
import type { types } from "@slack/bolt";
import type { Block, Button, FormBlock, Reply } from "../../src/answers/reply.js";
import { encodeActionId } from "./action-id.js";
import { shorten, withoutEmphasis } from "../../src/answers/format.js";
import { chunk, SOURCES_MARK } from "../shared/text.js";
import { escapeMrkdwn, shortenEscaped, splitText } from "./mrkdwn.js";

type SlackBlock = types.KnownBlock;
type SlackButton = types.Button;

/**
 * Block Kit's limits, which Slack enforces by rejecting the whole message (`invalid_blocks`).
 * https://docs.slack.dev/reference/block-kit/blocks
 */
export const BLOCK_KIT_LIMITS = {
  messageBlocks: 50,
  homeBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  actionsElements: 25,
  buttonLabel: 75,
  buttonValue: 2000,
  header: 150,
  contextElements: 10,
  contextText: 2000,
  imageUrl: 3000,
  altText: 2000,
  /** The `text` of chat.postMessage: Slack truncates beyond it. */
  messageText: 40_000,
} as const;

/**
 * The action id of the button that opens a form as a modal. The underscore keeps it apart from
 * the core's action ids (lowercase words and dots), so the core never makes one like it.
 */
export const FORM_OPEN_ACTION = "parcours_form";

/** Where each form of a reply is kept (KeptForms), by block: its button carries the key. */
export type FormKeys = ReadonlyMap<FormBlock, string>;
const NO_FORMS: FormKeys = new Map();

/** One chat.postMessage: blocks for the client, `text` for notifications and screen readers. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

const L = BLOCK_KIT_LIMITS;

const mrkdwn = (text: string): types.MrkdwnElement => ({ type: "mrkdwn", text });
const sections = (escaped: string): SlackBlock[] =>
  splitText(escaped, L.sectionText).map((text) => ({ type: "section", text: mrkdwn(text) }));

/** Numbers buttons across the whole message, so every action_id is unique in it. */
class ButtonCounter {
  private next = 0;
  button(button: Button): SlackButton {
    const element: SlackButton = {
      type: "button",
      text: { type: "plain_text", text: shorten(withoutEmphasis(button.label), L.buttonLabel), emoji: true },
      action_id: encodeActionId(button.actionId, this.next++),
    };
    // Slack rejects an empty value; a missing one reads back as "".
    if (button.value) element.value = button.value.slice(0, L.buttonValue);
    if (button.style) element.style = button.style;
    return element;
  }

  /** A URL button: Slack opens the page and still sends an action, which the actions listener only acknowledges. */
  link(label: string, url: string): SlackButton {
    return { type: "button", text: { type: "plain_text", text: shorten(withoutEmphasis(label), L.buttonLabel), emoji: true }, action_id: encodeActionId(LINK_ACTION, this.next++), url };
  }
}

/** The action id of URL buttons, which carry nothing for the core. */
export const LINK_ACTION = "link.open";

function actions(buttons: readonly Button[], counter: ButtonCounter): SlackBlock[] {
  return chunk(buttons, L.actionsElements).map((row) => ({ type: "actions", elements: row.map((b) => counter.button(b)) }));
}

function chartText(block: Extract<Block, { type: "chart" }>): string {
  const lines = block.series.map((s) => `${escapeMrkdwn(s.label)}  \`${textBar(s.value, block.max)}\` ${score(s)}`);
  return [`*${escapeMrkdwn(withoutEmphasis(block.title))}*`, ...lines].join("\n");
}

/**
 * A form cannot be shown inside a message: its title, and a button that opens it as a modal.
 * Without a key there is nothing for the button to open, so only the title is left.
 */
function formOpener(block: FormBlock, counter: ButtonCounter, forms: FormKeys): SlackBlock[] {
  const title = sections(`*${escapeMrkdwn(withoutEmphasis(block.title))}*`);
  const key = forms.get(block);
  if (!key) return title;
  return [...title, ...actions([{ label: block.submit.label, actionId: FORM_OPEN_ACTION, value: key, style: "primary" }], counter)];
}

function renderBlock(block: Block, counter: ButtonCounter, forms: FormKeys): SlackBlock[] {
  switch (block.type) {
    case "header":
      return [{ type: "header", text: { type: "plain_text", text: shorten(withoutEmphasis(block.text), L.header), emoji: true } }];
    case "text":
      return sections(escapeMrkdwn(block.text));
    case "section":
      return sections(block.title ? `*${escapeMrkdwn(withoutEmphasis(block.title))}*\n${escapeMrkdwn(block.text)}` : escapeMrkdwn(block.text));
    case "fields":
      return chunk(block.fields, L.sectionFields).map((row) => ({
        type: "section",
        fields: row.map((f) => mrkdwn(shortenEscaped(`*${escapeMrkdwn(withoutEmphasis(f.label))}*\n${escapeMrkdwn(f.value)}`, L.fieldText))),
      }));
    case "buttons":
      return actions(block.buttons, counter);
    case "choices":
      return [
        ...sections(escapeMrkdwn(block.prompt)),
        ...actions(block.options.map((o) => ({ label: o.label, actionId: block.actionId, value: o.value })), counter),
      ];
    case "image":
      return block.url.length <= L.imageUrl
        ? [{ type: "image", image_url: block.url, alt_text: shorten(block.alt, L.altText) }]
        : sections(escapeMrkdwn(block.alt));
    case "link":
      return [{ type: "actions", elements: [counter.link(block.label, block.url)] }];
    case "chart":
      return sections(chartText(block));
    case "divider":
      return [{ type: "divider" }];
    case "form":
      return formOpener(block, counter, forms);
    case "sources":
      return chunk(block.items, L.contextElements).map((row, i) => ({
        type: "context",
        elements: row.map((item, j) => mrkdwn(shortenEscaped(`${i === 0 && j === 0 ? `${SOURCES_MARK} ` : ""}${escapeMrkdwn(item)}`, L.contextText))),
      }));
  }
}

function render(reply: Reply, forms: FormKeys): SlackBlock[] {
  const counter = new ButtonCounter();
  return reply.blocks.flatMap((block) => renderBlock(block, counter, forms));
}

/**
 * The reply as one or more Slack messages, each within Block Kit's limits: long text is split
 * into several sections, long labels shortened, and more than 50 blocks become several messages.
 * A form's button carries the key `forms` gives for it (KeptForms.keep).
 */
export function toBlockKit(reply: Reply, forms: FormKeys = NO_FORMS): SlackMessage[] {
  const text = shortenEscaped(escapeMrkdwn(reply.fallbackText), L.messageText - 10);
  const parts = chunk(render(reply, forms), L.messageBlocks);
  if (parts.length <= 1) return [{ text, blocks: parts[0] ?? [] }];
  return parts.map((blocks, i) => ({ text: i === 0 ? text : `${text} (${i + 1}/${parts.length})`, blocks }));
}

/** The App Home tab: one view, so what passes Slack's 100 blocks is left out rather than failing. */
export function toHomeView(reply: Reply, forms: FormKeys = NO_FORMS): types.HomeView {
  return { type: "home", blocks: render(reply, forms).slice(0, L.homeBlocks) };
}
