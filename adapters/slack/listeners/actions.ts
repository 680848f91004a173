import type { App, BlockAction, RespondFn, webApi } from "@slack/bolt";
import type { OutboundPort } from "../../../src/outbound/outbound.js";
import { deliverReply, type ReplyOrigin } from "../../../src/outbound/deliver-reply.js";
import { decodeActionId } from "../action-id.js";
import { EphemeralOutbound } from "../ephemeral-outbound.js";
import { isDirectMessage } from "../known-conversations.js";
import type { BlockActionsFields, PressedElement } from "../payload-shapes.js";
import { conversationOf, PLATFORM, type SlackDeps } from "../slack-deps.js";

interface PressPlace {
  port: OutboundPort;
  origin: ReplyOrigin;
}

/** The message the button was on: its conversation and thread; none for a view (the Home tab) or an ephemeral message. */
function shownIn(body: BlockActionsFields): { channel?: string; threadTs?: string } {
  const { container } = body;
  if (container.type !== "message" || container.is_ephemeral) return {};
  const channel = container.channel_id ?? body.channel?.id ?? undefined;
  return { ...(channel ? { channel } : {}), ...(container.thread_ts ? { threadTs: container.thread_ts } : {}) };
}

/** Where the answer to a press goes, and whether only the presser sees it there. */
async function placeOf(deps: SlackDeps, body: BlockActionsFields, client: webApi.WebClient, respond: RespondFn | undefined): Promise<PressPlace> {
  const web = deps.outbound(client);
  const userId = body.user.id;
  if (body.container.is_ephemeral && respond) {
    // An ephemeral message is seen by the user alone; its answer goes back the same way.
    const address = { platform: PLATFORM, conversationId: body.container.channel_id ?? body.channel?.id ?? `ephemeral:${userId}` };
    return { port: new EphemeralOutbound(respond, address, web), origin: { address, userId, private: true } };
  }
  const { channel, threadTs } = shownIn(body);
  // A button in the Home tab (a view) is answered in the user's DM with Parcours.
  if (!channel) return { port: web, origin: { address: await web.openPrivateConversation(userId), userId, private: true } };
  const address = { platform: PLATFORM, conversationId: channel, ...(threadTs ? { threadId: threadTs } : {}) };
  return { port: web, origin: { address, userId, private: isDirectMessage(channel) } };
}

/**
 * Every block action: the action id and value the core put on the button come back as they
 * were (an action id Parcours did not make reaches the core too, which answers it politely).
 * https://docs.slack.dev/reference/interaction-payloads/block_actions-payload
 * The payload's shape was checked before any listener ran (payload-shapes.ts).
 */
export function listenToActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction>({ type: "block_actions" }, async ({ ack, body, action, respond, client }) => {
    await ack();
    await deps.work.track("block_actions", async () => {
      const payload = body as unknown as BlockActionsFields;
      const pressed = action as unknown as PressedElement;
      const userId = payload.user.id;
      const { channel, threadTs } = shownIn(payload);
      const locale = await deps.locales.of(client, userId);
      const reply = await deps.bot.handleAction({
        platform: PLATFORM,
        userId,
        conversationId: conversationOf(userId, channel, threadTs),
        actionId: decodeActionId(pressed.action_id),
        value: pressed.value ?? pressed.selected_option?.value ?? "",
        // Interactions are not retried; the trigger_id names this one press.
        deliveryId: `action:${payload.trigger_id}`,
        ...(locale ? { locale } : {}),
      });
      if (!reply) return;
      const place = await placeOf(deps, payload, client, respond);
      await deliverReply(place.port, reply, place.origin);
    });
  });
}
