import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/config.js";
import type { Job } from "../../src/jobs/job-queue.js";
import { createLogger } from "../../src/logging/logger.js";
import { createParcours, type Parcours } from "../../src/parcours.js";
import { tempDir } from "../helpers.js";
import { itNeeding } from "../servers/needing.js";
import { TEST_REDIS_URL } from "../servers/servers.js";

const cleanUps: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

/** A deployment as `parcours start` wires it: its own database, the shared Redis under `prefix`. */
async function deployment(prefix: string): Promise<Parcours> {
  const dir = await tempDir("parcours-prefix-");
  cleanUps.push(() => rm(dir, { recursive: true, force: true }));
  const config = loadConfig({ DATABASE_URL: `sqlite://${join(dir, "parcours.sqlite")}`, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix });
  const parcours = await createParcours(config, createLogger("silent"));
  cleanUps.push(() => parcours.close());
  return parcours;
}

/** The keys under `prefix` on the shared Redis, which the clean-up then deletes. */
async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of redis.scanStream({ match: `${prefix}:*`, count: 500 })) keys.push(...(page as string[]));
  return keys;
}

/** Waits for what a worker does on its own; the bound only turns a hang into a clear failure. */
async function until(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("REDIS_PREFIX", () => {
  it("is parcours unless set, and takes no glob characters, which would reach other deployments' keys", () => {
    expect(loadConfig({}).REDIS_PREFIX).toBe("parcours");
    expect(loadConfig({ REDIS_PREFIX: "acme:parcours-staging" }).REDIS_PREFIX).toBe("acme:parcours-staging");
    for (const REDIS_PREFIX of ["parcours*", "a?b", "[ab]", "parcours:", "a::b", "with space"]) expect(() => loadConfig({ REDIS_PREFIX })).toThrow(ConfigError);
  });

  itNeeding(["redis"], "keeps two deployments on one Redis apart: neither sees the other's state or jobs", async () => {
    const run = randomUUID();
    const [first, second] = [`parcours-test-${run}-a`, `parcours-test-${run}-b`];
    const redis = new Redis(TEST_REDIS_URL);
    cleanUps.push(async () => {
      for (const prefix of [first, second]) {
        const keys = await keysUnder(redis, prefix);
        if (keys.length > 0) await redis.unlink(...keys);
      }
      await redis.quit();
    });
    const [a, b] = [await deployment(first), await deployment(second)];

    await a.state.set("context", "a's");
    expect(await b.state.get("context")).toBeUndefined();
    await b.state.set("context", "b's");
    expect(await a.state.get("context")).toBe("a's");

    // One id is one job within a deployment; in the other, the same id is another job.
    const request = (from: string) => ({ id: "survey-close:1", name: "close", payload: { from } });
    expect(await a.jobs.schedule(request("a"))).toBe(true);
    expect(await b.jobs.schedule(request("b"))).toBe(true);
    const ran: Record<string, Job[]> = { a: [], b: [] };
    a.jobs.start({ close: async (job) => void ran.a!.push(job) });
    b.jobs.start({ close: async (job) => void ran.b!.push(job) });
    await until("each deployment to run its job", () => ran.a!.length > 0 && ran.b!.length > 0);
    expect(ran.a!.map((job) => job.payload)).toEqual([{ from: "a" }]);
    expect(ran.b!.map((job) => job.payload)).toEqual([{ from: "b" }]);

    const kinds = (keys: string[], prefix: string) => new Set(keys.map((key) => key.slice(prefix.length + 1).split(":")[0]));
    expect(kinds(await keysUnder(redis, first), first)).toEqual(new Set(["state", "jobs"]));
    expect(kinds(await keysUnder(redis, second), second)).toEqual(new Set(["state", "jobs"]));
  });
});
