import type { ConversationReference } from "botbuilder";
import type { Store } from "../../src/store/store.js";
import { PLATFORM } from "./to-incoming.js";

/**
 * Where a message from a channel thread was posted: "19:…@thread.tacv2;messageid=1712…".
 * A proactive message goes to the channel itself, so the thread suffix is dropped.
 */
export function channelConversationId(conversationId: string): string {
  return conversationId.replace(/;messageid=\d+$/, "");
}

const key = (conversationId: string) => `conversation-reference:${PLATFORM}:${channelConversationId(conversationId)}`;

/**
 * The conversation references of every personal chat, group chat and channel that installs or
 * talks to Parcours, kept so that surveys and announcements can later be sent proactively:
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages
 */
export class ConversationReferences {
  constructor(private readonly store: Store) {}

  /** Saves a reference when it is new or has moved (Teams may change a tenant's service URL). */
  async remember(reference: Partial<ConversationReference>): Promise<void> {
    const conversationId = reference.conversation?.id;
    if (!conversationId || !reference.serviceUrl || !reference.bot) return;
    const kept = minimal(reference, channelConversationId(conversationId));
    const known = await this.store.get<Partial<ConversationReference>>(key(conversationId));
    if (known && JSON.stringify(known) === JSON.stringify(kept)) return;
    await this.store.set(key(conversationId), kept);
  }

  async find(conversationId: string): Promise<Partial<ConversationReference> | undefined> {
    return this.store.get<Partial<ConversationReference>>(key(conversationId));
  }

  /** When the bot is uninstalled or removed, Teams refuses proactive messages there anyway. */
  async forget(conversationId: string): Promise<void> {
    await this.store.delete(key(conversationId));
  }
}

/**
 * Only what a proactive message needs. Display names are left out (data minimisation):
 * ids are enough to address the conversation, and the user is kept only in personal chats.
 */
function minimal(reference: Partial<ConversationReference>, conversationId: string): Partial<ConversationReference> {
  const { conversation, bot, user, serviceUrl, channelId, locale } = reference;
  const personal = conversation?.conversationType === "personal";
  return {
    channelId,
    serviceUrl,
    ...(locale ? { locale } : {}),
    bot: { id: bot!.id, name: bot!.name },
    conversation: {
      id: conversationId,
      isGroup: conversation?.isGroup ?? false,
      conversationType: conversation?.conversationType ?? "",
      ...(conversation?.tenantId ? { tenantId: conversation.tenantId } : {}),
      name: "",
    },
    ...(personal && user ? { user: { id: user.id, name: "", ...(user.aadObjectId ? { aadObjectId: user.aadObjectId } : {}) } } : {}),
  };
}
