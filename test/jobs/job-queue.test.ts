import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, afterEach, expect, it } from "vitest";
import { BullmqJobQueue, bullmqJobId } from "../../src/jobs/bullmq-queue.js";
import { DatabaseJobQueue } from "../../src/jobs/database-queue.js";
import { RetryLater, type Job, type JobHandler, type JobQueue } from "../../src/jobs/job-queue.js";
import { createLogger, type Logger } from "../../src/logging/logger.js";
import { openDatabase, type Database, type OpenDatabaseOptions } from "../../src/records/database.js";
import { Capture, tempDir } from "../helpers.js";
import { describeNeeding } from "../servers/needing.js";
import { TEST_DATABASE_URL, TEST_REDIS_URL, type Server } from "../servers/servers.js";

/** Each test gets its own queue, file or schema, on the servers of the tests. */
const SERVERS = { redis: TEST_REDIS_URL, postgres: TEST_DATABASE_URL } as const;

interface Tuning {
  maxAttempts?: number;
  backoffMs?: number;
  concurrency?: number;
  closeWaitMs?: number;
  leaseMs?: number;
  logger?: Logger;
}

/** Where a job ended, as the store itself records it. */
interface Outcome {
  state: "done" | "failed" | "pending";
  error: string | null;
}

/** One store (a SQLite file, a PostgreSQL schema, a BullMQ queue) that queues share as processes would. */
interface JobStore {
  /** A queue on a connection of its own, as another process would have. */
  open(tuning?: Tuning): Promise<JobQueue>;
  outcome(id: string): Promise<Outcome | undefined>;
  /** The time its queues read, in milliseconds. */
  now(): number;
  /**
   * Makes a job scheduled far ahead due at once, as the passing of time would, so that no test waits
   * for a real deadline (which a slow machine could pass before the test checks the job has not run):
   * the database queues' clock moves on to its time, BullMQ promotes the delayed job.
   */
  makeDue(id: string, runAt: Date): Promise<void>;
  close(): Promise<void>;
}

/** Far enough ahead that no machine is slow enough to reach it during a test. */
const AN_HOUR = 3600_000;

interface DatabaseJobStore extends JobStore {
  /** For writing rows directly, as a crashed process would have left them. */
  inspector: Database;
  /** How another process opens the same store. */
  address: { url: string; options: OpenDatabaseOptions };
}

const stores: JobStore[] = [];
const consumers: ChildProcessWithoutNullStreams[] = [];
afterEach(async () => {
  for (const consumer of consumers.splice(0)) if (consumer.exitCode === null) consumer.kill();
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

/**
 * Kysely's migrator lists the tables of every schema, and that query fails when another test run
 * drops its own schema at the same moment (PostgreSQL error 3F000): a clash between test runs only,
 * so opening is tried again then.
 */
async function openStoreDatabase(url: string, options: OpenDatabaseOptions): Promise<Database> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await openDatabase(url, options);
    } catch (error) {
      if (attempt >= 5 || (error as { code?: string }).code !== "3F000") throw error;
    }
  }
}

/** `remove` deletes the file or schema, also when opening it failed half-way. */
async function databaseStore(url: string, options: OpenDatabaseOptions, remove: () => Promise<void>): Promise<DatabaseJobStore> {
  const inspector = await openStoreDatabase(url, options).catch(async (error: unknown) => {
    await remove();
    throw error;
  });
  const databases: Database[] = [];
  const queues: JobQueue[] = [];
  // Real time plus whatever makeDue added: backoffs and retries still pass by themselves.
  let skew = 0;
  const now = () => Date.now() + skew;
  const store: DatabaseJobStore = {
    inspector,
    address: { url, options },
    now,
    async makeDue(_id, runAt) {
      skew += Math.max(0, runAt.getTime() - now());
      // The queues poll every 25 ms on this clock, so the next poll finds the job due.
    },
    async open(tuning = {}) {
      const database = await openStoreDatabase(url, options);
      databases.push(database);
      const queue = new DatabaseJobQueue(database, { pollMs: 25, backoffMs: 20, now, ...tuning });
      queues.push(queue);
      return queue;
    },
    async outcome(id) {
      const row = await inspector.db.selectFrom("jobs").select(["state", "last_error"]).where("id", "=", id).executeTakeFirst();
      if (!row) return undefined;
      return { state: row.state === "done" || row.state === "failed" ? row.state : "pending", error: row.last_error };
    },
    async close() {
      try {
        await Promise.all(queues.map((queue) => queue.close()));
        await Promise.all(databases.map((database) => database.close()));
        await inspector.close();
      } finally {
        await remove();
      }
    },
  };
  stores.push(store);
  return store;
}

async function sqliteStore(): Promise<DatabaseJobStore> {
  const dir = await tempDir("parcours-jobs-");
  return databaseStore(`sqlite://${join(dir, "jobs.sqlite")}`, {}, () => rm(dir, { recursive: true, force: true }));
}

async function postgresStore(): Promise<DatabaseJobStore> {
  const schema = `jobs_${randomUUID().replace(/-/g, "")}`;
  return databaseStore(SERVERS.postgres, { schema }, async () => {
    const client = new pg.Client(SERVERS.postgres);
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await client.end();
    }
  });
}

async function bullmqStore(): Promise<JobStore> {
  const queueName = `jobs-${randomUUID()}`;
  const prefix = "parcours-test";
  const connection = new Redis(SERVERS.redis);
  const inspector = new Queue(queueName, { connection, prefix });
  const queues: JobQueue[] = [];
  const store: JobStore = {
    now: Date.now,
    async makeDue(id) {
      const job = await inspector.getJob(bullmqJobId(id));
      if (!job) throw new Error(`no job ${id} to make due`);
      // Fails unless the job is still delayed.
      await job.promote();
    },
    async open(tuning = {}) {
      const queue = new BullmqJobQueue({ url: SERVERS.redis, queueName, prefix, backoffMs: 20, ...tuning });
      queues.push(queue);
      return queue;
    },
    async outcome(id) {
      const job = await inspector.getJob(bullmqJobId(id));
      if (!job) return undefined;
      const state = await job.getState();
      return { state: state === "completed" ? "done" : state === "failed" ? "failed" : "pending", error: job.failedReason ?? null };
    },
    async close() {
      await Promise.all(queues.map((queue) => queue.close()));
      await inspector.obliterate({ force: true });
      await inspector.close();
      await connection.quit();
    },
  };
  stores.push(store);
  return store;
}

/** Waits for an outcome that arrives asynchronously; the bound only turns a hang into a clear failure. */
async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until the job has ended, done or failed, and checks which. */
async function finished(store: JobStore, id: string, state: Exclude<Outcome["state"], "pending"> = "done"): Promise<void> {
  let outcome: Outcome | undefined;
  await until(async () => {
    outcome = await store.outcome(id);
    return outcome !== undefined && outcome.state !== "pending";
  }, `${id} to end`);
  expect(outcome?.state, `${id}: ${outcome?.error ?? ""}`).toBe(state);
}

/** A handler that records the jobs it is given. */
function recorder(): { runs: Job[]; handler: JobHandler } {
  const runs: Job[] = [];
  return { runs, handler: async (job) => void runs.push(job) };
}

const QUEUES: [name: string, createStore: () => Promise<JobStore>, needs: Server[]][] = [
  ["database-sqlite", sqliteStore, []],
  ["database-postgres", postgresStore, ["postgres"]],
  ["bullmq", bullmqStore, ["redis"]],
];

for (const [name, createStore, needs] of QUEUES) describeNeeding(needs, `${name} job queue`, () => {
  it("runs a scheduled job once, with its payload", async () => {
    const store = await createStore();
    const queue = await store.open();
    const { runs, handler } = recorder();
    queue.start({ "survey-close": handler });
    expect(await queue.schedule({ id: "survey-close:s1", name: "survey-close", payload: { surveyId: "s1", reminders: 2 } })).toBe(true);
    await finished(store, "survey-close:s1");
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ id: "survey-close:s1", name: "survey-close", payload: { surveyId: "s1", reminders: 2 }, attempt: 1 });
  });

  it("keeps the first of several schedules with the same id, from any process, before and after it ran", async () => {
    const store = await createStore();
    const [first, second] = [await store.open(), await store.open()];
    const answers = await Promise.all(Array.from({ length: 10 }, (_, n) => (n % 2 ? first : second).schedule({ id: "announce:a1", name: "announce", payload: { n } })));
    expect(answers.filter(Boolean)).toHaveLength(1);
    const winner = answers.indexOf(true);

    const { runs, handler } = recorder();
    first.start({ announce: handler });
    await finished(store, "announce:a1");
    expect(await second.schedule({ id: "announce:a1", name: "announce", payload: { n: 99 } })).toBe(false);
    expect(await second.cancel("announce:a1")).toBe(false);

    // A later job that runs shows the queue went on without running the duplicate.
    await first.schedule({ id: "announce:a2", name: "announce", payload: {} });
    await finished(store, "announce:a2");
    expect(runs.map((job) => [job.id, job.payload])).toEqual([
      ["announce:a1", { n: winner }],
      ["announce:a2", {}],
    ]);
  });

  it("runs each of 40 jobs exactly once when two processes consume them at the same time", async () => {
    const store = await createStore();
    const [first, second] = [await store.open({ concurrency: 4 }), await store.open({ concurrency: 4 })];
    const ids = Array.from({ length: 40 }, (_, n) => `delivery:${n}`);
    await Promise.all(ids.map((id, n) => (n % 2 ? first : second).schedule({ id, name: "deliver", payload: { n } })));

    const runsPerId = new Map<string, number>();
    const taken = { first: 0, second: 0 };
    const consumer = (who: keyof typeof taken): JobHandler => async (job) => {
      runsPerId.set(job.id, (runsPerId.get(job.id) ?? 0) + 1);
      taken[who] += 1;
      // Holding the first jobs until the other process has one too makes both compete for the rest.
      await until(() => taken.first > 0 && taken.second > 0, "both processes to take a job");
    };
    first.start({ deliver: consumer("first") });
    second.start({ deliver: consumer("second") });

    await until(async () => (await Promise.all(ids.map((id) => store.outcome(id)))).every((outcome) => outcome?.state === "done"), "every delivery to be done");
    expect([...runsPerId.keys()].sort()).toEqual([...ids].sort());
    expect([...runsPerId.values()].every((count) => count === 1)).toBe(true);
    expect(taken.first).toBeGreaterThan(0);
    expect(taken.second).toBeGreaterThan(0);
  });

  it("does not run a job before its time", async () => {
    const store = await createStore();
    const queue = await store.open();
    const events: string[] = [];
    const runs: Job[] = [];
    queue.start({
      remind: async (job) => {
        events.push(`ran ${job.id}`);
        runs.push(job);
      },
    });
    const runAt = new Date(store.now() + AN_HOUR);
    await queue.schedule({ id: "remind:later", name: "remind", payload: {}, runAt });
    await queue.schedule({ id: "remind:now", name: "remind", payload: {} });

    await finished(store, "remind:now");
    expect(events).toEqual(["ran remind:now"]);
    expect(await queue.waiting()).toBe(1);

    events.push("due");
    await store.makeDue("remind:later", runAt);
    await finished(store, "remind:later");
    expect(events).toEqual(["ran remind:now", "due", "ran remind:later"]);
    expect(runs[1]?.runAt).toEqual(runAt);
  });

  it("runs a job that asked to be retried later again, without using up its attempts", async () => {
    const store = await createStore();
    const queue = await store.open({ maxAttempts: 1 });
    const attempts: number[] = [];
    queue.start({
      deliver: async (job) => {
        attempts.push(job.attempt);
        if (attempts.length < 3) throw new RetryLater(30, "platform rate limit");
      },
    });
    await queue.schedule({ id: "deliver:rate-limited", name: "deliver", payload: {} });
    await finished(store, "deliver:rate-limited");
    expect(attempts).toEqual([1, 1, 1]);
  });

  it("retries a failing job with backoff, then marks it failed with a short reason and no payload", async () => {
    const store = await createStore();
    const queue = await store.open({ maxAttempts: 3 });
    const attempts: number[] = [];
    queue.start({
      deliver: async (job) => {
        attempts.push(job.attempt);
        throw new Error("mail server refused the message");
      },
    });
    await queue.schedule({ id: "deliver:refused", name: "deliver", payload: { email: "ada@example.com" } });
    await finished(store, "deliver:refused", "failed");
    expect(attempts).toEqual([1, 2, 3]);
    const { error } = (await store.outcome("deliver:refused")) ?? {};
    expect(error).toContain("mail server refused the message");
    expect(error).not.toContain("ada@example.com");
  });

  it("tells its backlog: the jobs due and not taken, and how long the oldest has been due", async () => {
    const store = await createStore();
    const queue = await store.open();
    expect(await queue.backlog()).toEqual({ waiting: 0, oldestWaitingMs: undefined });
    await queue.schedule({ id: "remind:due", name: "remind", payload: {}, runAt: new Date(store.now() - AN_HOUR) });
    await queue.schedule({ id: "remind:later", name: "remind", payload: {}, runAt: new Date(store.now() + AN_HOUR) });
    const { waiting, oldestWaitingMs } = await queue.backlog();
    expect(waiting).toBe(1);
    expect(oldestWaitingMs).toBeGreaterThanOrEqual(AN_HOUR);
  });

  it("cancels a pending job, which frees its id", async () => {
    const store = await createStore();
    const queue = await store.open();
    await queue.schedule({ id: "survey-close:s2", name: "survey-close", payload: { n: 1 } });
    await queue.schedule({ id: "survey-close:s4", name: "survey-close", payload: {}, runAt: new Date(store.now() + AN_HOUR) });
    expect(await queue.waiting()).toBe(2);
    expect(await queue.cancel("survey-close:s2")).toBe(true);
    expect(await queue.cancel("survey-close:s2")).toBe(false);
    expect(await queue.cancel("survey-close:s4")).toBe(true);
    expect(await queue.cancel("survey-close:never-scheduled")).toBe(false);
    expect(await queue.waiting()).toBe(0);

    const { runs, handler } = recorder();
    queue.start({ "survey-close": handler });
    await queue.schedule({ id: "survey-close:s3", name: "survey-close", payload: {} });
    await finished(store, "survey-close:s3");
    expect(runs.map((job) => job.id)).toEqual(["survey-close:s3"]);

    expect(await queue.schedule({ id: "survey-close:s2", name: "survey-close", payload: { n: 2 } })).toBe(true);
    await finished(store, "survey-close:s2");
    expect(runs.map((job) => [job.id, job.payload])).toEqual([
      ["survey-close:s3", {}],
      ["survey-close:s2", { n: 2 }],
    ]);
  });

  it("refuses to cancel a job that has run, whose id keeps refusing a second schedule", async () => {
    const store = await createStore();
    const queue = await store.open();
    const { runs, handler } = recorder();
    queue.start({ "survey-close": handler });
    await queue.schedule({ id: "survey-close:ran", name: "survey-close", payload: { n: 1 } });
    await finished(store, "survey-close:ran");

    expect(await queue.cancel("survey-close:ran")).toBe(false);
    expect(await store.outcome("survey-close:ran")).toMatchObject({ state: "done" });
    expect(await queue.schedule({ id: "survey-close:ran", name: "survey-close", payload: { n: 2 } })).toBe(false);

    // A later job that runs shows the refused schedule queued nothing.
    await queue.schedule({ id: "survey-close:next", name: "survey-close", payload: {} });
    await finished(store, "survey-close:next");
    expect(runs.map((job) => [job.id, job.payload])).toEqual([
      ["survey-close:ran", { n: 1 }],
      ["survey-close:next", {}],
    ]);
  });

  it("refuses to cancel a job that is running, which then finishes as usual", async () => {
    const store = await createStore();
    const queue = await store.open();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    try {
      queue.start({
        deliver: async () => {
          started = true;
          await held;
        },
      });
      await queue.schedule({ id: "deliver:running", name: "deliver", payload: {} });
      await until(() => started, "the job to start");
      expect(await queue.cancel("deliver:running")).toBe(false);
      release();
      await finished(store, "deliver:running");
      expect(await queue.schedule({ id: "deliver:running", name: "deliver", payload: {} })).toBe(false);
    } finally {
      release();
    }
  });

  it("keeps a delayed job across a restart and runs it in the next process", async () => {
    const store = await createStore();
    const ranIn: string[] = [];
    const before = await store.open();
    before.start({ remind: async () => void ranIn.push("before") });
    const runAt = new Date(store.now() + AN_HOUR);
    await before.schedule({ id: "remind:after-restart", name: "remind", payload: {}, runAt });
    await before.close();
    expect(await store.outcome("remind:after-restart")).toMatchObject({ state: "pending" });

    const after = await store.open();
    after.start({ remind: async () => void ranIn.push("after") });
    await store.makeDue("remind:after-restart", runAt);
    await finished(store, "remind:after-restart");
    expect(ranIn).toEqual(["after"]);
  });

  it("hands a job still running at close back, without counting an attempt, and another process runs it", async () => {
    const store = await createStore();
    const ranIn: [string, number][] = [];
    let release = () => {};
    const stuck = new Promise<void>((resolve) => (release = resolve));
    try {
      const before = await store.open({ closeWaitMs: 100 });
      before.start({
        deliver: async (job) => {
          ranIn.push(["before", job.attempt]);
          await stuck;
        },
      });
      await before.schedule({ id: "deliver:stuck", name: "deliver", payload: {} });
      await until(() => ranIn.length === 1, "the first run to start");
      await before.close();

      const after = await store.open();
      after.start({ deliver: async (job) => void ranIn.push(["after", job.attempt]) });
      await finished(store, "deliver:stuck");
      expect(ranIn).toEqual([
        ["before", 1],
        ["after", 1],
      ]);
    } finally {
      release();
    }
  });
});

/**
 * A consumer in a process of its own, on the real queue: in one process, two connections interleave
 * only where the code awaits, which would hide a take that is not one atomic statement. It prints
 * `ready`, starts on a line `go`, prints `ran <id>` for each job, and closes when its input ends.
 */
const CONSUMER_SCRIPT = `
import { openDatabase } from ${JSON.stringify(fileURLToPath(new URL("../../src/records/database.ts", import.meta.url)))};
import { DatabaseJobQueue } from ${JSON.stringify(fileURLToPath(new URL("../../src/jobs/database-queue.ts", import.meta.url)))};
const { url, options } = JSON.parse(process.env.JOB_STORE);
const database = await openDatabase(url, options);
const queue = new DatabaseJobQueue(database, { pollMs: 10, concurrency: 2 });
process.stdin.setEncoding("utf8");
process.stdin.on("data", (text) => {
  if (text.includes("go")) queue.start({ deliver: async (job) => void process.stdout.write("ran " + job.id + "\\n") });
});
process.stdin.on("end", async () => {
  await queue.close();
  await database.close();
});
process.stdout.write("ready\\n");
`;

const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));

let consumerDir: string | undefined;
afterAll(async () => {
  if (consumerDir) await rm(consumerDir, { recursive: true, force: true });
});

async function startConsumer(store: DatabaseJobStore): Promise<{ process: ChildProcessWithoutNullStreams; output: () => string; exited: Promise<number | null> }> {
  consumerDir ??= await tempDir("parcours-consumer-");
  const script = join(consumerDir, "consumer.ts");
  await writeFile(script, CONSUMER_SCRIPT);
  const child = spawn(join(PROJECT_ROOT, "node_modules/.bin/vite-node"), ["--root", PROJECT_ROOT, script], { env: { ...process.env, JOB_STORE: JSON.stringify(store.address) } });
  consumers.push(child);
  let output = "";
  let errors = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => (output += text));
  child.stderr.setEncoding("utf8").on("data", (text: string) => (errors += text));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  await until(() => output.includes("ready\n") || child.exitCode !== null, "a consumer process to start");
  if (child.exitCode !== null) throw new Error(`the consumer process stopped: ${errors}`);
  return { process: child, output: () => output, exited };
}

const DATABASE_QUEUES: [name: string, createStore: () => Promise<DatabaseJobStore>, needs: Server[]][] = [
  ["sqlite", sqliteStore, []],
  ["postgres", postgresStore, ["postgres"]],
];

for (const [name, createStore, needs] of DATABASE_QUEUES) describeNeeding(needs, `${name} database job queue`, () => {
  /** A row as a process that took the job and then died leaves it: running, its lease lapsed. */
  async function abandoned(store: DatabaseJobStore, id: string, attempts: number): Promise<void> {
    const now = Date.now();
    await store.inspector.db
      .insertInto("jobs")
      .values({ id, name: "deliver", payload: "{}", run_at: now - 5_000, state: "running", attempts, locked_until: now - 1_000, last_error: null, updated_at: now - 5_000 })
      .execute();
  }

  it("runs each of 40 jobs exactly once when two OS processes consume them", async () => {
    const store = await createStore();
    const queue = await store.open();
    const ids = Array.from({ length: 40 }, (_, n) => `delivery:${n}`);
    for (const id of ids) await queue.schedule({ id, name: "deliver", payload: {} });
    const pair = await Promise.all([startConsumer(store), startConsumer(store)]);
    for (const consumer of pair) consumer.process.stdin.write("go\n");
    await until(async () => (await Promise.all(ids.map((id) => store.outcome(id)))).every((outcome) => outcome?.state === "done"), "every delivery to be done");
    for (const consumer of pair) consumer.process.stdin.end();
    expect(await Promise.all(pair.map((consumer) => consumer.exited))).toEqual([0, 0]);

    const ran = pair.flatMap((consumer) => [...consumer.output().matchAll(/^ran (.+)$/gm)].map((match) => match[1]));
    expect(ran.sort()).toEqual([...ids].sort());
  });

  it("forgets finished jobs a week after they finished, and only those", async () => {
    const store = await createStore();
    const now = Date.now();
    const row = (id: string, state: string, finishedAgo: number) => ({ id, name: "deliver", payload: "{}", run_at: now - finishedAgo, state, attempts: 1, locked_until: null, last_error: null, updated_at: now - finishedAgo });
    const week = 7 * 24 * 3600_000;
    await store.inspector.db
      .insertInto("jobs")
      .values([row("old-done", "done", week + 60_000), row("old-failed", "failed", week + 60_000), row("recent-done", "done", week - 60_000), row("old-waiting", "waiting", week + 60_000)])
      .execute();
    const queue = await store.open();
    expect(await queue.purgeFinished()).toBe(2);
    const left = await store.inspector.db.selectFrom("jobs").select("id").orderBy("id").execute();
    expect(left.map((r) => r.id)).toEqual(["old-waiting", "recent-done"]);
  });

  it("takes back a job whose worker died while running it", async () => {
    const store = await createStore();
    await abandoned(store, "deliver:orphan", 1);
    const queue = await store.open();
    const { runs, handler } = recorder();
    queue.start({ deliver: handler });
    await finished(store, "deliver:orphan");
    expect(runs.map((job) => job.attempt)).toEqual([2]);
  });

  it("marks failed, without running it, a job whose workers died on every allowed attempt", async () => {
    const store = await createStore();
    await abandoned(store, "deliver:poison", 3);
    const queue = await store.open({ maxAttempts: 3 });
    const { runs, handler } = recorder();
    queue.start({ deliver: handler });
    await finished(store, "deliver:poison", "failed");
    expect(runs).toEqual([]);
    expect((await store.outcome("deliver:poison"))?.error).toMatch(/stopped/);
  });

  it("ignores the outcome of a worker whose lease lapsed and was taken over", async () => {
    const store = await createStore();
    const ranIn: [string, number][] = [];
    let releaseSlow = () => {};
    const slowStalled = new Promise<void>((resolve) => (releaseSlow = resolve));
    let releaseOther = () => {};
    const otherHolding = new Promise<void>((resolve) => (releaseOther = resolve));
    try {
      // One slot, held by the stalled run, so that the job can only be taken back by the other worker.
      const slow = await store.open({ leaseMs: 60_000, concurrency: 1, closeWaitMs: 5_000 });
      slow.start({
        deliver: async (job) => {
          ranIn.push(["slow", job.attempt]);
          await slowStalled;
          throw new Error("failed after losing the job");
        },
      });
      await slow.schedule({ id: "deliver:contested", name: "deliver", payload: {} });
      await until(() => ranIn.length === 1, "the slow worker to take the job");
      // Opened first, so that the slow worker's renewal (every 20 s) has no time to come between.
      const other = await store.open();
      // The slow worker stalls past its lease (a long GC pause, a frozen VM).
      await store.inspector.db.updateTable("jobs").set({ locked_until: Date.now() - 1 }).where("id", "=", "deliver:contested").execute();
      other.start({
        deliver: async (job) => {
          ranIn.push(["other", job.attempt]);
          await otherHolding;
        },
      });
      await until(() => ranIn.length === 2, "the other worker to take the job back");
      // The slow worker wakes up and reports its failure while the other one holds the job;
      // closing waits for that report to be written, or refused.
      releaseSlow();
      await slow.close();
      releaseOther();
      await finished(store, "deliver:contested");
      expect(await store.outcome("deliver:contested")).toEqual({ state: "done", error: null });
      expect(ranIn).toEqual([
        ["slow", 1],
        ["other", 2],
      ]);
    } finally {
      releaseSlow();
      releaseOther();
    }
  });

  it("does not record the outcome of a handler that finishes after close handed its job back", async () => {
    const store = await createStore();
    const logs = new Capture();
    const ranIn: [string, number][] = [];
    let releaseFirst = () => {};
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    let releaseSecond = () => {};
    const secondHeld = new Promise<void>((resolve) => (releaseSecond = resolve));
    try {
      const first = await store.open({ closeWaitMs: 50, logger: createLogger("warn", logs) });
      first.start({
        deliver: async (job) => {
          ranIn.push(["first", job.attempt]);
          await firstHeld;
        },
      });
      await first.schedule({ id: "deliver:outlived", name: "deliver", payload: {} });
      await until(() => ranIn.length === 1, "the first run to start");
      await first.close();

      // The next holder takes the job at the same attempts value the first one had.
      const second = await store.open();
      second.start({
        deliver: async (job) => {
          ranIn.push(["second", job.attempt]);
          await secondHeld;
        },
      });
      await until(() => ranIn.length === 2, "the second run to start");
      releaseFirst();
      await until(() => logs.text.includes("after close handed its job back"), "the first handler to finish");
      const row = await store.inspector.db.selectFrom("jobs").select(["state", "attempts"]).where("id", "=", "deliver:outlived").executeTakeFirstOrThrow();
      expect([row.state, Number(row.attempts)]).toEqual(["running", 1]);

      releaseSecond();
      await finished(store, "deliver:outlived");
      expect(ranIn).toEqual([
        ["first", 1],
        ["second", 1],
      ]);
    } finally {
      releaseFirst();
      releaseSecond();
    }
  });
});
