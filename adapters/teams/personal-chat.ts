import { TurnContext, type CloudAdapter, type ConversationParameters } from "botbuilder";
import type { ConversationReferences } from "./conversation-references.js";

export interface PersonalChatAccess {
  adapter: CloudAdapter;
  /** The bot's app id, or "" when running unauthenticated against an emulator. */
  botAppId: string;
  references: ConversationReferences;
}

/** Only a personal chat is the user's alone; a conversation of unknown type counts as shared. */
export const isPersonal = (context: TurnContext) => context.activity.conversation?.conversationType === "personal";

/**
 * Runs `send` in the personal chat between the bot and the sender of a channel or group chat
 * message. Creating a one-to-one conversation that exists already gives it back, and Teams allows
 * it once the app is installed for the user or in a team they belong to:
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages
 * The personal chat's reference is kept, like every conversation Parcours talks in.
 */
export async function inPersonalChat(context: TurnContext, access: PersonalChatAccess, send: (personal: TurnContext) => Promise<void>): Promise<void> {
  const { activity } = context;
  const user = activity.from;
  const tenantId = activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  if (!user?.id || !activity.recipient?.id || !tenantId) throw new Error("no user, bot or tenant to open a personal chat with");
  const parameters: ConversationParameters = {
    isGroup: false,
    bot: activity.recipient,
    // No display name: the id is enough to address the user.
    members: [{ id: user.id, name: "" }],
    tenantId,
    channelData: { tenant: { id: tenantId } },
  };
  // The audience this turn was authenticated with; botbuilder takes its own default when there is none.
  const audience = context.turnState.get<string | undefined>(context.adapter.OAuthScopeKey) as string;
  await access.adapter.createConversationAsync(access.botAppId, activity.channelId, activity.serviceUrl, audience, parameters, async (personal) => {
    const reference = TurnContext.getConversationReference(personal.activity);
    await access.references.remember({
      ...reference,
      conversation: { ...personal.activity.conversation, conversationType: "personal" },
      user: { id: user.id, name: "", ...(user.aadObjectId ? { aadObjectId: user.aadObjectId } : {}) },
    });
    await send(personal);
  });
}
