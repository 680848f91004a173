import { ActivityTypes, TurnContext, type Activity } from "botbuilder";
import type { Locale } from "../../src/catalog/schema.js";
import { describeError } from "../../src/logging/describe-error.js";
import type { ParcoursBot } from "../../src/conversation/parcours-bot.js";
import { welcomeReply } from "../../src/home/welcome.js";
import type { StateStore } from "../../src/store/state-store.js";
import type { ConversationReferences } from "./conversation-references.js";
import { answerInTime, sendReply, type ReplyDelivery } from "./deliver-reply.js";
import { PLATFORM, isCardSubmit, localeOf, speakerOf, toIncomingAction, toIncomingMessage } from "./to-incoming.js";

export interface ActivityRouterDependencies extends ReplyDelivery {
  bot: ParcoursBot;
  state: StateStore;
  references: ConversationReferences;
  defaultLocale: Locale;
}

/** Teams retries an unanswered install for a while; a welcome is claimed once per delivery. */
const WELCOME_TTL_MS = 60 * 60 * 1000;

/** `Action.Execute` buttons arrive as this invoke; Parcours renders `Action.Submit`, but both paths work. */
const CARD_ACTION_INVOKE = "adaptiveCard/action";

/**
 * The Universal Actions response that tells the client the action went through: status 200, a
 * message type and its text. The answer itself comes as new messages, so the text is empty.
 * https://learn.microsoft.com/adaptive-cards/authoring-cards/universal-action-model#response-format
 */
const CARD_ACTION_RECEIVED = { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: "" };

type Route = (context: TurnContext, deps: ActivityRouterDependencies) => Promise<void>;

/** The turn logic handed to `CloudAdapter.process`: one small route per activity type. */
export function routeActivities(deps: ActivityRouterDependencies): (context: TurnContext) => Promise<void> {
  const routes: Partial<Record<string, Route>> = {
    [ActivityTypes.Message]: onMessage,
    [ActivityTypes.Invoke]: onInvoke,
    [ActivityTypes.ConversationUpdate]: onConversationUpdate,
    [ActivityTypes.InstallationUpdate]: onInstallationUpdate,
  };
  return async (context) => {
    const { activity } = context;
    deps.logger.debug({ platform: PLATFORM, type: activity.type, conversationType: activity.conversation?.conversationType, user: activity.from ? { platform: PLATFORM, userId: speakerOf(activity).userId } : undefined }, "activity received");
    await routes[activity.type]?.(context, deps);
  };
}

/**
 * Keeps the conversation's reference for later messages. The answer does not need it (it goes back
 * in the turn), so a store that fails here is logged and the user still gets the core's answer,
 * which says so when the store is needed for it.
 */
async function rememberWhenPossible(activity: Activity, deps: ActivityRouterDependencies): Promise<void> {
  await deps.references.remember(activity).catch((error: unknown) => deps.logger.warn({ platform: PLATFORM, err: describeError(error) }, "conversation reference not recorded"));
}

async function onMessage(context: TurnContext, deps: ActivityRouterDependencies): Promise<void> {
  const { activity } = context;
  await rememberWhenPossible(activity, deps);
  if (isCardSubmit(activity)) {
    await answerInTime(context, deps.bot.handleAction(toIncomingAction(activity)), deps);
    return;
  }
  // In channels and group chats the text starts with "<at>Parcours</at>", which is not part of the question.
  const text = activity.text ? TurnContext.removeRecipientMention(activity) ?? "" : "";
  const message = toIncomingMessage(activity, text);
  // Teams delivers again an activity whose request failed; once the answer is sent, a copy is a duplicate.
  await answerInTime(context, deps.bot.handleMessage(message), deps, () => deps.bot.answered(message));
}

/**
 * Every invoke needs a response, or botbuilder answers 501 and Teams shows the user an error; those
 * Parcours does not use (a task module, a message extension…) get an empty 200. A card action's
 * response is set before the answer is awaited, so it goes back even if sending the answer fails.
 */
async function onInvoke(context: TurnContext, deps: ActivityRouterDependencies): Promise<void> {
  const { activity } = context;
  if (activity.name !== CARD_ACTION_INVOKE) {
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
    return;
  }
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: CARD_ACTION_RECEIVED } });
  await rememberWhenPossible(activity, deps);
  await answerInTime(context, deps.bot.handleAction(toIncomingAction(activity)), deps);
}

const botAmong = (members: Activity["membersAdded"], activity: Activity) => (members ?? []).some((member) => member.id === activity.recipient?.id);

async function onConversationUpdate(context: TurnContext, deps: ActivityRouterDependencies): Promise<void> {
  const { activity } = context;
  if (botAmong(activity.membersRemoved, activity)) {
    await deps.references.forget(activity.conversation.id);
    deps.logger.info({ platform: PLATFORM, conversationType: activity.conversation.conversationType }, "removed from a conversation");
    return;
  }
  if (!botAmong(activity.membersAdded, activity)) return;
  await deps.references.remember(activity, { refresh: true });
  if (activity.id && !(await deps.state.claim(`welcome:${PLATFORM}:${activity.id}`, WELCOME_TTL_MS))) return;
  const locale = localeOf(activity) ?? deps.defaultLocale;
  deps.logger.info({ platform: PLATFORM, conversationType: activity.conversation.conversationType, locale }, "installed, welcoming");
  await sendReply(context, welcomeReply(locale), deps);
}

/** Sent alongside conversationUpdate on install and uninstall; only the reference is kept here. */
async function onInstallationUpdate(context: TurnContext, deps: ActivityRouterDependencies): Promise<void> {
  const { activity } = context;
  if (activity.action?.startsWith("remove")) await deps.references.forget(activity.conversation.id);
  else await deps.references.remember(activity, { refresh: true });
}
