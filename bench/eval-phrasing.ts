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
import { percentiles, printTable, type BenchRow } from "./measure.js";
import { PHRASING_GOLD_SET } from "./phrasing-gold-set.js";

/**
 * `npm run eval:phrasing`: puts the gold set to whatever model is configured, uncached, and
 * measures what the checks see. Rates of invented entities, numbers and language are over the
 * answers the model returned (a refusal or an error returns none); coverage is the share of
 * the facts each answer cites; the fallback rate is over every case.
 */
const ENTITY_REASONS: ReadonlySet<FallbackReason> = new Set(["invented-role", "invented-skill", "invented-name", "invented-link", "invented-email"]);

const config = loadConfig();
const choice = chooseModel(config);
if (!choice.configured) {
  console.log(`eval:phrasing: no language model configured (${choice.missing}); nothing to evaluate.`);
  console.log("Set OPENAI_MODEL with OPENAI_API_KEY or OPENAI_BASE_URL, or the AZURE_OPENAI_* variables and OPENAI_API_VERSION.");
  process.exit(0);
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

console.log(`eval:phrasing: ${PHRASING_GOLD_SET.length} cases, ${choice.connection.provider} model ${choice.connection.model}, time limit ${config.PHRASING_TIMEOUT_MS} ms\n`);
const attempts: PhrasingAttempt[] = [];
for (const request of PHRASING_GOLD_SET) {
  const attempt = await phrasing.attempt(request);
  attempts.push(attempt);
  const outcome = attempt.ok ? "ok" : (attempt.problems ?? [attempt]).map((p) => `${p.reason}: ${p.detail}`).join("; ");
  console.log(`${request.intent.padEnd(13)} ${request.roles.join("+").padEnd(50)} ${request.locale}  ${String(attempt.latencyMs).padStart(6)} ms  ${outcome}`);
}

const answered = attempts.filter((a) => a.ok || a.answer);
const reasonsOf = (a: PhrasingAttempt): FallbackReason[] => (a.ok ? [] : (a.problems?.map((p) => p.reason) ?? [a.reason]));
const share = (part: number, whole: number) => (whole === 0 ? "n/a" : `${((100 * part) / whole).toFixed(1)} %`);
const coverage = answered.map((a) => {
  const cited = a.ok ? a.answer.used_fact_ids : (a.answer?.used_fact_ids ?? []);
  const ids = new Set(a.facts.map((f) => f.id));
  return new Set(cited.filter((id) => ids.has(id))).size / Math.max(1, a.facts.length);
});
const { median, p99 } = percentiles(attempts.map((a) => a.latencyMs));
const fallbackCounts = new Map<FallbackReason, number>();
for (const a of attempts) if (!a.ok) fallbackCounts.set(a.reason, (fallbackCounts.get(a.reason) ?? 0) + 1);

const rows: BenchRow[] = [
  { bench: "phrasing", measure: "cases", value: String(attempts.length) },
  { bench: "phrasing", measure: "answers returned", value: String(answered.length) },
  { bench: "phrasing", measure: "invented-entity rate", value: share(answered.filter((a) => reasonsOf(a).some((r) => ENTITY_REASONS.has(r))).length, answered.length) },
  { bench: "phrasing", measure: "invented-number rate", value: share(answered.filter((a) => reasonsOf(a).includes("invented-number")).length, answered.length) },
  { bench: "phrasing", measure: "fact coverage (mean)", value: share(coverage.reduce((s, c) => s + c, 0), coverage.length) },
  { bench: "phrasing", measure: "language accuracy", value: share(answered.filter((a) => !reasonsOf(a).includes("wrong-language")).length, answered.length) },
  { bench: "phrasing", measure: "fallback rate", value: share(attempts.filter((a) => !a.ok).length, attempts.length) },
  { bench: "phrasing", measure: "latency median", value: `${median} ms` },
  { bench: "phrasing", measure: "latency p99", value: `${p99} ms` },
  ...[...fallbackCounts].map(([reason, n]) => ({ bench: "fallback", measure: reason, value: String(n) })),
];
console.log(`\n${printTable(rows)}`);
