import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startSlack, type RunningSlack } from "../../../adapters/slack/start-slack.js";
import { FORM_OPEN_ACTION } from "../../../adapters/slack/to-block-kit.js";
import { loadConfig } from "../../../src/config/config.js";
import { packageRoot } from "../../../src/config/package-root.js";
import { createLogger } from "../../../src/logging/logger.js";
import type { Parcours } from "../../../src/parcours.js";
import type { Database } from "../../../src/records/database.js";
import type { StateStore } from "../../../src/store/state-store.js";
import { Capture, testParcours, type TestParcoursOptions } from "../../helpers.js";
import { FAKE_BOT_USER, FakeSlackApi, type RecordedCall } from "./fake-slack-api.js";
import { formButtonPress, type FormPressPlace } from "./form-payloads.js";
import { seenButtons, type SeenButton } from "./seen-message.js";
import { postSigned } from "./slack-signature.js";

export const BOT_TOKEN = "xoxb-0000-fake-bot-token";
export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

export type Fixture = Record<string, any>;

/** Generous: a test waits for what it expects, however slow the machine. */
export const PATIENCE_MS = 20_000;

export function fixture(name: string): Fixture {
  return JSON.parse(readFileSync(join(packageRoot(), "test", "fixtures", "slack", `${name}.json`), "utf8")) as Fixture;
}

let sequence = 0;
/** A fresh event id and timestamp, as every new Slack event has. */
export function nextIds(): { eventId: string; ts: string; trigger: string } {
  sequence++;
  return { eventId: `Ev0TEST${String(sequence).padStart(5, "0")}`, ts: `${1718000000 + sequence}.000${sequence}`, trigger: `${sequence}.0000.fakeTrigger${sequence}` };
}

export interface EventOverrides {
  user?: string;
  channel?: string;
  eventId?: string;
  ts?: string;
  event?: Fixture;
}

/** An event callback from a fixture, with its own ids and `text`. */
function eventCallback(name: string, text: string, overrides: EventOverrides): Fixture {
  const body = fixture(name);
  const ids = nextIds();
  body.event_id = overrides.eventId ?? ids.eventId;
  Object.assign(body.event, { text, ts: overrides.ts ?? ids.ts, event_ts: overrides.ts ?? ids.ts, user: overrides.user ?? body.event.user, channel: overrides.channel ?? body.event.channel }, overrides.event);
  body.event.blocks = [];
  return body;
}

/** A message.im event callback. */
export function directMessage(text: string, overrides: EventOverrides = {}): Fixture {
  return eventCallback("message-im", text, overrides);
}

/** An app_mention in a channel, the bot's mention first as Slack writes it. */
export function mention(text: string, overrides: EventOverrides = {}): Fixture {
  return eventCallback("app-mention", `<@${FAKE_BOT_USER}> ${text}`, overrides);
}

/** Where a pressed button was shown: the message's conversation and ts, and who pressed it. */
export interface PressPlace {
  user?: string;
  channel?: string;
  messageTs?: string;
}

/** A block_actions payload for a button as a client showed it: Slack sends its action_id and value back. */
export function buttonPress(shown: SeenButton, place: PressPlace = {}): Fixture {
  const payload = fixture("block-actions");
  payload.trigger_id = nextIds().trigger;
  payload.actions[0] = { ...payload.actions[0], action_id: shown.slackActionId, value: shown.value, text: { type: "plain_text", text: shown.label, emoji: true } };
  if (place.user) payload.user = { ...payload.user, id: place.user };
  if (place.channel) {
    payload.container.channel_id = place.channel;
    payload.channel.id = place.channel;
  }
  if (place.messageTs) {
    payload.container.message_ts = place.messageTs;
    payload.message.ts = place.messageTs;
  }
  return payload;
}

/** What two harnesses share to stand for two processes of one deployment. */
export interface SharedStores {
  state: StateStore;
  database: Database;
}

export interface SlackHarnessOptions extends Pick<TestParcoursOptions, "admins" | "jobPollMs"> {
  logLevel?: string;
  apiUrl?: string;
  drainMs?: number;
  coreCallTimeoutMs?: number;
  adapt?: (bot: Parcours["bot"]) => void;
  /** Configuration beside the harness's own (SLACK_MESSAGES_PER_SECOND…). */
  env?: Record<string, string>;
}

/** Parcours' Slack adapter on a loopback port, talking to a fake Slack API. */
export class SlackHarness {
  readonly fake = new FakeSlackApi(BOT_TOKEN);
  readonly logs = new Capture();
  running!: RunningSlack;
  /** The whole core the adapter runs on: its state, address book, erasure. */
  parcours!: Parcours;

  constructor(private readonly shared?: SharedStores) {}

  get eventsUrl(): string {
    return `http://127.0.0.1:${this.running.port}/slack/events`;
  }

  async start(options: SlackHarnessOptions = {}): Promise<this> {
    if (!options.apiUrl) await this.fake.start();
    const logger = createLogger(options.logLevel ?? "debug", this.logs);
    this.parcours = await testParcours({ logger, ...this.shared, admins: options.admins, jobPollMs: options.jobPollMs });
    options.adapt?.(this.parcours.bot);
    const config = loadConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: options.apiUrl ?? this.fake.apiUrl,
      PORT: "0",
      DATABASE_URL: "memory://",
      ...options.env,
    });
    this.running = await startSlack(this.parcours, config, logger, {
      host: "127.0.0.1",
      ...(options.drainMs !== undefined ? { drainMs: options.drainMs } : {}),
      ...(options.coreCallTimeoutMs !== undefined ? { coreCallTimeoutMs: options.coreCallTimeoutMs } : {}),
    });
    return this;
  }

  async stop(): Promise<void> {
    await this.running?.stop();
    await this.fake.stop();
    // Shared stores belong to the test that made them.
    if (!this.shared) await this.parcours?.close();
  }

  /** Posts a JSON event callback signed as Slack signs it. */
  sendEvent(body: Fixture, headers: Record<string, string> = {}, timestamp?: number): Promise<Response> {
    return postSigned(this.eventsUrl, { secret: SIGNING_SECRET, body: JSON.stringify(body), contentType: "application/json", headers, ...(timestamp ? { timestamp } : {}) });
  }

  /** Posts a slash command, form-encoded as Slack sends it. */
  sendCommand(fields: Fixture): Promise<Response> {
    return postSigned(this.eventsUrl, { secret: SIGNING_SECRET, body: new URLSearchParams(fields).toString(), contentType: "application/x-www-form-urlencoded" });
  }

  /** Posts an interaction: form-encoded, its JSON in the `payload` field. */
  sendInteraction(payload: Fixture): Promise<Response> {
    return postSigned(this.eventsUrl, { secret: SIGNING_SECRET, body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: "application/x-www-form-urlencoded" });
  }

  /** Waits until `find` answers something, looking again every few milliseconds; a time-out names what the fake saw. */
  async eventually<T>(what: string, find: () => T | undefined, timeoutMs = PATIENCE_MS): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; saw ${this.fake.calls.map((c) => c.method).join(", ")}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The first message posted after `since` that `matches`, once it is there and the adapter is done with the request. */
  async posted(what: string, matches: (call: RecordedCall) => boolean, since: number): Promise<RecordedCall> {
    const call = await this.eventually(what, () => this.fake.callsTo("chat.postMessage", since).find(matches));
    await this.running.settled();
    return call;
  }

  /**
   * Asks for a form with `ask`, presses the form's button on the message `shown` finds, where
   * `pressedAt` says the client showed it, and answers the offer and the modal views.open was given.
   */
  async openedForm(user: string, ask: () => Promise<Response>, shown: (call: RecordedCall) => boolean, pressedAt: (offer: RecordedCall) => Omit<FormPressPlace, "user">): Promise<{ offer: RecordedCall; view: Fixture }> {
    const formButtons = (call: RecordedCall) => seenButtons(call.args).filter((b) => b.actionId === FORM_OPEN_ACTION);
    const before = this.fake.calls.length;
    await accepted(ask());
    const offer = await this.eventually("the form's button", () => this.fake.calls.slice(before).find((c) => shown(c) && formButtons(c).length === 1));
    await this.running.settled();
    const pressing = this.fake.calls.length;
    await accepted(this.sendInteraction(formButtonPress(formButtons(offer)[0]!, { user, ...pressedAt(offer) })));
    const [opened] = await this.fake.waitFor("views.open", 1, pressing, PATIENCE_MS);
    await this.running.settled();
    return { offer, view: opened!.args.view as Fixture };
  }
}

/** Slack's request, acknowledged as Slack expects: a 200, whatever the answer that follows it. */
async function accepted(response: Promise<Response>): Promise<void> {
  const { status } = await response;
  if (status !== 200) throw new Error(`the adapter answered ${status}`);
}
