import KeyvPostgres from "@keyv/postgres";
import KeyvRedis from "@keyv/redis";
import KeyvSqlite from "@keyv/sqlite";
import Keyv from "keyv";
import type { Store } from "./store.js";

const NAMESPACE = "parcours";

/** The one operation keyv has no atomic form for: each backend does it natively. */
type Claim = (prefixedKey: string, ttlMs: number) => Promise<boolean>;

class KeyvStore implements Store {
  constructor(
    private readonly keyv: Keyv,
    private readonly claimNative: Claim,
    private readonly onClose: () => Promise<void>,
  ) {}

  async get<T>(key: string): Promise<T | undefined> {
    return (await this.keyv.get<T>(key)) ?? undefined;
  }

  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    await this.keyv.set(key, value, ttlMs);
  }

  async delete(key: string): Promise<boolean> {
    return this.keyv.delete(key);
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return this.claimNative(`${NAMESPACE}:${key}`, ttlMs);
  }

  async close(): Promise<void> {
    await this.onClose();
  }
}

/** keyv's serialised form, so claimed keys read back through get() like any other value. */
const serialized = (expires: number) => JSON.stringify({ value: true, expires });

export function memoryStore(): Store {
  const map = new Map<string, unknown>();
  const keyv = new Keyv({ store: map, namespace: NAMESPACE });
  // Node runs this synchronously between awaits, so check-and-set cannot interleave.
  const claim: Claim = async (key, ttlMs) => {
    const existing = map.get(key) as { expires?: number } | undefined;
    if (existing && (existing.expires === undefined || existing.expires > Date.now())) return false;
    map.set(key, { value: true, expires: Date.now() + ttlMs });
    return true;
  };
  return new KeyvStore(keyv, claim, async () => map.clear());
}

export function sqliteStore(file: string): Store {
  const sqlite = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 5000 });
  const keyv = new Keyv({ store: sqlite, namespace: NAMESPACE });
  // One statement: insert, or take over an expired claim; RETURNING says whether a row was written.
  const claim: Claim = async (key, ttlMs) => {
    const now = Date.now();
    const rows = (await sqlite.query(
      `INSERT INTO ${sqlite.opts.table} (key, value) VALUES (?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value
       WHERE json_extract(${sqlite.opts.table}.value, '$.expires') < ?
       RETURNING key`,
      key,
      serialized(now + ttlMs),
      now,
    )) as unknown[];
    return rows.length === 1;
  };
  return new KeyvStore(keyv, claim, () => sqlite.close());
}

/** Several processes on several machines: Redis's own SET NX PX is the claim. */
export function redisStore(url: string): Store {
  const redis = new KeyvRedis(url, { throwOnConnectError: true });
  const keyv = new Keyv({ store: redis, namespace: NAMESPACE, useKeyPrefix: false });
  const claim: Claim = async (key, ttlMs) => {
    const client = (await redis.getClient()) as unknown as { set(k: string, v: string, o: { NX: true; PX: number }): Promise<string | null> };
    return (await client.set(`claim:${key}`, "1", { NX: true, PX: ttlMs })) === "OK";
  };
  return new KeyvStore(keyv, claim, () => redis.disconnect());
}

/** @keyv/postgres keeps one connection pool per process and URL: it is ended with its last store. */
const openPostgresStores = new Map<string, number>();

/** Several processes sharing PostgreSQL: one INSERT … ON CONFLICT statement is the claim. */
export function postgresStore(url: string): Store {
  const postgres = new KeyvPostgres({ uri: url });
  openPostgresStores.set(url, (openPostgresStores.get(url) ?? 0) + 1);
  const keyv = new Keyv({ store: postgres, namespace: NAMESPACE });
  const table = `${postgres.opts.schema}.${postgres.opts.table}`;
  const claim: Claim = async (key, ttlMs) => {
    const now = Date.now();
    const rows = (await postgres.query(
      `INSERT INTO ${table} (key, value) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value
       WHERE (${postgres.opts.table}.value::json ->> 'expires')::bigint < $3
       RETURNING key`,
      [key, serialized(now + ttlMs), now],
    )) as unknown[];
    return rows.length === 1;
  };
  return new KeyvStore(keyv, claim, async () => {
    const left = (openPostgresStores.get(url) ?? 1) - 1;
    openPostgresStores.set(url, left);
    if (left === 0) await postgres.disconnect();
  });
}
