import type { RoleCatalog } from "../../src/catalog/role-catalog.js";
import type { Locale } from "../../src/catalog/schema.js";
import type { ParcoursBot } from "../../src/conversation/parcours-bot.js";
import type { Logger } from "../../src/logging/logger.js";
import type { BackgroundWork } from "./background-work.js";
import type { SlackLocales } from "./slack-locale.js";

/** What the Slack listeners share: the core, and the adapter's own small services. */
export interface SlackDeps {
  bot: ParcoursBot;
  catalog: RoleCatalog;
  locales: SlackLocales;
  work: BackgroundWork;
  logger: Logger;
  defaultLocale: Locale;
}

export const PLATFORM = "slack";

/**
 * The core keeps context per conversation: a DM (and the Home tab, whose answers go to the DM)
 * is one conversation per user; in a channel, each thread is one.
 */
export function conversationOf(userId: string, channel?: string, threadTs?: string): string {
  if (!channel || channel.startsWith("D")) return `dm:${userId}`;
  return threadTs ? `${channel}:${threadTs}` : channel;
}
