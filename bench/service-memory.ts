import { setTimeout as sleep } from "node:timers/promises";
import { performance } from "node:perf_hooks";
import { FakeSlackApi } from "../test/adapters/slack/fake-slack-api.js";
import type { RunningProcess } from "../test/processes/parcours-processes.js";
import { sqliteFile } from "./bench-storage.js";
import { DmTraffic, TOKEN, withProcesses } from "./dm-traffic.js";
import type { BenchRow } from "./measure.js";

/**
 * One `parcours start` on a SQLite file: its memory after FIRST signed DMs and after TOTAL, from
 * PEOPLE people in turn, so that what it keeps per person (language, conversation context, delivery
 * claims) piles up as a team's questions would pile it up. The resident set and the heap in use
 * from its own /metrics, then both again after a full collection (collect-on-signal.ts): the
 * heap in use grows with garbage V8 has not yet needed to collect, and the resident set with it.
 */
const PEOPLE = 2_000;
const CONCURRENCY = 16;
const FIRST = 100;
const TOTAL = 10_000;
/** Lets the answers' last writes and the log lines finish before memory is read. */
const SETTLE_MS = 1_000;
/** Ample for a full collection of a few hundred MB of heap after the signal. */
const COLLECTION_MS = 500;
const COLLECT_ON_SIGNAL = { NODE_OPTIONS: `--import="${new URL("./collect-on-signal.js", import.meta.url).href}"` };

interface Memory {
  rssMb: number;
  heapMb: number;
  /** After a full collection. */
  keptHeapMb: number;
  keptRssMb: number;
}

/** prom-client's default metrics of the process (its resident set, its V8 heap in use), then what the heap keeps. */
async function memoryOf(parcours: RunningProcess): Promise<Memory> {
  await sleep(SETTLE_MS);
  const before = await readMetrics(parcours);
  parcours.child.kill("SIGUSR2");
  await sleep(COLLECTION_MS);
  const after = await readMetrics(parcours);
  return { ...before, keptHeapMb: after.heapMb, keptRssMb: after.rssMb };
}

async function readMetrics(parcours: RunningProcess): Promise<{ rssMb: number; heapMb: number }> {
  const text = await (await fetch(new URL("/metrics", parcours.url))).text();
  const read = (name: string) => {
    const value = Number(new RegExp(`^${name} (\\S+)`, "m").exec(text)?.[1]);
    if (!Number.isFinite(value)) throw new Error(`/metrics has no ${name}`);
    return value / 2 ** 20;
  };
  return { rssMb: read("process_resident_memory_bytes"), heapMb: read("nodejs_heap_size_used_bytes") };
}

export async function benchServiceMemory(): Promise<BenchRow[]> {
  const started = performance.now();
  const slack = new FakeSlackApi(TOKEN);
  await slack.start();
  const traffic = new DmTraffic(slack, PEOPLE, CONCURRENCY);
  try {
    const { early, late, rate } = await withProcesses(slack, await sqliteFile(), 1, async ([parcours]) => {
      await traffic.send([parcours!.url], FIRST);
      const early = await memoryOf(parcours!);
      const { seconds } = await traffic.send([parcours!.url], TOTAL - FIRST);
      const late = await memoryOf(parcours!);
      if (traffic.strays > 0) throw new Error(`${traffic.strays} posts in a DM where no answer was awaited`);
      return { early, late, rate: (TOTAL - FIRST) / seconds };
    }, COLLECT_ON_SIGNAL);
    const bench = `parcours start, SQLite file, ${PEOPLE.toLocaleString("en")} people`;
    const mb = (value: number) => `${value.toFixed(1)} MB`;
    const first = FIRST.toLocaleString("en");
    const total = TOTAL.toLocaleString("en");
    return [
      { bench, measure: `RSS after ${first} DMs / ${total}`, value: `${mb(early.rssMb)} / ${mb(late.rssMb)}` },
      { bench, measure: `RSS growth, ${first} to ${total} DMs`, value: `${late.rssMb >= early.rssMb ? "+" : ""}${mb(late.rssMb - early.rssMb)}` },
      { bench, measure: `V8 heap in use after ${first} DMs / ${total}`, value: `${mb(early.heapMb)} / ${mb(late.heapMb)}` },
      { bench, measure: `V8 heap after a full GC, ${first} DMs / ${total}`, value: `${mb(early.keptHeapMb)} / ${mb(late.keptHeapMb)}` },
      { bench, measure: `RSS after a full GC, ${first} DMs / ${total}`, value: `${mb(early.keptRssMb)} / ${mb(late.keptRssMb)}` },
      { bench, measure: `answers/s over the ${(TOTAL - FIRST).toLocaleString("en")} DMs, ${CONCURRENCY} in flight`, value: rate.toFixed(0) },
      { bench, measure: "time this bench took", value: `${((performance.now() - started) / 1000).toFixed(0)} s` },
    ];
  } finally {
    traffic.stop();
    await slack.stop();
  }
}
