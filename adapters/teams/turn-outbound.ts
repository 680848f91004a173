import type { TurnContext } from "botbuilder";
import type { Reply } from "../../src/answers/reply.js";
import type { ConversationAddress, OutboundPort, PostedMessage } from "../../src/outbound/outbound.js";
import { addressOf } from "./conversation-address.js";
import { toOutboundError } from "./outbound-errors.js";
import { openingFromTurn } from "./personal-chat.js";
import type { TeamsOutbound } from "./teams-outbound.js";
import { chartPictures } from "./chart-image.js";
import { toTeamsMessages } from "./to-adaptive-card.js";
import { PLATFORM, speakerOf } from "./to-incoming.js";

const sameConversation = (a: ConversationAddress, b: ConversationAddress) => a.conversationId === b.conversationId && a.threadId === b.threadId;

/**
 * The outbound port while answering a turn: the conversation of the turn is answered in the turn
 * (replies to the user's message, within the request Teams is waiting on); anything else, the user's
 * personal chat first, goes through the proactive port, opened from where the user is speaking.
 */
export class TurnOutbound implements OutboundPort {
  readonly platform = PLATFORM;
  readonly here: ConversationAddress;
  /** Set when posting in the turn's own conversation failed: that failure is the turn's, not the private route's. */
  failedHere = false;

  constructor(
    private readonly context: TurnContext,
    private readonly outbound: TeamsOutbound,
  ) {
    this.here = addressOf(context.activity.conversation.id);
  }

  async openPrivateConversation(userId: string): Promise<ConversationAddress> {
    const { activity } = this.context;
    const speaking = speakerOf(activity).userId === userId;
    if (speaking && activity.conversation.conversationType === "personal") return this.here;
    return this.outbound.openPersonalChat(userId, speaking ? openingFromTurn(this.context) : undefined);
  }

  async post(to: ConversationAddress, reply: Reply): Promise<PostedMessage> {
    if (!sameConversation(to, this.here)) return this.outbound.post(to, reply);
    try {
      const [first] = await this.context.sendActivities(toTeamsMessages(reply, await chartPictures(reply)));
      return { ...this.here, messageId: first?.id ?? "" };
    } catch (error) {
      this.failedHere = true;
      throw toOutboundError(error);
    }
  }

  update(message: PostedMessage, reply: Reply): Promise<void> {
    return this.outbound.update(message, reply);
  }

  listMembers(conversationId: string): Promise<string[]> {
    return this.outbound.listMembers(conversationId);
  }
}
