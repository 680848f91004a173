import { App, webApi } from "@slack/bolt";
import type { OutboundStarter, RunningAdapter } from "../adapter.js";
import { ConfigError, type Config } from "../../src/config/config.js";
import type { Logger } from "../../src/logging/logger.js";
import type { OutboundPort } from "../../src/outbound/outbound.js";
import type { Parcours } from "../../src/parcours.js";
import { HttpService } from "../../src/service/http-service.js";
import { BackgroundWork, DRAIN_MS } from "../shared/background-work.js";
import { describeError } from "../../src/logging/describe-error.js";
import { boltLogger } from "./bolt-logger.js";
import { clientOptions, coreClient, corePort, portParts } from "./core-port.js";
import { listenToActions } from "./listeners/actions.js";
import { listenToCommand } from "./listeners/command.js";
import { listenToHome } from "./listeners/home.js";
import { listenToMessages } from "./listeners/messages.js";
import { listenToFormSubmissions } from "./listeners/view-submission.js";
import { MessageClaims } from "./message-claims.js";
import { payloadProblems } from "./payload-shapes.js";
import type { SlackDeps } from "./slack-deps.js";
import { registerSlackErasers } from "./slack-erasers.js";
import { SlackHttpReceiver } from "./slack-http-receiver.js";
import { SlackLocales } from "./slack-locale.js";
import { SlackOutbound } from "./slack-outbound.js";
import { withToken } from "./token-check.js";

/** Events, commands and interactions all arrive on this one path (the manifest's request URLs). */
export const EVENTS_PATH = "/slack/events";

export interface RunningSlack extends RunningAdapter {
  mode: "http" | "socket";
  /** The port actually listened on in HTTP mode (PORT=0 picks a free one). */
  port?: number;
  /**
   * Messages nobody is waiting on (surveys, reminders, announcements, whose fan-out it offers): a rate
   * limit comes back with Slack's wait instead of being slept on, and a call that got no answer as uncertain.
   */
  outbound: OutboundPort;
  /** Resolves when every answer started so far has been sent. */
  settled(): Promise<void>;
}

export interface SlackStartOptions {
  /** The server shared with health, metrics and Teams; without one, HTTP mode listens on PORT itself. */
  http?: HttpService;
  /** The interface to listen on in HTTP mode without a shared server; all of them by default. */
  host?: string;
  /** How long stopping waits for answers in flight; DRAIN_MS by default. */
  drainMs?: number;
  /** How long the core's port waits for one Web API call; CORE_CALL_TIMEOUT_MS (core-port.ts) by default. */
  coreCallTimeoutMs?: number;
}

/**
 * In HTTP mode the receiver refuses a payload of an unexpected shape with a 400 before Bolt sees
 * it; Socket Mode has no such door, so the same check drops it here, before any listener.
 */
function dropMalformedPayloads(app: App, log: Logger): void {
  app.use(async ({ body, next }) => {
    const problems = payloadProblems(body as unknown as Record<string, unknown>);
    if (problems) return log.warn({ problems }, "slack payload of an unexpected shape dropped");
    await next();
  });
}

/**
 * Starts Parcours on Slack with Bolt: HTTP mode at /slack/events through Parcours' own receiver,
 * on the shared server (or one of its own on PORT), or Socket Mode when SLACK_APP_TOKEN is set. Listeners acknowledge first, and the
 * answer is computed after the acknowledgement. https://docs.slack.dev/tools/bolt-js/concepts/acknowledge
 */
export async function startSlack(parcours: Parcours, config: Config, logger: Logger, options: SlackStartOptions = {}): Promise<RunningSlack> {
  if (!config.SLACK_BOT_TOKEN) throw new ConfigError("Slack needs SLACK_BOT_TOKEN");
  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  if (!socketMode && !config.SLACK_SIGNING_SECRET) throw new ConfigError("Slack in HTTP mode needs SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)");

  const log = logger.child({ adapter: "slack" });
  // Bolt is handed the bot's identity rather than asking auth.test again.
  const { botUserId, botId } = await botIdentity(config, log);
  const http = socketMode ? undefined : (options.http ?? new HttpService(log));
  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    botUserId,
    botId,
    tokenVerificationEnabled: false,
    ...(socketMode
      ? { socketMode: true, appToken: config.SLACK_APP_TOKEN }
      : { receiver: new SlackHttpReceiver({ signingSecret: config.SLACK_SIGNING_SECRET!, logger: log, http: http!, path: EVENTS_PATH }) }),
    clientOptions: clientOptions(config, log),
    logger: boltLogger(log),
    // The core keeps conversation context in Parcours' state; Bolt's own in-memory one would only grow.
    convoStore: false,
  });
  if (socketMode) dropMalformedPayloads(app, log);

  const work = new BackgroundWork(log);
  const parts = portParts(parcours, log, botUserId);
  const { conversations, files, forms, fence } = parts;
  const locales = new SlackLocales(parcours.state, log, fence);
  const outbound = (client: webApi.WebClient, recipient?: string) => new SlackOutbound({ ...parts, client, ...(recipient ? { recipient } : {}) });
  const deps: SlackDeps = {
    bot: parcours.bot,
    catalog: parcours.catalog,
    locales,
    conversations,
    claims: new MessageClaims(parcours.state, fence),
    forms,
    outbound,
    work,
    defaultLocale: config.DEFAULT_LOCALE,
  };
  registerSlackErasers(parcours.erasure, { locales, files, conversations, client: app.client });
  listenToMessages(app, deps);
  listenToCommand(app, deps);
  listenToActions(app, deps);
  listenToHome(app, deps);
  listenToFormSubmissions(app, deps);
  app.error(async (error) => {
    log.error({ err: describeError(error) }, "slack request failed");
  });

  await (socketMode ? withToken("SLACK_APP_TOKEN", () => app.start()) : app.start());
  const ownServer = http && !options.http ? http : undefined;
  const port = ownServer ? await ownServer.listen(config.PORT, options.host) : http?.port;
  log.info({ mode: socketMode ? "socket" : "http", port }, "slack listening");

  return {
    name: "slack",
    mode: socketMode ? "socket" : "http",
    ...(port !== undefined ? { port } : {}),
    outbound: corePort(coreClient(config, log, options.coreCallTimeoutMs), parts, config),
    settled: () => work.settled(),
    async stop() {
      await ownServer?.close(options.drainMs ?? DRAIN_MS);
      await app.stop();
      await work.drain(options.drainMs ?? DRAIN_MS);
    },
  };
}

/**
 * The core's port alone, without Bolt or a server: for a command that posts but serves nothing
 * (`parcours announce`), beside a running `parcours start`. auth.test names the app's bot user,
 * left out of member lists, and stops a wrong token before anything is sent.
 */
export const slackOutboundOnly: OutboundStarter = async (parcours, config, logger) => {
  if (!config.SLACK_BOT_TOKEN) throw new ConfigError("Slack needs SLACK_BOT_TOKEN");
  const log = logger.child({ adapter: "slack" });
  const { botUserId } = await botIdentity(config, log);
  return corePort(coreClient(config, log), portParts(parcours, log, botUserId), config);
};

/**
 * One auth.test at start, with the Web API's usual retries: a wrong token stops the start instead of
 * failing the first message. A bot token's answer names the bot; one that did not would leave Bolt
 * asking auth.test again on every event, so it stops the start too.
 */
async function botIdentity(config: Config, log: Logger): Promise<{ botUserId: string; botId: string }> {
  const client = new webApi.WebClient(config.SLACK_BOT_TOKEN, clientOptions(config, log));
  const { user_id: botUserId, bot_id: botId } = await withToken("SLACK_BOT_TOKEN", () => client.auth.test());
  if (!botUserId || !botId) throw new ConfigError("SLACK_BOT_TOKEN is not a bot token: copy the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page at api.slack.com/apps");
  return { botUserId, botId };
}
