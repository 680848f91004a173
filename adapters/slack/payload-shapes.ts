import { z } from "zod";
import { FORM_CALLBACK_ID, readFormMetadata } from "./form-modal.js";

/**
 * The parts of Slack's payloads that Parcours reads, checked at the adapter's door so that a
 * malformed one is refused with a 400 instead of failing halfway through a listener. Only what
 * the listeners read is checked; everything else passes through as it came (loose objects), and
 * an optional field may be null where Slack is known to send null for "none".
 */

/** A `message` event (message.im) or an `app_mention`. https://docs.slack.dev/reference/events/message */
export const messageEventShape = z.looseObject({
  type: z.enum(["message", "app_mention"]),
  channel: z.string().min(1),
  ts: z.string().min(1),
  user: z.string().min(1).nullish(),
  text: z.string().nullish(),
  subtype: z.string().nullish(),
  bot_id: z.string().nullish(),
  channel_type: z.string().nullish(),
  thread_ts: z.string().nullish(),
});
export type MessageEventFields = z.infer<typeof messageEventShape>;

/** https://docs.slack.dev/reference/events/app_home_opened */
export const homeOpenedShape = z.looseObject({
  type: z.literal("app_home_opened"),
  user: z.string().min(1),
  /** The user's DM with the app. */
  channel: z.string().min(1).nullish(),
  tab: z.string().nullish(),
});
export type HomeOpenedFields = z.infer<typeof homeOpenedShape>;

const EVENT_SHAPES: Record<string, z.ZodType> = { message: messageEventShape, app_mention: messageEventShape, app_home_opened: homeOpenedShape };

/** https://docs.slack.dev/apis/events-api/#callback-field */
const eventCallbackShape = z.looseObject({
  type: z.literal("event_callback"),
  /** The delivery id: the same on each of Slack's retries. */
  event_id: z.string().min(1),
  event: z.looseObject({ type: z.string().min(1) }),
});

/** The pressed element: a button (value absent when it has none), or a select's chosen option. */
const pressedShape = z.looseObject({
  action_id: z.string().min(1),
  value: z.string().optional(),
  selected_option: z.looseObject({ value: z.string() }).nullish(),
});

/** https://docs.slack.dev/reference/interaction-payloads/block_actions-payload */
export const blockActionsShape = z.looseObject({
  type: z.literal("block_actions"),
  user: z.looseObject({ id: z.string().min(1) }),
  trigger_id: z.string().min(1),
  container: z.looseObject({
    type: z.string().min(1),
    channel_id: z.string().min(1).nullish(),
    thread_ts: z.string().nullish(),
    is_ephemeral: z.boolean().nullish(),
  }),
  channel: z.looseObject({ id: z.string().min(1) }).nullish(),
  response_url: z.string().min(1).nullish(),
  actions: z.array(pressedShape).min(1),
});
export type BlockActionsFields = z.infer<typeof blockActionsShape>;
export type PressedElement = z.infer<typeof pressedShape>;

/** Form fields, so always strings when present. https://docs.slack.dev/interactivity/implementing-slash-commands#app_command_handling */
export const slashCommandShape = z.looseObject({
  command: z.string().min(1),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  text: z.string(),
  trigger_id: z.string().min(1),
  response_url: z.string().min(1),
});

/** One input's state: its element's type, and the value of that type (null when left empty). */
const submittedInputShape = z.looseObject({
  type: z.string().min(1),
  value: z.string().nullish(),
  selected_date: z.string().nullish(),
  selected_option: z.looseObject({ value: z.string() }).nullish(),
  selected_options: z.array(z.looseObject({ value: z.string() })).nullish(),
});

/**
 * A modal's submission. A Parcours form's private_metadata is checked too: the listener reads
 * where to answer from it. https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload#view_submission
 */
export const viewSubmissionShape = z.looseObject({
  type: z.literal("view_submission"),
  user: z.looseObject({ id: z.string().min(1) }),
  view: z
    .looseObject({
      id: z.string().min(1),
      callback_id: z.string(),
      private_metadata: z.string(),
      state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), submittedInputShape)) }),
    })
    .refine((view) => view.callback_id !== FORM_CALLBACK_ID || readFormMetadata(view.private_metadata) !== undefined, {
      message: "not the metadata of a Parcours form",
      path: ["private_metadata"],
    }),
});
export type ViewSubmissionFields = z.infer<typeof viewSubmissionShape>;

/** What is wrong, by field, without the values (they may be a user's words). */
const describe = (error: z.ZodError, prefix = "") => error.issues.map((issue) => `${[prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "payload"}: ${issue.message}`).join("; ");

/**
 * Checks a parsed payload the way Bolt routes it (an `event`, a `command`, `actions`): what is
 * wrong with it, or undefined when Parcours can read it. Payloads Parcours has no listener for
 * pass unchecked.
 */
export function payloadProblems(body: Record<string, unknown>): string | undefined {
  if (body.event !== undefined) {
    const envelope = eventCallbackShape.safeParse(body);
    if (!envelope.success) return describe(envelope.error);
    const shape = EVENT_SHAPES[envelope.data.event.type];
    const event = shape?.safeParse(envelope.data.event);
    return event && !event.success ? describe(event.error, "event") : undefined;
  }
  if (body.command !== undefined) {
    const command = slashCommandShape.safeParse(body);
    return command.success ? undefined : describe(command.error);
  }
  if (body.type === "view_submission") {
    const submission = viewSubmissionShape.safeParse(body);
    return submission.success ? undefined : describe(submission.error);
  }
  if (body.actions !== undefined || body.type === "block_actions") {
    const actions = blockActionsShape.safeParse(body);
    return actions.success ? undefined : describe(actions.error);
  }
  return undefined;
}
