import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { memoryStore, postgresStore, redisStore, sqliteStore } from "./keyv-store.js";
import type { Store } from "./store.js";

export class StoreUrlError extends Error {}

/**
 * STORE_URL picks the backend: `memory://` for tests, `sqlite://path/to/file.sqlite` (the
 * default, under ./data/), `redis://host:port` or `postgres://…` when several processes share
 * the work. All keep the same Store contract, claims included.
 */
export function openStore(url: string): Store {
  if (url === "memory://" || url === "memory:") return memoryStore();
  if (url.startsWith("sqlite://")) {
    const file = resolve(url.slice("sqlite://".length));
    mkdirSync(dirname(file), { recursive: true });
    return sqliteStore(file);
  }
  if (/^rediss?:\/\//.test(url)) return redisStore(url);
  if (/^postgres(?:ql)?:\/\//.test(url)) return postgresStore(url);
  const scheme = url.split(":")[0] ?? "";
  throw new StoreUrlError(`STORE_URL: unsupported scheme "${scheme}" (use memory://, sqlite://path, redis:// or postgres://)`);
}
