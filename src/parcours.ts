import { loadCatalog } from "./catalog/load-catalog.js";
import type { RoleCatalog } from "./catalog/role-catalog.js";
import type { Config } from "./config/config.js";
import { ParcoursBot } from "./conversation/parcours-bot.js";
import { activeFlows } from "./flows/flow-engine.js";
import { describeError } from "./logging/describe-error.js";
import type { Logger } from "./logging/logger.js";
import { ParcoursMetrics } from "./metrics/parcours-metrics.js";
import type { JobQueue } from "./jobs/job-queue.js";
import { openJobQueue } from "./jobs/open-job-queue.js";
import { AddressBook } from "./outbound/address-book.js";
import { OutboundPorts } from "./outbound/outbound-ports.js";
import { phrasingFromConfig } from "./phrasing/phrasing-from-config.js";
import type { Phrasing } from "./phrasing/phrasing.js";
import { UserErasure } from "./privacy/user-erasure.js";
import { openDatabase, type Database } from "./records/database.js";
import { checkDatabaseReady } from "./records/database-readiness.js";
import { checkedStore } from "./records/store-unavailable.js";
import type { ReadinessCheck } from "./service/health-routes.js";
import { openStateStore } from "./store/open-state.js";
import type { StateStore } from "./store/state-store.js";
import { RuleBasedUnderstanding } from "./understanding/rule-based-understanding.js";

/** The platform-neutral bot and everything it keeps, as the adapters see it. */
export interface Parcours {
  bot: ParcoursBot;
  catalog: RoleCatalog;
  /** Conversation state that expires: context, flows, claims, caches. */
  state: StateStore;
  /** Records people rely on: results, conversation addresses, the audit log, jobs. */
  database: Database;
  /** The conversations Parcours can reach without being spoken to. */
  addresses: AddressBook;
  /** How to reach each running platform without being spoken to; the adapters register theirs. */
  outbound: OutboundPorts;
  /** Durable delayed work (reminders, closes, deliveries), run once across processes. */
  jobs: JobQueue;
  /** Where every module registers how to delete what it keeps about a user. */
  erasure: UserErasure;
  /** Template wording, or an LlmPhrasing whose `stats` count what it did. */
  phrasing?: Phrasing;
  /** What /metrics exposes. */
  metrics: ParcoursMetrics;
  /** What /readyz checks: the database and its migrations, the state store, the job queue, the catalogue. */
  readiness: readonly ReadinessCheck[];
  /** Starts running the durable jobs (survey reminders and closes) in this process. */
  startWork(): void;
  close(): Promise<void>;
}

export interface ParcoursParts {
  catalog: RoleCatalog;
  state: StateStore;
  database: Database;
  logger: Logger;
  config: Pick<Config, "DEFAULT_LOCALE" | "CONTEXT_TTL_HOURS" | "ASSESSMENT_IDLE_DAYS"> & Partial<Pick<Config, "LND_ADMINS">>;
  phrasing?: Phrasing;
  metrics?: ParcoursMetrics;
  /** The database's own jobs table unless given (BullMQ when Redis is configured). */
  jobs?: JobQueue;
  now?: () => Date;
}

/**
 * Expired state (finished flows' leftovers, old delivery claims) reads as absent at once; its rows
 * are removed from disk this often, and once at start, so the file does not grow for ever.
 */
const PURGE_EVERY_MS = 10 * 60_000;

/** Puts the core together from its opened parts; `close()` closes them. */
export function assembleParcours(parts: ParcoursParts): Parcours {
  const { catalog, state, database, logger, config } = parts;
  const jobs = parts.jobs ?? openJobQueue(database, { logger });
  const purge = () => {
    Promise.all([state.purgeExpired(), jobs.purgeFinished()]).then(
      ([expired, finished]) => expired + finished > 0 && logger.debug({ expired, finished }, "expired state and finished jobs purged"),
      (error: unknown) => logger.warn({ err: describeError(error) }, "purging expired state failed"),
    );
  };
  purge();
  const purging = setInterval(purge, PURGE_EVERY_MS).unref();
  const addresses = new AddressBook(database.db);
  const metrics = parts.metrics ?? new ParcoursMetrics();
  metrics.observe({ flowsActive: () => activeFlows(state), backlog: () => jobs.backlog() });
  const outbound = new OutboundPorts(metrics);
  const erasure = new UserErasure(state);
  const bot = new ParcoursBot({
    catalog,
    understanding: new RuleBasedUnderstanding(catalog),
    state,
    database,
    addresses,
    erasure,
    outbound,
    jobs,
    admins: new Set(config.LND_ADMINS ?? []),
    logger,
    metrics,
    defaultLocale: config.DEFAULT_LOCALE,
    contextTtlMs: config.CONTEXT_TTL_HOURS * 3600_000,
    assessmentIdleMs: config.ASSESSMENT_IDLE_DAYS * 24 * 3600_000,
    ...(parts.phrasing ? { phrasing: parts.phrasing } : {}),
    ...(parts.now ? { now: parts.now } : {}),
  });
  return {
    bot,
    catalog,
    state,
    database,
    addresses,
    outbound,
    jobs,
    erasure,
    ...(parts.phrasing ? { phrasing: parts.phrasing } : {}),
    metrics,
    readiness: [
      { name: "database", check: () => checkDatabaseReady(database) },
      { name: "state", check: async () => void (await state.get("parcours:ready")) },
      { name: "jobs", check: async () => void (await jobs.waiting()) },
      {
        name: "catalogue",
        check: async () => {
          if (catalog.size === 0) throw new Error("no role loaded");
        },
      },
    ],
    startWork: () => jobs.start(bot.jobHandlers()),
    async close() {
      clearInterval(purging);
      // Jobs first: a running one may still read or write state and records.
      await jobs.close();
      await state.close();
      await database.close();
    },
  };
}

/**
 * Wires the core from configuration. A broken catalogue, or a store that cannot be opened or
 * reached within a few seconds (StoreUnavailable, naming its variable), throws before anything is served.
 */
export async function createParcours(config: Config, logger: Logger): Promise<Parcours> {
  const catalog = await loadCatalog(config.CATALOG_DIR);
  const database = await checkedStore("DATABASE_URL", config.DATABASE_URL, () =>
    openDatabase(config.DATABASE_URL, { onConnectionLost: (error) => logger.warn({ err: describeError(error) }, "database connection lost: the next query reconnects") }),
  );
  const memory = config.DATABASE_URL.startsWith("memory:");
  const redis = config.REDIS_URL ? { url: config.REDIS_URL, prefix: config.REDIS_PREFIX } : undefined;
  const state = openStateStore(database, { memory, redis, logger });
  const jobs = openJobQueue(database, { redis, leaseMs: config.JOB_LEASE_SECONDS * 1000, concurrency: config.JOB_CONCURRENCY, logger });
  try {
    // A Redis that cannot be reached stops the start now, rather than every answer and job later.
    if (config.REDIS_URL) await checkedStore("REDIS_URL", config.REDIS_URL, () => Promise.all([state.get("parcours:reachable"), jobs.waiting()]));
  } catch (error) {
    await Promise.allSettled([jobs.close(), state.close(), database.close()]);
    throw error;
  }
  const metrics = new ParcoursMetrics();
  const phrasing = phrasingFromConfig(config, { catalog, store: state, logger, metrics });
  logger.info({ roles: catalog.size, database: database.kind, state: config.REDIS_URL ? "redis" : memory ? "memory" : database.kind }, "catalogue loaded");
  return assembleParcours({ catalog, state, database, logger, config, phrasing, jobs, metrics });
}
