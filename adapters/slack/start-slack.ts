import type { Server } from "node:http";
import { App, webApi } from "@slack/bolt";
import type { RunningAdapter } from "../adapter.js";
import { ConfigError, type Config } from "../../src/config/config.js";
import type { Logger } from "../../src/logging/logger.js";
import type { OutboundPort } from "../../src/outbound/outbound.js";
import type { Parcours } from "../../src/parcours.js";
import { BackgroundWork, DRAIN_MS } from "../shared/background-work.js";
import { describeError } from "../../src/logging/describe-error.js";
import { boltLogger } from "./bolt-logger.js";
import { DmFiles } from "./dm-files.js";
import { DmOpening } from "./dm-opening.js";
import { KeptForms } from "./kept-forms.js";
import { KnownConversations } from "./known-conversations.js";
import { listenToActions } from "./listeners/actions.js";
import { listenToCommand } from "./listeners/command.js";
import { listenToHome } from "./listeners/home.js";
import { listenToMessages } from "./listeners/messages.js";
import { listenToFormSubmissions } from "./listeners/view-submission.js";
import { MessageClaims } from "./message-claims.js";
import { payloadProblems } from "./payload-shapes.js";
import { PLATFORM, type ErasureFence, type SlackDeps } from "./slack-deps.js";
import { registerSlackErasers } from "./slack-erasers.js";
import { SlackHttpReceiver } from "./slack-http-receiver.js";
import { SlackLocales } from "./slack-locale.js";
import { SlackOutbound } from "./slack-outbound.js";

/** Events, commands and interactions all arrive on this one path (the manifest's request URLs). */
export const EVENTS_PATH = "/slack/events";

export interface RunningSlack extends RunningAdapter {
  mode: "http" | "socket";
  /** The port actually listened on in HTTP mode (PORT=0 picks a free one). */
  port?: number;
  /** Messages nobody is waiting on (surveys, reminders): a rate limit comes back with Slack's wait instead of being slept on. */
  outbound: OutboundPort;
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
 * Starts Parcours on Slack with Bolt: HTTP mode on PORT at /slack/events through Parcours' own
 * receiver, or Socket Mode when SLACK_APP_TOKEN is set. Listeners acknowledge first, and the
 * answer is computed after the acknowledgement. https://docs.slack.dev/tools/bolt-js/concepts/acknowledge
 */
export async function startSlack(parcours: Parcours, config: Config, logger: Logger, options: SlackStartOptions = {}): Promise<RunningSlack> {
  if (!config.SLACK_BOT_TOKEN) throw new ConfigError("Slack needs SLACK_BOT_TOKEN");
  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  if (!socketMode && !config.SLACK_SIGNING_SECRET) throw new ConfigError("Slack in HTTP mode needs SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)");

  const log = logger.child({ adapter: "slack" });
  // An answer is worth a couple of retries, not the Web API client's default of half an hour of them.
  const clientOptions = { ...(config.SLACK_API_URL ? { slackApiUrl: apiUrl(config.SLACK_API_URL) } : {}), retryConfig: { retries: 2 }, logger: boltLogger(log) };
  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    ...(socketMode
      ? { socketMode: true, appToken: config.SLACK_APP_TOKEN }
      : { receiver: new SlackHttpReceiver({ signingSecret: config.SLACK_SIGNING_SECRET!, logger: log, path: EVENTS_PATH }) }),
    clientOptions,
    logger: boltLogger(log),
    // The core keeps conversation context in Parcours' state; Bolt's own in-memory one would only grow.
    convoStore: false,
    // auth.test runs in init() below, so a wrong token stops the start instead of failing the first message.
    deferInitialization: true,
  });
  await app.init();
  if (socketMode) dropMalformedPayloads(app, log);
  const { user_id: botUserId } = await app.client.auth.test();

  const work = new BackgroundWork(log);
  const fence: ErasureFence = (userId, work) => parcours.erasure.fenced({ platform: PLATFORM, userId }, work);
  const conversations = new KnownConversations(parcours.addresses, log, fence);
  const files = new DmFiles(parcours.state);
  const locales = new SlackLocales(parcours.state, log, fence);
  const forms = new KeptForms(parcours.state);
  const dmOpening = new DmOpening(log);
  const outbound = (client: webApi.WebClient, recipient?: string) =>
    new SlackOutbound({ client, conversations, files, forms, dmOpening, logger: log, fence, ...(recipient ? { recipient } : {}), ...(botUserId ? { botUserId } : {}) });
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

  const started = socketMode ? await app.start() : await app.start({ port: config.PORT, ...(options.host ? { host: options.host } : {}) });
  const address = socketMode ? null : (started as Server).address();
  const port = address && typeof address === "object" ? address.port : undefined;
  log.info({ mode: socketMode ? "socket" : "http", port }, "slack listening");

  return {
    name: "slack",
    mode: socketMode ? "socket" : "http",
    ...(port !== undefined ? { port } : {}),
    outbound: outbound(new webApi.WebClient(config.SLACK_BOT_TOKEN, { ...clientOptions, rejectRateLimitedCalls: true })),
    settled: () => work.settled(),
    async stop() {
      await app.stop();
      await work.drain(options.drainMs ?? DRAIN_MS);
    },
  };
}
