import { OutboundError, type OutboundFailure } from "../../src/outbound/outbound.js";
import { describeError } from "../../src/logging/describe-error.js";

/**
 * A 429 without Retry-After. Teams counts its limits per second (7 a conversation, 50 a tenant), so
 * a second later the window that was full has passed; the caller's backoff grows from there:
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit
 */
export const DEFAULT_RETRY_AFTER_MS = 1_000;

type FinalReason = Exclude<OutboundFailure["reason"], "rate-limited" | "failed" | "message-rejected">;

/**
 * The Bot Connector's refusals that no retry will change, by the error code Teams documents for them:
 * https://learn.microsoft.com/microsoftteams/platform/bots/build-conversational-capability#status-codes-from-bot-conversational-apis
 * An admin disabling the app, or the bot being out of the conversation's roster, means the app is
 * not there for that user until someone installs it again.
 */
const FINAL_CODES = new Map<string, FinalReason>([
  ["ConversationBlockedByUser", "blocked-by-user"],
  ["BotNotInConversationRoster", "app-not-installed"],
  ["BotDisabledByAdmin", "app-not-installed"],
  ["ForbiddenOperationException", "app-not-installed"],
  ["ConversationNotFound", "conversation-not-found"],
  // The message to update is gone: no retry brings it back either.
  ["ActivityNotFoundInConversation", "conversation-not-found"],
]);

/**
 * Refusals of the activity itself: a message over Teams' size limit (about 100 KB), or one the
 * service cannot read. Sent again, it is refused again, whoever it is for.
 */
const REJECTED_CODES = new Set(["MessageSizeTooBig", "BadArgument"]);

/**
 * A body that says the conversation is gone means that, whatever its code: read as a refusal of the
 * message, it would stop the send for every recipient.
 */
const CONVERSATION_NOT_FOUND = /conversation not found/i;

/**
 * Connections that never opened: the request did not leave, so sending it again cannot post twice.
 * Any other failure with no answer (a time-out, a reset once the request was written) may have
 * posted the message all the same.
 */
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

/**
 * botbuilder's REST errors (from @azure/core-client): the status, the body's error code and message,
 * the response's headers; with no status, a RestError or AbortError from the HTTP client itself.
 */
interface ConnectorError {
  name?: string;
  message?: string;
  statusCode?: number;
  code?: string;
  response?: { status?: number; headers?: { get(name: string): string | undefined } };
}

/** Retry-After is a number of seconds or an HTTP date: https://www.rfc-editor.org/rfc/rfc9110#field.retry-after */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | undefined {
  if (!header?.trim()) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function failureOf(error: unknown): OutboundFailure {
  const e = (error && typeof error === "object" ? error : {}) as ConnectorError;
  const status = e.statusCode ?? e.response?.status;
  const detail = [status, e.code ?? e.name].filter(Boolean).join(" ") || "unknown";
  // The connector has already waited out up to three Retry-After pauses by the time a 429 gets here (send-once.ts).
  if (status === 429) return { reason: "rate-limited", retryAfterMs: retryAfterMs(e.response?.headers?.get("retry-after")) ?? DEFAULT_RETRY_AFTER_MS };
  const reason = e.code ? FINAL_CODES.get(e.code) : undefined;
  if (reason) return { reason };
  if (status === 404 || CONVERSATION_NOT_FOUND.test(e.message ?? "")) return { reason: "conversation-not-found" };
  if (e.code && REJECTED_CODES.has(e.code)) return { reason: "message-rejected", detail: [status, e.code].filter(Boolean).join(" ") };
  if (status === 413) return { reason: "message-rejected", detail: "413" };
  // A gateway that gave up waiting: the service behind it may have posted the message all the same.
  if (status === 504) return { reason: "failed", detail, uncertain: true };
  if (status === undefined && isTransportError(e) && !NEVER_SENT.has(e.code ?? "")) return { reason: "failed", detail, uncertain: true };
  return { reason: "failed", detail };
}

/** The HTTP client's own failures, as opposed to a fault in Parcours' code on the way to it. */
const isTransportError = (e: ConnectorError) => e.name === "RestError" || e.name === "AbortError";

/** A platform refusal in the core's terms; the Bot Connector's error stays as the cause, for the logs. */
export function toOutboundError(error: unknown): OutboundError {
  if (error instanceof OutboundError) return error;
  return Object.assign(new OutboundError(failureOf(error)), { cause: error });
}

/** What identifies a failure in the logs: the core's reason, and the platform's status and code, never the request. */
export function describeOutboundError(error: unknown): Record<string, unknown> {
  if (!(error instanceof OutboundError)) return describeError(error);
  return { ...describeError(error.cause ?? error), reason: error.failure.reason };
}
