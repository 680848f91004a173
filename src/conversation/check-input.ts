import type { Messages } from "../i18n/messages.js";

/** Longer than any real question; Slack allows 40,000 characters, so the bot must say no politely. */
export const MAX_MESSAGE_CHARS = 2000;

export type CheckedInput = { ok: true; text: string } | { ok: false; problem: (m: Messages) => string };

/**
 * Cleans a message before understanding: control characters (other than line breaks) become
 * spaces, and messages that are empty, too long or without a single letter or digit are
 * answered with a clear message instead.
 */
export function checkInput(raw: string): CheckedInput {
  const text = raw.replace(/[\p{Cc}\p{Cf}]/gu, (c) => (c === "\n" || c === "\t" ? c : " ")).trim();
  if (text.length === 0) return { ok: false, problem: (m) => m.badInput.empty };
  if (text.length > MAX_MESSAGE_CHARS) return { ok: false, problem: (m) => m.badInput.tooLong(MAX_MESSAGE_CHARS) };
  if (!/[\p{L}\p{N}]/u.test(text)) return { ok: false, problem: (m) => m.badInput.noText };
  return { ok: true, text };
}
