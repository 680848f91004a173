import type { Reply } from "../answers/reply.js";

/**
 * Where a message can be posted: a conversation the bot is in (a Slack DM or channel, a Teams
 * personal chat, group chat or channel), optionally one thread of it.
 */
export interface ConversationAddress {
  platform: string;
  conversationId: string;
  threadId?: string;
}

/** A message the bot posted, so that it can be updated later (a survey card's live count). */
export interface PostedMessage extends ConversationAddress {
  messageId: string;
}

/**
 * Why a platform refused. `rate-limited` is worth retrying after `retryAfterMs`, and `failed` (an
 * outage, a timeout, a refusal nobody has classified yet) may pass on a later attempt; every other
 * reason is final and is reported as such. `message-rejected` is final for the message itself: the
 * platform refused what was sent (too long, malformed), so the same message fails for every
 * recipient and on every attempt; `detail` is the platform's own code.
 */
export type OutboundFailure =
  | { reason: "rate-limited"; retryAfterMs: number }
  | { reason: "blocked-by-user" | "app-not-installed" | "conversation-not-found" | "channel-archived" | "not-in-channel" | "user-not-found" }
  | { reason: "message-rejected"; detail: string }
  | { reason: "failed"; detail: string };

/** The reasons a later attempt may get past. */
const RETRYABLE: ReadonlySet<OutboundFailure["reason"]> = new Set(["rate-limited", "failed"]);

export class OutboundError extends Error {
  constructor(readonly failure: OutboundFailure) {
    super(`outbound ${failure.reason}${failure.reason === "rate-limited" ? ` (retry after ${failure.retryAfterMs} ms)` : ""}`);
    this.name = "OutboundError";
  }

  /** No retry will change the outcome: a recipient or conversation out of reach, or a message the platform rejected. */
  get final(): boolean {
    return !RETRYABLE.has(this.failure.reason);
  }
}

/**
 * What each platform adapter offers the core for messages nobody is waiting on in a request:
 * private replies, survey cards, announcements, reminders. The core decides what to send and to
 * whom; the adapter only knows how. Every method throws an OutboundError on a platform refusal.
 */
export interface OutboundPort {
  readonly platform: string;
  /** The user's private conversation with the bot (opened if needed, and recorded). */
  openPrivateConversation(userId: string): Promise<ConversationAddress>;
  /** Posts a reply (as several messages when the platform needs it); answers the first one posted. */
  post(to: ConversationAddress, reply: Reply): Promise<PostedMessage>;
  /** Replaces a message the bot posted. */
  update(message: PostedMessage, reply: Reply): Promise<void>;
  /** User ids of a channel's members (Slack) or of a team's roster (Teams), bots left out. */
  listMembers(conversationId: string): Promise<string[]>;
}
