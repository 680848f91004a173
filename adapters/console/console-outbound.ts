import type { Reply } from "../../src/answers/reply.js";
import type { ConversationAddress, OutboundPort, PostedMessage } from "../../src/outbound/outbound.js";

export const CONSOLE = "console";

/**
 * The terminal as a platform the core can post to: the one person at the keyboard is the whole
 * team, the terminal is both the channel and their private conversation, and what is posted is
 * printed where they can press its buttons.
 */
export class ConsoleOutbound implements OutboundPort {
  readonly platform = CONSOLE;
  private posted = 0;

  constructor(
    private readonly userId: string,
    private readonly show: (reply: Reply) => void | Promise<void>,
  ) {}

  async openPrivateConversation(): Promise<ConversationAddress> {
    return { platform: CONSOLE, conversationId: CONSOLE };
  }

  async post(to: ConversationAddress, reply: Reply): Promise<PostedMessage> {
    await this.show(reply);
    return { ...to, messageId: String(++this.posted) };
  }

  /** A terminal cannot edit what it printed, and reprinting a card on every answer would bury the chat. */
  async update(): Promise<void> {}

  async listMembers(): Promise<string[]> {
    return [this.userId];
  }
}
