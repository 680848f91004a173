import type { Activity, ConversationReference, TeamsChannelData } from "botbuilder";
import type { AddressBook, ConversationKind, KnownConversation } from "../../src/outbound/address-book.js";
import type { ConversationAddress } from "../../src/outbound/outbound.js";
import { userStateKey, type UserErasure } from "../../src/privacy/user-erasure.js";
import type { StateStore } from "../../src/store/state-store.js";
import { channelConversationId } from "./conversation-address.js";
import { localeTagOf, PLATFORM, speakerOf } from "./to-incoming.js";
import { WriteMemo } from "./write-memo.js";


/**
 * A conversation reference reduced to what a proactive message needs, and for a channel the team it
 * belongs to: the team's roster is who can read the channel.
 */
export type TeamsReference = Partial<ConversationReference> & { teamId?: string };

/** Where a user was last seen outside a personal chat: enough to open one with them later. */
export interface Sighting {
  conversationId: string;
  /** The user's Bot Framework id ("29:…"), which creating a conversation takes. */
  memberId: string;
}

/**
 * Long enough to reach someone who answered a survey last quarter; the record is refreshed while
 * they keep talking to the bot, and goes with "delete my data".
 */
const SIGHTING_TTL_MS = 90 * 24 * 3600_000;
const sightingKey = (userId: string) => userStateKey({ platform: PLATFORM, userId }, "teams-sighting");

/** An hour: a row deleted by another process is written again at most that late; a few MB at most. */
const MEMO_LIMITS = { maxEntries: 50_000, maxAgeMs: 3600_000 };
/** A roster is read just before it is used (a survey's reminders); an hour covers the longest run of them. */
const ROSTER_LIMITS = { maxEntries: 50_000, maxAgeMs: 3600_000 };

/** Teams' conversation types are personal, groupChat and channel; an unknown one counts as shared, the safe side. */
function kindOf(conversationType: string | undefined): ConversationKind {
  if (conversationType === "personal") return "personal";
  return conversationType === "channel" ? "channel" : "group";
}

/**
 * Only what a proactive message needs. Display names are left out (data minimisation): ids are
 * enough to address the conversation, and the user is kept only in personal chats, under the id
 * the core knows them by, so that "delete my data" finds the row. The client's language is kept
 * too, from the clientInfo entity when an install carries it only there: an announcement reaches
 * each person in it without asking Teams once per person.
 */
function knownConversation(activity: Partial<Activity>): KnownConversation | undefined {
  const { conversation, serviceUrl, recipient: bot, from } = activity;
  if (!conversation?.id || !serviceUrl || !bot?.id) return undefined;
  const locale = localeTagOf(activity);
  const kind = kindOf(conversation.conversationType);
  const conversationId = channelConversationId(conversation.id);
  const channelData = activity.channelData as TeamsChannelData | undefined;
  const tenantId = conversation.tenantId ?? channelData?.tenant?.id;
  const teamId = kind === "channel" ? channelData?.team?.id : undefined;
  const user = kind === "personal" && from?.id ? { id: from.id, name: "", ...(from.aadObjectId ? { aadObjectId: from.aadObjectId } : {}) } : undefined;
  const reference: TeamsReference = {
    ...(activity.channelId ? { channelId: activity.channelId } : {}),
    serviceUrl,
    ...(locale ? { locale } : {}),
    bot: { id: bot.id, name: bot.name ?? "" },
    conversation: { id: conversationId, isGroup: conversation.isGroup ?? false, conversationType: conversation.conversationType ?? "", ...(tenantId ? { tenantId } : {}), name: "" },
    ...(user ? { user } : {}),
    ...(teamId ? { teamId } : {}),
  };
  return { platform: PLATFORM, conversationId, kind, ...(user ? { userId: speakerOf(activity).userId } : {}), reference };
}

export interface ConversationReferenceParts {
  addresses: AddressBook;
  state: StateStore;
  erasure: UserErasure;
  now?: () => number;
}

/**
 * The conversation references of every personal chat, group chat and channel that installs or talks
 * to Parcours, kept in the core's address book so that surveys, reminders and announcements can be
 * sent proactively to people who have used the app:
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages
 * A row is written when it is new or has moved (Teams may change a tenant's service URL), not on
 * every message.
 */
export class ConversationReferences {
  private readonly memo: WriteMemo;
  /**
   * Where roster members were listed: the Bot Framework id that opening a personal chat with someone
   * who never wrote to Parcours takes. Kept in this process only, and briefly: they may never have
   * used the app, and Teams gives the ids again whenever the roster is read.
   */
  private readonly rosters: WriteMemo;

  constructor(private readonly parts: ConversationReferenceParts) {
    this.memo = new WriteMemo({ ...MEMO_LIMITS, ...(parts.now ? { now: parts.now } : {}) });
    this.rosters = new WriteMemo({ ...ROSTER_LIMITS, ...(parts.now ? { now: parts.now } : {}) });
  }

  /**
   * Records the conversation of an incoming activity and, outside personal chats, that its sender was
   * seen there. `refresh` writes even what this process wrote already: an install follows an
   * uninstall that another process may have handled.
   */
  async remember(activity: Partial<Activity>, options: { refresh?: boolean } = {}): Promise<void> {
    const known = knownConversation(activity);
    if (!known) return;
    await this.record(known, options.refresh ?? false);
    if (known.kind !== "personal" && activity.from?.id) {
      await this.recordSighting(speakerOf(activity).userId, { conversationId: known.conversationId, memberId: activity.from.id });
    }
  }

  /** A personal chat Parcours opened itself, with the user the core knows as `userId`. */
  async rememberPersonal(userId: string, reference: TeamsReference & { conversation: { id: string } }): Promise<void> {
    await this.record({ platform: PLATFORM, conversationId: reference.conversation.id, kind: "personal", userId, reference }, false);
  }

  async find(conversationId: string): Promise<TeamsReference | undefined> {
    return (await this.parts.addresses.find(PLATFORM, channelConversationId(conversationId)))?.reference as TeamsReference | undefined;
  }

  async personal(userId: string): Promise<KnownConversation | undefined> {
    return this.parts.addresses.personal(PLATFORM, userId);
  }

  /** Every recorded conversation of a kind, in one query: an announcement's audience, or where a channel is looked for. */
  async list(kind: ConversationKind): Promise<KnownConversation[]> {
    return this.parts.addresses.list(PLATFORM, kind);
  }

  /** Where the user was last seen speaking, or else listed in a roster this process read lately. */
  async sighting(userId: string): Promise<Sighting | undefined> {
    const seen = await this.parts.state.get<Sighting>(sightingKey(userId));
    if (seen) return seen;
    const listed = this.rosters.current(userId);
    return listed ? (JSON.parse(listed) as Sighting) : undefined;
  }

  /** A member of the roster of a recorded conversation, as the roster named them. */
  noteRosterMember(userId: string, listed: Sighting): void {
    this.rosters.note(userId, JSON.stringify({ conversationId: channelConversationId(listed.conversationId), memberId: listed.memberId }), userId);
  }

  /** The bot was removed or uninstalled: Teams refuses proactive messages there anyway. */
  async forget(conversationId: string): Promise<void> {
    const id = channelConversationId(conversationId);
    await this.parts.addresses.forget(PLATFORM, id);
    this.memo.drop(`conversation:${id}`);
  }

  /** "Delete my data": the user's personal chats (their Teams and Entra ids are in the reference) and where they were seen. */
  async forgetUser(userId: string): Promise<void> {
    await this.parts.addresses.forgetUser(PLATFORM, userId);
    await this.parts.state.delete(sightingKey(userId));
    this.memo.dropOwner(userId);
    this.rosters.dropOwner(userId);
  }

  private async record(known: KnownConversation, refresh: boolean): Promise<void> {
    const key = `conversation:${known.conversationId}`;
    const value = JSON.stringify([known.kind, known.userId ?? null, known.reference]);
    if (!refresh && this.memo.isCurrent(key, value)) return;
    await this.aboutUser(known.userId, async () => {
      await this.parts.addresses.remember(known);
      this.memo.note(key, value, known.userId);
    });
  }

  private async recordSighting(userId: string, sighting: Sighting): Promise<void> {
    const key = `sighting:${userId}`;
    const value = JSON.stringify(sighting);
    if (this.memo.isCurrent(key, value)) return;
    await this.aboutUser(userId, async () => {
      await this.parts.state.set(sightingKey(userId), sighting, SIGHTING_TTL_MS);
      this.memo.note(key, value, userId);
    });
  }

  /**
   * A write about a user loses to a concurrent "delete my data": if an erasure began meanwhile, it
   * runs again once the write is done, and drops the memo of it too.
   */
  private aboutUser(userId: string | undefined, write: () => Promise<void>): Promise<void> {
    return userId ? this.parts.erasure.fenced({ platform: PLATFORM, userId }, write) : write();
  }
}
