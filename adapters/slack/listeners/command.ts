import type { App } from "@slack/bolt";
import { deliverReply } from "../../../src/outbound/deliver-reply.js";
import { EphemeralOutbound } from "../ephemeral-outbound.js";
import { isDirectMessage } from "../known-conversations.js";
import { PLATFORM, conversationOf, type SlackDeps } from "../slack-deps.js";
import { readMessageText } from "../slack-text.js";

/** The command's name, as the manifest declares it. */
export const COMMAND = "/parcours";

/**
 * `/parcours <question>` and `/parcours help`. The acknowledgement is empty and immediate;
 * the answer goes to the response_url, seen by the user only (so private content may go there),
 * which also works in channels the bot is not a member of.
 * https://docs.slack.dev/interactivity/implementing-slash-commands
 */
export function listenToCommand(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ command, ack, respond, client }) => {
    await ack();
    await deps.work.track("command", async () => {
      const text = readMessageText(command.text ?? "");
      const { locale, timeZone } = await deps.locales.languageAndZoneOf(client, command.user_id);
      const speaker = {
        platform: PLATFORM,
        userId: command.user_id,
        conversationId: conversationOf(command.user_id, command.channel_id),
        // A command is not retried, but its trigger_id names this one invocation.
        deliveryId: `command:${command.trigger_id}`,
        // "/parcours survey …" in a channel starts a survey there.
        place: { address: { platform: PLATFORM, conversationId: command.channel_id }, shared: !isDirectMessage(command.channel_id) },
        ...(locale ? { locale } : {}),
        ...(timeZone ? { timeZone } : {}),
      };
      // A bare /parcours shows what Parcours can do, in the user's Slack language.
      const reply = text ? await deps.bot.handleMessage({ ...speaker, text }) : await deps.bot.handleAction({ ...speaker, actionId: "help", value: "" });
      if (!reply) return;
      const address = { platform: PLATFORM, conversationId: command.channel_id };
      await deliverReply(new EphemeralOutbound(respond, address, deps.outbound(client, command.user_id), deps.forms), reply, { address, userId: command.user_id, private: true });
    });
  });
}
