import type { Database } from "../records/database.js";
import { MemoryStateStore } from "./memory-state.js";
import { PostgresStateStore } from "./postgres-state.js";
import { RedisStateStore } from "./redis-state.js";
import { SqliteStateStore } from "./sqlite-state.js";
import type { StateStore } from "./state-store.js";

export interface StateStoreOptions {
  /** Set when several machines share state and Redis is at hand: it then holds the state rather than the database. */
  redisUrl?: string;
  /** One process's state in a Map: tests and the terminal. */
  memory?: boolean;
  /** The clock that decides expiry; tests pass one they can move. */
  now?: () => number;
}

/** The state store the deployment asks for; without Redis it lives in the records database, next to its tables. */
export function openStateStore(database: Database, options: StateStoreOptions = {}): StateStore {
  const now = options.now ?? Date.now;
  if (options.memory) return new MemoryStateStore(now);
  if (options.redisUrl) return new RedisStateStore({ url: options.redisUrl, now });
  return database.kind === "sqlite" ? new SqliteStateStore(database.sqlite, now) : new PostgresStateStore(database.pool, now);
}
