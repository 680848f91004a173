import { ActivityTypes, TurnContext } from "botbuilder";
import type { Reply } from "../../src/answers/reply.js";
import type { Logger } from "../../src/logging/logger.js";
import type { BackgroundWork } from "../shared/background-work.js";
import { describeError } from "../shared/describe-error.js";
import { inPersonalChat, isPersonal, type PersonalChatAccess } from "./personal-chat.js";
import { toTeamsMessages } from "./to-adaptive-card.js";

/**
 * Teams gives a bot about 15 seconds to answer a turn before it shows the user an error and may
 * retry: https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit
 * An answer not ready after this budget is delivered later as a proactive message, and the turn ends.
 */
export const TURN_BUDGET_MS = 10_000;

export interface ReplyDelivery extends PersonalChatAccess {
  logger: Logger;
  turnBudgetMs: number;
  /** Late answers still running, so that stopping the server can wait for them. */
  work: BackgroundWork;
}

const LATE = Symbol("late");

/** Sends a reply in the conversation of `context`, without ever posting private content in a shared one. */
export async function sendReply(context: TurnContext, reply: Reply, delivery: ReplyDelivery): Promise<void> {
  if (reply.private && !isPersonal(context)) return sendPrivately(context, reply, delivery);
  await context.sendActivities(toTeamsMessages(reply));
}

/**
 * Self-ratings and other private answers asked for in a channel or group chat go to the user's
 * personal chat; the shared conversation only gets the reply's public notice.
 */
async function sendPrivately(context: TurnContext, reply: Reply, delivery: ReplyDelivery): Promise<void> {
  let notice = reply.publicNotice;
  try {
    await inPersonalChat(context, delivery, async (personal) => {
      await personal.sendActivities(toTeamsMessages(reply));
    });
  } catch (error) {
    delivery.logger.warn({ conversationType: context.activity.conversation?.conversationType, err: describeError(error) }, "personal chat unavailable, private reply withheld from a shared conversation");
    notice = reply.privateUnavailableNotice;
  }
  if (notice) await context.sendActivity({ type: ActivityTypes.Message, text: notice, textFormat: "plain" });
}

/**
 * Waits for the core's answer within the turn budget and sends it in the turn; a later answer is
 * sent proactively through the conversation reference once ready. `undefined` means a duplicate.
 */
export async function answerInTime(context: TurnContext, answer: Promise<Reply | undefined>, delivery: ReplyDelivery): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(() => resolve(LATE), delivery.turnBudgetMs);
  });
  const first = await Promise.race([answer, late]);
  clearTimeout(timer);
  if (first !== LATE) {
    if (first) await sendReply(context, first, delivery);
    return;
  }
  delivery.logger.info({ budgetMs: delivery.turnBudgetMs }, "answer late for the turn, continuing proactively");
  const reference = TurnContext.getConversationReference(context.activity);
  void delivery.work.track("late answer", async () => {
    const reply = await answer;
    if (reply) await delivery.adapter.continueConversationAsync(delivery.botAppId, reference, (later) => sendReply(later, reply, delivery));
  });
}

