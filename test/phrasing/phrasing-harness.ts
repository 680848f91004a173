import { loadConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/logging/logger.js";
import { LlmPhrasing } from "../../src/phrasing/llm-phrasing.js";
import { phrasingFromConfig } from "../../src/phrasing/phrasing-from-config.js";
import { MemoryStateStore } from "../../src/store/memory-state.js";
import type { StateStore } from "../../src/store/state-store.js";
import { Capture, shippedCatalog } from "../helpers.js";
import type { FakeOpenAiServer } from "./fake-openai-server.js";

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
export async function llmPhrasingFor(env: Record<string, string>, options: { store?: StateStore } = {}) {
  const catalog = await shippedCatalog();
  const store = options.store ?? new MemoryStateStore();
  const logs = new Capture();
  const phrasing = phrasingFromConfig(loadConfig(env), { catalog, store, logger: createLogger("debug", logs) });
  if (!(phrasing instanceof LlmPhrasing)) throw new Error(`expected LlmPhrasing from ${JSON.stringify(env)}`);
  return { phrasing, catalog, store, logs };
}
