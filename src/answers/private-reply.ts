import type { Locale } from "../catalog/schema.js";
import { messages } from "../i18n/messages.js";
import { reply, type Block, type Reply } from "./reply.js";

/**
 * A reply for the user's eyes only (self-ratings, their data). Asked for in a channel, it goes to
 * their private conversation with the bot, and the channel gets one of these notices instead.
 */
export function privateReply(blocks: Block[], locale: Locale): Reply {
  const m = messages(locale).assessment;
  return reply(blocks, { private: true, publicNotice: m.movedToPrivate, privateUnavailableNotice: m.privateUnavailable });
}
