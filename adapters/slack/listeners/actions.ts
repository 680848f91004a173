import type { App, BlockAction } from "@slack/bolt";
import { decodeActionId } from "../action-id.js";
import { postReply, type ReplyTarget } from "../post-reply.js";
import { conversationOf, PLATFORM, type SlackDeps } from "../slack-deps.js";

/** The fields Parcours reads from the element that was pressed (a button, or a select's option). */
interface PressedElement {
  action_id: string;
  value?: string;
  selected_option?: { value?: string };
}

/** Where the pressed button was shown, and so where its answer goes. */
function targetOf(body: BlockAction, respond: ReplyTarget | undefined): { target: ReplyTarget; channel?: string; threadTs?: string } {
  const container = body.container as { type?: string; channel_id?: string; thread_ts?: string; is_ephemeral?: boolean };
  if (container.is_ephemeral && respond) return { target: respond };
  const channel = container.type === "message" ? (container.channel_id ?? body.channel?.id) : undefined;
  // A button in the Home tab (a view) is answered in the user's DM with Parcours.
  if (!channel) return { target: { kind: "conversation", channel: body.user.id, userId: body.user.id } };
  const threadTs = container.thread_ts;
  return { target: { kind: "conversation", channel, userId: body.user.id, ...(threadTs ? { threadTs } : {}) }, channel, ...(threadTs ? { threadTs } : {}) };
}

/**
 * Every block action: the action id and value the core put on the button come back as they
 * were (an action id Parcours did not make reaches the core too, which answers it politely).
 * https://docs.slack.dev/reference/interaction-payloads/block_actions-payload
 */
export function listenToActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction>({ type: "block_actions" }, async ({ ack, body, action, respond, client }) => {
    await ack();
    await deps.work.track("block_actions", async () => {
      const pressed = action as unknown as PressedElement;
      const { target, channel, threadTs } = targetOf(body, body.response_url ? { kind: "response-url", respond } : undefined);
      const locale = await deps.locales.of(client, body.user.id);
      const reply = await deps.bot.handleAction({
        platform: PLATFORM,
        userId: body.user.id,
        conversationId: conversationOf(body.user.id, channel, threadTs),
        actionId: decodeActionId(pressed.action_id),
        value: pressed.value ?? pressed.selected_option?.value ?? "",
        // Interactions are not retried; the trigger_id names this one press.
        deliveryId: `action:${body.trigger_id}`,
        ...(locale ? { locale } : {}),
      });
      if (reply) await postReply(client, reply, target);
    });
  });
}
