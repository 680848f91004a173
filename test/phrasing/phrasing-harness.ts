import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadCatalog } from "../../src/catalog/load-catalog.js";
import type { RoleCatalog } from "../../src/catalog/role-catalog.js";
import { loadConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/logging/logger.js";
import { LlmPhrasing } from "../../src/phrasing/llm-phrasing.js";
import { phrasingFromConfig } from "../../src/phrasing/phrasing-from-config.js";
import { MemoryStateStore } from "../../src/store/memory-state.js";
import type { StateStore } from "../../src/store/state-store.js";
import { Capture, SHIPPED_CATALOG, shippedCatalog, tempDir } from "../helpers.js";
import type { AdversarialCase, PlantedInstruction } from "./adversarial-cases.js";
import { completion, type FakeOpenAiServer } from "./fake-openai-server.js";

/** The environment that points Parcours' phrasing at the fake server, as an operator would set it. */
export function fakeModelEnv(server: FakeOpenAiServer, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PHRASING: "llm",
    OPENAI_MODEL: "fake-model",
    OPENAI_API_KEY: "sk-test-not-a-real-key",
    OPENAI_BASE_URL: server.baseURL,
    PHRASING_TIMEOUT_MS: "400",
    ...extra,
  };
}

/** LlmPhrasing built the way createParcours builds it: from configuration, with the real openai client. */
export async function llmPhrasingFor(env: Record<string, string>, options: { store?: StateStore; catalog?: RoleCatalog } = {}) {
  const catalog = options.catalog ?? (await shippedCatalog());
  const store = options.store ?? new MemoryStateStore();
  const logs = new Capture();
  const phrasing = phrasingFromConfig(loadConfig(env), { catalog, store, logger: createLogger("debug", logs) });
  if (!(phrasing instanceof LlmPhrasing)) throw new Error(`expected LlmPhrasing from ${JSON.stringify(env)}`);
  return { phrasing, catalog, store, logs };
}

/** A copy of the shipped catalogue with an instruction written into one of its facts. */
export async function plantedCatalog(plant: PlantedInstruction): Promise<RoleCatalog> {
  const dir = await tempDir("parcours-adversarial-");
  await cp(SHIPPED_CATALOG, dir, { recursive: true });
  const file = join(dir, plant.file);
  const yaml = await readFile(file, "utf8");
  const planted = yaml.replace(plant.after, `${plant.after}${plant.text}`);
  if (planted === yaml) throw new Error(`${plant.after} is not in ${plant.file}`);
  await writeFile(file, planted);
  return loadCatalog(dir);
}

/**
 * LlmPhrasing against the fake endpoint, scripted to answer one adversarial case `times` times
 * (on the case's planted catalogue if it has one): what the test and `npm run eval:phrasing` play.
 */
export async function scriptedCase(server: FakeOpenAiServer, testCase: AdversarialCase, times = 1) {
  const catalog = testCase.plant ? await plantedCatalog(testCase.plant) : undefined;
  const built = await llmPhrasingFor(fakeModelEnv(server, { PHRASING_TIMEOUT_MS: "5000" }), catalog ? { catalog } : {});
  const content = testCase.raw ?? JSON.stringify({ sentences: testCase.sentences });
  server.reply(...Array.from({ length: times }, () => ({ body: completion(content) })));
  return built;
}
