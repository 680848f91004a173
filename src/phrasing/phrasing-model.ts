import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { z } from "zod";
import type { Locale } from "../catalog/schema.js";
import type { AnswerIntent } from "../answers/answer.js";
import type { SlottedFact } from "./fact-slots.js";
import type { ModelConnection } from "./model-client.js";
import type { FallbackReason } from "./phrasing-stats.js";
import type { Prompt } from "./phrasing-prompts.js";

/**
 * The structured output asked of the model: sentences, each with the ids of the facts it
 * restates, so each is checked against its own facts. No length keyword in the schema: strict
 * structured outputs accept only a subset of JSON Schema, and the length is checked after parsing.
 */
export const phrasedAnswerSchema = z.object({
  sentences: z.array(z.object({ text: z.string(), fact_ids: z.array(z.string()) })),
});
export type PhrasedAnswer = z.infer<typeof phrasedAnswerSchema>;

const RESPONSE_FORMAT = zodResponseFormat(phrasedAnswerSchema, "phrased_answer");

export interface PhrasingQuestion {
  prompt: Prompt;
  locale: Locale;
  intent: AnswerIntent;
  facts: readonly SlottedFact[];
}

export type ModelOutcome = { ok: true; answer: PhrasedAnswer } | { ok: false; reason: FallbackReason; detail: string };

export interface ModelOptions {
  timeoutMs: number;
  temperature?: number;
}

/**
 * One chat completion: the prompt as the system message, and as the user message only the
 * locale, the intent and the facts, as one JSON document of data: the facts' text is a string
 * value in it, with its figures, names and links as slots, so nothing in it reads as the prompt.
 * The user's own words are never sent (they are not even in the request). Never throws: every
 * failure becomes a reason.
 */
export async function askModel(connection: ModelConnection, question: PhrasingQuestion, options: ModelOptions): Promise<ModelOutcome> {
  // The SDK's timeout stops waiting for the headers; this also covers a body that stalls.
  const deadline = AbortSignal.timeout(options.timeoutMs);
  try {
    const completion = await connection.client.chat.completions.create(
      {
        model: connection.model,
        messages: [
          { role: "system", content: question.prompt.text },
          { role: "user", content: JSON.stringify({ locale: question.locale, intent: question.intent, facts: question.facts.map(({ id, text }) => ({ id, text })) }) },
        ],
        response_format: RESPONSE_FORMAT,
        // Some models accept only their default temperature, so none is sent unless configured.
        ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
      },
      { timeout: options.timeoutMs, maxRetries: 0, signal: deadline },
    );
    const choice = completion.choices?.[0];
    if (!choice) return { ok: false, reason: "malformed", detail: "no choice in the completion" };
    if (choice.message.refusal) return { ok: false, reason: "refusal", detail: "the model refused" };
    if (choice.finish_reason === "length") return { ok: false, reason: "truncated", detail: "finish_reason length" };
    if (choice.finish_reason === "content_filter") return { ok: false, reason: "refusal", detail: "finish_reason content_filter" };
    return parseAnswer(choice.message.content);
  } catch (error) {
    return { ok: false, ...classify(error, deadline.aborted) };
  }
}

export function parseAnswer(content: string | null | undefined): ModelOutcome {
  if (!content) return { ok: false, reason: "malformed", detail: "empty content" };
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { ok: false, reason: "malformed", detail: "content is not JSON" };
  }
  const parsed = phrasedAnswerSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: "malformed", detail: `content does not match the schema: ${parsed.error.issues[0]?.message ?? ""}` };
  return { ok: true, answer: parsed.data };
}

function classify(error: unknown, pastDeadline: boolean): { reason: FallbackReason; detail: string } {
  if (error instanceof APIConnectionTimeoutError || error instanceof APIUserAbortError || pastDeadline) {
    return { reason: "timeout", detail: "no complete answer within the time limit" };
  }
  if (error instanceof APIConnectionError) return { reason: "unreachable", detail: error.message };
  if (error instanceof APIError) {
    const status = error.status ?? 0;
    if (status === 429) return { reason: "rate-limited", detail: "HTTP 429" };
    if (status >= 500) return { reason: "server-error", detail: `HTTP ${status}` };
    return { reason: "api-error", detail: `HTTP ${status}: ${error.message}` };
  }
  return { reason: "api-error", detail: error instanceof Error ? error.message : String(error) };
}
