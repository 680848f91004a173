import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { answer } from "../src/answers/answer.js";
import type { RoleCatalog } from "../src/catalog/role-catalog.js";
import { packageRoot } from "../src/config/package-root.js";
import { RuleBasedUnderstanding } from "../src/understanding/rule-based-understanding.js";
import { generatedCatalog } from "./generated-catalog.js";
import { percentiles, type BenchRow } from "./measure.js";

const ROUNDS = 20;
/** Index builds timed after the first: the first also pays for compiling the code that builds. */
const BUILDS = 5;

function questions(): string[] {
  const file = join(packageRoot(), "test", "fixtures", "understanding", "labelled-questions.jsonl");
  return readFileSync(file, "utf8").split("\n").filter(Boolean).map((line) => (JSON.parse(line) as { text: string }).text);
}

function measure(label: string, catalog: RoleCatalog, texts: string[]): BenchRow[] {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const understanding = new RuleBasedUnderstanding(catalog);
  const firstBuildMs = performance.now() - started;
  // What the index keeps, not the garbage its building left (collected before measuring).
  global.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  const builds: number[] = [];
  for (let i = 0; i < BUILDS; i++) {
    const t0 = performance.now();
    new RuleBasedUnderstanding(catalog);
    builds.push(performance.now() - t0);
  }
  // One unmeasured round, so the JIT's first compilations do not count as the catalogue's cost.
  for (const text of texts) answer(catalog, understanding.understand(text));
  const samples: number[] = [];
  const understandingSamples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const text of texts) {
      const t0 = performance.now();
      const understood = understanding.understand(text);
      const t1 = performance.now();
      answer(catalog, understood);
      samples.push((performance.now() - t0) * 1000);
      understandingSamples.push((t1 - t0) * 1000);
    }
  }
  const { median, p99 } = percentiles(samples);
  const understood = percentiles(understandingSamples);
  const bench = `core, ${label} (${catalog.size} roles)`;
  return [
    { bench, measure: "understand+answer median", value: `${median.toFixed(0)} µs` },
    { bench, measure: "understand+answer p99", value: `${p99.toFixed(0)} µs` },
    { bench, measure: "understand alone, median / p99", value: `${understood.median.toFixed(0)} / ${understood.p99.toFixed(0)} µs` },
    { bench, measure: "index build, first", value: `${firstBuildMs.toFixed(1)} ms` },
    { bench, measure: `index build, median of ${BUILDS} more`, value: `${percentiles(builds).median.toFixed(1)} ms` },
    { bench, measure: "index heap retained", value: `${heapMb.toFixed(1)} MB` },
  ];
}

/** Time per question on the shipped catalogue and on a generated one of 1,000 roles, and their ratio. */
export function benchCore(shipped: RoleCatalog): BenchRow[] {
  const texts = questions();
  const small = measure("shipped", shipped, texts);
  const large = measure("generated", generatedCatalog(shipped, 1000), texts);
  const ratio = Number.parseFloat(large[0]!.value) / Number.parseFloat(small[0]!.value);
  return [
    ...small,
    ...large,
    { bench: "core, scaling", measure: `median ratio, ${(1000 / shipped.size).toFixed(0)}× the roles`, value: `${ratio.toFixed(2)}×` },
    { bench: "core", measure: "questions × rounds", value: `${texts.length} × ${ROUNDS}` },
  ];
}
