/**
 * Conversation state that expires: context, flow state, locale caches, de-duplication claims.
 * Every backend (memory, SQLite, Redis, PostgreSQL) implements this contract natively, and every
 * operation that must hold across processes (claim, compare-and-set, increment) is one atomic
 * step in the backend itself, never a read then a write in Node. A key that has expired reads as
 * absent everywhere, whether or not its row or key has been purged yet.
 */
export interface Versioned<T> {
  value: T;
  /** Starts at 1 when the key is written from absent; each successful write adds one. */
  version: number;
}

export interface StateStore {
  get<T>(key: string): Promise<T | undefined>;
  getVersioned<T>(key: string): Promise<Versioned<T> | undefined>;
  /** Writes whatever was there; `ttlMs` undefined keeps the value until deleted. */
  set<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  /**
   * Writes only if the key's current version is `expected` (`null`: only if absent or expired).
   * Answers the new version, or `undefined` when another writer got there first.
   */
  compareAndSet<T>(key: string, expected: number | null, value: T, ttlMs?: number): Promise<number | undefined>;
  /** Deletes only if the key is still at version `expected`: ending a flow loses to a concurrent write. */
  deleteIfVersion(key: string, expected: number): Promise<boolean>;
  /** True when a live key was deleted (a claim too: a claim can be given back). */
  delete(key: string): Promise<boolean>;
  /** Set-if-absent with an expiry: exactly one of any number of concurrent callers wins. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Adds `by` to an integer (absent counts as 0) and answers the new value; `ttlMs`, when given, sets a new expiry. */
  increment(key: string, by?: number, ttlMs?: number): Promise<number>;
  /**
   * Counts the live keys that end with `suffix` (flows in progress, for /metrics). It reads every
   * key, so it is for a scrape every few seconds, never for an answer.
   */
  countLive(suffix: string): Promise<number>;
  /** Deletes every key that starts with `prefix`, expired ones included; answers how many. */
  deleteByPrefix(prefix: string): Promise<number>;
  /** Removes expired keys and claims from disk (Redis expires its own). Answers how many. */
  purgeExpired(): Promise<number>;
  close(): Promise<void>;
}
