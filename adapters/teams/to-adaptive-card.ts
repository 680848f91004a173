import { chartSummary, score, textBar } from "../../src/answers/chart-text.js";
import type { Block, Button, Reply } from "../../src/answers/reply.js";
import type { ChartBlock } from "../../src/assessment/radar-chart.js";
import { renderEmphasis, shorten } from "../../src/answers/format.js";
import { chunk, SOURCES_MARK } from "../shared/text.js";
import { INLINE_IMAGE_MAX_CHARS, inlineImageChars, type ChartPictures } from "./chart-image.js";
import { formInput, formSubmit } from "./form-card.js";

/**
 * The reply model rendered as Adaptive Cards, the format Teams shows bot answers in.
 * Teams renders schema 1.5 everywhere (desktop, web, mobile):
 * https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-reference
 */
export const CARD_VERSION = "1.5";
export const CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

/**
 * A bot message may be about 100 KB, counted in UTF-16, and Microsoft recommends staying under
 * 80 KB; older tenants still enforce 40 KB (413 MessageSizeTooBig beyond):
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages
 * One card is kept under 36 KB so that even the older limit holds with the activity around it.
 */
export const CARD_BUDGET_UTF16_BYTES = 36_000;
/** A reply longer than this many messages is cut: nobody reads a sixth card of one answer. */
const MAX_CARDS = 5;
/** Ends the last card of a cut reply, so the cut shows; a symbol, since the reply carries no locale. */
const CUT_MARK: CardElement = { type: "TextBlock", text: "…", wrap: true, isSubtle: true };
/** Room kept in every card for its envelope: type, schema, version and fallback text. */
const ENVELOPE_ALLOWANCE = 4_000;
/** With JSON escaping at most doubling a text, no single element can outgrow the card budget. */
const MAX_TEXT_CHARS = 6_000;
const MAX_TITLE_CHARS = 500;
const MAX_FACT_CHARS = 1_000;
const MAX_LABEL_CHARS = 80;
/** Teams shows about five buttons in a row before wrapping them into an overflow menu. */
const ACTIONS_PER_SET = 5;
const FACTS_PER_SET = 10;

export interface CardElement {
  type: string;
  [property: string]: unknown;
}

export interface SubmitAction {
  type: "Action.Submit";
  title: string;
  /** Teams posts `data` back as the message's `value`: the neutral action id and value, nothing else. */
  data: { actionId: string; value: string };
  style?: "positive" | "destructive";
  /** By default a submit collects, and first validates, every input of its card: only a form's own button should. */
  associatedInputs?: "none";
}

export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: string;
  version: typeof CARD_VERSION;
  body: CardElement[];
  /** Shown by clients that cannot render the card, and read as the card's summary. */
  fallbackText: string;
  msteams: { width: "Full" };
}

/** One Teams message carrying one card: what `context.sendActivity` receives. */
export interface TeamsCardMessage {
  type: "message";
  summary: string;
  attachments: [{ contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE; content: AdaptiveCard }];
}

/** The reply model marks bold with single asterisks; Adaptive Card markdown wants double ones. */
const markdown = (text: string) => renderEmphasis(shorten(text, MAX_TEXT_CHARS), (inner) => `**${inner}**`);

const textBlock = (text: string, extra: Record<string, unknown> = {}): CardElement => ({ type: "TextBlock", text: markdown(text), wrap: true, ...extra });

/** `besideForm`: the reply has a form, so a button in the same card must not wait for its inputs. */
function submit(button: Button, besideForm: boolean): SubmitAction {
  const action: SubmitAction = { type: "Action.Submit", title: shorten(button.label, MAX_LABEL_CHARS), data: { actionId: button.actionId, value: button.value } };
  if (button.style) action.style = button.style === "primary" ? "positive" : "destructive";
  if (besideForm) action.associatedInputs = "none";
  return action;
}

const actionSets = (buttons: readonly Button[], besideForm: boolean): CardElement[] =>
  chunk(buttons, ACTIONS_PER_SET).map((row) => ({ type: "ActionSet", actions: row.map((b) => submit(b, besideForm)) }));

const factSets = (facts: readonly { title: string; value: string }[]): CardElement[] =>
  chunk(facts, FACTS_PER_SET).map((rows) => ({
    type: "FactSet",
    facts: rows.map((f) => ({ title: shorten(f.title, MAX_LABEL_CHARS), value: markdown(shorten(f.value, MAX_FACT_CHARS)) })),
  }));

/**
 * The radar as an inline PNG when it is small enough to travel in the message (`url`), text bars otherwise.
 * The image's alternative text carries the scores, for screen readers and clients without images.
 */
function chart(block: ChartBlock, url: string | undefined): CardElement[] {
  const title = textBlock(shorten(block.title, MAX_TITLE_CHARS), { weight: "Bolder" });
  // Adaptive Cards 1.5 has no chart element: past the image cap, bars of block characters read well in every client.
  if (url) return [title, { type: "Image", url, altText: shorten(chartSummary(block), MAX_TEXT_CHARS) }];
  return [title, ...factSets(block.series.map((s) => ({ title: s.label || "—", value: `${textBar(s.value, block.max)} ${score(s)}` })))];
}

/**
 * Each block becomes one or more small elements, so that a long reply can be split between them.
 * A form stays one element: its submit only collects the inputs of its own card.
 */
function renderBlock(block: Exclude<Block, { type: "divider" }>, besideForm: boolean, pictures: ChartPictures): CardElement[] {
  switch (block.type) {
    case "header":
      return [textBlock(shorten(block.text, MAX_TITLE_CHARS), { size: "Large", weight: "Bolder", style: "heading" })];
    case "text":
      return [textBlock(block.text)];
    case "section":
      return [{ type: "Container", items: [...(block.title ? [textBlock(shorten(block.title, MAX_TITLE_CHARS), { weight: "Bolder" })] : []), textBlock(block.text)] }];
    case "fields":
      return factSets(block.fields.map((f) => ({ title: f.label, value: f.value })));
    case "buttons":
      return actionSets(block.buttons, besideForm);
    case "choices":
      return [textBlock(shorten(block.prompt, MAX_TITLE_CHARS)), ...actionSets(block.options.map((o) => ({ label: o.label, actionId: block.actionId, value: o.value })), besideForm)];
    case "image":
      // Teams only loads images over HTTPS; anything else is shown as its description and address.
      return block.url.startsWith("https://")
        ? [{ type: "Image", url: block.url, altText: shorten(block.alt, MAX_TEXT_CHARS) }]
        : [textBlock(`${block.alt}: ${block.url}`)];
    case "link":
      return [{ type: "ActionSet", actions: [{ type: "Action.OpenUrl", title: shorten(block.label, MAX_LABEL_CHARS), url: block.url }] }];
    case "chart":
      return chart(block, pictures.get(block));
    case "sources":
      return [textBlock(`${SOURCES_MARK} ${block.items.join(" · ")}`, { size: "Small", isSubtle: true })];
    case "form":
      return [
        {
          type: "Container",
          items: [textBlock(shorten(block.title, MAX_TITLE_CHARS), { weight: "Bolder" }), ...block.fields.map(formInput), { type: "ActionSet", actions: [formSubmit(block, MAX_LABEL_CHARS)] }],
        },
      ];
  }
}

const utf16Bytes = (value: unknown) => JSON.stringify(value).length * 2;

/** What an element adds to a card's counted size: an inline image is left out, and capped on its own. */
const countedBytes = (element: CardElement) => utf16Bytes(element) + 2 - 2 * inlineImageChars(element);

/** The visible text of an element, for the rare element that outgrows a card on its own. */
export function visibleText(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(visibleText);
  if (!value || typeof value !== "object") return [];
  const { text, title, label, value: factValue, ...rest } = value as Record<string, unknown>;
  const own = [text, title, label, typeof factValue === "string" ? factValue : undefined].filter((v): v is string => typeof v === "string");
  return [...own, ...Object.entries(rest).flatMap(([key, child]) => (key === "data" ? [] : visibleText(child)))];
}

function fit(element: CardElement): CardElement {
  return countedBytes(element) <= CARD_BUDGET_UTF16_BYTES - ENVELOPE_ALLOWANCE ? element : textBlock(shorten(visibleText(element).join("\n"), MAX_TEXT_CHARS / 2));
}

function card(body: CardElement[], fallbackText: string): AdaptiveCard {
  return { type: "AdaptiveCard", $schema: CARD_SCHEMA, version: CARD_VERSION, body, fallbackText, msteams: { width: "Full" } };
}

/**
 * Renders a reply as one card, or several when it would not fit in one Teams message.
 * Never fails: text is shortened and cards beyond the fifth are dropped, the fifth then ending with
 * a cut mark; each card stays within the budget (with room for that mark) and its inline images
 * within their own cap. `pictures` are the reply's charts drawn beforehand (chartPictures).
 */
export function toAdaptiveCards(reply: Reply, pictures: ChartPictures): AdaptiveCard[] {
  const elements: CardElement[] = [];
  const besideForm = reply.blocks.some((block) => block.type === "form");
  let separate = false;
  for (const block of reply.blocks) {
    if (block.type === "divider") {
      separate = elements.length > 0;
      continue;
    }
    const rendered = renderBlock(block, besideForm, pictures);
    if (separate && rendered[0]) rendered[0] = { ...rendered[0], separator: true, spacing: "Medium" };
    separate = false;
    elements.push(...rendered);
  }
  if (elements.length === 0) elements.push(textBlock(reply.fallbackText));

  const fallbackText = shorten(reply.fallbackText, 300);
  const envelope = utf16Bytes(card([], fallbackText)) + countedBytes(CUT_MARK);
  const cards: AdaptiveCard[] = [];
  let body: CardElement[] = [];
  let size = envelope;
  let imageChars = 0;
  for (const element of elements.map(fit)) {
    const elementSize = countedBytes(element);
    const elementImageChars = inlineImageChars(element);
    if (body.length > 0 && (size + elementSize > CARD_BUDGET_UTF16_BYTES || imageChars + elementImageChars > INLINE_IMAGE_MAX_CHARS)) {
      cards.push(card(body, fallbackText));
      body = [];
      size = envelope;
      imageChars = 0;
    }
    body.push(element);
    size += elementSize;
    imageChars += elementImageChars;
  }
  cards.push(card(body, fallbackText));
  if (cards.length <= MAX_CARDS) return cards;
  const kept = cards.slice(0, MAX_CARDS);
  kept[MAX_CARDS - 1]!.body.push({ ...CUT_MARK });
  return kept;
}

/** A reply of one paragraph needs no card: it goes as an ordinary chat message, like a person's. */
export interface TeamsTextMessage {
  type: "message";
  text: string;
  textFormat: "markdown";
}

export type TeamsMessage = TeamsCardMessage | TeamsTextMessage;

/**
 * The Teams messages for a reply: a single paragraph as text (a notice, a short answer), anything
 * else as cards, one a message, with the reply's fallback as the notification summary.
 */
export function toTeamsMessages(reply: Reply, pictures: ChartPictures): TeamsMessage[] {
  const [only, ...more] = reply.blocks;
  if (only?.type === "text" && more.length === 0) return [{ type: "message", text: markdown(only.text), textFormat: "markdown" }];
  return toAdaptiveCards(reply, pictures).map((content) => ({
    type: "message",
    summary: content.fallbackText,
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content }],
  }));
}
