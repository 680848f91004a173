import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from "botbuilder";

/** The request's token did not prove it comes from the Bot Connector service for this bot. */
export class Unauthorized extends Error {}

/**
 * botbuilder's CloudAdapter, authenticating before anything else runs.
 *
 * `CloudAdapter.process` answers 401 only for botbuilder's own AuthenticationError: a token with a
 * forged signature makes jsonwebtoken throw its JsonWebTokenError, which `process` turns into a 500.
 * Here every authentication failure is a 401, and the turn runs only with a proven identity.
 */
export class TeamsCloudAdapter extends CloudAdapter {
  async handle(activity: Activity, authorization: string, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    let authenticated: Awaited<ReturnType<typeof this.botFrameworkAuthentication.authenticateRequest>>;
    try {
      authenticated = await this.botFrameworkAuthentication.authenticateRequest(activity, authorization);
    } catch (error) {
      throw new Unauthorized(error instanceof Error ? error.message : "unauthorized", { cause: error });
    }
    return this.processActivity(authenticated, activity, logic);
  }
}
