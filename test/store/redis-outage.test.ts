import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterEach, expect, it } from "vitest";
import { messages } from "../../src/i18n/messages.js";
import { createLogger } from "../../src/logging/logger.js";
import { openDatabase } from "../../src/records/database.js";
import { openStateStore } from "../../src/store/open-state.js";
import { SOCKET_TIMEOUT_MS } from "../../src/store/redis-connection.js";
import type { StateStore } from "../../src/store/state-store.js";
import { dmChannelOf } from "../adapters/slack/fake-slack-api.js";
import { directMessage, mention, PATIENCE_MS, SlackHarness } from "../adapters/slack/slack-harness.js";
import { TeamsHarness } from "../adapters/teams/teams-harness.js";
import { Capture } from "../helpers.js";
import { describeNeeding } from "../servers/needing.js";
import { TEST_REDIS_URL } from "../servers/servers.js";
import { RedisProxy, type Outage } from "./redis-proxy.js";

const CAMILLE = "U0CAMILLE1";
const NEWCOMER = "U0NEWCOME1";
const CHANNEL = "C0OUTAGE01";
const QUESTION = "what does a Learning Architect do?";

const cleanUps: (() => Promise<void>)[] = [];
// Stopping the harness waits for answers in flight, which a failing test may have left waiting.
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
}, 60_000);

/** Sends a DM as `user` and answers the message posted back (its fallback text), waiting at most PATIENCE_MS for it. */
async function ask(harness: SlackHarness, user: string, text: string): Promise<string> {
  return exchange(harness, directMessage(text, { user, channel: dmChannelOf(user) }), dmChannelOf(user));
}

/** Mentions the bot in CHANNEL as `user` and answers what it posted in the thread. */
async function askInChannel(harness: SlackHarness, user: string, text: string): Promise<string> {
  return exchange(harness, mention(text, { user, channel: CHANNEL }), CHANNEL);
}

async function exchange(harness: SlackHarness, event: Record<string, unknown>, answeredIn: string): Promise<string> {
  const since = harness.fake.calls.length;
  expect((await harness.sendEvent(event)).status).toBe(200);
  const answer = await harness.posted(`an answer in ${answeredIn}`, (call) => call.args.channel === answeredIn, since);
  return String(answer.args.text);
}

function logLines(logs: Capture): Record<string, unknown>[] {
  return logs.text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The log lines at error level (pino's 50) that say a message could not be handled. */
function handlingFailures(harness: SlackHarness): Record<string, unknown>[] {
  return logLines(harness.logs).filter((line) => line.level === 50 && line.msg === "handling failed");
}

const messagesOf = (logs: Capture) => logLines(logs).map((line) => line.msg);

/** Waits until the store answers again, however long its reconnection takes within PATIENCE_MS. */
async function answering(state: StateStore): Promise<void> {
  const deadline = Date.now() + PATIENCE_MS;
  for (;;) {
    try {
      await state.get("reachable");
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** State on Redis through a proxy the test can cut, under a prefix of its own, and records in memory; all removed after the test. */
async function storesBehindProxy(storeLogs: Capture) {
  const proxy = await new RedisProxy(TEST_REDIS_URL).start();
  cleanUps.push(() => proxy.close());
  const prefix = `parcours-test-outage-${randomUUID()}`;
  cleanUps.push(() => removeKeys(`${prefix}:*`));
  const database = await openDatabase("memory://");
  cleanUps.push(() => database.close());
  const state = openStateStore(database, { redis: { url: proxy.url, prefix }, logger: createLogger("info", storeLogs) });
  cleanUps.push(() => state.close());
  return { proxy, state, database };
}

describeNeeding(["redis"], "a Redis outage while Parcours answers on Slack", () => {
  it.each<Outage>(["refused", "black-holed"])(
    "answers the error sentence in the user's language while Redis is %s, logs the failure, and answers again once Redis is back",
    async (outage) => {
      const storeLogs = new Capture();
      const { proxy, state, database } = await storesBehindProxy(storeLogs);
      const harness = new SlackHarness({ state, database });
      cleanUps.push(() => harness.stop());
      await harness.start();
      harness.fake.locales.set(CAMILLE, "fr-FR");

      const before = await ask(harness, CAMILLE, QUESTION);
      expect(before).toContain("Learning Architect");
      expect(handlingFailures(harness)).toEqual([]);

      await proxy.cut(outage);
      const cutAt = Date.now();
      // This process learnt Camille's language from the first message; the store is not needed for it.
      expect(await ask(harness, CAMILLE, QUESTION)).toBe(messages("fr").error);
      expect(handlingFailures(harness)).toHaveLength(1);
      // Someone this process has not seen yet: their Slack language is cached in the store that is
      // out of reach, so the answer is in the default language, but it comes.
      expect(await ask(harness, NEWCOMER, QUESTION)).toBe(messages("en").error);
      expect(handlingFailures(harness)).toHaveLength(2);
      // A mention, which the adapter claims in the store before the core sees it.
      expect(await askInChannel(harness, CAMILLE, QUESTION)).toBe(messages("fr").error);
      expect(handlingFailures(harness)).toHaveLength(3);

      // A connection lost while a reply was due can close its successor once within SOCKET_TIMEOUT_MS
      // (see there): Redis comes back after that here, so that this test sees the recovery alone.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, cutAt + SOCKET_TIMEOUT_MS - Date.now())));
      await proxy.restore();
      await answering(state);
      const after = await ask(harness, CAMILLE, QUESTION);
      expect(after).toContain("Learning Architect");
      expect(after).not.toBe(messages("fr").error);
      expect(await askInChannel(harness, NEWCOMER, QUESTION)).toContain("Learning Architect");
      expect(handlingFailures(harness)).toHaveLength(3);
      // The outage, once, not each reconnection: and its end.
      expect(messagesOf(storeLogs)).toEqual(["state store: Redis connection lost; reconnecting", "state store: Redis connection back"]);
    },
    90_000,
  );
});

describeNeeding(["redis"], "a Redis outage while Parcours answers on Teams", () => {
  it("answers the error sentence while Redis is refused, though the conversation's reference cannot be recorded, and answers again once it is back", async () => {
    const { proxy, state, database } = await storesBehindProxy(new Capture());
    const harness = new TeamsHarness({ state, database });
    cleanUps.push(() => harness.stop());
    await harness.start();
    /** A personal chat's message from `person`, first seen then: its reference is written to the store. */
    const say = async (person: string, text: string) => {
      const conversation = { conversationType: "personal", id: `a:outage-${person}` };
      const from = { id: `29:${person}`, aadObjectId: randomUUID(), name: "Camille" };
      const before = harness.connector.messages(conversation.id).length;
      expect((await harness.post(harness.activity("personal-message", { text, conversation, from, locale: "fr-FR" }))).status).toBe(200);
      const answers = harness.connector.messages(conversation.id).slice(before);
      expect(answers).toHaveLength(1);
      return JSON.stringify(answers[0]!.activity);
    };

    expect(await say("before", QUESTION)).toContain("Learning Architect");
    const cutAt = Date.now();
    await proxy.cut("refused");
    expect(await say("during", QUESTION)).toContain(JSON.stringify(messages("fr").error).slice(1, -1));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, cutAt + SOCKET_TIMEOUT_MS - Date.now())));
    await proxy.restore();
    await answering(state);
    expect(await say("after", QUESTION)).toContain("Learning Architect");
  }, 90_000);
});

/** Deletes this test's keys, by SCAN, on the shared Redis. */
async function removeKeys(pattern: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    for await (const keys of redis.scanStream({ match: pattern, count: 500 })) if ((keys as string[]).length > 0) await redis.unlink(...(keys as string[]));
  } finally {
    await redis.quit();
  }
}
