import type { RespondFn, webApi } from "@slack/bolt";
import { z } from "zod";
import type { ReplyOrigin } from "../../src/outbound/deliver-reply.js";
import type { OutboundPort } from "../../src/outbound/outbound.js";
import { EphemeralOutbound } from "./ephemeral-outbound.js";
import { isDirectMessage } from "./known-conversations.js";
import type { BlockActionsFields } from "./payload-shapes.js";
import { conversationOf, PLATFORM, type SlackDeps } from "./slack-deps.js";

/**
 * Where the answer to a press goes, as plain data, so that it can wait in a modal's
 * private_metadata until the modal is submitted: the conversation and thread of the message the
 * button was on (none for the Home tab: the user's DM), or, for an ephemeral message, its
 * response_url.
 */
export const answerPlaceSchema = z.object({
  channel: z.string().min(1).optional(),
  threadTs: z.string().min(1).optional(),
  /** Set for an ephemeral message: only the user sees it, and its answer goes back the same way. */
  responseUrl: z.string().min(1).optional(),
});
export type AnswerPlace = z.infer<typeof answerPlaceSchema>;

export interface ResolvedPlace {
  port: OutboundPort;
  origin: ReplyOrigin;
}

/** The place of a block_actions press. */
export function placeOfPress(body: BlockActionsFields): AnswerPlace {
  const { container } = body;
  const channel = container.channel_id ?? body.channel?.id ?? undefined;
  // An ephemeral message that can no longer be answered in place is answered in the DM, as the Home tab (a view) is.
  if (container.is_ephemeral) return body.response_url ? { ...(channel ? { channel } : {}), responseUrl: body.response_url } : {};
  if (container.type !== "message" || !channel) return {};
  return { channel, ...(container.thread_ts ? { threadTs: container.thread_ts } : {}) };
}

/** The core's conversation id for a press at this place: an ephemeral message or the Home tab counts as the DM. */
export function conversationAt(userId: string, place: AnswerPlace): string {
  return place.responseUrl ? conversationOf(userId) : conversationOf(userId, place.channel, place.threadTs);
}

/**
 * Posts to a response_url, as Bolt's `respond` does, for a request that did not bring one itself
 * (a modal's submission, whose place came in its private_metadata).
 * https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
 */
export function respondVia(url: string): RespondFn {
  return async (message) => {
    const body = typeof message === "string" ? { text: message } : message;
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`response_url answered ${response.status}`);
  };
}

/** The port and origin of the answer at this place, and whether only the user sees it there. */
export async function resolvePlace(deps: SlackDeps, client: webApi.WebClient, userId: string, place: AnswerPlace, respond?: RespondFn): Promise<ResolvedPlace> {
  const web = deps.outbound(client, userId);
  if (place.responseUrl) {
    const address = { platform: PLATFORM, conversationId: place.channel ?? `ephemeral:${userId}` };
    return { port: new EphemeralOutbound(respond ?? respondVia(place.responseUrl), address, web, deps.forms), origin: { address, userId, private: true } };
  }
  if (!place.channel) return { port: web, origin: { address: await web.openPrivateConversation(userId), userId, private: true } };
  const address = { platform: PLATFORM, conversationId: place.channel, ...(place.threadTs ? { threadId: place.threadTs } : {}) };
  return { port: web, origin: { address, userId, private: isDirectMessage(place.channel) } };
}
