/**
 * The Redis and PostgreSQL servers that the tests of the shared stores use: the test processes, the
 * Parcours processes they start and the bench all take their addresses from here. Both run on CI,
 * which starts them itself; elsewhere a test that needs one that does not answer is skipped, and the
 * run says so at its end (test/servers/setup.ts, test/servers/report-skipped.ts).
 *
 * No vitest here: the bench imports this file (through test/processes/parcours-processes.ts).
 */
import { Redis } from "ioredis";
import pg from "pg";

export type Server = "redis" | "postgres";

export interface ServerAddress {
  /** As the run's closing lines name it. */
  name: string;
  url: string;
  /** The variable that names another one. */
  variable: string;
}

export const TEST_SERVERS: Record<Server, ServerAddress> = {
  redis: { name: "Redis", url: process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379", variable: "TEST_REDIS_URL" },
  postgres: { name: "PostgreSQL", url: process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test", variable: "TEST_DATABASE_URL" },
};

/** The Redis server of the tests: each test keeps to keys, a queue or a numbered database of its own. */
export const TEST_REDIS_URL = TEST_SERVERS.redis.url;
/** The PostgreSQL database of the tests: each test keeps to a schema of its own. */
export const TEST_DATABASE_URL = TEST_SERVERS.postgres.url;

/** A URL as it may be printed: its password, if any, masked. */
export function shown(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}

/** Whether CI runs the tests: then a test never skips for a server that does not answer, it fails. */
export function onCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env.CI ?? "").trim().toLowerCase();
  return value !== "" && value !== "0" && value !== "false";
}

const ANSWER_MS = 3_000;

/** Why the server does not answer a real command within a few seconds, or undefined when it does. */
export async function unanswered(server: Server): Promise<string | undefined> {
  try {
    await withTimeout(server === "redis" ? pingRedis(TEST_SERVERS.redis.url) : queryPostgres(TEST_SERVERS.postgres.url), ANSWER_MS);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return message.replace(/\s+/g, " ").trim() || "no answer";
  }
}

async function pingRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: ANSWER_MS, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  // The cause comes as an event (connect only rejects with "Connection is closed").
  let cause: Error | undefined;
  redis.on("error", (error: Error) => (cause ??= error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw cause ?? error;
  } finally {
    redis.disconnect();
  }
}

async function queryPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: ANSWER_MS });
  client.on("error", () => undefined);
  await client.connect();
  try {
    await client.query("SELECT 1");
  } finally {
    await client.end();
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
