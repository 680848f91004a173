import type { webApi } from "@slack/bolt";
import type { RoleCatalog } from "../../src/catalog/role-catalog.js";
import type { Locale } from "../../src/catalog/schema.js";
import type { ParcoursBot } from "../../src/conversation/parcours-bot.js";
import type { BackgroundWork } from "../shared/background-work.js";
import type { KeptForms } from "./kept-forms.js";
import type { KnownConversations } from "./known-conversations.js";
import type { MessageClaims } from "./message-claims.js";
import type { SlackLocales } from "./slack-locale.js";
import type { SlackOutbound } from "./slack-outbound.js";

/** What the Slack listeners share: the core, and the adapter's own small services. */
export interface SlackDeps {
  bot: ParcoursBot;
  catalog: RoleCatalog;
  locales: SlackLocales;
  conversations: KnownConversations;
  claims: MessageClaims;
  /** The forms of posted replies, which their buttons open as modals. */
  forms: KeptForms;
  /**
   * The outbound port on the client Bolt gives a listener (it waits out rate limits, as an answer
   * should), answering the request of `recipient`.
   */
  outbound(client: webApi.WebClient, recipient: string): SlackOutbound;
  work: BackgroundWork;
  defaultLocale: Locale;
}

export const PLATFORM = "slack";

/** Slackbot is in every channel and every workspace listing, and never a recipient. */
export const SLACKBOT = "USLACKBOT";

/**
 * Runs work that writes something about a Slack user (their locale, their DM, their files) so that
 * a "delete my data" running meanwhile still wins: UserErasure.fenced erases again after the write.
 */
export type ErasureFence = <T>(userId: string, work: () => Promise<T>) => Promise<T>;

/** For parts used where no erasure can run (a bench, a test of one part). */
export const unfenced: ErasureFence = (_userId, work) => work();

/**
 * Where a message was said, for the neutral model's `conversationId`: a DM (and the Home tab,
 * whose answers go to the DM) is one place per user; in a channel, each thread is one. The core
 * keys its context by platform and user, not by this, so a user's follow-up is understood wherever
 * it is asked.
 */
export function conversationOf(userId: string, channel?: string | null, threadTs?: string | null): string {
  if (!channel || channel.startsWith("D")) return `dm:${userId}`;
  return threadTs ? `${channel}:${threadTs}` : channel;
}
