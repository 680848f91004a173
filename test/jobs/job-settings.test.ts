import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/config.js";
import { bullmqJobId } from "../../src/jobs/bullmq-queue.js";
import { DatabaseJobQueue } from "../../src/jobs/database-queue.js";
import type { Job } from "../../src/jobs/job-queue.js";
import { createLogger } from "../../src/logging/logger.js";
import { createParcours, type Parcours } from "../../src/parcours.js";
import { openDatabase } from "../../src/records/database.js";
import { tempDir } from "../helpers.js";
import { itNeeding } from "../servers/needing.js";
import { TEST_REDIS_URL } from "../servers/servers.js";

const cleanUps: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

/** A whole Parcours as `parcours start` wires it, on a SQLite file of its own, with `env` besides. */
async function started(env: Record<string, string>): Promise<{ parcours: Parcours; databaseUrl: string }> {
  const dir = await tempDir("parcours-job-settings-");
  cleanUps.push(() => rm(dir, { recursive: true, force: true }));
  const databaseUrl = `sqlite://${join(dir, "parcours.sqlite")}`;
  const parcours = await createParcours(loadConfig({ DATABASE_URL: databaseUrl, ...env }), createLogger("silent"));
  cleanUps.push(() => parcours.close());
  return { parcours, databaseUrl };
}

/** A handler that records its jobs and holds each until the test ends, as a long delivery would. */
function holding(): { runs: Job[]; handler: (job: Job) => Promise<void> } {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  // Before the queue closes: close() waits for the handlers it runs.
  cleanUps.push(async () => release());
  const runs: Job[] = [];
  const handler = async (job: Job) => {
    runs.push(job);
    await held;
  };
  return { runs, handler };
}

/** Waits for what a worker does on its own; the bound only turns a hang into a clear failure. */
async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("JOB_LEASE_SECONDS and JOB_CONCURRENCY", () => {
  it("default to a minute and four jobs at once, and refuse values out of bounds", () => {
    expect(loadConfig({})).toMatchObject({ JOB_LEASE_SECONDS: 60, JOB_CONCURRENCY: 4 });
    for (const JOB_LEASE_SECONDS of ["9", "3601", "12.5", "soon"]) expect(() => loadConfig({ JOB_LEASE_SECONDS })).toThrow(ConfigError);
    for (const JOB_CONCURRENCY of ["0", "51", "2.5"]) expect(() => loadConfig({ JOB_CONCURRENCY })).toThrow(ConfigError);
  });

  it("run that many jobs at once in the database queue, under a lease of that length, taken back sooner than the default's", async () => {
    const { parcours, databaseUrl } = await started({ JOB_LEASE_SECONDS: "15", JOB_CONCURRENCY: "2" });
    for (const n of [1, 2, 3]) await parcours.jobs.schedule({ id: `deliver:${n}`, name: "deliver", payload: {} });
    const first = holding();
    // Started after the jobs are due, so that the first look for them takes as many as it may at once.
    parcours.jobs.start({ deliver: first.handler });
    await until("the first jobs to start", () => first.runs.length >= 2);
    expect(first.runs).toHaveLength(2);
    const rows = await parcours.database.db.selectFrom("jobs").selectAll().orderBy("id").execute();
    const running = rows.filter((row) => row.state === "running");
    expect(running.map((row) => Number(row.locked_until) - Number(row.updated_at))).toEqual([15_000, 15_000]);
    expect(rows.filter((row) => row.state === "waiting")).toHaveLength(1);

    // Another process whose clock reads 30 s on: past any lease the first one may have renewed
    // since (now + 15 s at most), short of the default minute's.
    const database = await openDatabase(databaseUrl);
    const other = new DatabaseJobQueue(database, { now: () => Date.now() + 30_000, pollMs: 25 });
    cleanUps.push(async () => {
      await other.close();
      await database.close();
    });
    const second = holding();
    other.start({ deliver: second.handler });
    await until("the other process to take every job", () => second.runs.length === 3);
    const takenBack = second.runs.filter((job) => job.attempt === 2).map((job) => job.id);
    expect(takenBack.sort()).toEqual(first.runs.map((job) => job.id).sort());
  });

  itNeeding(["redis"], "make the lease BullMQ's lock duration", async () => {
    const prefix = `parcours-test-lease-${randomUUID()}`;
    const redis = new Redis(TEST_REDIS_URL);
    cleanUps.push(async () => {
      for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 })) if ((keys as string[]).length > 0) await redis.unlink(...(keys as string[]));
      await redis.quit();
    });
    const { parcours } = await started({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, JOB_LEASE_SECONDS: "15" });
    const { runs, handler } = holding();
    parcours.jobs.start({ deliver: handler });
    await parcours.jobs.schedule({ id: "deliver:1", name: "deliver", payload: {} });
    await until("the job to start", () => runs.length === 1);
    // The worker renews the lock to its full duration every half of it: it never has more left.
    const left = await redis.pttl(`${prefix}:jobs:${bullmqJobId("deliver:1")}:lock`);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(15_000);
  });
});
