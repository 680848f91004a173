import { loadCatalog } from "./catalog/load-catalog.js";
import type { RoleCatalog } from "./catalog/role-catalog.js";
import type { Config } from "./config/config.js";
import { ParcoursBot } from "./conversation/parcours-bot.js";
import { setUserRefSalt, type Logger } from "./logging/logger.js";
import { phrasingFromConfig } from "./phrasing/phrasing-from-config.js";
import type { Phrasing } from "./phrasing/phrasing.js";
import { openStore } from "./store/open-store.js";
import type { Store } from "./store/store.js";
import { RuleBasedUnderstanding } from "./understanding/rule-based-understanding.js";

export interface Parcours {
  bot: ParcoursBot;
  catalog: RoleCatalog;
  store: Store;
  /** Template wording, or an LlmPhrasing whose `stats` count what it did. */
  phrasing?: Phrasing;
  close(): Promise<void>;
}

/** Wires the core from configuration. A broken catalogue throws before anything is served. */
export async function createParcours(config: Config, logger: Logger): Promise<Parcours> {
  setUserRefSalt(config.USER_REF_SALT);
  const catalog = await loadCatalog(config.CATALOG_DIR);
  const store = openStore(config.STORE_URL);
  const phrasing = phrasingFromConfig(config, { catalog, store, logger });
  const bot = new ParcoursBot({
    catalog,
    understanding: new RuleBasedUnderstanding(catalog),
    store,
    logger,
    defaultLocale: config.DEFAULT_LOCALE,
    contextTtlMs: config.CONTEXT_TTL_HOURS * 3600_000,
    assessmentIdleMs: config.ASSESSMENT_IDLE_DAYS * 24 * 3600_000,
    phrasing,
  });
  logger.info({ roles: catalog.size }, "catalogue loaded");
  return { bot, catalog, store, phrasing, close: () => store.close() };
}
