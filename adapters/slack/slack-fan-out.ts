import type { webApi } from "@slack/bolt";
import type { Locale } from "../../src/catalog/schema.js";
import type { ConversationAddress, FanOutPort, PostedMessage, PostingPace, Reachable } from "../../src/outbound/outbound.js";
import { toLocale } from "../shared/locale.js";
import { isUserId, type KnownConversations } from "./known-conversations.js";
import { PLATFORM, SLACKBOT } from "./slack-deps.js";
import { slackCall } from "./slack-failure.js";
import { everyPage, KeptListing, PAGE_SIZE } from "./slack-listing.js";

/**
 * The message metadata event an announcement's message carries, so that a send cut short can be
 * looked for in the conversation's history. https://docs.slack.dev/messaging/message-metadata
 */
const DELIVERY_EVENT = "parcours_announcement";

export const deliveryMetadata = (deliveryKey: string) => ({ event_type: DELIVERY_EVENT, event_payload: { delivery: deliveryKey } });

/** Long enough for the steps of one announcement to share a listing, short enough that a new colleague or channel is seen soon. */
const LISTING_TTL_MS = 5 * 60_000;

/**
 * How far back findPosted looks: a send is reconciled soon after it was cut short, when its message
 * is among the latest. Slack caps this page at 15 messages for apps distributed outside the Slack
 * Marketplace (and allows them one call a minute). https://docs.slack.dev/reference/methods/conversations.history
 */
const HISTORY_DEPTH = 100;

/** A public or private channel's id; a name is lowercase, so never looks like one. */
const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;

/** The workspace's people as one users.list pass gives them. */
interface Workspace {
  reachable: Reachable[];
  locales: Map<string, Locale>;
}

export interface SlackFanOutParts {
  /** The core's own client, never the one Bolt's listeners answer people with. */
  client: webApi.WebClient;
  pace: PostingPace;
  conversations: KnownConversations;
  /** The user's DM as the outbound port opens it: conversations.open, unless the install lacks im:write. */
  privateConversation: (userId: string) => Promise<ConversationAddress>;
  now?: () => number;
}

/**
 * What announcements need from Slack: audiences and languages from paged listings (about 50
 * users.list calls for 10,000 people, not one users.info call each), and the history to tell
 * whether a send cut short reached its conversation.
 */
export class SlackFanOut implements FanOutPort {
  readonly pace: PostingPace;
  private readonly workspace: KeptListing<Workspace>;
  private readonly channels: KeptListing<Map<string, string>>;

  constructor(private readonly parts: SlackFanOutParts) {
    this.pace = parts.pace;
    this.workspace = new KeptListing(() => this.listWorkspace(), LISTING_TTL_MS, parts.now);
    this.channels = new KeptListing(() => this.listChannels(), LISTING_TTL_MS, parts.now);
  }

  async everyone(): Promise<Reachable[]> {
    return [...(await this.workspace.get()).reachable];
  }

  async locales(userIds: readonly string[]): Promise<Map<string, Locale>> {
    const { locales } = await this.workspace.get();
    const known = new Map<string, Locale>();
    for (const id of userIds) {
      const locale = locales.get(id);
      if (locale) known.set(id, locale);
    }
    return known;
  }

  /** https://docs.slack.dev/reference/methods/usergroups.users.list (usergroups:read) */
  async userGroup(groupId: string): Promise<string[]> {
    const { users } = await slackCall(() => this.parts.client.usergroups.users.list({ usergroup: groupId }));
    return users ?? [];
  }

  /**
   * The user's id: chat.postMessage takes it for their DM with the app and opens it, with chat:write
   * alone and no conversations.open, whose Tier 3 limit (about 50 a minute) would hold up a send to
   * thousands; post() records the DM Slack names. https://docs.slack.dev/reference/methods/chat.postMessage#app_home
   */
  async privateAddress(userId: string): Promise<ConversationAddress> {
    return { platform: PLATFORM, conversationId: userId };
  }

  async channelId(nameOrId: string): Promise<string | undefined> {
    const typed = nameOrId.trim();
    if (CHANNEL_ID.test(typed)) return typed;
    return (await this.channels.get()).get(typed.replace(/^#/, "").toLowerCase());
  }

  /**
   * The message with this delivery key among the latest at the top of the conversation (announcements
   * are not posted in threads). Addressed to a user's id, it looks in their DM.
   */
  async findPosted(to: ConversationAddress, deliveryKey: string): Promise<PostedMessage | null> {
    const channel = isUserId(to.conversationId) ? await this.dmOf(to.conversationId) : to.conversationId;
    if (!channel) return null;
    const { messages } = await slackCall(() => this.parts.client.conversations.history({ channel, limit: HISTORY_DEPTH, include_all_metadata: true }));
    const posted = messages?.find(({ metadata }) => metadata?.event_type === DELIVERY_EVENT && (metadata.event_payload as { delivery?: unknown } | undefined)?.delivery === deliveryKey);
    return posted?.ts ? { platform: PLATFORM, conversationId: channel, messageId: posted.ts } : null;
  }

  /**
   * The DM's id: recorded when a post opened it (by this process or another, before a restart), else
   * from conversations.open. Undefined when neither knows it: post() records a DM as soon as Slack
   * names it, so nothing was posted there (short of a crash in the instant between the two).
   */
  private async dmOf(userId: string): Promise<string | undefined> {
    const recorded = await this.parts.conversations.recordedDmOf(userId);
    if (recorded) return recorded;
    const opened = await this.parts.privateConversation(userId);
    return isUserId(opened.conversationId) ? undefined : opened.conversationId;
  }

  /**
   * Everyone an announcement can reach: people, guests included; not deactivated accounts, bots, app
   * users or Slackbot (whom users.list does not call a bot). https://docs.slack.dev/reference/methods/users.list
   */
  private async listWorkspace(): Promise<Workspace> {
    const members = await everyPage(async (cursor) => {
      const page = await this.parts.client.users.list({ limit: PAGE_SIZE, include_locale: true, ...(cursor ? { cursor } : {}) });
      return { items: page.members, next: page.response_metadata?.next_cursor };
    });
    const workspace: Workspace = { reachable: [], locales: new Map() };
    for (const member of members) {
      if (!member.id || member.deleted || member.is_bot || member.is_app_user || member.id === SLACKBOT) continue;
      const locale = toLocale(member.locale);
      workspace.reachable.push({ userId: member.id, ...(locale ? { locale } : {}) });
      if (locale) workspace.locales.set(member.id, locale);
    }
    return workspace;
  }

  /** Channel names to ids: public ones, and the private ones the app is in; archived ones cannot be posted in. https://docs.slack.dev/reference/methods/conversations.list */
  private async listChannels(): Promise<Map<string, string>> {
    const channels = await everyPage(async (cursor) => {
      const page = await this.parts.client.conversations.list({ types: "public_channel,private_channel", exclude_archived: true, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
      return { items: page.channels, next: page.response_metadata?.next_cursor };
    });
    return new Map(channels.flatMap((channel) => (channel.id && channel.name ? [[channel.name, channel.id] as const] : [])));
  }
}
