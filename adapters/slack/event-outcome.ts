import type { Context } from "@slack/bolt";

/**
 * What the listeners tell the receiver about an Events API delivery, through Bolt's context (a
 * receiver's custom properties): `redeliver` when it could not be taken now (another process is
 * answering it and may die before it does), so the receiver answers 503 and Slack sends it again.
 */
export interface EventOutcome {
  redeliver: boolean;
}

/** The custom property's name in Bolt's context. */
export const EVENT_OUTCOME = "parcoursEventOutcome";

export function askForRedelivery(context: Context): void {
  const outcome = context[EVENT_OUTCOME] as EventOutcome | undefined;
  if (outcome) outcome.redeliver = true;
}
