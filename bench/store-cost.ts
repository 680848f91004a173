import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { RoleCatalog } from "../src/catalog/role-catalog.js";
import { packageRoot } from "../src/config/package-root.js";
import { createLogger } from "../src/logging/logger.js";
import { assembleParcours } from "../src/parcours.js";
import { openDatabase } from "../src/records/database.js";
import { openStateStore } from "../src/store/open-state.js";
import { percentiles, type BenchRow } from "./measure.js";

const REDIS = "redis://127.0.0.1:6379";
const POSTGRES = "postgres://postgres@127.0.0.1:5432/test";
const ROUNDS = 3;

/** The stores a user can run, as `parcours start` opens them from DATABASE_URL and REDIS_URL. */
const BACKENDS: { name: string; database: () => string; redis?: string; memory?: boolean; schema?: boolean }[] = [
  { name: "memory", database: () => "memory://", memory: true },
  { name: "SQLite (default)", database: () => `sqlite://${join(mkdtempSync(join(tmpdir(), "parcours-bench-")), "parcours.sqlite")}` },
  { name: "PostgreSQL", database: () => POSTGRES, schema: true },
  { name: "Redis + PostgreSQL", database: () => POSTGRES, redis: REDIS, schema: true },
];

function questions(): string[] {
  const file = join(packageRoot(), "test", "fixtures", "understanding", "labelled-questions.jsonl");
  return readFileSync(file, "utf8").split("\n").filter(Boolean).map((line) => (JSON.parse(line) as { text: string }).text);
}

/** A devnull for the logs: written and serialised at the level a user runs (info), never shown. */
const discard = { write: () => true } as unknown as NodeJS.WritableStream;

/**
 * One whole answer through the bot, as an adapter hands it over: a delivery claimed, context read
 * and written, the flow checked, the erasure fence, understanding, the answer and the info log.
 * Then one self-assessment rating, which is a compare-and-set on the flow's state.
 */
async function measure(backend: (typeof BACKENDS)[number], catalog: RoleCatalog, texts: string[]): Promise<{ answer: number[]; rating: number[] }> {
  const schema = backend.schema ? `bench_${randomUUID().replace(/-/g, "")}` : undefined;
  const database = await openDatabase(backend.database(), schema ? { schema } : {});
  // Keys of this run's own on Redis: the delivery claims of an earlier run would make these answers retries.
  const redis = backend.redis ? { url: backend.redis, prefix: `parcours-bench-${randomUUID()}` } : undefined;
  const state = openStateStore(database, { memory: Boolean(backend.memory), redis });
  const parcours = assembleParcours({ catalog, state, database, logger: createLogger("info", discard), config: { DEFAULT_LOCALE: "en", CONTEXT_TTL_HOURS: 24, ASSESSMENT_IDLE_DAYS: 7 } });
  const answer: number[] = [];
  const rating: number[] = [];
  try {
    for (let round = -1; round < ROUNDS; round++) {
      for (const [i, text] of texts.entries()) {
        const speaker = { platform: "bench", userId: `U${i}`, conversationId: `D${i}`, deliveryId: `${round}-${i}` };
        const t0 = performance.now();
        await parcours.bot.handleMessage({ ...speaker, text });
        // The first round warms the JIT and the connections; it is not counted.
        if (round >= 0) answer.push((performance.now() - t0) * 1000);
      }
      const rater = { platform: "bench", userId: `R${round}`, conversationId: "DR" };
      await parcours.bot.handleMessage({ ...rater, text: "assess me against learning architect" });
      for (const level of ["3", "4", "2", "5", "1", "3"]) {
        const t0 = performance.now();
        await parcours.bot.handleMessage({ ...rater, text: level });
        if (round >= 0) rating.push((performance.now() - t0) * 1000);
      }
    }
  } finally {
    if (database.kind === "postgres" && schema) await database.pool.query(`DROP SCHEMA "${schema}" CASCADE`);
    await parcours.close();
  }
  return { answer, rating };
}

/** The cost of one answer, and of one assessment rating, on each backend, against the memory store's and the default SQLite's. */
export async function benchStores(catalog: RoleCatalog): Promise<BenchRow[]> {
  const texts = questions();
  const rows: BenchRow[] = [];
  const medians = new Map<string, { answer: number; rating: number }>();
  for (const backend of BACKENDS) {
    const samples = await measure(backend, catalog, texts);
    const answer = percentiles(samples.answer);
    const rating = percentiles(samples.rating);
    medians.set(backend.name, { answer: answer.median, rating: rating.median });
    const bench = `one answer, ${backend.name}`;
    rows.push(
      { bench, measure: "message answered, median / p99", value: `${answer.median.toFixed(0)} / ${answer.p99.toFixed(0)} µs` },
      { bench, measure: "assessment rating, median / p99", value: `${rating.median.toFixed(0)} / ${rating.p99.toFixed(0)} µs` },
    );
  }
  const ratio = (name: string, against: string) => {
    const [store, base] = [medians.get(name)!, medians.get(against)!];
    return `${(store.answer / base.answer).toFixed(2)}× , ${(store.rating / base.rating).toFixed(2)}×`;
  };
  for (const { name } of BACKENDS) {
    const bench = `one answer, ${name}`;
    if (name !== "memory") rows.push({ bench, measure: "median vs memory (answer, rating)", value: ratio(name, "memory") });
    if (name !== "SQLite (default)") rows.push({ bench, measure: "median vs SQLite (answer, rating)", value: ratio(name, "SQLite (default)") });
  }
  rows.push({ bench: "one answer", measure: "messages × rounds, info logs", value: `${texts.length} × ${ROUNDS}` });
  return rows;
}
