import type { App, BlockAction } from "@slack/bolt";
import { deliverReply } from "../../../src/outbound/deliver-reply.js";
import { decodeActionId } from "../action-id.js";
import { conversationAt, placeOfPress, resolvePlace } from "../answer-place.js";
import type { BlockActionsFields, PressedElement } from "../payload-shapes.js";
import { PLATFORM, type SlackDeps } from "../slack-deps.js";
import { FORM_OPEN_ACTION, LINK_ACTION } from "../to-block-kit.js";
import { openForm } from "./form-button.js";

/**
 * Every block action: the action id and value the core put on the button come back as they
 * were (an action id Parcours did not make reaches the core too, which answers it politely).
 * The exceptions: the button of a form, which opens the form as a modal, and a link button,
 * whose page Slack has opened already.
 * https://docs.slack.dev/reference/interaction-payloads/block_actions-payload
 * The payload's shape was checked before any listener ran (payload-shapes.ts).
 */
export function listenToActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction>({ type: "block_actions" }, async ({ ack, body, action, respond, client }) => {
    await ack();
    await deps.work.track("block_actions", async () => {
      const payload = body as unknown as BlockActionsFields;
      const pressed = action as unknown as PressedElement;
      const actionId = decodeActionId(pressed.action_id);
      if (actionId === LINK_ACTION) return;
      // A form whose key has expired falls through to the core, which answers it as a button it no longer knows.
      if (actionId === FORM_OPEN_ACTION && (await openForm(deps, payload, pressed.value ?? "", client))) return;
      const userId = payload.user.id;
      const place = placeOfPress(payload);
      const locale = await deps.locales.of(client, userId);
      const reply = await deps.bot.handleAction({
        platform: PLATFORM,
        userId,
        conversationId: conversationAt(userId, place),
        actionId,
        value: pressed.value ?? pressed.selected_option?.value ?? "",
        // Interactions are not retried; the trigger_id names this one press.
        deliveryId: `action:${payload.trigger_id}`,
        ...(locale ? { locale } : {}),
      });
      if (!reply) return;
      const answer = await resolvePlace(deps, client, userId, place, respond);
      await deliverReply(answer.port, reply, answer.origin);
    });
  });
}
