import { z } from "zod";

/**
 * The neutral reply model: what the core says, before any platform renders it.
 * A button carries an action id and a value, nothing platform-specific, so the same
 * reply renders as Block Kit, an Adaptive Card or numbered choices in a terminal.
 */
export const buttonSchema = z.object({
  label: z.string().min(1),
  actionId: z.string().regex(/^[a-z]+(?:\.[a-z]+)*$/),
  value: z.string().max(2000),
  style: z.enum(["primary", "danger"]).optional(),
  /**
   * The word that presses it where buttons are typed (a terminal), instead of a number: a question
   * whose answers are numbers (a rating from 1 to 5) keeps numbers for them.
   */
  typed: z.string().min(1).optional(),
});

const fieldId = z.string().regex(/^[a-z][a-zA-Z0-9]*$/);
const option = z.object({ label: z.string().min(1), value: z.string().min(1) });

/**
 * One input of a form. Every platform gives the value back as text (or a list of texts for
 * `choices`), so the core reads all of them the same way and checks them with its own schema.
 */
export const formFieldSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), id: fieldId, label: z.string().min(1), value: z.string().optional(), maxLength: z.number().int().positive().optional(), optional: z.boolean().optional() }),
  z.object({ kind: z.literal("number"), id: fieldId, label: z.string().min(1), value: z.number().optional(), min: z.number(), max: z.number() }),
  /** A calendar day, YYYY-MM-DD. */
  z.object({ kind: z.literal("date"), id: fieldId, label: z.string().min(1), value: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
  /** One of the options. */
  z.object({ kind: z.literal("choice"), id: fieldId, label: z.string().min(1), options: z.array(option).min(1), value: z.string().optional() }),
  /** Any number of the options, at least one. */
  z.object({ kind: z.literal("choices"), id: fieldId, label: z.string().min(1), options: z.array(option).min(1), values: z.array(z.string()).optional() }),
]);

export const blockSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("header"), text: z.string().min(1) }),
  z.object({ type: z.literal("text"), text: z.string().min(1) }),
  z.object({ type: z.literal("section"), title: z.string().optional(), text: z.string().min(1) }),
  z.object({
    type: z.literal("fields"),
    fields: z.array(z.object({ label: z.string().min(1), value: z.string().min(1) })).min(1),
  }),
  z.object({ type: z.literal("buttons"), buttons: z.array(buttonSchema).min(1) }),
  z.object({
    type: z.literal("choices"),
    prompt: z.string().min(1),
    actionId: z.string().min(1),
    options: z.array(z.object({ label: z.string().min(1), value: z.string() })).min(1),
  }),
  z.object({ type: z.literal("image"), url: z.string().min(1), alt: z.string().min(1) }),
  /** A button that opens a web page (an announcement's programme page): nothing comes back to the bot. */
  z.object({ type: z.literal("link"), label: z.string().min(1), url: z.url({ protocol: /^https$/ }) }),
  z.object({
    type: z.literal("chart"),
    title: z.string().min(1),
    series: z.array(
      z.object({
        label: z.string(),
        /** Null when there is no value (a skill left unrated): drawn as missing, never as 0. */
        value: z.number().nullable(),
        target: z.number().optional(),
        /** The point in words, in the reply's language ("you: 3 · target: 4"), for renderings as text. */
        caption: z.string().optional(),
      }),
    ),
    max: z.number().positive(),
    /** Legend of the values, of the targets and of missing values, in the reply's language. */
    valueLabel: z.string().optional(),
    targetLabel: z.string().optional(),
    unratedLabel: z.string().optional(),
  }),
  z.object({ type: z.literal("divider") }),
  /**
   * A form: a Slack modal, an Adaptive Card with inputs, prompts in a terminal. Submitting it comes
   * back as an action with `submit.actionId` and, as value, the JSON of a FormSubmission.
   */
  z.object({
    type: z.literal("form"),
    title: z.string().min(1),
    fields: z.array(formFieldSchema).min(1),
    submit: z.object({ label: z.string().min(1), actionId: z.string().regex(/^[a-z]+(?:\.[a-z]+)*$/), value: z.string().max(2000) }),
  }),
  z.object({
    type: z.literal("sources"),
    /** "Sources:", « Sources : », for the renderings that write it in words (the terminal). */
    heading: z.string().min(1),
    items: z.array(z.string().min(1)).min(1),
  }),
]);

export const replySchema = z.object({
  /** Plain text that stands for the whole reply: notifications, screen readers, old clients. */
  fallbackText: z.string().min(1),
  blocks: z.array(blockSchema),
  /** Self-ratings and other private content must never be posted in a shared channel. */
  private: z.boolean().default(false),
  /**
   * What to post in a shared channel when a private reply is sent to the user's private place
   * instead (Slack: the DM with the bot; Teams: the personal chat).
   */
  publicNotice: z.string().optional(),
  /** What to post there instead when the private place cannot be reached. */
  privateUnavailableNotice: z.string().optional(),
});

export type Button = z.infer<typeof buttonSchema>;
export type FormField = z.infer<typeof formFieldSchema>;
export type FormBlock = Extract<z.infer<typeof blockSchema>, { type: "form" }>;

/** What a submitted form comes back as: the submit button's own value, and each field's text by id. */
export const formSubmissionSchema = z.object({
  context: z.string(),
  fields: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
});
export type FormSubmission = z.infer<typeof formSubmissionSchema>;
export type Block = z.infer<typeof blockSchema>;
export type Reply = z.infer<typeof replySchema>;

const FALLBACK_MAX = 300;

/** The first heading and paragraph: enough for a notification or a screen reader's summary. */
function summarise(blocks: readonly Block[]): string {
  const parts: string[] = [];
  for (const block of blocks) {
    if (block.type === "header" || block.type === "text" || block.type === "section") parts.push(block.text);
    if (parts.length === 2) break;
  }
  const text = parts.join(" — ") || "Parcours";
  return text.length > FALLBACK_MAX ? `${text.slice(0, FALLBACK_MAX - 1)}…` : text;
}

/** Builds a reply and checks it, so a malformed reply fails in the core's tests, not on a platform. */
export function reply(
  blocks: Block[],
  options: { fallbackText?: string; private?: boolean; publicNotice?: string; privateUnavailableNotice?: string } = {},
): Reply {
  return replySchema.parse({ ...options, blocks, fallbackText: options.fallbackText ?? summarise(blocks), private: options.private ?? false });
}

/** The same reply without its buttons, when another reply's buttons must be the only ones. */
export function withoutButtons(original: Reply): Reply {
  return { ...original, blocks: original.blocks.filter((b) => b.type !== "buttons" && b.type !== "choices") };
}

/** One reply made of several, in order (an answer, then the question it interrupted). */
export function combine(replies: readonly Reply[]): Reply {
  const blocks = replies.flatMap((r, i) => (i === 0 ? r.blocks : [{ type: "divider" as const }, ...r.blocks]));
  const notices = replies.find((r) => r.private);
  return reply(blocks, {
    private: Boolean(notices),
    ...(notices ? { publicNotice: notices.publicNotice, privateUnavailableNotice: notices.privateUnavailableNotice } : {}),
  });
}
