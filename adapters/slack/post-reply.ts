import type { RespondFn, webApi } from "@slack/bolt";
import type { Reply } from "../../src/answers/reply.js";
import { uploadCharts, type ConversationPlace } from "./chart-upload.js";
import { escapeMrkdwn } from "./mrkdwn.js";
import { toBlockKit, type SlackMessage } from "./to-block-kit.js";

/** A conversation the bot is in: a DM, or a channel thread after a mention. */
type ConversationTarget = { kind: "conversation"; channel: string; threadTs?: string; userId: string };

/** Where an answer goes back to. */
export type ReplyTarget =
  | ConversationTarget
  /** The response_url of a slash command or of a button on an ephemeral message: seen by the user only. */
  | { kind: "response-url"; respond: RespondFn };

/**
 * Seen by the user alone: a DM (its id starts with D), or the user's own id, where a button of the
 * Home tab is answered. Anything else may be read by other people.
 */
const isPrivatePlace = (target: ConversationTarget) => target.channel.startsWith("D") || target.channel === target.userId;

/**
 * Posts a reply, in order when it takes several messages, then its charts as pictures. A private
 * reply (self-ratings) asked for in a shared channel goes to the user's DM instead, and the
 * channel only gets its notice.
 */
export async function postReply(client: webApi.WebClient, reply: Reply, target: ReplyTarget): Promise<void> {
  const messages = toBlockKit(reply);
  if (target.kind === "response-url") {
    // An ephemeral response cannot carry a file; its text bars stand in for the chart.
    for (const { text, blocks } of messages) {
      await target.respond({ response_type: "ephemeral", replace_original: false, text, ...(blocks.length > 0 ? { blocks } : {}) });
    }
    return;
  }
  if (reply.private && !isPrivatePlace(target)) return postPrivately(client, reply, messages, target);
  const thread = target.threadTs ? { threadTs: target.threadTs } : {};
  const postedTo = await postMessages(client, messages, { channel: target.channel, ...thread });
  await uploadCharts(client, reply, { channel: postedTo, ...thread });
}

/** Posts the messages in order, and answers the id of the conversation Slack put them in. */
async function postMessages(client: webApi.WebClient, messages: readonly SlackMessage[], place: ConversationPlace): Promise<string> {
  let postedTo = place.channel;
  for (const { text, blocks } of messages) {
    const posted = await client.chat.postMessage({ channel: place.channel, text, ...(blocks.length > 0 ? { blocks } : {}), ...(place.threadTs ? { thread_ts: place.threadTs } : {}) });
    // Posted to a user id, Slack opens the DM and answers with its id, which a file upload needs.
    postedTo = posted.channel ?? postedTo;
  }
  return postedTo;
}

/** The reply in the user's DM (chat.postMessage to a user id opens it), a notice where they asked. */
async function postPrivately(client: webApi.WebClient, reply: Reply, messages: readonly SlackMessage[], target: ConversationTarget): Promise<void> {
  const notice = async (text: string | undefined) => {
    if (text) await client.chat.postMessage({ channel: target.channel, text: escapeMrkdwn(text), ...(target.threadTs ? { thread_ts: target.threadTs } : {}) });
  };
  let dm: string;
  try {
    dm = await postMessages(client, messages, { channel: target.userId });
  } catch (error) {
    // Slack refused the DM (messages_tab_disabled, for one): the channel learns how to reach Parcours, never the content.
    await notice(reply.privateUnavailableNotice);
    throw error;
  }
  await notice(reply.publicNotice);
  // After the notice: a failed upload loses only the picture, whose scores the text already shows.
  await uploadCharts(client, reply, { channel: dm });
}
