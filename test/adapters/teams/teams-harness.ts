import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ConfigurationBotFrameworkAuthenticationOptions } from "botbuilder";
import { startTeamsServer, type TeamsServer } from "../../../adapters/teams/teams-server.js";
import { loadConfig } from "../../../src/config/config.js";
import type { IncomingAction, IncomingMessage } from "../../../src/conversation/incoming.js";
import { createLogger } from "../../../src/logging/logger.js";
import type { Parcours } from "../../../src/parcours.js";
import { Capture, testParcours, type TestParcoursOptions } from "../../helpers.js";
import { FakeBotConnector } from "./fake-bot-connector.js";

export const BOT_APP_ID = "00000000-0000-4000-8000-0000000000b0";
export type FixtureName =
  | "personal-message"
  | "channel-message-mention"
  | "group-chat-message"
  | "card-submit"
  | "card-submit-form"
  | "conversation-update-install"
  | "channel-message-survey-fr"
  | "channel-card-submit-survey-form"
  | "team-paged-members";

const FIXTURES = join(import.meta.dirname, "../../fixtures/teams");

export function fixture(name: FixtureName): Record<string, any> {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), "utf8"));
}

export interface HarnessOptions extends Pick<TestParcoursOptions, "admins" | "jobPollMs" | "state" | "database"> {
  env?: Record<string, string>;
  authEndpoints?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
  turnBudgetMs?: number;
  /** Makes the core answer this late, as a slow language model would. */
  coreDelayMs?: number;
  drainMs?: number;
  /** How long the adapter waits for the fake Bot Connector to answer a call. */
  requestTimeoutMs?: number;
  logLevel?: string;
  /** The core's clock, for what it reads relative to today ("avant vendredi"); the real one otherwise. */
  now?: () => Date;
}

/** Parcours' Teams adapter on loopback, with a fake Bot Connector service to receive its replies. */
export class TeamsHarness {
  readonly connector = new FakeBotConnector();
  readonly logs = new Capture();
  /** The whole core, in memory: its address book, state and erasure are what the tests look at. */
  parcours!: Parcours;
  server!: TeamsServer;
  /** What the adapter handed the core: the neutral messages and actions, after parsing. */
  readonly incoming: (IncomingMessage | IncomingAction)[] = [];

  constructor(private readonly options: HarnessOptions = {}) {}

  async start(): Promise<void> {
    await this.connector.start();
    const logger = createLogger(this.options.logLevel ?? "debug", this.logs);
    const { now, admins, jobPollMs, state, database } = this.options;
    this.parcours = await testParcours({ logger, now, admins, jobPollMs, state, database });
    const { bot } = this.parcours;
    const delay = () => new Promise((r) => setTimeout(r, this.options.coreDelayMs ?? 0));
    const handleMessage = bot.handleMessage.bind(bot);
    const handleAction = bot.handleAction.bind(bot);
    bot.handleMessage = async (message) => (this.incoming.push(message), await delay(), handleMessage(message));
    bot.handleAction = async (action) => (this.incoming.push(action), await delay(), handleAction(action));
    const config = loadConfig({ TEAMS_ENABLED: "true", PORT: "0", ...this.options.env });
    this.server = await startTeamsServer({
      parcours: this.parcours,
      config,
      logger,
      host: "127.0.0.1",
      ...(this.options.authEndpoints ? { authEndpoints: this.options.authEndpoints } : {}),
      ...(this.options.turnBudgetMs !== undefined ? { turnBudgetMs: this.options.turnBudgetMs } : {}),
      ...(this.options.drainMs !== undefined ? { drainMs: this.options.drainMs } : {}),
      ...(this.options.requestTimeoutMs !== undefined ? { requestTimeoutMs: this.options.requestTimeoutMs } : {}),
    });
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    await this.connector.stop();
    await this.parcours?.close();
  }

  /** A fixture addressed to the fake connector, with a fresh activity id unless one is given. */
  activity(name: FixtureName, overrides: Record<string, unknown> = {}): Record<string, any> {
    return { ...fixture(name), serviceUrl: this.connector.url, id: randomUUID(), ...overrides };
  }

  async post(body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
    const response = await fetch(this.server.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  }
}

/** Everything a person sees on a card: texts, titles, facts, button labels, and the fallback. */
export function cardText(activity: Record<string, any>): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "data") continue;
      if ((key === "text" || key === "title" || key === "fallbackText" || (key === "value" && typeof value === "string")) && typeof value === "string") parts.push(value);
      else walk(value);
    }
  };
  if (typeof activity.text === "string") parts.push(activity.text);
  walk(activity.attachments);
  return parts.join("\n");
}

export interface CardButton {
  label: string;
  actionId: string;
  value: string;
}

/** The card's Action.Submit buttons with the data Teams would post back. */
export function cardButtons(activity: Record<string, any>): CardButton[] {
  const buttons: CardButton[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const record = node as Record<string, any>;
    if (record.type === "Action.Submit") buttons.push({ label: record.title, actionId: record.data?.actionId, value: record.data?.value });
    Object.values(record).forEach(walk);
  };
  walk(activity.attachments);
  return buttons;
}
