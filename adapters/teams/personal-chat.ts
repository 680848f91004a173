import type { ChannelAccount, CloudAdapter, ConversationParameters, TeamsChannelData, TurnContext } from "botbuilder";
import type { Sighting, TeamsReference } from "./conversation-references.js";

/** What opening a personal chat with a user takes: where they were seen, and their id there. */
export interface PersonalChatOpening {
  /** The user's Bot Framework id ("29:…"). */
  memberId: string;
  channelId: string;
  serviceUrl: string;
  tenantId: string;
  bot: ChannelAccount;
  /** The audience of the turn the user is speaking in; botbuilder's default when there is none. */
  audience?: string;
}

export interface ConversationCreator {
  adapter: CloudAdapter;
  /** The bot's app id, or "" when running unauthenticated against an emulator. */
  botAppId: string;
}

/** The sender of the turn, in the conversation they are speaking in. */
export function openingFromTurn(context: TurnContext): PersonalChatOpening | undefined {
  const { activity } = context;
  const tenantId = activity.conversation?.tenantId ?? (activity.channelData as TeamsChannelData | undefined)?.tenant?.id;
  if (!activity.from?.id || !activity.recipient?.id || !tenantId) return undefined;
  const audience = context.turnState.get<string | undefined>(context.adapter.OAuthScopeKey);
  return {
    memberId: activity.from.id,
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    tenantId,
    bot: { id: activity.recipient.id, name: activity.recipient.name ?? "" },
    ...(audience ? { audience } : {}),
  };
}

/** A user seen earlier in a conversation that was recorded. */
export function openingFromSighting(sighting: Sighting, seenIn: TeamsReference): PersonalChatOpening | undefined {
  const { serviceUrl, channelId, bot } = seenIn;
  const tenantId = seenIn.conversation?.tenantId;
  if (!serviceUrl || !channelId || !bot?.id || !tenantId) return undefined;
  return { memberId: sighting.memberId, channelId, serviceUrl, tenantId, bot: { id: bot.id, name: bot.name ?? "" } };
}

/**
 * Creates the one-to-one conversation between the bot and a user. Creating one that exists already
 * gives it back, and Teams allows it once the app is installed for the user or in a team they
 * belong to: https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages
 * Answers the new conversation's reference, with the user's ids and no display names.
 */
export async function createPersonalChat(
  creator: ConversationCreator,
  opening: PersonalChatOpening,
  userId: string,
): Promise<TeamsReference & { conversation: { id: string } }> {
  const { memberId, channelId, serviceUrl, tenantId, bot } = opening;
  const parameters: ConversationParameters = {
    isGroup: false,
    bot,
    members: [{ id: memberId, name: "" }],
    tenantId,
    channelData: { tenant: { id: tenantId } },
  };
  let conversationId: string | undefined;
  // botbuilder's signature wants an audience; without one it takes its default scope.
  await creator.adapter.createConversationAsync(creator.botAppId, channelId, serviceUrl, opening.audience as string, parameters, async (created) => {
    conversationId = created.activity.conversation.id;
  });
  if (!conversationId) throw new Error("Teams created a conversation without an id");
  return {
    channelId,
    serviceUrl,
    bot,
    conversation: { id: conversationId, isGroup: false, conversationType: "personal", tenantId, name: "" },
    user: { id: memberId, name: "", ...(userId !== memberId ? { aadObjectId: userId } : {}) },
  };
}
