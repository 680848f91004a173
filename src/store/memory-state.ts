import type { StateStore, Versioned } from "./state-store.js";

interface Entry {
  json: string;
  version: number;
  expiresAt: number | null;
}

/**
 * One process's state in a Map, for tests and `memory://`. Node runs each method's body without
 * interleaving between awaits, so every check-and-write here is atomic by construction. Values
 * are stored as JSON, so a caller never shares a mutable object with the store, as with the others.
 */
export class MemoryStateStore implements StateStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private expiry(ttlMs: number | undefined): number | null {
    return ttlMs === undefined ? null : this.now() + ttlMs;
  }

  async get<T>(key: string): Promise<T | undefined> {
    return (await this.getVersioned<T>(key))?.value;
  }

  async getVersioned<T>(key: string): Promise<Versioned<T> | undefined> {
    const entry = this.live(key);
    return entry && { value: JSON.parse(entry.json) as T, version: entry.version };
  }

  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    const version = (this.live(key)?.version ?? 0) + 1;
    this.entries.set(key, { json: JSON.stringify(value), version, expiresAt: this.expiry(ttlMs) });
  }

  async compareAndSet<T>(key: string, expected: number | null, value: T, ttlMs?: number): Promise<number | undefined> {
    const current = this.live(key)?.version ?? null;
    if (current !== expected) return undefined;
    const version = (current ?? 0) + 1;
    this.entries.set(key, { json: JSON.stringify(value), version, expiresAt: this.expiry(ttlMs) });
    return version;
  }

  async deleteIfVersion(key: string, expected: number): Promise<boolean> {
    if (this.live(key)?.version !== expected) return false;
    return this.entries.delete(key);
  }

  async delete(key: string): Promise<boolean> {
    const existed = this.live(key) !== undefined;
    this.entries.delete(key);
    return existed;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return (await this.compareAndSet(key, null, true, ttlMs)) !== undefined;
  }

  async increment(key: string, by = 1, ttlMs?: number): Promise<number> {
    const entry = this.live(key);
    const next = (entry ? Number(JSON.parse(entry.json)) : 0) + by;
    this.entries.set(key, { json: JSON.stringify(next), version: (entry?.version ?? 0) + 1, expiresAt: entry && ttlMs === undefined ? entry.expiresAt : this.expiry(ttlMs) });
    return next;
  }

  async countLive(suffix: string): Promise<number> {
    return [...this.entries.keys()].filter((key) => key.endsWith(suffix) && this.live(key)).length;
  }

  async deleteByPrefix(prefix: string): Promise<number> {
    let deleted = 0;
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix) && this.entries.delete(key)) deleted++;
    return deleted;
  }

  async purgeExpired(): Promise<number> {
    let purged = 0;
    for (const key of [...this.entries.keys()]) if (this.entries.has(key) && !this.live(key)) purged++;
    return purged;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
