import { webApi } from "@slack/bolt";
import type { Config } from "../../src/config/config.js";
import type { Logger } from "../../src/logging/logger.js";
import type { Parcours } from "../../src/parcours.js";
import { boltLogger } from "./bolt-logger.js";
import { DmFiles } from "./dm-files.js";
import { DmOpening } from "./dm-opening.js";
import { KeptForms } from "./kept-forms.js";
import { KnownConversations } from "./known-conversations.js";
import { PLATFORM, type ErasureFence } from "./slack-deps.js";
import { SlackOutbound, type SlackOutboundParts } from "./slack-outbound.js";

/**
 * Slack answers a call in well under a second; past this, the core's port gives up on it and reports
 * it as uncertain rather than hold an announcement's worker for good (the client's default is no limit).
 */
const CORE_CALL_TIMEOUT_MS = 10_000;

/** chat.postMessage allows about one message a second in a conversation, short bursts aside. https://docs.slack.dev/apis/web-api/rate-limits */
const CHANNEL_MESSAGES_PER_SECOND = 1;

/** The Web API client expects its base URL to end with a slash. */
const apiUrl = (url: string) => (url.endsWith("/") ? url : `${url}/`);

/** Bolt's client's options. An answer is worth a couple of retries, not the Web API client's default of half an hour of them. */
export function clientOptions(config: Config, log: Logger): webApi.WebClientOptions {
  return { ...(config.SLACK_API_URL ? { slackApiUrl: apiUrl(config.SLACK_API_URL) } : {}), retryConfig: { retries: 2 }, logger: boltLogger(log) };
}

/** What every outbound port of the adapter shares in one process: the DMs it knows, their files, kept forms, how DMs open. */
export type PortParts = Omit<SlackOutboundParts, "client" | "recipient" | "pace">;

export function portParts(parcours: Parcours, log: Logger, botUserId: string | undefined): PortParts {
  const fence: ErasureFence = (userId, work) => parcours.erasure.fenced({ platform: PLATFORM, userId }, work);
  return {
    conversations: new KnownConversations(parcours.addresses, log, fence),
    files: new DmFiles(parcours.state),
    forms: new KeptForms(parcours.state),
    dmOpening: new DmOpening(log),
    logger: log,
    fence,
    ...(botUserId ? { botUserId } : {}),
  };
}

/**
 * The client of the core's port (surveys, reminders, announcements), never Bolt's: its request queue
 * is not the one the listeners answer people from, and with rejectRateLimitedCalls a 429 comes back
 * to the core's pacing with Slack's wait instead of pausing a queue. It never retries on its own: a
 * post that timed out may have landed, and only the core, which can look for it (findPosted),
 * decides whether to send it again.
 */
export function coreClient(config: Config, log: Logger, timeoutMs = CORE_CALL_TIMEOUT_MS): webApi.WebClient {
  return new webApi.WebClient(config.SLACK_BOT_TOKEN, { ...clientOptions(config, log), rejectRateLimitedCalls: true, retryConfig: { retries: 0 }, timeout: timeoutMs });
}

/** The core's port, which alone offers announcements' fan-out, at the configured pace. */
export function corePort(client: webApi.WebClient, parts: PortParts, config: Config): SlackOutbound {
  return new SlackOutbound({ ...parts, client, pace: { perSecond: config.SLACK_MESSAGES_PER_SECOND, perConversationPerSecond: CHANNEL_MESSAGES_PER_SECOND } });
}
