import type { App, Context, webApi } from "@slack/bolt";
import { DeliveryInProgress } from "../../../src/conversation/parcours-bot.js";
import { deliverReply, type ReplyOrigin } from "../../../src/outbound/deliver-reply.js";
import { askForRedelivery } from "../event-outcome.js";
import { isDirectMessage } from "../known-conversations.js";
import type { MessageEventFields } from "../payload-shapes.js";
import { conversationOf, PLATFORM, type SlackDeps } from "../slack-deps.js";
import { readMessageText } from "../slack-text.js";

interface UserMessage {
  userId: string;
  text: string;
  deliveryId: string;
  conversationId: string;
  origin: ReplyOrigin;
}

/**
 * A person's new message may still carry a subtype: a file shared with text, or a thread reply also
 * sent to the conversation. Every other subtype (bot_message, message_changed, message_deleted, a
 * channel join…) is not a question. https://docs.slack.dev/reference/events/message#subtypes
 */
const ANSWERED_SUBTYPES = new Set(["file_share", "thread_broadcast"]);

/** Bots (ourselves included) never get an answer: two bots answering each other would never stop. */
function fromPerson(event: MessageEventFields, botUserId: string | undefined): event is MessageEventFields & { user: string } {
  const answered = !event.subtype || ANSWERED_SUBTYPES.has(event.subtype);
  return answered && !event.bot_id && Boolean(event.user) && event.user !== botUserId;
}

/** Where a message was written: a thread of it when it has one; private when it is the user's DM. */
function originOf(event: MessageEventFields & { user: string }, threadTs: string | undefined): ReplyOrigin {
  return {
    address: { platform: PLATFORM, conversationId: event.channel, ...(threadTs ? { threadId: threadTs } : {}) },
    userId: event.user,
    private: isDirectMessage(event.channel),
  };
}

/**
 * The answer, then the delivery marked answered. Slack has no acknowledgement until this ends
 * (slack-http-receiver.ts): a process dying before then leaves the event to Slack's retries.
 */
async function answer(deps: SlackDeps, client: webApi.WebClient, context: Context, message: UserMessage): Promise<void> {
  const { locale, timeZone } = await deps.locales.languageAndZoneOf(client, message.userId);
  const incoming = {
    platform: PLATFORM,
    userId: message.userId,
    conversationId: message.conversationId,
    text: message.text,
    deliveryId: message.deliveryId,
    place: { address: message.origin.address, shared: !message.origin.private },
    ...(locale ? { locale } : {}),
    ...(timeZone ? { timeZone } : {}),
  };
  let reply;
  try {
    reply = await deps.bot.handleMessage(incoming);
  } catch (error) {
    if (!(error instanceof DeliveryInProgress)) throw error;
    return askForRedelivery(context);
  }
  if (!reply) return;
  // A post that fails is logged, and the event acknowledged: the answer may have moved a flow on, so
  // answering a redelivery afresh could apply the same words twice.
  await deliverReply(deps.outbound(client, message.userId), reply, message.origin);
  await deps.bot.answered(incoming);
}

/**
 * Direct messages (message.im) and mentions in channels (app_mention, answered in the thread).
 * Bolt acknowledges events before listeners run, but the receiver holds the HTTP answer until
 * they end; the event_id is the delivery id, the same on each of Slack's retries.
 * https://docs.slack.dev/apis/events-api/#retries
 * Only a mention is claimed (MessageClaims): an edited mention comes back as a new app_mention,
 * while an edited DM comes as message_changed, which is never answered.
 * The event's shape was checked before any listener ran (payload-shapes.ts).
 */
export function listenToMessages(app: App, deps: SlackDeps): void {
  app.event("message", async ({ event, body, context, client }) => {
    const message = event as unknown as MessageEventFields;
    if (message.channel_type !== "im" || !fromPerson(message, context.botUserId)) return;
    await deps.work.track("message.im", async () => {
      await deps.conversations.rememberDm(message.channel, message.user);
      await answer(deps, client, context, {
        userId: message.user,
        text: readMessageText(message.text ?? "", context.botUserId),
        deliveryId: body.event_id,
        conversationId: conversationOf(message.user, message.channel),
        origin: originOf(message, message.thread_ts ?? undefined),
      });
    });
  });

  app.event("app_mention", async ({ event, body, context, client }) => {
    const mention = event as unknown as MessageEventFields;
    // A mention in a DM also arrives as message.im, which answers it.
    if (isDirectMessage(mention.channel) || !fromPerson(mention, context.botUserId)) return;
    const threadTs = mention.thread_ts ?? mention.ts;
    await deps.work.track("app_mention", async () => {
      // Before the core's de-duplication on the event id, which an edit changes: one answer per mention.
      if (!(await deps.claims.mayAnswer(mention.user, mention.channel, mention.ts, body.event_id))) return;
      await answer(deps, client, context, {
        userId: mention.user,
        text: readMessageText(mention.text ?? "", context.botUserId),
        deliveryId: body.event_id,
        conversationId: conversationOf(mention.user, mention.channel, threadTs),
        origin: originOf(mention, threadTs),
      });
    });
  });
}
