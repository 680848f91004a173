import { TeamsInfo, type ConversationReference, type TeamsChannelAccount, type TurnContext } from "botbuilder";
import type { Reply } from "../../src/answers/reply.js";
import { OutboundError, type ConversationAddress, type FanOutPort, type OutboundPort, type PostedMessage } from "../../src/outbound/outbound.js";
import { conversationIdOf } from "./conversation-address.js";
import type { ConversationReferences, TeamsReference } from "./conversation-references.js";
import { toOutboundError } from "./outbound-errors.js";
import { createPersonalChat, openingFromSighting, type ConversationCreator, type PersonalChatOpening } from "./personal-chat.js";
import { TeamsFanOut } from "./teams-fan-out.js";
import { chartPictures } from "./chart-image.js";
import { toTeamsMessages } from "./to-adaptive-card.js";
import { PLATFORM } from "./to-incoming.js";

/** Teams serves at most 500 members a page: https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context */
const MEMBERS_PAGE_SIZE = 500;

/** Other bots in a roster have "28:" ids; people have "29:" ones and an Entra object id. */
const isBot = (member: TeamsChannelAccount) => member.id.startsWith("28:");

/**
 * The core's id of a roster member: the Entra object id, as for a sender (see speakerOf). The paged
 * members API names it `objectId`, which botbuilder passes through as it came.
 */
const userIdOf = (member: TeamsChannelAccount & { objectId?: string }) => member.aadObjectId ?? member.objectId ?? member.id;

/**
 * A proactive message is a new message in the conversation, not a reply: the continuation turn's
 * activity id is made up, and botbuilder would otherwise post every message as a reply to it.
 */
function postAsNewMessages(context: TurnContext): void {
  context.onSendActivities(async (_context, activities, next) => {
    for (const activity of activities) delete activity.replyToId;
    return next();
  });
}

/**
 * What the core can do in Teams without being spoken to, through botbuilder's CloudAdapter and the
 * conversation references recorded as people used the app:
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages
 * Every refusal is an OutboundError; a 429's Retry-After is waited out up to three times first, and
 * nothing else is sent twice (send-once.ts). A post's delivery key is not kept: a Teams message has
 * no metadata to find it by.
 */
export class TeamsOutbound implements OutboundPort {
  readonly platform = PLATFORM;
  readonly fanOut: FanOutPort;

  constructor(private readonly deps: ConversationCreator & { references: ConversationReferences; messagesPerSecond: number }) {
    this.fanOut = new TeamsFanOut(deps.references, deps.messagesPerSecond);
  }

  async openPrivateConversation(userId: string): Promise<ConversationAddress> {
    return this.openPersonalChat(userId);
  }

  /**
   * The user's recorded personal chat, or a new one opened from `seenHere` (the turn they are
   * speaking in) or else from where they were last seen; recorded once opened.
   */
  async openPersonalChat(userId: string, seenHere?: PersonalChatOpening): Promise<ConversationAddress> {
    const personal = await this.deps.references.personal(userId);
    if (personal) return { platform: PLATFORM, conversationId: personal.conversationId };
    const opening = seenHere ?? (await this.lastSeen(userId));
    if (!opening) throw new OutboundError({ reason: "user-not-found" });
    let reference: Awaited<ReturnType<typeof createPersonalChat>>;
    try {
      reference = await createPersonalChat(this.deps, opening, userId);
    } catch (error) {
      throw toOutboundError(error);
    }
    await this.deps.references.rememberPersonal(userId, reference);
    return { platform: PLATFORM, conversationId: reference.conversation.id };
  }

  async post(to: ConversationAddress, reply: Reply): Promise<PostedMessage> {
    const sent = await this.inConversation(to, async (context) => {
      postAsNewMessages(context);
      return context.sendActivities(toTeamsMessages(reply, await chartPictures(reply)));
    });
    return { ...to, messageId: sent[0]?.id ?? "" };
  }

  /** A Teams message holds one card: the update shows the reply's first (a survey's live count fits in one). */
  async update(message: PostedMessage, reply: Reply): Promise<void> {
    const [first] = toTeamsMessages(reply, await chartPictures(reply));
    await this.inConversation(message, (context) => context.updateActivity({ ...first, id: message.messageId }));
  }

  /**
   * A channel's readers are its team's roster; a group chat's, its own. Each member's Bot Framework
   * id is noted on the way: a survey's reminder opens a personal chat with members who never wrote
   * to Parcours, and only the roster names them.
   */
  async listMembers(conversationId: string): Promise<string[]> {
    return this.inConversation({ platform: PLATFORM, conversationId }, async (context, reference) => {
      const ids: string[] = [];
      let continuationToken: string | undefined;
      do {
        const page = reference.teamId
          ? await TeamsInfo.getPagedTeamMembers(context, reference.teamId, MEMBERS_PAGE_SIZE, continuationToken)
          : await TeamsInfo.getPagedMembers(context, MEMBERS_PAGE_SIZE, continuationToken);
        for (const member of page.members.filter((m) => !isBot(m))) {
          const userId = userIdOf(member);
          this.deps.references.noteRosterMember(userId, { conversationId, memberId: member.id });
          ids.push(userId);
        }
        continuationToken = page.continuationToken || undefined;
      } while (continuationToken);
      return ids;
    });
  }

  /**
   * Runs `work` in a proactive turn in a recorded conversation. botbuilder hands a failure inside
   * the turn to the adapter's onTurnError instead of throwing it, so it is carried out here.
   */
  async inConversation<T>(to: ConversationAddress, work: (context: TurnContext, reference: TeamsReference) => Promise<T>): Promise<T> {
    const recorded = await this.deps.references.find(to.conversationId);
    if (!recorded?.conversation) throw new OutboundError({ reason: "conversation-not-found" });
    const reference = { ...recorded, conversation: { ...recorded.conversation, id: conversationIdOf(to) } };
    let outcome: { value: T } | { error: unknown } | undefined;
    try {
      await this.continueConversation(reference, async (context) => {
        try {
          outcome = { value: await work(context, reference) };
        } catch (error) {
          outcome = { error };
        }
      });
    } catch (error) {
      throw toOutboundError(error);
    }
    if (!outcome) throw new OutboundError({ reason: "failed", detail: "the proactive turn did not run" });
    if ("error" in outcome) throw toOutboundError(outcome.error);
    return outcome.value;
  }

  /** A proactive turn, as the bot's own app (an answer later than its turn uses it too). */
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    return this.deps.adapter.continueConversationAsync(this.deps.botAppId, reference, logic);
  }

  private async lastSeen(userId: string): Promise<PersonalChatOpening | undefined> {
    const sighting = await this.deps.references.sighting(userId);
    const seenIn = sighting && (await this.deps.references.find(sighting.conversationId));
    return sighting && seenIn ? openingFromSighting(sighting, seenIn) : undefined;
  }
}
