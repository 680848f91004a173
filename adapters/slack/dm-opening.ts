import type { Logger } from "../../src/logging/logger.js";
import { slackErrorCode } from "./slack-failure.js";

/**
 * conversations.open needs im:write, which an app installed before Parcours asked for it does not
 * have: Slack answers missing_scope (not_allowed_token_type for a token of another kind).
 * chat.postMessage with the user's id as its channel needs chat:write alone: it posts in the user's
 * DM with the app, opening it if need be, and answers the DM's id.
 * https://docs.slack.dev/reference/methods/conversations.open
 * https://docs.slack.dev/reference/methods/chat.postMessage#app_home
 */
const FOR_WANT_OF_A_SCOPE = new Set(["missing_scope", "not_allowed_token_type"]);

/** What conversations.open lacked, as Slack says it in a missing_scope answer; im:write when it does not say. */
function neededScope(error: unknown): string {
  const needed = (error as { data?: { needed?: unknown } }).data?.needed;
  return typeof needed === "string" && needed ? needed : "im:write";
}

/**
 * How the adapter opens users' DMs, shared by all its outbound ports: with conversations.open until
 * Slack refuses it for want of a scope, then by the first message, for the rest of the process
 * (a token that gains the scope is the same token: no need to ask again).
 */
export class DmOpening {
  private refused = false;

  constructor(private readonly logger: Logger) {}

  get byConversationsOpen(): boolean {
    return !this.refused;
  }

  /**
   * True when `error` is conversations.open refused for want of a scope. The first time, one
   * warning names the scope, for whoever runs the app: it names no user, the cause is the install.
   */
  refusedForScope(error: unknown): boolean {
    const code = slackErrorCode(error);
    if (!code || !FOR_WANT_OF_A_SCOPE.has(code)) return false;
    if (!this.refused) {
      this.refused = true;
      const scope = neededScope(error);
      this.logger.warn(
        { slackError: code, scope },
        `slack refused conversations.open for want of the ${scope} scope: private replies now open the user's DM by posting to them; reinstall the app to grant ${scope}`,
      );
    }
    return true;
  }
}
