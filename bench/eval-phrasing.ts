import { loadCatalog } from "../src/catalog/load-catalog.js";
import { loadConfig } from "../src/config/config.js";
import { createLogger } from "../src/logging/logger.js";
import { ANSWER_LIMITS } from "../src/phrasing/answer-checks.js";
import { LlmPhrasing, type PhrasingAttempt } from "../src/phrasing/llm-phrasing.js";
import { chooseModel } from "../src/phrasing/model-client.js";
import { PHRASE_ANSWER } from "../src/phrasing/phrasing-from-config.js";
import { loadPromptSet } from "../src/phrasing/phrasing-prompts.js";
import type { FallbackReason } from "../src/phrasing/phrasing-stats.js";
import { MemoryStateStore } from "../src/store/memory-state.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../src/config/package-root.js";
import { CASES, type AdversarialCase } from "../test/phrasing/adversarial-cases.js";
import { FakeOpenAiServer } from "../test/phrasing/fake-openai-server.js";
import { scriptedCase } from "../test/phrasing/phrasing-harness.js";
import { percentiles, printTable, type BenchRow } from "./measure.js";
import { PHRASING_GOLD_SET } from "./phrasing-gold-set.js";

/**
 * `npm run eval:phrasing`: what the checks let through and keep. First the adversarial models of
 * the tests (scripted inventions and faithful rewordings, on a fake endpoint): inventions caught,
 * faithful answers kept. Then, when a model is configured, the gold set put to it uncached:
 * answers kept, fallbacks by reason, coverage (the facts of the sentences that passed) and latency.
 */
const share = (part: number, whole: number) => (whole === 0 ? "n/a" : `${part}/${whole} (${((100 * part) / whole).toFixed(1)} %)`);

/** First reasons counted, one per fallback, as /metrics counts them. */
function fallbackRows(bench: string, attempts: readonly PhrasingAttempt[]): BenchRow[] {
  const counts = new Map<FallbackReason, number>();
  for (const a of attempts) if (!a.ok) counts.set(a.reason, (counts.get(a.reason) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([reason, n]) => ({ bench, measure: `fallback: ${reason}`, value: share(n, attempts.length) }));
}

function latencyRows(bench: string, attempts: readonly PhrasingAttempt[]): BenchRow[] {
  const { median, p99 } = percentiles(attempts.map((a) => a.latencyMs));
  return [
    { bench, measure: "latency median", value: `${median} ms` },
    { bench, measure: "latency p99", value: `${p99} ms` },
  ];
}

/** The tests' two scripted corpora: the first, written with the checks; the second, apart from them. */
const CORPORA: [string, readonly AdversarialCase[]][] = [
  ["adversarial model, corpus 1", CASES],
  ["adversarial model, corpus 2", JSON.parse(readFileSync(join(packageRoot(), "test", "phrasing", "fresh-adversarial-cases.json"), "utf8")) as AdversarialCase[]],
];

async function adversarialModel(bench: string, cases: readonly AdversarialCase[]): Promise<BenchRow[]> {
  const server = await new FakeOpenAiServer().start();
  const attempts: { kind: string; attempt: PhrasingAttempt }[] = [];
  try {
    for (const testCase of cases) {
      const { phrasing } = await scriptedCase(server, testCase);
      attempts.push({ kind: testCase.kind, attempt: await phrasing.attempt(testCase.request) });
    }
  } finally {
    await server.stop();
  }
  const inventions = attempts.filter((a) => a.kind === "invention");
  const faithful = attempts.filter((a) => a.kind === "faithful");
  return [
    { bench, measure: "inventions caught", value: share(inventions.filter((a) => !a.attempt.ok).length, inventions.length) },
    { bench, measure: "faithful answers kept", value: share(faithful.filter((a) => a.attempt.ok).length, faithful.length) },
    ...fallbackRows(bench, attempts.map((a) => a.attempt)),
    ...latencyRows(bench, attempts.map((a) => a.attempt)),
  ];
}

async function configuredModel(): Promise<BenchRow[]> {
  const config = loadConfig();
  const choice = chooseModel(config);
  if (!choice.configured) {
    console.log(`No language model configured (${choice.missing}): the gold set is not put to one.`);
    console.log("Set OPENAI_MODEL with OPENAI_API_KEY or OPENAI_BASE_URL, or the AZURE_OPENAI_* variables and OPENAI_API_VERSION.\n");
    return [];
  }
  const catalog = await loadCatalog(config.CATALOG_DIR);
  const phrasing = new LlmPhrasing({
    catalog,
    store: new MemoryStateStore(),
    logger: createLogger("silent"),
    connection: choice.connection,
    prompts: loadPromptSet(PHRASE_ANSWER, { maxChars: ANSWER_LIMITS.promptChars }),
    timeoutMs: config.PHRASING_TIMEOUT_MS,
    cacheTtlMs: 0,
    temperature: config.OPENAI_TEMPERATURE,
  });
  const bench = `${choice.connection.provider} ${choice.connection.model}`;
  console.log(`${PHRASING_GOLD_SET.length} gold cases to ${bench}, time limit ${config.PHRASING_TIMEOUT_MS} ms`);
  const attempts: PhrasingAttempt[] = [];
  for (const request of PHRASING_GOLD_SET) {
    const attempt = await phrasing.attempt(request);
    attempts.push(attempt);
    const outcome = attempt.ok ? "kept" : (attempt.problems ?? [attempt]).map((p) => `${p.reason}: ${p.detail}`).join("; ");
    console.log(`${request.intent.padEnd(13)} ${request.roles.join("+").padEnd(50)} ${request.locale}  ${String(attempt.latencyMs).padStart(6)} ms  ${outcome}`);
  }
  // A call that failed returned no answer; the checks caught what the answers that came back invented.
  const answered = attempts.filter((a) => a.ok || a.answer);
  const coverage = attempts.flatMap((a) => (a.ok ? [a.shown.factIds.length / Math.max(1, a.facts.length)] : []));
  return [
    { bench, measure: "answers returned", value: share(answered.length, attempts.length) },
    { bench, measure: "answers caught by the checks", value: share(answered.filter((a) => !a.ok).length, answered.length) },
    { bench, measure: "answers kept", value: share(attempts.filter((a) => a.ok).length, attempts.length) },
    { bench, measure: "fact coverage of kept answers (mean)", value: coverage.length === 0 ? "n/a" : `${((100 * coverage.reduce((s, c) => s + c, 0)) / coverage.length).toFixed(1)} %` },
    ...fallbackRows(bench, attempts),
    ...latencyRows(bench, attempts),
  ];
}

const rows: BenchRow[] = [];
for (const [bench, cases] of CORPORA) rows.push(...(await adversarialModel(bench, cases)));
rows.push(...(await configuredModel()));
console.log(printTable(rows));
console.log("\nA call's failure (timeout, 429, 5xx, refusal) is counted by its first reason, a rejected answer by its first problem.");
