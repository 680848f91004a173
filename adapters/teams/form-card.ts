import { shorten } from "../../src/answers/format.js";
import type { FormBlock, FormField, FormSubmission } from "../../src/answers/reply.js";
import type { CardElement, SubmitAction } from "./to-adaptive-card.js";

/**
 * A form's wire format in Adaptive Cards, both ways. Teams posts an `Action.Submit`'s `data` back
 * with every input of the card added to it under the input's id, so the ids are prefixed: a field
 * named `value` or `actionId` must not overwrite the button's own payload.
 * https://learn.microsoft.com/adaptive-cards/authoring-cards/input-validation
 */
export const INPUT_PREFIX = "field.";

/** The same rule as the reply model's field ids; anything else in a submit is not one of ours. */
const FIELD_ID = /^[a-z][a-zA-Z0-9]*$/;

const MAX_FIELD_LABEL_CHARS = 500;
const MAX_OPTION_CHARS = 80;

export const inputId = (fieldId: string) => `${INPUT_PREFIX}${fieldId}`;

/**
 * The submit button's data names the form's fields and their kinds. Teams leaves an empty input out
 * of the submit, and gives a multi-select as one comma-joined string; with the kinds, both come back
 * as the core expects ("" and a list), even for a form whose every input was left empty.
 */
export type FormFieldKinds = Record<string, FormField["kind"]>;

export interface FormSubmitAction extends Omit<SubmitAction, "data"> {
  data: SubmitAction["data"] & { form: FormFieldKinds };
}

/**
 * The reply carries no locale, so an input's error message is its label with a warning sign (and a
 * number's range): Teams shows it under the input it belongs to, which says the rest.
 */
function errorMessage(field: FormField): string {
  const label = shorten(field.label, MAX_FIELD_LABEL_CHARS);
  return field.kind === "number" ? `⚠ ${label}: ${field.min}–${field.max}` : `⚠ ${label}`;
}

const choicesOf = (options: readonly { label: string; value: string }[]) => options.map((o) => ({ title: shorten(o.label, MAX_OPTION_CHARS), value: o.value }));

/** Up to this many options, a multi-select shows as check boxes; beyond, as a drop-down list. */
const EXPANDED_MAX_OPTIONS = 5;

export function formInput(field: FormField): CardElement {
  const base = { id: inputId(field.id), label: shorten(field.label, MAX_FIELD_LABEL_CHARS) };
  const required = { isRequired: true, errorMessage: errorMessage(field) };
  switch (field.kind) {
    case "text":
      return {
        type: "Input.Text",
        ...base,
        ...(field.value !== undefined ? { value: field.value } : {}),
        ...(field.maxLength !== undefined ? { maxLength: field.maxLength } : {}),
        ...(field.optional ? {} : required),
      };
    case "number":
      return { type: "Input.Number", ...base, min: field.min, max: field.max, ...(field.value !== undefined ? { value: field.value } : {}), ...required };
    case "date":
      return { type: "Input.Date", ...base, ...(field.value !== undefined ? { value: field.value } : {}), ...required };
    case "choice":
      return { type: "Input.ChoiceSet", ...base, style: "compact", choices: choicesOf(field.options), ...(field.value !== undefined ? { value: field.value } : {}), ...required };
    case "choices":
      return {
        type: "Input.ChoiceSet",
        ...base,
        isMultiSelect: true,
        style: field.options.length <= EXPANDED_MAX_OPTIONS ? "expanded" : "compact",
        choices: choicesOf(field.options),
        ...(field.values?.length ? { value: field.values.join(",") } : {}),
        ...required,
      };
  }
}

/** Carries the same `{ actionId, value }` as any button, plus the fields' kinds; Teams adds the inputs. */
export function formSubmit(form: FormBlock, maxLabelChars: number): FormSubmitAction {
  const kinds: FormFieldKinds = Object.fromEntries(form.fields.map((f) => [f.id, f.kind]));
  return { type: "Action.Submit", title: shorten(form.submit.label, maxLabelChars), data: { actionId: form.submit.actionId, value: form.submit.value, form: kinds }, style: "positive" };
}

const KINDS = new Set<string>(["text", "number", "date", "choice", "choices"]);

function declaredKinds(value: unknown): FormFieldKinds | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const entries = Object.entries(value).filter((e): e is [string, FormField["kind"]] => FIELD_ID.test(e[0]) && typeof e[1] === "string" && KINDS.has(e[1]));
  return Object.fromEntries(entries);
}

function asText(value: unknown): string {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map(asText).join(",");
  return "";
}

/**
 * The submission in a card's posted data, or undefined when the data is an ordinary button's:
 * each field's text by id, a multi-select split back into its values, an absent input as "".
 */
export function submittedForm(data: Record<string, unknown>, context: string): FormSubmission | undefined {
  const kinds = declaredKinds(data.form) ?? {};
  const posted = Object.keys(data).filter((key) => key.startsWith(INPUT_PREFIX)).map((key) => key.slice(INPUT_PREFIX.length)).filter((id) => FIELD_ID.test(id));
  const ids = [...new Set([...Object.keys(kinds), ...posted])];
  if (ids.length === 0) return undefined;
  const fields: FormSubmission["fields"] = {};
  for (const id of ids) {
    const text = asText(data[inputId(id)]);
    fields[id] = Object.hasOwn(kinds, id) && kinds[id] === "choices" ? text.split(",").map((v) => v.trim()).filter(Boolean) : text;
  }
  return { context, fields };
}
