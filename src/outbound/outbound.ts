import { z } from "zod";
import type { Reply } from "../answers/reply.js";
import type { Locale } from "../catalog/schema.js";

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

/** A PostedMessage as read back from where it was kept. */
export const postedMessageSchema = z.object({ platform: z.string(), conversationId: z.string(), threadId: z.string().optional(), messageId: z.string() });

/**
 * Why a platform refused. `rate-limited` is worth retrying after `retryAfterMs`, and `failed` (an
 * outage, a timeout, a refusal nobody has classified yet) may pass on a later attempt; every other
 * reason is final and is reported as such. `message-rejected` is final for the message itself: the
 * platform refused what was sent (too long, malformed), so the same message fails for every
 * recipient and on every attempt; `detail` is the platform's own code. A `failed` call that may
 * have reached the platform all the same (a time-out, a connection cut after the request left) is
 * `uncertain`: an announcement looks for the message before sending it again.
 */
export type OutboundFailure =
  | { reason: "rate-limited"; retryAfterMs: number }
  | { reason: "blocked-by-user" | "app-not-installed" | "conversation-not-found" | "channel-archived" | "not-in-channel" | "user-not-found" }
  | { reason: "message-rejected"; detail: string }
  | { reason: "failed"; detail: string; uncertain?: boolean };

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
  post(to: ConversationAddress, reply: Reply, options?: PostOptions): Promise<PostedMessage>;
  /** Replaces a message the bot posted. */
  update(message: PostedMessage, reply: Reply): Promise<void>;
  /** User ids of a channel's members (Slack) or of a team's roster (Teams), bots left out. */
  listMembers(conversationId: string): Promise<string[]>;
  /** What announcements need beyond that; a platform without it can still be told to post in a given conversation. */
  readonly fanOut?: FanOutPort;
}

export interface PostOptions {
  /**
   * Kept by the platform with the message (Slack: message metadata), so that a send cut short by a
   * crash can be looked for with `FanOutPort.findPosted` before it is made again.
   */
  deliveryKey?: string;
}

/** Someone an announcement can reach, and the language their platform knows for them. */
export interface Reachable {
  userId: string;
  locale?: Locale;
}

/** How fast a platform lets an app post, per second: the announcement pacing keeps under it. */
export interface PostingPace {
  /** Across the workspace or tenant. */
  perSecond: number;
  /** In one conversation. */
  perConversationPerSecond: number;
}

/**
 * What a platform offers for announcements: audiences, languages without one call per person, the
 * allowed pace, and a way to tell whether an interrupted send reached its conversation.
 */
export interface FanOutPort {
  readonly pace: PostingPace;
  /** Everyone who has the app: Slack the workspace's active non-bot members, Teams the recorded personal chats. */
  everyone(): Promise<Reachable[]>;
  /** Members of a user group (Slack); a platform without groups throws OutboundError conversation-not-found. */
  userGroup(groupId: string): Promise<string[]>;
  /** The languages the platform knows for these users, from paged listings; users it does not know are left out. */
  locales(userIds: readonly string[]): Promise<Map<string, Locale>>;
  /**
   * Where to post to a user privately without opening the conversation first, when the platform
   * allows it (Slack: a post to the user's id opens the DM, sparing conversations.open's tight limit).
   */
  privateAddress?(userId: string): Promise<ConversationAddress>;
  /** A channel by its name as people type it ("learning-club", "#learning-club") or its id: its id, or undefined. */
  channelId(nameOrId: string): Promise<string | undefined>;
  /**
   * The message posted in the user's private conversation (or in `to`) with this delivery key, if
   * any; `undefined` when the platform has no way to look (Teams): the caller then counts a resend as
   * possibly duplicated. Answers `null` when it looked and found none.
   */
  findPosted?(to: ConversationAddress, deliveryKey: string): Promise<PostedMessage | null>;
}
