import { performance } from "node:perf_hooks";
import { FakeSlackApi } from "../test/adapters/slack/fake-slack-api.js";
import { ownRedisAndPostgres } from "../test/processes/parcours-processes.js";
import { sharedStoresMissing, sqliteFile, type Storage } from "./bench-storage.js";
import { DmTraffic, TOKEN, withProcesses } from "./dm-traffic.js";
import { percentiles, type BenchRow } from "./measure.js";

/**
 * Answers a second and the wait for an answer, from a signed DM's POST to its answer reaching the
 * fake Web API, CONCURRENCY DMs in flight: one `parcours start` on a SQLite file, one on Redis and
 * PostgreSQL, two on Redis and PostgreSQL with the DMs sent to each in turn. The two shared stores
 * only where they answer (those of the tests, test/servers/servers.ts).
 */
const PEOPLE = 48;
const CONCURRENCY = 16;
/** Per process: every person has asked once, and their Slack language is known, before the measure. */
const WARM_UP = PEOPLE;
const MESSAGES = 600;

interface Run {
  rate: number;
  median: number;
  p99: number;
}

async function measure(openStorage: () => Promise<Storage>, processes: number): Promise<Run> {
  const slack = new FakeSlackApi(TOKEN);
  await slack.start();
  const traffic = new DmTraffic(slack, PEOPLE, CONCURRENCY);
  try {
    return await withProcesses(slack, await openStorage(), processes, async (running) => {
      const urls = running.map(({ url }) => url);
      await traffic.send(urls, WARM_UP * processes);
      const { latencies, seconds } = await traffic.send(urls, MESSAGES);
      if (traffic.strays > 0) throw new Error(`${traffic.strays} posts in a DM where no answer was awaited: latencies would be misattributed`);
      return { rate: MESSAGES / seconds, ...percentiles(latencies) };
    });
  } finally {
    traffic.stop();
    await slack.stop();
  }
}

const BENCH = "parcours start, signed Slack DMs to answers";

function rows(setup: string, run: Run): BenchRow[] {
  return [
    { bench: BENCH, measure: `${setup}: answers/s`, value: run.rate.toFixed(0) },
    { bench: BENCH, measure: `${setup}: latency median / p99`, value: `${run.median.toFixed(1)} / ${run.p99.toFixed(1)} ms` },
  ];
}

export async function benchServiceThroughput(): Promise<BenchRow[]> {
  const started = performance.now();
  const sqlite = await measure(sqliteFile, 1);
  const result = [...rows("1 process, SQLite file", sqlite)];
  const missing = await sharedStoresMissing();
  if (missing) {
    result.push({ bench: BENCH, measure: "Redis + PostgreSQL, 1 and 2 processes", value: `skipped: ${missing}` });
  } else {
    const one = await measure(() => ownRedisAndPostgres("service_bench"), 1);
    const two = await measure(() => ownRedisAndPostgres("service_bench"), 2);
    result.push(
      ...rows("1 process, Redis + PostgreSQL", one),
      ...rows("2 processes, Redis + PostgreSQL", two),
      { bench: BENCH, measure: "store cost: Redis + PostgreSQL / SQLite, 1 process, answers/s", value: `${(one.rate / sqlite.rate).toFixed(2)}×` },
      { bench: BENCH, measure: "2 processes / 1, Redis + PostgreSQL, answers/s", value: `${(two.rate / one.rate).toFixed(2)}×` },
    );
  }
  result.push(
    { bench: BENCH, measure: "DMs measured (warm-up a process), in flight, people", value: `${MESSAGES} (${WARM_UP}), ${CONCURRENCY}, ${PEOPLE}` },
    { bench: BENCH, measure: "time this bench took", value: `${((performance.now() - started) / 1000).toFixed(0)} s` },
  );
  return result;
}
