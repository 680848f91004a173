import type pg from "pg";
import type { StateStore, Versioned } from "./state-store.js";

/** Expiry is judged by the caller's clock, passed as a parameter, never by the server's: a test moves time by moving its clock. */
const live = (now: string) => `(state.expires_at IS NULL OR state.expires_at > ${now})`;

/** Parameters $1 key, $2 value as JSON, $3 expiry or null, $4 now; the conflict clause decides what the old row counts for. */
const UPSERT = "INSERT INTO state (key, value, version, expires_at) VALUES ($1, $2, 1, $3) ON CONFLICT (key) DO UPDATE SET";

/**
 * Named, so each pooled connection prepares a statement once and reuses it. Each operation is a
 * single statement: under READ COMMITTED an upsert waits for a concurrent insert of the same key
 * and an update re-checks its WHERE against the row another transaction just committed, so
 * claims and compare-and-set stay atomic across pools and machines.
 */
const SQL = {
  read: `SELECT value, version FROM state WHERE key = $1 AND ${live("$2")}`,
  write: `${UPSERT} value = excluded.value, expires_at = excluded.expires_at, version = CASE WHEN ${live("$4")} THEN state.version + 1 ELSE 1 END`,
  create: `${UPSERT} value = excluded.value, expires_at = excluded.expires_at, version = 1 WHERE NOT ${live("$4")} RETURNING version`,
  replace: `UPDATE state SET value = $2, expires_at = $3, version = version + 1 WHERE key = $1 AND version = $5 AND ${live("$4")} RETURNING version`,
  removeIfVersion: `DELETE FROM state WHERE key = $1 AND version = $3 AND ${live("$2")}`,
  remove: `DELETE FROM state WHERE key = $1 RETURNING ${live("$2")} AS live`,
  add:
    `${UPSERT} value = CASE WHEN ${live("$4")} THEN (state.value::numeric + excluded.value::numeric)::text ELSE excluded.value END, ` +
    `version = CASE WHEN ${live("$4")} THEN state.version + 1 ELSE 1 END, ` +
    `expires_at = COALESCE(excluded.expires_at, CASE WHEN ${live("$4")} THEN state.expires_at END) RETURNING value`,
  // starts_with compares literally: LIKE would need %, _ and \ escaped, and a range would follow the database's collation.
  removePrefix: "DELETE FROM state WHERE starts_with(key, $1)",
  countSuffix: `SELECT count(*) AS count FROM state WHERE right(key, char_length($1)) = $1 AND ${live("$2")}`,
  purge: "DELETE FROM state WHERE expires_at <= $1",
} as const;

/**
 * State in the `state` table of the PostgreSQL database several machines share. bigint columns
 * come back from pg as strings, so versions are parsed here.
 */
export class PostgresStateStore implements StateStore {
  /** `pool` belongs to the open Database (migrated, on its schema), which ends it. */
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number = Date.now,
  ) {}

  private query<Row extends pg.QueryResultRow>(name: keyof typeof SQL, values: unknown[]): Promise<pg.QueryResult<Row>> {
    return this.pool.query<Row>({ name: `parcours-state-${name}`, text: SQL[name], values });
  }

  /** $1 key, $2 value, $3 expiry, $4 now: the parameters every write shares. */
  private change(key: string, value: unknown, ttlMs: number | undefined): unknown[] {
    const now = this.now();
    return [key, JSON.stringify(value), ttlMs === undefined ? null : now + ttlMs, now];
  }

  async get<T>(key: string): Promise<T | undefined> {
    return (await this.getVersioned<T>(key))?.value;
  }

  async getVersioned<T>(key: string): Promise<Versioned<T> | undefined> {
    const { rows } = await this.query<{ value: string; version: string }>("read", [key, this.now()]);
    const row = rows[0];
    return row && { value: JSON.parse(row.value) as T, version: Number(row.version) };
  }

  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    await this.query("write", this.change(key, value, ttlMs));
  }

  async compareAndSet<T>(key: string, expected: number | null, value: T, ttlMs?: number): Promise<number | undefined> {
    const change = this.change(key, value, ttlMs);
    const { rows } = expected === null ? await this.query<{ version: string }>("create", change) : await this.query<{ version: string }>("replace", [...change, expected]);
    return rows[0] && Number(rows[0].version);
  }

  async deleteIfVersion(key: string, expected: number): Promise<boolean> {
    return ((await this.query("removeIfVersion", [key, this.now(), expected])).rowCount ?? 0) > 0;
  }

  async delete(key: string): Promise<boolean> {
    const { rows } = await this.query<{ live: boolean }>("remove", [key, this.now()]);
    return rows[0]?.live === true;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return (await this.compareAndSet(key, null, true, ttlMs)) !== undefined;
  }

  async increment(key: string, by = 1, ttlMs?: number): Promise<number> {
    const { rows } = await this.query<{ value: string }>("add", this.change(key, by, ttlMs));
    return Number(rows[0]!.value);
  }

  async countLive(suffix: string): Promise<number> {
    const { rows } = await this.query<{ count: string }>("countSuffix", [suffix, this.now()]);
    return Number(rows[0]!.count);
  }

  async deleteByPrefix(prefix: string): Promise<number> {
    return (await this.query("removePrefix", [prefix])).rowCount ?? 0;
  }

  async purgeExpired(): Promise<number> {
    return (await this.query("purge", [this.now()])).rowCount ?? 0;
  }

  async close(): Promise<void> {}
}
