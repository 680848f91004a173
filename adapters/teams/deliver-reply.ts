import { TurnContext } from "botbuilder";
import type { Reply } from "../../src/answers/reply.js";
import type { Logger } from "../../src/logging/logger.js";
import { deliverReply, type ReplyOrigin } from "../../src/outbound/deliver-reply.js";
import type { BackgroundWork } from "../shared/background-work.js";
import { describeOutboundError } from "./outbound-errors.js";
import type { TeamsOutbound } from "./teams-outbound.js";
import { TIMED_OUT, within } from "../../src/time/within.js";
import { speakerOf } from "./to-incoming.js";
import { TurnOutbound } from "./turn-outbound.js";

/**
 * Teams gives a bot about 15 seconds to answer a turn before it shows the user an error and may
 * retry: https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit
 * An answer not ready after this budget is delivered later as a proactive message, and the turn ends.
 */
export const TURN_BUDGET_MS = 10_000;

export interface ReplyDelivery {
  outbound: TeamsOutbound;
  logger: Logger;
  turnBudgetMs: number;
  /** Late answers still running, so that stopping the server can wait for them. */
  work: BackgroundWork;
}

/** Only a personal chat is the user's alone; a conversation of unknown type counts as shared. */
function originOf(context: TurnContext, turn: TurnOutbound): ReplyOrigin {
  const { activity } = context;
  return { address: turn.here, userId: speakerOf(activity).userId, private: activity.conversation?.conversationType === "personal" };
}

/**
 * Sends a reply where the core decides (see deliverReply): in the conversation of `context`, or
 * private content in the user's personal chat with only a notice here. When the personal chat cannot
 * be reached, the notice says so and the turn ends normally: the user has their answer.
 */
export async function sendReply(context: TurnContext, reply: Reply, delivery: ReplyDelivery): Promise<void> {
  const turn = new TurnOutbound(context, delivery.outbound);
  const origin = originOf(context, turn);
  try {
    await deliverReply(turn, reply, origin);
  } catch (error) {
    if (!reply.private || origin.private || turn.failedHere) throw error;
    delivery.logger.warn({ conversationType: context.activity.conversation?.conversationType, err: describeOutboundError(error) }, "personal chat unavailable, private reply withheld from a shared conversation");
  }
}

/**
 * Waits for the core's answer within the turn budget and sends it in the turn; a later answer is
 * sent proactively through the conversation reference once ready. `undefined` means a duplicate.
 * `sent` runs once the answer reached Teams, whichever way it went.
 */
export async function answerInTime(context: TurnContext, answer: Promise<Reply | undefined>, delivery: ReplyDelivery, sent: () => Promise<void> = async () => {}): Promise<void> {
  const first = await within(answer, delivery.turnBudgetMs);
  if (first !== TIMED_OUT) {
    if (!first) return;
    await sendReply(context, first, delivery);
    return sent();
  }
  delivery.logger.info({ budgetMs: delivery.turnBudgetMs }, "answer late for the turn, continuing proactively");
  const reference = TurnContext.getConversationReference(context.activity);
  void delivery.work.track("late answer", async () => {
    const reply = await answer;
    if (!reply) return;
    await delivery.outbound.continueConversation(reference, (later) => sendReply(later, reply, delivery));
    await sent();
  });
}
