import type { RespondFn } from "@slack/bolt";
import type { Reply } from "../../src/answers/reply.js";
import type { ConversationAddress, OutboundPort, PostedMessage } from "../../src/outbound/outbound.js";
import type { KeptForms } from "./kept-forms.js";
import { slackCall } from "./slack-failure.js";
import { toBlockKit } from "./to-block-kit.js";

/**
 * The outbound port of one request that came with a response_url (a slash command, a button on an
 * ephemeral message): what is posted to the request's own conversation goes back as ephemeral
 * messages, seen by the user alone, so a reply's origin there is private. An ephemeral message
 * cannot carry a file: its text bars stand in for the chart. Anything addressed elsewhere (the
 * user's DM) goes through the Web API port.
 * https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
 */
export class EphemeralOutbound implements OutboundPort {
  readonly platform: string;

  constructor(
    private readonly respond: RespondFn,
    /** The conversation the request came from. */
    private readonly origin: ConversationAddress,
    private readonly web: OutboundPort,
    /** Where the reply's forms are kept for their buttons to open. */
    private readonly forms: KeptForms,
  ) {
    this.platform = web.platform;
  }

  openPrivateConversation(userId: string): Promise<ConversationAddress> {
    return this.web.openPrivateConversation(userId);
  }

  /** Ephemeral messages have no ts the app can learn: the message id is empty, and an update replaces the message the request came from. */
  async post(to: ConversationAddress, reply: Reply): Promise<PostedMessage> {
    if (!this.isOrigin(to)) return this.web.post(to, reply);
    for (const { text, blocks } of toBlockKit(reply, await this.forms.keep(reply))) {
      await slackCall(() => this.respond({ response_type: "ephemeral", replace_original: false, text, ...(blocks.length > 0 ? { blocks } : {}) }));
    }
    return { ...to, messageId: "" };
  }

  async update(message: PostedMessage, reply: Reply): Promise<void> {
    if (!this.isOrigin(message) || message.messageId) return this.web.update(message, reply);
    const [first] = toBlockKit(reply, await this.forms.keep(reply));
    await slackCall(() => this.respond({ response_type: "ephemeral", replace_original: true, text: first!.text, blocks: first!.blocks }));
  }

  listMembers(conversationId: string): Promise<string[]> {
    return this.web.listMembers(conversationId);
  }

  private isOrigin(to: ConversationAddress): boolean {
    return to.conversationId === this.origin.conversationId && to.threadId === this.origin.threadId;
  }
}
