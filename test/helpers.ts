import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { loadCatalog } from "../src/catalog/load-catalog.js";
import type { RoleCatalog } from "../src/catalog/role-catalog.js";
import { loadConfig } from "../src/config/config.js";
import { createLogger, type Logger } from "../src/logging/logger.js";
import { assembleParcours, type Parcours } from "../src/parcours.js";
import { openDatabase, type Database } from "../src/records/database.js";
import { MemoryStateStore } from "../src/store/memory-state.js";
import type { StateStore } from "../src/store/state-store.js";
import { DatabaseJobQueue } from "../src/jobs/database-queue.js";
import type { JobQueue } from "../src/jobs/job-queue.js";

export const SHIPPED_CATALOG = loadConfig({}).CATALOG_DIR;

let shipped: Promise<RoleCatalog> | undefined;
export function shippedCatalog(): Promise<RoleCatalog> {
  shipped ??= loadCatalog(SHIPPED_CATALOG);
  return shipped;
}

/** A writable that keeps what it receives, for asserting on logs and terminal output. */
export class Capture extends Writable {
  chunks: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.chunks.push(chunk.toString());
    done();
  }
  get text(): string {
    return this.chunks.join("");
  }
}

export interface TestParcoursOptions {
  /** Memory state by default; pass a SQLite, Redis or PostgreSQL one to share it. */
  state?: StateStore;
  /** An in-memory SQLite database by default. */
  database?: Database;
  logger?: Logger;
  assessmentIdleMs?: number;
  now?: () => Date;
  /** The database's job queue by default. */
  jobs?: JobQueue;
  /**
   * The database's job queue, looking for due jobs this often (instead of every second): a delivery
   * retried after a 429 or an outage runs as soon as it is due, so an end-to-end test waits less.
   */
  jobPollMs?: number;
  /** LND_ADMINS, as `platform:userId` entries. */
  admins?: string[];
}

/** A whole core on memory (or the given stores), with its logs captured at debug level. */
export async function testParcours(options: TestParcoursOptions = {}): Promise<Parcours & { logs: Capture }> {
  const catalog = await shippedCatalog();
  const logs = new Capture();
  const idleDays = (options.assessmentIdleMs ?? 7 * 24 * 3600_000) / (24 * 3600_000);
  const database = options.database ?? (await openDatabase("memory://"));
  const logger = options.logger ?? createLogger("debug", logs);
  const jobs = options.jobs ?? (options.jobPollMs !== undefined ? new DatabaseJobQueue(database, { pollMs: options.jobPollMs, logger }) : undefined);
  const parcours = assembleParcours({
    catalog,
    state: options.state ?? new MemoryStateStore(),
    database,
    logger,
    config: { DEFAULT_LOCALE: "en", CONTEXT_TTL_HOURS: 1, ASSESSMENT_IDLE_DAYS: idleDays, ...(options.admins ? { LND_ADMINS: options.admins } : {}) },
    ...(options.now ? { now: options.now } : {}),
    ...(jobs ? { jobs } : {}),
  });
  return Object.assign(parcours, { logs });
}

/** The bot alone, for tests that speak to the core directly. */
export const testBot = testParcours;

export function tempDir(prefix = "parcours-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}
