import type { StateStore } from "../../src/store/state-store.js";

/**
 * Edits happen long after a message: a week covers all but the rarest, for a few bytes a message.
 * An edit after that is answered as a new question.
 */
const CLAIM_TTL_MS = 7 * 24 * 3600_000;

/**
 * One answer per Slack message. Editing a message that mentions the bot sends a new app_mention
 * with a new event_id and the same `ts`, so the core's de-duplication on the event id cannot see
 * it. The first event for a message (channel + ts) claims it in the shared state with its own
 * event id: that event, and Slack's retries of it (same event_id), go on to the core, which
 * de-duplicates them; any other event for the message, an edit, is not answered again.
 * https://docs.slack.dev/reference/events/app_mention
 */
export class MessageClaims {
  constructor(private readonly state: StateStore) {}

  async mayAnswer(channel: string, ts: string, eventId: string): Promise<boolean> {
    const key = `slack:message:${channel}:${ts}`;
    if ((await this.state.compareAndSet(key, null, eventId, CLAIM_TTL_MS)) !== undefined) return true;
    return (await this.state.get<string>(key)) === eventId;
  }
}
