import { ConfigError } from "../../src/config/config.js";

/** What Slack answers when a token is not one it accepts. https://docs.slack.dev/reference/methods/auth.test#errors */
const REFUSED = new Set(["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "not_allowed_token_type", "invalid_token"]);

type SlackError = { data?: { error?: unknown }; original?: SlackError };

/** The Web API's error code, also when Bolt wraps the call's error in its own (an AuthorizationError at init). */
const slackErrorOf = (error: unknown): unknown => {
  const e = error as SlackError | undefined;
  return e?.data?.error ?? (e?.original ? slackErrorOf(e.original) : undefined);
};

/**
 * Runs a call that a token opens (auth.test, Socket Mode's connection) and, when Slack refuses
 * the token, stops the start with the variable to fix, instead of an API error's message.
 */
export async function withToken<T>(variable: "SLACK_BOT_TOKEN" | "SLACK_APP_TOKEN", call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const code = slackErrorOf(error);
    if (typeof code === "string" && REFUSED.has(code)) throw new ConfigError(`Slack refused ${variable} (${code}): copy it again from the app's settings at api.slack.com/apps, for this workspace`);
    throw error;
  }
}
