/**
 * What the bot keeps between messages. Every backend (memory, SQLite, Redis, PostgreSQL)
 * implements the same small contract, and operations that must hold across
 * processes (a claim) are atomic in the backend itself, never read-then-write in Node.
 */
export interface Store {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<boolean>;
  /**
   * Atomically records `key` if it is absent (or expired) and says whether this caller won.
   * A platform retry of the same event claims the same key and loses, so it runs once.
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
  close(): Promise<void>;
}
