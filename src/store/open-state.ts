import type { Logger } from "../logging/logger.js";
import type { Database } from "../records/database.js";
import { MemoryStateStore } from "./memory-state.js";
import { PostgresStateStore } from "./postgres-state.js";
import { RedisStateStore } from "./redis-state.js";
import { SqliteStateStore } from "./sqlite-state.js";
import type { StateStore } from "./state-store.js";

/** A deployment's Redis (REDIS_URL) and the start of every key it keeps there (REDIS_PREFIX). */
export interface RedisSettings {
  url: string;
  prefix: string;
}

export interface StateStoreOptions {
  /** Set when several machines share state and Redis is at hand: it then holds the state rather than the database. */
  redis?: RedisSettings | undefined;
  /** One process's state in a Map: tests and the terminal. */
  memory?: boolean;
  /** The clock that decides expiry; tests pass one they can move. */
  now?: () => number;
  /** Where Redis's lost connections are reported. */
  logger?: Logger;
}

/** The state store the deployment asks for; without Redis it lives in the records database, next to its tables. */
export function openStateStore(database: Database, options: StateStoreOptions = {}): StateStore {
  const now = options.now ?? Date.now;
  if (options.memory) return new MemoryStateStore(now);
  if (options.redis) return new RedisStateStore({ url: options.redis.url, prefix: `${options.redis.prefix}:state:`, now, logger: options.logger });
  return database.kind === "sqlite" ? new SqliteStateStore(database.sqlite, now) : new PostgresStateStore(database.pool, now);
}
