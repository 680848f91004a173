import type { Reply } from "../src/answers/reply.js";
import type { ConversationAddress, OutboundPort, PostedMessage } from "../src/outbound/outbound.js";

/** A platform that takes every post at once, so that a bench measures Parcours and its store, not a network. */
export class BenchPort implements OutboundPort {
  readonly platform = "bench";
  private next = 0;

  constructor(private readonly members: string[] = []) {}

  async openPrivateConversation(userId: string): Promise<ConversationAddress> {
    return { platform: this.platform, conversationId: `dm:${userId}` };
  }

  async post(to: ConversationAddress, _reply: Reply): Promise<PostedMessage> {
    return { ...to, messageId: String(++this.next) };
  }

  async update(): Promise<void> {}

  async listMembers(): Promise<string[]> {
    return this.members;
  }
}
