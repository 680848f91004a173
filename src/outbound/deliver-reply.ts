import type { Reply } from "../answers/reply.js";
import { reply as makeReply } from "../answers/reply.js";
import type { ConversationAddress, OutboundPort, PostedMessage } from "./outbound.js";

/** Where a reply was asked for, as the adapter saw it. */
export interface ReplyOrigin {
  /** The conversation (and thread) the user wrote in or pressed a button in. */
  address: ConversationAddress;
  userId: string;
  /** Seen by this user alone: a DM, a personal chat, an ephemeral response. */
  private: boolean;
}

const notice = (text: string) => makeReply([{ type: "text", text }]);

/**
 * The one place that decides where a reply goes. Private content (self-ratings, the user's data)
 * asked for in a shared conversation goes to the user's private conversation with the bot, and the
 * shared one only gets the reply's public notice; when the private conversation cannot be reached,
 * it gets the "could not reach you" notice instead, and the content is never posted there.
 * Answers where the content went.
 */
export async function deliverReply(port: OutboundPort, reply: Reply, origin: ReplyOrigin): Promise<PostedMessage> {
  if (!reply.private || origin.private) return port.post(origin.address, reply);
  let posted: PostedMessage;
  try {
    posted = await port.post(await port.openPrivateConversation(origin.userId), reply);
  } catch (error) {
    if (reply.privateUnavailableNotice) await port.post(origin.address, notice(reply.privateUnavailableNotice));
    throw error;
  }
  if (reply.publicNotice) await port.post(origin.address, notice(reply.publicNotice));
  return posted;
}
