import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { stringify } from "yaml";
import { packageRoot } from "../../src/config/package-root.js";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "../servers/servers.js";

/**
 * Real Parcours processes from the build (`npm run build` first), as tests and benches start them:
 * `parcours start` behind real HTTP, `parcours announce`, and storage of a run's own.
 */
export const PARCOURS = join(packageRoot(), "dist", "bin", "parcours.js");

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A process of the build with only the environment given (and PATH), its output kept. It runs in
 * an empty directory: `parcours` reads a .env file where it runs, and one in the checkout (a
 * developer's settings) must not add what the caller did not give.
 */
export interface ParcoursProcess {
  child: ChildProcess;
  /** What it wrote to standard output. */
  output: () => string;
  /** What it wrote to standard error (warnings and errors), to explain a failure. */
  errors: () => string;
  /** Its exit code once it and its output have ended, or null when a signal ended it. */
  exited: Promise<number | null>;
  /** The empty directory it runs in, for a caller that removes what it made once the process has stopped. */
  directory: string;
}

export function spawnParcours(args: string[], env: Record<string, string>): ParcoursProcess {
  const cwd = mkdtempSync(join(tmpdir(), "parcours-process-"));
  const child = spawn(process.execPath, [PARCOURS, ...args], { cwd, env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  let errors = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  return { child, output: () => output, errors: () => errors, exited, directory: cwd };
}

/** A process serving on its PORT: /healthz, /readyz and /metrics, and for `parcours start` the platforms' routes. */
export interface ServingProcess extends ParcoursProcess {
  /** `http://127.0.0.1:<PORT>`. */
  origin: string;
}

export interface RunningProcess extends ServingProcess {
  /** Where it takes Slack's events. */
  url: string;
}

/** `parcours <command>` on a free PORT, answered once it is ready. */
async function serving(command: "start" | "worker", env: Record<string, string>): Promise<ServingProcess> {
  const port = await freePort();
  const started = spawnParcours([command], { ...env, PORT: String(port) });
  const origin = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    if (started.child.exitCode !== null) throw new Error(`parcours exited: ${started.errors()}`);
    // Ready: its stores answer and every platform has started.
    const ready = await fetch(`${origin}/readyz`).then((res) => res.ok, () => false);
    if (ready) return { ...started, origin };
    if (tries > 600) throw new Error(`parcours was not ready: ${started.errors()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `parcours start`, answered once it is ready. */
export async function startProcess(env: Record<string, string>): Promise<RunningProcess> {
  const started = await serving("start", env);
  return { ...started, url: `${started.origin}/slack/events` };
}

/** `parcours worker`, answered once it is ready: it runs the jobs, and serves only health and metrics. */
export function startWorker(env: Record<string, string>): Promise<ServingProcess> {
  return serving("worker", env);
}

/**
 * `parcours announce --file <content, as YAML> --as <author> --yes`: checked, previewed, confirmed,
 * and, with no send time, sent by this process (with any others running) until it is done.
 */
export async function announce(content: Record<string, unknown>, author: string, env: Record<string, string>): Promise<ParcoursProcess> {
  const file = join(await mkdtemp(join(tmpdir(), "parcours-announce-")), "announcement.yaml");
  await writeFile(file, stringify(content));
  return spawnParcours(["announce", "--file", file, "--as", author, "--yes"], env);
}

/** Stops a process this test started, and waits until it has exited (SIGKILL if it will not). */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  await exited;
  clearTimeout(timer);
}

/** How long a test waits for what it expects: generous, since it measures nothing but what arrives. */
export const PATIENCE_MS = 180_000;

/**
 * Waits until `find` answers something; on time out (`patienceMs`, PATIENCE_MS unless given), says
 * what was awaited and `explain()`.
 */
export async function until<T>(what: string, find: () => T | undefined | Promise<T | undefined>, explain: () => string = () => "", patienceMs = PATIENCE_MS): Promise<T> {
  const deadline = Date.now() + patienceMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}. ${explain()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const POSTGRES_URL = TEST_DATABASE_URL;

/** Runs one statement on the test database, outside Parcours. */
async function onPostgres(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A PostgreSQL schema of this run's own (DATABASE_URL's `?schema=`): its processes create and
 * migrate it at once, as a fresh deployment does, and never meet the rows or the migration history
 * other runs left in the test database.
 */
function ownPostgresSchema(name: string): { url: string; drop: () => Promise<void> } {
  const schema = `${name}_${randomUUID().replace(/-/g, "")}`;
  const url = new URL(POSTGRES_URL);
  url.searchParams.set("schema", schema);
  return { url: url.toString(), drop: () => onPostgres(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`) };
}

const REDIS_SERVER = TEST_REDIS_URL;
/** Redis's default count of numbered databases; 0 is left to the runs that use it. */
const REDIS_DATABASES = 16;
const CLAIM_KEY = "parcours-test-run";

/**
 * A numbered Redis database of this run's own, claimed with a marker key on an empty one and
 * emptied afterwards: processes of another run on the same keys would take this run's jobs (and
 * answer them from their own records). The processes keep the default REDIS_PREFIX, as a
 * deployment does; a prefix of the run's own would keep runs apart too, but not be emptied whole.
 */
async function ownRedisDatabase(): Promise<{ url: string; empty: () => Promise<void> }> {
  const order = Array.from({ length: REDIS_DATABASES - 1 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
  for (const index of order) {
    const address = new URL(REDIS_SERVER);
    address.pathname = `/${index}`;
    const url = address.toString();
    const redis = new Redis(url);
    try {
      const claimed = (await redis.set(CLAIM_KEY, randomUUID(), "NX")) === "OK";
      if (claimed && (await redis.dbsize()) === 1) {
        return {
          url,
          empty: async () => {
            const again = new Redis(url);
            await again.flushdb();
            await again.quit();
          },
        };
      }
      // Someone else's keys were there without a marker: not this run's to use.
      if (claimed) await redis.del(CLAIM_KEY);
    } finally {
      await redis.quit();
    }
  }
  throw new Error(`no empty Redis database among 1–${REDIS_DATABASES - 1} on ${REDIS_SERVER}`);
}

/** Storage as several machines share it, of this run's own: the environment that names it, and its removal. */
export interface SharedStorage {
  env: { DATABASE_URL: string; REDIS_URL: string };
  remove: () => Promise<void>;
}

/** PostgreSQL (a schema named after `name`) and Redis (a numbered database), both of this run's own. */
export async function ownRedisAndPostgres(name: string): Promise<SharedStorage> {
  const postgres = ownPostgresSchema(name);
  const redis = await ownRedisDatabase();
  return {
    env: { DATABASE_URL: postgres.url, REDIS_URL: redis.url },
    remove: async () => {
      await postgres.drop();
      await redis.empty();
    },
  };
}
