import type { App, webApi } from "@slack/bolt";
import { postReply, type ReplyTarget } from "../post-reply.js";
import { conversationOf, PLATFORM, type SlackDeps } from "../slack-deps.js";
import { readMessageText } from "../slack-text.js";

/** The fields Parcours reads from a `message` or `app_mention` event. */
interface MessageEventFields {
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  channel: string;
  channel_type?: string;
  ts: string;
  thread_ts?: string;
}

interface UserMessage {
  userId: string;
  text: string;
  deliveryId: string;
  conversationId: string;
  target: ReplyTarget;
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

async function answer(deps: SlackDeps, client: webApi.WebClient, message: UserMessage): Promise<void> {
  const locale = await deps.locales.of(client, message.userId);
  const reply = await deps.bot.handleMessage({
    platform: PLATFORM,
    userId: message.userId,
    conversationId: message.conversationId,
    text: message.text,
    deliveryId: message.deliveryId,
    ...(locale ? { locale } : {}),
  });
  if (reply) await postReply(client, reply, message.target);
}

/**
 * Direct messages (message.im) and mentions in channels (app_mention, answered in the thread).
 * Bolt acknowledges events before listeners run; the event_id is the delivery id, the same on
 * each of Slack's retries. https://docs.slack.dev/apis/events-api/#retries
 */
export function listenToMessages(app: App, deps: SlackDeps): void {
  app.event("message", async ({ event, body, context, client }) => {
    const message = event as unknown as MessageEventFields;
    if (message.channel_type !== "im" || !fromPerson(message, context.botUserId)) return;
    await deps.work.track("message.im", () =>
      answer(deps, client, {
        userId: message.user,
        text: readMessageText(message.text ?? "", context.botUserId),
        deliveryId: body.event_id,
        conversationId: conversationOf(message.user, message.channel),
        target: { kind: "conversation", channel: message.channel, userId: message.user, ...(message.thread_ts ? { threadTs: message.thread_ts } : {}) },
      }),
    );
  });

  app.event("app_mention", async ({ event, body, context, client }) => {
    const mention = event as unknown as MessageEventFields;
    // A mention in a DM also arrives as message.im, which answers it.
    if (mention.channel.startsWith("D") || !fromPerson(mention, context.botUserId)) return;
    const threadTs = mention.thread_ts ?? mention.ts;
    await deps.work.track("app_mention", () =>
      answer(deps, client, {
        userId: mention.user,
        text: readMessageText(mention.text ?? "", context.botUserId),
        deliveryId: body.event_id,
        conversationId: conversationOf(mention.user, mention.channel, threadTs),
        target: { kind: "conversation", channel: mention.channel, threadTs, userId: mention.user },
      }),
    );
  });
}
