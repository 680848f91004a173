import { webApi } from "@slack/bolt";
import { OutboundError, type OutboundFailure } from "../../src/outbound/outbound.js";

/**
 * Slack's error codes that are final for one recipient or conversation, by what they mean to a
 * delivery report. From the error tables of chat.postMessage, chat.update, conversations.open,
 * conversations.members, conversations.history, usergroups.users.list and files.delete:
 * https://docs.slack.dev/reference/methods/chat.postMessage
 */
const FINAL: Record<string, Exclude<OutboundFailure, { reason: "rate-limited" | "failed" | "message-rejected" }>["reason"]> = {
  channel_not_found: "conversation-not-found",
  message_not_found: "conversation-not-found",
  // A user group that does not exist (or no longer): an audience with nobody to reach in it.
  no_such_subteam: "conversation-not-found",
  is_archived: "channel-archived",
  channel_archived: "channel-archived",
  not_in_channel: "not-in-channel",
  user_not_found: "user-not-found",
  user_not_visible: "user-not-found",
  // A deactivated account, or a bot: nobody there to read the message.
  user_disabled: "user-not-found",
  cannot_dm_bot: "user-not-found",
  // The DM with the app is closed to messages: nothing reaches this user there until it is reopened.
  messages_tab_disabled: "blocked-by-user",
  // The token no longer works in this workspace (the app was removed, or lacks a permission): no
  // retry helps until someone reinstalls or reconfigures it.
  not_authed: "app-not-installed",
  invalid_auth: "app-not-installed",
  account_inactive: "app-not-installed",
  token_revoked: "app-not-installed",
  token_expired: "app-not-installed",
  missing_scope: "app-not-installed",
  not_allowed_token_type: "app-not-installed",
  team_access_not_granted: "app-not-installed",
  ekm_access_denied: "app-not-installed",
};

/**
 * Slack's error codes that refuse the message itself, whoever it is for: sending it again fails
 * again. msg_too_long and invalid_blocks are Block Kit or text limits the renderer missed;
 * restricted_action is a workspace rule against the app posting there; no_text and
 * too_many_attachments a message built wrong. https://docs.slack.dev/reference/methods/chat.postMessage#errors
 */
const REJECTED = new Set(["msg_too_long", "invalid_blocks", "restricted_action", "no_text", "too_many_attachments"]);

/** Without Retry-After, a rate limit is waited out for Slack's one-minute window. https://docs.slack.dev/apis/web-api/rate-limits */
const DEFAULT_RETRY_AFTER_MS = 60_000;

/**
 * Failures after which the call may have been carried out all the same, so that sending again could
 * post twice: Slack's fatal_error ("it's possible some aspect of the operation succeeded"), and a
 * gateway time-out (HTTP 504), which answers for a server that did not answer in time.
 */
const MAYBE_DONE_CODES = new Set(["fatal_error"]);
const MAYBE_DONE_STATUSES = new Set([504]);

/** Network errors raised before the request reached Slack (no connection, no address): nothing was done. */
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

type SlackError = Error & {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string; response_metadata?: { retryAfter?: number } };
  /** The network error under a request error, with Node's code (ECONNRESET) or axios' (ECONNABORTED for a time-out). */
  original?: { code?: string };
};

/** The Slack error code of a failed call, when Slack gave one. */
export function slackErrorCode(error: unknown): string | undefined {
  return error instanceof Error ? (error as SlackError).data?.error : undefined;
}

function failureOf(error: unknown): OutboundFailure {
  if (!(error instanceof Error)) return { reason: "failed", detail: String(error) };
  const e = error as SlackError;
  // With rejectRateLimitedCalls, the Web API client answers a 429 with this error instead of sleeping.
  if (e.code === webApi.ErrorCode.RateLimitedError && typeof e.retryAfter === "number") return { reason: "rate-limited", retryAfterMs: e.retryAfter * 1000 };
  if (e.code === webApi.ErrorCode.PlatformError && e.data?.error) {
    const code = e.data.error;
    if (code === "ratelimited" || code === "rate_limited" || code === "message_limit_exceeded") {
      const retryAfter = e.data.response_metadata?.retryAfter;
      return { reason: "rate-limited", retryAfterMs: typeof retryAfter === "number" ? retryAfter * 1000 : DEFAULT_RETRY_AFTER_MS };
    }
    const final = FINAL[code];
    if (final) return { reason: final };
    if (REJECTED.has(code)) return { reason: "message-rejected", detail: code };
    return { reason: "failed", detail: code, ...(MAYBE_DONE_CODES.has(code) ? { uncertain: true } : {}) };
  }
  if (e.code === webApi.ErrorCode.HTTPError) {
    return { reason: "failed", detail: `http ${e.statusCode ?? "error"}`, ...(MAYBE_DONE_STATUSES.has(e.statusCode ?? 0) ? { uncertain: true } : {}) };
  }
  if (e.code === webApi.ErrorCode.RequestError) {
    // No answer came (a time-out, a connection cut): Slack may have carried the call out before it was lost.
    const cause = e.original?.code ?? "request_error";
    return { reason: "failed", detail: cause, ...(NEVER_SENT.has(cause) ? {} : { uncertain: true }) };
  }
  return { reason: "failed", detail: e.code ?? e.name };
}

/**
 * A Web API failure as the core's OutboundError. The Slack error code stays on it, where the
 * logs' describeError reads it (`data.error`), and the original error is its cause.
 */
export function toOutboundError(error: unknown): OutboundError {
  if (error instanceof OutboundError) return error;
  const outbound = new OutboundError(failureOf(error));
  outbound.cause = error;
  const code = slackErrorCode(error);
  return code ? Object.assign(outbound, { data: { error: code } }) : outbound;
}

/** Runs one Web API call, its failure as an OutboundError. */
export async function slackCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toOutboundError(error);
  }
}
