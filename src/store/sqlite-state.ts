import type SqliteDatabase from "better-sqlite3";
import type { StateStore, Versioned } from "./state-store.js";

/** The parameters of a write: the value as JSON, its expiry on the caller's clock (null: none) and that clock's now. */
interface Change {
  key: string;
  value: string;
  expiresAt: number | null;
  now: number;
}

interface Row {
  value: string;
  version: number;
}

/** Expiry is judged by the caller's clock, passed as `@now`, never by SQLite's: a test moves time by moving its clock. */
const LIVE = "(state.expires_at IS NULL OR state.expires_at > @now)";

/** Writes a key from absent (version 1) or over whatever is there; the conflict clause decides what the old row counts for. */
const UPSERT = "INSERT INTO state (key, value, version, expires_at) VALUES (@key, @value, 1, @expiresAt) ON CONFLICT (key) DO UPDATE SET";

/** GLOB, unlike LIKE, is case-sensitive; brackets make its three metacharacters literal. */
function globPrefix(prefix: string): string {
  return `${prefix.replace(/[*?[]/g, "[$&]")}*`;
}

/**
 * State in the `state` table of the SQLite file every process of this machine opens. Each
 * operation is one statement (an upsert with a conditional update, an update or a delete that
 * checks the version), so SQLite's write lock makes it atomic across connections and processes.
 * The statements run synchronously: better-sqlite3 is fastest that way, and the promise only
 * keeps the contract's shape.
 */
export class SqliteStateStore implements StateStore {
  private readonly read;
  private readonly write;
  private readonly create;
  private readonly replace;
  private readonly removeIfVersion;
  private readonly remove;
  private readonly add;
  private readonly removePrefix;
  private readonly countSuffix;
  private readonly purge;

  /** `sqlite` belongs to the open Database (migrated, WAL), which closes it. */
  constructor(
    sqlite: SqliteDatabase.Database,
    private readonly now: () => number = Date.now,
  ) {
    this.read = sqlite.prepare<{ key: string; now: number }, Row>(`SELECT value, version FROM state WHERE key = @key AND ${LIVE}`);
    this.write = sqlite.prepare<Change>(`${UPSERT} value = excluded.value, expires_at = excluded.expires_at, version = CASE WHEN ${LIVE} THEN state.version + 1 ELSE 1 END`);
    this.create = sqlite.prepare<Change, Pick<Row, "version">>(`${UPSERT} value = excluded.value, expires_at = excluded.expires_at, version = 1 WHERE NOT ${LIVE} RETURNING version`);
    this.replace = sqlite.prepare<Change & { expected: number }, Pick<Row, "version">>(
      `UPDATE state SET value = @value, expires_at = @expiresAt, version = version + 1 WHERE key = @key AND version = @expected AND ${LIVE} RETURNING version`,
    );
    this.removeIfVersion = sqlite.prepare<{ key: string; expected: number; now: number }>(`DELETE FROM state WHERE key = @key AND version = @expected AND ${LIVE}`);
    this.remove = sqlite.prepare<{ key: string; now: number }, { live: number }>(`DELETE FROM state WHERE key = @key RETURNING ${LIVE} AS live`);
    // Text plus text is arithmetic in SQLite: "3" + "1" is 4, written back as the JSON text "4".
    this.add = sqlite.prepare<Change, Pick<Row, "value">>(
      `${UPSERT} value = CASE WHEN ${LIVE} THEN CAST(state.value + excluded.value AS TEXT) ELSE excluded.value END, ` +
        `version = CASE WHEN ${LIVE} THEN state.version + 1 ELSE 1 END, ` +
        `expires_at = COALESCE(excluded.expires_at, CASE WHEN ${LIVE} THEN state.expires_at END) RETURNING value`,
    );
    this.removePrefix = sqlite.prepare<{ pattern: string }>("DELETE FROM state WHERE key GLOB @pattern");
    this.countSuffix = sqlite.prepare<{ suffix: string; now: number }, { count: number }>(`SELECT count(*) AS count FROM state WHERE substr(key, -length(@suffix)) = @suffix AND ${LIVE}`);
    this.purge = sqlite.prepare<{ now: number }>("DELETE FROM state WHERE expires_at <= @now");
  }

  private change(key: string, value: unknown, ttlMs: number | undefined): Change {
    const now = this.now();
    return { key, value: JSON.stringify(value), expiresAt: ttlMs === undefined ? null : now + ttlMs, now };
  }

  async get<T>(key: string): Promise<T | undefined> {
    return (await this.getVersioned<T>(key))?.value;
  }

  async getVersioned<T>(key: string): Promise<Versioned<T> | undefined> {
    const row = this.read.get({ key, now: this.now() });
    return row && { value: JSON.parse(row.value) as T, version: row.version };
  }

  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    this.write.run(this.change(key, value, ttlMs));
  }

  async compareAndSet<T>(key: string, expected: number | null, value: T, ttlMs?: number): Promise<number | undefined> {
    const change = this.change(key, value, ttlMs);
    return (expected === null ? this.create.get(change) : this.replace.get({ ...change, expected }))?.version;
  }

  async deleteIfVersion(key: string, expected: number): Promise<boolean> {
    return this.removeIfVersion.run({ key, expected, now: this.now() }).changes > 0;
  }

  async delete(key: string): Promise<boolean> {
    return this.remove.get({ key, now: this.now() })?.live === 1;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return (await this.compareAndSet(key, null, true, ttlMs)) !== undefined;
  }

  async increment(key: string, by = 1, ttlMs?: number): Promise<number> {
    const row = this.add.get(this.change(key, by, ttlMs));
    return Number(row!.value);
  }

  async countLive(suffix: string): Promise<number> {
    return this.countSuffix.get({ suffix, now: this.now() })!.count;
  }

  async deleteByPrefix(prefix: string): Promise<number> {
    return this.removePrefix.run({ pattern: globPrefix(prefix) }).changes;
  }

  async purgeExpired(): Promise<number> {
    return this.purge.run({ now: this.now() }).changes;
  }

  async close(): Promise<void> {}
}
