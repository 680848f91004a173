import type { types } from "@slack/bolt";
import { z } from "zod";
import { shorten, withoutEmphasis } from "../../src/answers/format.js";
import type { FormBlock, FormField } from "../../src/answers/reply.js";
import { answerPlaceSchema, type AnswerPlace } from "./answer-place.js";
import { escapeMrkdwn, shortenEscaped } from "./mrkdwn.js";

/** The callback_id of every Parcours form: what its view_submission listener listens for. */
export const FORM_CALLBACK_ID = "parcours_form";

/**
 * What Slack refuses in a modal. https://docs.slack.dev/surfaces/modals ,
 * https://docs.slack.dev/reference/block-kit/blocks/input-block ,
 * https://docs.slack.dev/reference/block-kit/composition-objects/option-object
 */
export const MODAL_LIMITS = {
  title: 24,
  submit: 24,
  blocks: 100,
  privateMetadata: 3000,
  sectionText: 3000,
  label: 2000,
  textMaxLength: 3000,
  options: 100,
  optionText: 75,
  /** An option's value comes back as it was; a longer one cannot be shown at all. */
  optionValue: 150,
} as const;
const M = MODAL_LIMITS;

/**
 * The modal's private_metadata: what the submission needs and Slack's payload does not bring.
 * The submit button's action id and value, or, when they do not fit in 3,000 characters, the key
 * of the kept form that holds them; and where the answer goes. The user is the one Slack names in
 * the submission: a modal is seen only by the person who opened it.
 */
export const formMetadataSchema = z.object({
  submit: z.object({ actionId: z.string().min(1), value: z.string() }).optional(),
  formKey: z.string().min(1).optional(),
  answerTo: answerPlaceSchema,
});
export type FormMetadata = z.infer<typeof formMetadataSchema>;

/** The metadata of a modal, or undefined when it is not JSON of that shape. */
export function readFormMetadata(text: string): FormMetadata | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const metadata = formMetadataSchema.safeParse(json);
  return metadata.success && (metadata.data.submit || metadata.data.formKey) ? metadata.data : undefined;
}

function formMetadata(form: FormBlock, formKey: string, answerTo: AnswerPlace): string {
  const whole = JSON.stringify({ submit: { actionId: form.submit.actionId, value: form.submit.value }, answerTo } satisfies FormMetadata);
  return whole.length <= M.privateMetadata ? whole : JSON.stringify({ formKey, answerTo } satisfies FormMetadata);
}

const plain = (text: string, max: number): types.PlainTextElement => ({ type: "plain_text", text: shorten(withoutEmphasis(text), max), emoji: true });

type Choice = { label: string; value: string };
const option = (o: Choice): types.PlainTextOption => ({ text: plain(o.label, M.optionText), value: o.value });

/** The options Slack can show and give back unchanged, at most 100. */
const shownOptions = (options: readonly Choice[]) => options.filter((o) => o.value.length <= M.optionValue).slice(0, M.options);

/** A real calendar day: Slack refuses 2025-02-30 as an initial_date. */
const isCalendarDay = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
};

/** The input element of a field; undefined when Slack cannot show it (a choice whose options it cannot show). */
function element(field: FormField): types.InputBlockElement | undefined {
  const ids = { action_id: field.id };
  switch (field.kind) {
    case "text": {
      const maxLength = Math.min(field.maxLength ?? M.textMaxLength, M.textMaxLength);
      // A short answer fits on one line; a longer one gets a text area.
      const input: types.PlainTextInput = { type: "plain_text_input", ...ids, max_length: maxLength, multiline: maxLength > 150 };
      if (field.value) input.initial_value = field.value.slice(0, maxLength);
      return input;
    }
    case "number": {
      const input: types.NumberInput = { type: "number_input", ...ids, is_decimal_allowed: false, min_value: String(field.min), max_value: String(field.max) };
      // Slack refuses an initial value it would itself refuse as an answer.
      if (field.value !== undefined && Number.isInteger(field.value) && field.value >= field.min && field.value <= field.max) input.initial_value = String(field.value);
      return input;
    }
    case "date": {
      const input: types.Datepicker = { type: "datepicker", ...ids };
      if (field.value && isCalendarDay(field.value)) input.initial_date = field.value;
      return input;
    }
    case "choice": {
      const options = shownOptions(field.options);
      if (options.length === 0) return undefined;
      const input: types.StaticSelect = { type: "static_select", ...ids, options: options.map(option) };
      // initial_option must be one of the options exactly, text included.
      const initial = options.find((o) => o.value === field.value);
      if (initial) input.initial_option = option(initial);
      return input;
    }
    case "choices": {
      const options = shownOptions(field.options);
      if (options.length === 0) return undefined;
      const input: types.MultiStaticSelect = { type: "multi_static_select", ...ids, options: options.map(option) };
      const initial = options.filter((o) => field.values?.includes(o.value));
      if (initial.length > 0) input.initial_options = initial.map(option);
      return input;
    }
  }
}

function inputBlock(field: FormField): types.InputBlock | undefined {
  const input = element(field);
  if (!input) return undefined;
  return { type: "input", block_id: field.id, label: plain(field.label, M.label), element: input, ...(field.kind === "text" && field.optional ? { optional: true } : {}) };
}

/**
 * The form as a modal for views.open: an input block per field (the field's id as block_id and
 * action_id, which the submission's state is keyed by), within Slack's limits. A title longer than
 * the modal's 24 characters is shortened there and shown whole above the fields.
 */
export function toModal(form: FormBlock, formKey: string, answerTo: AnswerPlace): types.ModalView {
  const title = withoutEmphasis(form.title);
  const heading: types.KnownBlock[] = title.length > M.title ? [{ type: "section", text: { type: "mrkdwn", text: shortenEscaped(`*${escapeMrkdwn(title)}*`, M.sectionText) } }] : [];
  const seen = new Set<string>();
  const inputs = form.fields.flatMap((field) => {
    // Slack refuses two blocks with one block_id.
    if (seen.has(field.id)) return [];
    seen.add(field.id);
    return inputBlock(field) ?? [];
  });
  return {
    type: "modal",
    callback_id: FORM_CALLBACK_ID,
    title: plain(title, M.title),
    submit: plain(form.submit.label, M.submit),
    private_metadata: formMetadata(form, formKey, answerTo),
    blocks: [...heading, ...inputs].slice(0, M.blocks),
  };
}

const FIELD_ID = /^[a-z][a-zA-Z0-9]*$/;

/** One input's state in a view_submission, as Slack sends it for the elements toModal uses. */
export interface SubmittedInput {
  type: string;
  value?: string | null;
  selected_date?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[] | null;
}

/**
 * A submitted modal's values by field id, as the core reads a FormSubmission: each field's text
 * (a number as typed, a date as YYYY-MM-DD, a choice as its option's value), a list of values for
 * several choices, and "" for an optional text left empty (Slack sends null).
 * https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload#view_submission
 */
export function readSubmission(values: Record<string, Record<string, SubmittedInput>>): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    // Only a form field's block: its id is one (and never "__proto__").
    if (!FIELD_ID.test(blockId)) continue;
    for (const input of Object.values(actions)) {
      if (input.type === "multi_static_select") fields[blockId] = (input.selected_options ?? []).map((o) => o.value);
      else if (input.type === "static_select") fields[blockId] = input.selected_option?.value ?? "";
      else if (input.type === "datepicker") fields[blockId] = input.selected_date ?? "";
      else fields[blockId] = input.value ?? "";
    }
  }
  return fields;
}
