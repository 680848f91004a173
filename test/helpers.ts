import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { loadCatalog } from "../src/catalog/load-catalog.js";
import type { RoleCatalog } from "../src/catalog/role-catalog.js";
import { loadConfig } from "../src/config/config.js";
import { ParcoursBot } from "../src/conversation/parcours-bot.js";
import { createLogger, type Logger } from "../src/logging/logger.js";
import { memoryStore } from "../src/store/keyv-store.js";
import type { Store } from "../src/store/store.js";
import { RuleBasedUnderstanding } from "../src/understanding/rule-based-understanding.js";

export const SHIPPED_CATALOG = loadConfig({}).CATALOG_DIR;

let shipped: Promise<RoleCatalog> | undefined;
export function shippedCatalog(): Promise<RoleCatalog> {
  shipped ??= loadCatalog(SHIPPED_CATALOG);
  return shipped;
}

/** A writable that keeps what it receives, for asserting on logs and terminal output. */
export class Capture extends Writable {
  chunks: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.chunks.push(chunk.toString());
    done();
  }
  get text(): string {
    return this.chunks.join("");
  }
}

export async function testBot(options: { store?: Store; logger?: Logger; assessmentIdleMs?: number } = {}) {
  const catalog = await shippedCatalog();
  const store = options.store ?? memoryStore();
  const logs = new Capture();
  const bot = new ParcoursBot({
    catalog,
    understanding: new RuleBasedUnderstanding(catalog),
    store,
    logger: options.logger ?? createLogger("debug", logs),
    defaultLocale: "en",
    contextTtlMs: 60_000,
    ...(options.assessmentIdleMs ? { assessmentIdleMs: options.assessmentIdleMs } : {}),
  });
  return { bot, catalog, store, logs };
}

export function tempDir(prefix = "parcours-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}
