import type { ConversationAddress } from "../../src/outbound/outbound.js";

export const PLATFORM = "teams";

/** A message in a channel thread is posted in "19:…@thread.tacv2;messageid=1712…", the thread's root. */
const THREAD_SUFFIX = /;messageid=(\d+)$/;

/** The channel itself: a proactive message starts a new thread there. */
export function channelConversationId(conversationId: string): string {
  return conversationId.replace(THREAD_SUFFIX, "");
}

/** A Teams conversation id as the core addresses it: the channel, and the thread when there is one. */
export function addressOf(conversationId: string): ConversationAddress {
  const thread = THREAD_SUFFIX.exec(conversationId)?.[1];
  return { platform: PLATFORM, conversationId: channelConversationId(conversationId), ...(thread ? { threadId: thread } : {}) };
}

export function conversationIdOf(address: ConversationAddress): string {
  return address.threadId ? `${address.conversationId};messageid=${address.threadId}` : address.conversationId;
}
