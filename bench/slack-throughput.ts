import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { App } from "@slack/bolt";
import { boltLogger } from "../adapters/slack/bolt-logger.js";
import { startSlack, type RunningSlack } from "../adapters/slack/start-slack.js";
import { toBlockKit } from "../adapters/slack/to-block-kit.js";
import { answer } from "../src/answers/answer.js";
import type { RoleCatalog } from "../src/catalog/role-catalog.js";
import { loadConfig } from "../src/config/config.js";
import { createLogger } from "../src/logging/logger.js";
import { createParcours } from "../src/parcours.js";
import { RuleBasedUnderstanding } from "../src/understanding/rule-based-understanding.js";
import { percentiles, type BenchRow } from "./measure.js";

/**
 * Signed Slack events over loopback HTTP: Parcours' Slack adapter and core against a bare Bolt
 * app that only acknowledges and posts a fixed reply, both posting to the same fake Web API, in
 * the same run; then the HTTP answer's latency while every answer takes 5 seconds: an event is
 * answered over HTTP once its answer is posted (a process dying before then leaves it to Slack's
 * retries), so this is the answer's time plus any queueing, not an early acknowledgement. Parcours runs
 * as `parcours start` runs it by default: createParcours on a SQLite file (records and state), logs
 * at info level, serialised and written to a stream that discards them.
 */
const TOKEN = "xoxb-0000-bench-token";
const SECRET = "bench-signing-secret-0000";
const EVENTS = 2000;
const WARM_UP = 300;
const ROUNDS = 3;
const CONCURRENCY = 32;
const SLOW_EVENTS = 2000;
const SLOW_RATE = 200;
const SLOW_ANSWER_MS = 5000;
const WAIT_LIMIT_MS = 60_000;
const QUESTIONS = [
  "what does a Learning Architect do?",
  "which skills does a Digital Learning Manager need?",
  "how do I become a learning designer?",
  "c'est quoi un Digital Learning Manager ?",
  "difference between a DLM and a training manager",
  "list the roles",
];

/** The least of the Web API: answers like Slack and counts chat.postMessage calls. */
class ApiSink {
  posts = 0;
  private server: Server | undefined;
  private waiter: { target: number; resolve: () => void } | undefined;
  url = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        const method = (req.url ?? "").replace(/^\/api\//, "");
        let body: object = { ok: true };
        if (method === "auth.test") body = { ok: true, team_id: "T0BENCH", user_id: "U0BOT", bot_id: "B0BOT" };
        if (method === "users.info") body = { ok: true, user: { id: "U", locale: "en-US" } };
        if (method === "chat.postMessage") {
          body = { ok: true, channel: "D0", ts: `${++this.posts}.000100` };
          if (this.waiter && this.posts >= this.waiter.target) this.waiter.resolve();
        }
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
  }

  /** Resolves when `target` posts have arrived in all; fails rather than wait forever. */
  until(target: number): Promise<void> {
    if (this.posts >= target) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${this.posts} of ${target} replies arrived`)), WAIT_LIMIT_MS);
      this.waiter = { target, resolve: () => (clearTimeout(timer), resolve()) };
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

let eventNumber = 0;
function signedEvent(): { body: string; headers: Record<string, string> } {
  const n = ++eventNumber;
  const user = `U0USER${n % 50}`;
  const body = JSON.stringify({
    token: "x",
    team_id: "T0BENCH",
    api_app_id: "A0BENCH",
    type: "event_callback",
    event_id: `Ev0BENCH${n}`,
    event_time: 1718000000,
    authorizations: [{ team_id: "T0BENCH", user_id: "U0BOT", is_bot: true, is_enterprise_install: false }],
    event: { type: "message", channel_type: "im", channel: `D0${user}`, user, text: QUESTIONS[n % QUESTIONS.length], ts: `1718000000.${n}`, event_ts: `1718000000.${n}` },
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac("sha256", SECRET).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return { body, headers: { "content-type": "application/json", "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature } };
}

/** Sends `count` events, `CONCURRENCY` at a time; returns each acknowledgement's latency in ms. */
async function send(url: string, count: number): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const { body, headers } = signedEvent();
      const started = performance.now();
      const response = await fetch(url, { method: "POST", headers, body });
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      if (response.status !== 200) throw new Error(`event answered ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return latencies;
}

/** Sends `count` events at a steady `perSecond`, whatever the answers do; returns each acknowledgement's latency in ms. */
async function sendAtRate(url: string, count: number, perSecond: number): Promise<number[]> {
  const latencies: number[] = [];
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const { body, headers } = signedEvent();
    const sent = performance.now();
    inFlight.push(
      fetch(url, { method: "POST", headers, body }).then(async (response) => {
        await response.arrayBuffer();
        latencies.push(performance.now() - sent);
        if (response.status !== 200) throw new Error(`event answered ${response.status}`);
      }),
    );
  }
  await Promise.all(inFlight);
  return latencies;
}

/** Events per second, from the first send to the last reply reaching the Web API. */
async function throughput(url: string, sink: ApiSink, count: number): Promise<number> {
  const target = sink.posts + count;
  const started = performance.now();
  await send(url, count);
  await sink.until(target);
  return count / ((performance.now() - started) / 1000);
}

/** A devnull for the logs: written and serialised at the level a user runs (info), never shown. */
const discard = { write: () => true } as unknown as NodeJS.WritableStream;

/**
 * The floor: Bolt acknowledging and posting one fixed, pre-rendered Parcours answer, so the two
 * apps send replies of the same size and the difference is what Parcours adds per event.
 */
async function bareBolt(apiUrl: string, catalog: RoleCatalog): Promise<{ url: string; stop: () => Promise<unknown> }> {
  const fixed = toBlockKit(answer(catalog, new RuleBasedUnderstanding(catalog).understand(QUESTIONS[0]!)))[0]!;
  const app = new App({ token: TOKEN, signingSecret: SECRET, clientOptions: { slackApiUrl: apiUrl }, logger: boltLogger(createLogger("info", discard)), deferInitialization: true });
  await app.init();
  app.event("message", async ({ event, client }) => {
    await client.chat.postMessage({ channel: (event as { channel: string }).channel, text: fixed.text, blocks: fixed.blocks });
  });
  const server = (await app.start({ port: 0, host: "127.0.0.1" })) as Server;
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, stop: () => app.stop() };
}

async function parcoursSlack(apiUrl: string, answerDelayMs = 0): Promise<{ url: string; running: RunningSlack; close: () => Promise<void> }> {
  // The default store, SQLite, in a file of its own: DATABASE_URL as a user sets it, opened by createParcours.
  const dir = mkdtempSync(join(tmpdir(), "parcours-bench-slack-"));
  const config = loadConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: apiUrl, PORT: "0", DATABASE_URL: `sqlite://${join(dir, "parcours.sqlite")}`, LOG_LEVEL: "info" });
  const logger = createLogger(config.LOG_LEVEL, discard);
  const parcours = await createParcours(config, logger);
  const { bot } = parcours;
  if (answerDelayMs > 0) {
    // Stands in for a slow answer step (a language model, later): bench only.
    const handle = bot.handleMessage.bind(bot);
    bot.handleMessage = async (message) => {
      await new Promise((resolve) => setTimeout(resolve, answerDelayMs));
      return handle(message);
    };
  }
  const running = await startSlack(parcours, config, logger, { host: "127.0.0.1" });
  return {
    url: `http://127.0.0.1:${running.port}/slack/events`,
    running,
    close: async () => {
      await parcours.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchSlack(catalog: RoleCatalog): Promise<BenchRow[]> {
  const sink = new ApiSink();
  await sink.start();
  const bare = await bareBolt(sink.url, catalog);
  const parcours = await parcoursSlack(sink.url);
  const rates = { bare: [] as number[], parcours: [] as number[] };
  try {
    await throughput(bare.url, sink, WARM_UP);
    await throughput(parcours.url, sink, WARM_UP);
    for (let round = 0; round < ROUNDS; round++) {
      rates.bare.push(await throughput(bare.url, sink, EVENTS));
      rates.parcours.push(await throughput(parcours.url, sink, EVENTS));
    }
  } finally {
    await bare.stop();
    await parcours.running.stop();
    await parcours.close();
  }

  const slow = await parcoursSlack(sink.url, SLOW_ANSWER_MS);
  let acks: number[];
  try {
    // Steady traffic for twice the answer time, so acknowledgements overlap answers finishing.
    acks = await sendAtRate(slow.url, SLOW_EVENTS, SLOW_RATE);
  } finally {
    await slow.running.stop();
    await slow.close();
    await sink.stop();
  }

  const bareRate = median(rates.bare);
  const parcoursRate = median(rates.parcours);
  const { median: ackMedian, p99: ackP99 } = percentiles(acks);
  const bench = "slack, signed HTTP events, SQLite file, info logs";
  return [
    { bench, measure: `bare Bolt (ack + fixed answer), events/s`, value: bareRate.toFixed(0) },
    { bench, measure: `Parcours adapter + core, events/s`, value: parcoursRate.toFixed(0) },
    { bench, measure: "Parcours / bare Bolt", value: `${(parcoursRate / bareRate).toFixed(2)}×` },
    { bench, measure: `HTTP answer after the answer, median, answer takes ${SLOW_ANSWER_MS / 1000} s, ${SLOW_RATE} events/s`, value: `${ackMedian.toFixed(1)} ms` },
    { bench, measure: `HTTP answer after the answer, p99, answer takes ${SLOW_ANSWER_MS / 1000} s, ${SLOW_RATE} events/s`, value: `${ackP99.toFixed(1)} ms` },
    { bench, measure: "events × rounds (median), concurrency", value: `${EVENTS} × ${ROUNDS}, ${CONCURRENCY}` },
  ];
}
