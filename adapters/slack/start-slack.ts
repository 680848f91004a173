import type { Server } from "node:http";
import { App } from "@slack/bolt";
import type { RunningAdapter } from "../adapter.js";
import { ConfigError, type Config } from "../../src/config/config.js";
import type { Logger } from "../../src/logging/logger.js";
import type { Parcours } from "../../src/parcours.js";
import { BackgroundWork, DRAIN_MS } from "../shared/background-work.js";
import { describeError } from "../shared/describe-error.js";
import { boltLogger } from "./bolt-logger.js";
import { listenToActions } from "./listeners/actions.js";
import { listenToCommand } from "./listeners/command.js";
import { listenToHome } from "./listeners/home.js";
import { listenToMessages } from "./listeners/messages.js";
import type { SlackDeps } from "./slack-deps.js";
import { SlackLocales } from "./slack-locale.js";

/** Events, commands and interactions all arrive on this one path (the manifest's request URLs). */
export const EVENTS_PATH = "/slack/events";

export interface RunningSlack extends RunningAdapter {
  mode: "http" | "socket";
  /** The port actually listened on in HTTP mode (PORT=0 picks a free one). */
  port?: number;
  /** Resolves when every answer started so far has been sent. */
  settled(): Promise<void>;
}

export interface SlackStartOptions {
  /** The interface to listen on in HTTP mode; all of them by default. */
  host?: string;
  /** How long stopping waits for answers in flight; DRAIN_MS by default. */
  drainMs?: number;
}

/** The Web API client expects its base URL to end with a slash. */
const apiUrl = (url: string) => (url.endsWith("/") ? url : `${url}/`);

/**
 * Starts Parcours on Slack with Bolt: HTTP mode on PORT at /slack/events, or Socket Mode when
 * SLACK_APP_TOKEN is set. processBeforeResponse stays false, so the HTTP receiver answers Slack
 * as soon as ack() runs and the answer is computed after it.
 * https://docs.slack.dev/tools/bolt-js/concepts/acknowledge
 */
export async function startSlack(parcours: Parcours, config: Config, logger: Logger, options: SlackStartOptions = {}): Promise<RunningSlack> {
  if (!config.SLACK_BOT_TOKEN) throw new ConfigError("Slack needs SLACK_BOT_TOKEN");
  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  if (!socketMode && !config.SLACK_SIGNING_SECRET) throw new ConfigError("Slack in HTTP mode needs SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)");

  const log = logger.child({ adapter: "slack" });
  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    ...(socketMode ? { socketMode: true, appToken: config.SLACK_APP_TOKEN } : { signingSecret: config.SLACK_SIGNING_SECRET, endpoints: EVENTS_PATH }),
    processBeforeResponse: false,
    // An answer is worth a couple of retries, not Bolt's default of half an hour of them.
    clientOptions: { ...(config.SLACK_API_URL ? { slackApiUrl: apiUrl(config.SLACK_API_URL) } : {}), retryConfig: { retries: 2 } },
    logger: boltLogger(log),
    // The core keeps conversation context in Parcours' store; Bolt's own in-memory one would only grow.
    convoStore: false,
    // auth.test runs in init() below, so a wrong token stops the start instead of failing the first message.
    deferInitialization: true,
  });
  await app.init();

  const work = new BackgroundWork(log);
  const deps: SlackDeps = {
    bot: parcours.bot,
    catalog: parcours.catalog,
    locales: new SlackLocales(parcours.store, log),
    work,
    defaultLocale: config.DEFAULT_LOCALE,
  };
  listenToMessages(app, deps);
  listenToCommand(app, deps);
  listenToActions(app, deps);
  listenToHome(app, deps);
  app.error(async (error) => {
    log.error({ err: describeError(error) }, "slack request failed");
  });

  const started = socketMode
    ? await app.start()
    : await app.start(options.host ? { port: config.PORT, host: options.host } : config.PORT);
  const address = socketMode ? null : (started as Server).address();
  const port = address && typeof address === "object" ? address.port : undefined;
  log.info({ mode: socketMode ? "socket" : "http", port }, "slack listening");

  return {
    name: "slack",
    mode: socketMode ? "socket" : "http",
    ...(port !== undefined ? { port } : {}),
    settled: () => work.settled(),
    async stop() {
      await app.stop();
      await work.drain(options.drainMs ?? DRAIN_MS);
    },
  };
}
