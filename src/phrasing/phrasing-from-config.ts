import type { RoleCatalog } from "../catalog/role-catalog.js";
import type { Config } from "../config/config.js";
import type { Logger } from "../logging/logger.js";
import type { ParcoursMetrics } from "../metrics/parcours-metrics.js";
import type { StateStore } from "../store/state-store.js";
import { ANSWER_LIMITS } from "./answer-checks.js";
import { LlmPhrasing } from "./llm-phrasing.js";
import { chooseModel } from "./model-client.js";
import { loadPromptSet, PROMPTS_DIR } from "./phrasing-prompts.js";
import { templatePhrasing, type Phrasing } from "./phrasing.js";

export const PHRASE_ANSWER = "phrase-answer";

type PhrasingSettings = Parameters<typeof chooseModel>[0] & Pick<Config, "PHRASING" | "OPENAI_TEMPERATURE" | "PHRASING_CACHE_TTL_HOURS">;

/**
 * Template wording unless PHRASING=llm and a model is configured. Prompts are read here, at
 * start, so a missing or broken prompt stops the bot before it serves anyone.
 */
export function phrasingFromConfig(
  config: PhrasingSettings,
  deps: { catalog: RoleCatalog; store: StateStore; logger: Logger; metrics?: ParcoursMetrics; promptsDir?: string },
): Phrasing {
  if (config.PHRASING !== "llm") {
    deps.logger.info({ phrasing: "template" }, "phrasing: template answers");
    return templatePhrasing;
  }
  const choice = chooseModel(config);
  if (!choice.configured) {
    deps.logger.warn({ phrasing: "template", missing: choice.missing }, "PHRASING=llm but no language model is configured: template answers");
    return templatePhrasing;
  }
  const prompts = loadPromptSet(PHRASE_ANSWER, { maxChars: ANSWER_LIMITS.promptChars }, deps.promptsDir ?? PROMPTS_DIR);
  const phrasing = new LlmPhrasing({
    catalog: deps.catalog,
    store: deps.store,
    logger: deps.logger,
    connection: choice.connection,
    prompts,
    timeoutMs: config.PHRASING_TIMEOUT_MS,
    cacheTtlMs: config.PHRASING_CACHE_TTL_HOURS * 3600_000,
    temperature: config.OPENAI_TEMPERATURE,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
  deps.logger.info(
    { phrasing: "llm", provider: choice.connection.provider, model: choice.connection.model, prompts: [prompts.fr.version, prompts.en.version], timeoutMs: config.PHRASING_TIMEOUT_MS },
    "phrasing: language model, checked against the catalogue",
  );
  return phrasing;
}
