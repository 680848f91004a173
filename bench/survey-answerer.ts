import { createInterface } from "node:readline";
import { performance } from "node:perf_hooks";
import { loadCatalog } from "../src/catalog/load-catalog.js";
import { loadConfig } from "../src/config/config.js";
import { createLogger } from "../src/logging/logger.js";
import { assembleParcours } from "../src/parcours.js";
import { openDatabase } from "../src/records/database.js";
import { openStateStore } from "../src/store/open-state.js";
import { BenchPort } from "./bench-port.js";

/**
 * One Parcours process answering a survey for a range of members, started by survey-cost.ts:
 * it says "ready", waits for "go" so that every process starts together, then prints its time.
 * Arguments: database URL, the Answer button's value, first member number, how many, ratings per member.
 */
const [url, answerValue, first, count, skills] = process.argv.slice(2) as [string, string, string, string, string];
const discard = { write: () => true } as unknown as NodeJS.WritableStream;
const database = await openDatabase(url);
const parcours = assembleParcours({
  catalog: await loadCatalog(loadConfig().CATALOG_DIR),
  state: openStateStore(database, {}),
  database,
  logger: createLogger("info", discard),
  config: { DEFAULT_LOCALE: "en", CONTEXT_TTL_HOURS: 24, ASSESSMENT_IDLE_DAYS: 7 },
});
parcours.outbound.register(new BenchPort());
console.log("ready");
for await (const line of createInterface({ input: process.stdin })) if (line === "go") break;
const started = performance.now();
for (let n = Number(first); n < Number(first) + Number(count); n++) {
  const member = { platform: "bench", userId: `U${n}`, conversationId: `dm:U${n}` };
  await parcours.bot.handleAction({ ...member, actionId: "survey.answer", value: answerValue });
  for (let skill = 0; skill < Number(skills); skill++) await parcours.bot.handleMessage({ ...member, text: String(1 + ((n + skill) % 5)) });
}
console.log(JSON.stringify({ ms: performance.now() - started }));
await parcours.close();
