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

/**
 * A private reply that leaves the channel alone when it reaches the user: fifty members pressing
 * a survey card's Answer must not fill its thread with fifty notices. Only a failure to reach
 * them is said where they pressed.
 */
export function quietPrivateReply(blocks: Block[], locale: Locale): Reply {
  return reply(blocks, { private: true, privateUnavailableNotice: messages(locale).assessment.privateUnavailable });
}
