import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { RoleCatalog } from "../src/catalog/role-catalog.js";
import { createLogger } from "../src/logging/logger.js";
import { assembleParcours } from "../src/parcours.js";
import { openDatabase } from "../src/records/database.js";
import { openStateStore } from "../src/store/open-state.js";
import { resultsReply } from "../src/surveys/results-reply.js";
import { teamResults } from "../src/surveys/team-results.js";
import { BenchPort } from "./bench-port.js";
import { percentiles, type BenchRow } from "./measure.js";

const MEMBERS = 200;
const RESULTS_MEMBERS = 500;
const RESULT_ROUNDS = 20;
const ROLE = "expert-trainer";
const discard = { write: () => true } as unknown as NodeJS.WritableStream;
const ANSWERER = join(fileURLToPath(new URL(".", import.meta.url)), "survey-answerer.js");

/** A survey created the way a manager does, on a fresh SQLite file: answers the Answer button's value. */
async function newSurvey(catalog: RoleCatalog, url: string, members: number) {
  const database = await openDatabase(url);
  const parcours = assembleParcours({ catalog, state: openStateStore(database, {}), database, logger: createLogger("info", discard), config: { DEFAULT_LOCALE: "en", CONTEXT_TTL_HOURS: 24, ASSESSMENT_IDLE_DAYS: 7 } });
  parcours.outbound.register(new BenchPort(["M", ...Array.from({ length: members }, (_, n) => `U${n}`)]));
  const manager = { platform: "bench", userId: "M", conversationId: "C", place: { address: { platform: "bench", conversationId: "C" }, shared: true } };
  const offered = await parcours.bot.handleMessage({ ...manager, text: "team survey on the SME trainer skills" });
  const form = offered?.blocks.find((b) => b.type === "form");
  if (form?.type !== "form") throw new Error("no survey form");
  const fields = Object.fromEntries(form.fields.map((f) => [f.id, f.kind === "choices" ? (f.values ?? []) : String(f.value ?? "")]));
  await parcours.bot.handleAction({ ...manager, actionId: form.submit.actionId, value: JSON.stringify({ context: form.submit.value, fields }) });
  const survey = await parcours.database.db.selectFrom("surveys").selectAll().executeTakeFirstOrThrow();
  return { parcours, survey, answerValue: JSON.stringify({ survey: survey.id }) };
}

/** Members answering through `processes` real Parcours processes on one SQLite file, all started together. */
async function answersPerSecond(catalog: RoleCatalog, processes: number): Promise<number> {
  const url = `sqlite://${join(mkdtempSync(join(tmpdir(), "parcours-survey-")), "bench.sqlite")}`;
  const { parcours, answerValue } = await newSurvey(catalog, url, MEMBERS);
  const skills = String(catalog.get(ROLE).skills.length);
  const share = MEMBERS / processes;
  const children = Array.from({ length: processes }, (_, i) => spawn(process.execPath, [ANSWERER, url, answerValue, String(i * share), String(share), skills], { stdio: ["pipe", "pipe", "inherit"] }));
  const lines = children.map((child) => createInterface({ input: child.stdout! })[Symbol.asyncIterator]());
  for (const line of lines) await line.next();
  const started = performance.now();
  // Ended, not just written: an answerer's stdin left open keeps it alive, and its pipes keep this process from exiting.
  for (const child of children) child.stdin!.end("go\n");
  await Promise.all(lines.map((line) => line.next()));
  const seconds = (performance.now() - started) / 1000;
  const recorded = Number((await parcours.database.db.selectFrom("survey_responses").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  await parcours.close();
  if (recorded !== MEMBERS) throw new Error(`${recorded} responses recorded of ${MEMBERS}`);
  return MEMBERS / seconds;
}

/** The creator's results for a survey of 500 members: read the responses, aggregate, build the reply. */
async function resultsTime(catalog: RoleCatalog): Promise<{ median: number; p99: number }> {
  const url = `sqlite://${join(mkdtempSync(join(tmpdir(), "parcours-survey-")), "results.sqlite")}`;
  const { parcours } = await newSurvey(catalog, url, 0);
  const row = await parcours.database.db.selectFrom("surveys").selectAll().executeTakeFirstOrThrow();
  const role = catalog.get(ROLE);
  await parcours.database.db
    .insertInto("survey_responses")
    .values(Array.from({ length: RESULTS_MEMBERS }, (_, n) => ({ survey_id: row.id, respondent: `r${n}`, ratings: JSON.stringify(Object.fromEntries(role.skills.map((s, i) => [s.id, 1 + ((n + i) % 5)]))) })))
    .execute();
  const survey = { id: row.id, skillIds: JSON.parse(row.skill_ids) as string[], minResponses: row.min_responses, title: row.title } as Parameters<typeof teamResults>[0];
  const samples: number[] = [];
  for (let round = 0; round < RESULT_ROUNDS; round++) {
    const t0 = performance.now();
    const ratings = (await parcours.database.db.selectFrom("survey_responses").select("ratings").where("survey_id", "=", row.id).execute()).map((r) => JSON.parse(r.ratings) as Record<string, number>);
    resultsReply(survey, role, teamResults(survey, role, ratings), "en");
    samples.push(performance.now() - t0);
  }
  await parcours.close();
  return percentiles(samples);
}

/** Survey answers recorded per second by one and by two processes on the default store, and the results of a 500-member survey. */
export async function benchSurveys(catalog: RoleCatalog): Promise<BenchRow[]> {
  const one = await answersPerSecond(catalog, 1);
  const two = await answersPerSecond(catalog, 2);
  const results = await resultsTime(catalog);
  const bench = "team survey, SQLite";
  return [
    { bench, measure: "members answering (6 skills each), 1 process", value: `${one.toFixed(0)} /s` },
    { bench, measure: "members answering, 2 processes on one file", value: `${two.toFixed(0)} /s (${(two / one).toFixed(2)}×)` },
    { bench, measure: `results for ${RESULTS_MEMBERS} members, median / p99`, value: `${results.median.toFixed(1)} / ${results.p99.toFixed(1)} ms` },
  ];
}
