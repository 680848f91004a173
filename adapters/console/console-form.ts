import { withoutEmphasis } from "../../src/answers/format.js";
import type { FormBlock, FormField, FormSubmission } from "../../src/answers/reply.js";
import type { FormMessages } from "./form-messages.js";

/** Abandons a form, in either language whatever the chat's, as "quit" does. */
export const CANCEL = /^(?:cancel|annuler)$/i;

type Option = { label: string; value: string };
type Reading = { value: string | string[] } | { problem: string };

const numbered = (options: readonly Option[]) => options.map((o, i) => `[${i + 1}] ${withoutEmphasis(o.label)}`).join("  ");

/** The value Enter keeps: the form's own, when it is a valid answer. */
function currentValue(field: FormField): string | string[] | undefined {
  switch (field.kind) {
    case "text":
    case "date":
      return field.value || undefined;
    case "number":
      return field.value === undefined ? undefined : String(field.value);
    case "choice":
      return field.options.some((o) => o.value === field.value) ? field.value : undefined;
    case "choices": {
      const known = (field.values ?? []).filter((v) => field.options.some((o) => o.value === v));
      return known.length > 0 ? known : undefined;
    }
  }
}

function shownValue(field: FormField, value: string | string[]): string {
  if (field.kind !== "choice" && field.kind !== "choices") return String(value);
  const labelOf = (v: string) => withoutEmphasis(field.options.find((o) => o.value === v)?.label ?? v);
  return Array.isArray(value) ? value.map(labelOf).join(", ") : labelOf(value);
}

function hint(field: FormField, m: FormMessages): string | undefined {
  if (field.kind === "text") return field.optional ? m.optional : undefined;
  if (field.kind === "number") return `${field.min}–${field.max}`;
  if (field.kind === "date") return m.dateFormat;
  return field.kind === "choices" ? m.several : undefined;
}

/** "Level (1–5) [3]:", and for a choice the numbered options on the next line. */
export function fieldQuestion(field: FormField, m: FormMessages): string {
  const help = hint(field, m);
  const current = currentValue(field);
  const line = `${withoutEmphasis(field.label)}${help ? ` (${help})` : ""}${current === undefined ? "" : ` [${shownValue(field, current)}]`}${m.colon}`;
  return field.kind === "choice" || field.kind === "choices" ? `${line}\n  ${numbered(field.options)}` : line;
}

/** An option by its number, or by its label or value typed out. */
function pick(options: readonly Option[], typed: string): Option | undefined {
  if (/^\d+$/.test(typed)) return options[Number(typed) - 1];
  const wanted = typed.toLocaleLowerCase();
  return options.find((o) => o.label.toLocaleLowerCase() === wanted || o.value.toLocaleLowerCase() === wanted);
}

/** A real calendar day, written as the core expects it. */
function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}

/** What a typed line says for a field, as the text every platform sends, or why it cannot be used. */
export function readField(field: FormField, typed: string, m: FormMessages): Reading {
  const text = typed.trim();
  if (text === "") {
    const current = currentValue(field);
    if (current !== undefined) return { value: current };
    return field.kind === "text" && field.optional ? { value: "" } : { problem: m.required };
  }
  switch (field.kind) {
    case "text":
      return field.maxLength !== undefined && text.length > field.maxLength ? { problem: m.tooLong(field.maxLength) } : { value: text };
    case "number": {
      // A comma is the decimal separator a French speaker types.
      const n = /^[-+]?\d+(?:[.,]\d+)?$/.test(text) ? Number(text.replace(",", ".")) : Number.NaN;
      return n >= field.min && n <= field.max ? { value: String(n) } : { problem: m.number(field.min, field.max) };
    }
    case "date":
      return isCalendarDay(text) ? { value: text } : { problem: m.date };
    case "choice": {
      const option = pick(field.options, text);
      return option ? { value: option.value } : { problem: m.option(field.options.length) };
    }
    case "choices": {
      const picked = text.split(",").map((part) => part.trim()).filter(Boolean).map((part) => pick(field.options, part));
      if (picked.length === 0 || picked.some((o) => !o)) return { problem: m.option(field.options.length) };
      return { value: [...new Set(picked.map((o) => o!.value))] };
    }
  }
}

export type FormStep = { ask: string } | { submit: { actionId: string; value: string } };

/** A form filled one field a line: each answer moves to the next field, or asks the same one again. */
export class ConsoleForm {
  private readonly fields: FormSubmission["fields"] = {};
  private index = 0;

  constructor(
    private readonly form: FormBlock,
    private readonly m: FormMessages,
  ) {}

  /** How to fill the form, then its first field. */
  opening(): string {
    return `${this.m.howTo}\n${this.question()}`;
  }

  private question(): string {
    return fieldQuestion(this.form.fields[this.index]!, this.m);
  }

  /** The next field to ask, the same one again with what was wrong, or the action to send once every field is answered. */
  answer(line: string): FormStep {
    const field = this.form.fields[this.index]!;
    const reading = readField(field, line, this.m);
    if ("problem" in reading) return { ask: `${reading.problem}\n${this.question()}` };
    this.fields[field.id] = reading.value;
    this.index += 1;
    if (this.index < this.form.fields.length) return { ask: this.question() };
    const submission: FormSubmission = { context: this.form.submit.value, fields: this.fields };
    return { submit: { actionId: this.form.submit.actionId, value: JSON.stringify(submission) } };
  }
}
