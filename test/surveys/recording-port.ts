import type { Reply } from "../../src/answers/reply.js";
import type { ConversationAddress, OutboundPort, PostedMessage } from "../../src/outbound/outbound.js";

/**
 * A platform for core tests: it keeps what was posted and updated where, and has a channel whose
 * members the test sets. The adapters' own ports are tested against fake Slack and Teams servers.
 */
export class RecordingPort implements OutboundPort {
  readonly platform = "test";
  readonly posts: { to: ConversationAddress; reply: Reply; messageId: string }[] = [];
  readonly updates: { message: PostedMessage; reply: Reply }[] = [];
  readonly members = new Map<string, string[]>();
  private next = 0;

  async openPrivateConversation(userId: string): Promise<ConversationAddress> {
    return { platform: this.platform, conversationId: `dm:${userId}` };
  }

  async post(to: ConversationAddress, reply: Reply): Promise<PostedMessage> {
    const messageId = String(++this.next);
    this.posts.push({ to, reply, messageId });
    return { ...to, messageId };
  }

  async update(message: PostedMessage, reply: Reply): Promise<void> {
    this.updates.push({ message, reply });
  }

  async listMembers(conversationId: string): Promise<string[]> {
    return this.members.get(conversationId) ?? [];
  }

  /** What a conversation received, posts and updates, as text. */
  textIn(conversationId: string): string[] {
    return this.posts.filter((p) => p.to.conversationId === conversationId).map((p) => JSON.stringify(p.reply.blocks));
  }
}
