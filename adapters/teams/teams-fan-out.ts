import type { Locale } from "../../src/catalog/schema.js";
import { OutboundError, type FanOutPort, type PostingPace, type Reachable } from "../../src/outbound/outbound.js";
import type { KnownConversation } from "../../src/outbound/address-book.js";
import { toLocale } from "../shared/locale.js";
import type { ConversationReferences, TeamsReference } from "./conversation-references.js";

/**
 * Teams lets a bot post 7 messages a second in one conversation (its tenant-wide pace is configured):
 * https://learn.microsoft.com/en-us/microsoftteams/platform/bots/how-to/rate-limit
 */
const PER_CONVERSATION_PER_SECOND = 7;

const localeOf = (conversation: KnownConversation) => toLocale((conversation.reference as TeamsReference).locale);

/**
 * What announcements reach in Teams, from the conversation references recorded as people installed
 * or used the app: a bot may read a team's roster but not the tenant's people, Teams has no user
 * groups, and no way to look a sent message up (so no findPosted: a resend counts as possibly
 * duplicated).
 */
export class TeamsFanOut implements FanOutPort {
  readonly pace: PostingPace;

  constructor(
    private readonly references: ConversationReferences,
    messagesPerSecond: number,
  ) {
    this.pace = { perSecond: messagesPerSecond, perConversationPerSecond: PER_CONVERSATION_PER_SECOND };
  }

  /** Everyone with a recorded personal chat, once each, in the language their Teams client last reported. */
  async everyone(): Promise<Reachable[]> {
    const reachable = new Map<string, Reachable>();
    for (const chat of await this.references.list("personal")) {
      if (!chat.userId) continue;
      const locale = reachable.get(chat.userId)?.locale ?? localeOf(chat);
      reachable.set(chat.userId, { userId: chat.userId, ...(locale ? { locale } : {}) });
    }
    return [...reachable.values()];
  }

  async userGroup(): Promise<string[]> {
    throw new OutboundError({ reason: "conversation-not-found" });
  }

  /** From the recorded personal chats, read in one query rather than one per person. */
  async locales(userIds: readonly string[]): Promise<Map<string, Locale>> {
    const wanted = new Set(userIds);
    const locales = new Map<string, Locale>();
    for (const { userId, locale } of await this.everyone()) if (locale && wanted.has(userId)) locales.set(userId, locale);
    return locales;
  }

  /**
   * A recorded channel or group chat by its id, as given; or a channel by the name recorded with it,
   * in any case, with or without "#". Personal chats are not channels.
   */
  async channelId(nameOrId: string): Promise<string | undefined> {
    const recorded = await this.references.find(nameOrId);
    if (recorded) return recorded.conversation?.conversationType === "personal" ? undefined : nameOrId;
    const name = nameOrId.replace(/^#/, "").trim().toLowerCase();
    if (!name) return undefined;
    const channels = await this.references.list("channel");
    return channels.find((channel) => (channel.reference as TeamsReference).conversation?.name?.toLowerCase() === name)?.conversationId;
  }
}
