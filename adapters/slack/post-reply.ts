import type { RespondFn, webApi } from "@slack/bolt";
import type { Reply } from "../../src/answers/reply.js";
import { toBlockKit } from "./to-block-kit.js";

/** Where an answer goes back to. */
export type ReplyTarget =
  /** A conversation the bot is in: a DM, or a channel thread after a mention. */
  | { kind: "conversation"; channel: string; threadTs?: string; userId: string }
  /** The response_url of a slash command or of a button on an ephemeral message: seen by the user only. */
  | { kind: "response-url"; respond: RespondFn };

/** DM channel ids start with D; anything else may be read by other people. */
export const isDirectChannel = (channel: string) => channel.startsWith("D");

/**
 * Posts a reply, in order when it takes several messages. A private reply (self-ratings) asked
 * for in a shared channel goes to the user's DM instead: chat.postMessage to a user id opens it.
 */
export async function postReply(client: webApi.WebClient, reply: Reply, target: ReplyTarget): Promise<void> {
  const messages = toBlockKit(reply);
  if (target.kind === "response-url") {
    for (const { text, blocks } of messages) {
      await target.respond({ response_type: "ephemeral", replace_original: false, text, ...(blocks.length > 0 ? { blocks } : {}) });
    }
    return;
  }
  const shared = !isDirectChannel(target.channel);
  const channel = reply.private && shared ? target.userId : target.channel;
  const threadTs = reply.private && shared ? undefined : target.threadTs;
  for (const { text, blocks } of messages) {
    await client.chat.postMessage({ channel, text, ...(blocks.length > 0 ? { blocks } : {}), ...(threadTs ? { thread_ts: threadTs } : {}) });
  }
}
