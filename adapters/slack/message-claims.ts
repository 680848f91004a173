import { userStateKey } from "../../src/privacy/user-erasure.js";
import type { StateStore } from "../../src/store/state-store.js";
import { PLATFORM, unfenced, type ErasureFence } from "./slack-deps.js";

/**
 * Edits happen long after a message: a week covers all but the rarest, for a few bytes a message.
 * An edit after that is answered as a new question.
 */
const CLAIM_TTL_MS = 7 * 24 * 3600_000;

/**
 * A channel and a ts name one message its author wrote, so the claim is theirs: it is kept under
 * the author's state prefix, which "delete my data" removes whole.
 */
const claimKey = (userId: string, channel: string, ts: string) => userStateKey({ platform: PLATFORM, userId }, `slack-mention:${channel}:${ts}`);

/**
 * One answer per mention. Editing a message that mentions the bot sends a new app_mention with a
 * new event_id and the same `ts`, so the core's de-duplication on the event id cannot see it. The
 * first event for a message (channel + ts) claims it in the shared state with its own event id:
 * that event, and Slack's retries of it (same event_id), go on to the core, which de-duplicates
 * them; any other event for the message, an edit, is not answered again.
 * https://docs.slack.dev/reference/events/app_mention
 * DMs need no claim: an edited DM arrives as a message_changed, which is never answered.
 */
export class MessageClaims {
  constructor(
    private readonly state: StateStore,
    private readonly fence: ErasureFence = unfenced,
  ) {}

  /** `userId`: the mention's author. A claim written while their erasure runs is erased after it. */
  async mayAnswer(userId: string, channel: string, ts: string, eventId: string): Promise<boolean> {
    const key = claimKey(userId, channel, ts);
    try {
      return await this.fence(userId, async () => {
        if ((await this.state.compareAndSet(key, null, eventId, CLAIM_TTL_MS)) !== undefined) return true;
        return (await this.state.get<string>(key)) === eventId;
      });
    } catch {
      // The claims are in the state store. When it fails the mention goes on to the core, which needs
      // the store too and answers, and logs, that it failed: an edit answered twice is a lesser harm
      // than a question left without an answer.
      return true;
    }
  }
}
