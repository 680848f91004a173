import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/records/database.js";
import { MemoryStateStore } from "../../src/store/memory-state.js";
import { openStateStore } from "../../src/store/open-state.js";
import { PostgresStateStore } from "../../src/store/postgres-state.js";
import { RedisStateStore } from "../../src/store/redis-state.js";
import { SqliteStateStore } from "../../src/store/sqlite-state.js";
import type { StateStore } from "../../src/store/state-store.js";
import { tempDir } from "../helpers.js";
import { describeNeeding, itNeeding } from "../servers/needing.js";
import { TEST_DATABASE_URL as POSTGRES_URL, TEST_REDIS_URL as REDIS_URL, type Server } from "../servers/servers.js";

/** Each test works in its own prefix or schema on the servers of the tests. */

const MINUTE = 60_000;

/** Time only moves when a test moves it: expiry never waits on the wall clock. */
let clock = 0;
const now = () => clock;

interface Harness {
  store: StateStore;
  /** A store on a connection of its own to the same data, as a second process would open it; not for memory. */
  peer?(): Promise<StateStore>;
  /** The keys physically left in the `state` table, read past the store; SQL backends only. */
  storedKeys?(): Promise<string[]>;
  /** The records database the store borrows its connection from; SQL backends only. */
  database?: Database;
  /** Redis drops expired keys itself, so its purgeExpired has nothing to do. */
  expiresByItself: boolean;
  /** The key as Redis holds it; Redis only. */
  redisKey?(key: string): string;
  dispose(): Promise<void>;
}

async function memoryHarness(): Promise<Harness> {
  const store = new MemoryStateStore(now);
  return { store, expiresByItself: false, dispose: () => store.close() };
}

/** `open` opens the same data again each time it is called, as another process would. */
async function databaseHarness(open: () => Promise<Database>, cleanUp: () => Promise<void>): Promise<Harness> {
  const database = await open();
  const databases = [database];
  return {
    store: openStateStore(database, { now }),
    database,
    async peer() {
      const other = await open();
      databases.push(other);
      return openStateStore(other, { now });
    },
    async storedKeys() {
      const rows = await database.db.selectFrom("state").select("key").orderBy("key").execute();
      return rows.map((row) => row.key);
    },
    expiresByItself: false,
    async dispose() {
      await Promise.all(databases.map((d) => d.close()));
      await cleanUp();
    },
  };
}

async function sqliteHarness(): Promise<Harness> {
  const dir = await tempDir("parcours-state-");
  const url = `sqlite://${join(dir, "state.sqlite")}`;
  return databaseHarness(() => openDatabase(url), () => rm(dir, { recursive: true, force: true }));
}

/** Each test in a schema of its own, dropped afterwards, even when opening it failed half-way. */
async function openPostgres(schema: string): Promise<Database> {
  try {
    return await openDatabase(POSTGRES_URL, { schema });
  } catch (error) {
    await dropSchema(schema);
    throw error;
  }
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client(POSTGRES_URL);
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

const randomSchema = () => `state_test_${randomUUID().replace(/-/g, "")}`;

async function postgresHarness(): Promise<Harness> {
  const schema = randomSchema();
  return databaseHarness(() => openPostgres(schema), () => dropSchema(schema));
}

async function redisHarness(): Promise<Harness> {
  const prefix = `parcours-test:${randomUUID()}:`;
  const stores = [new RedisStateStore({ url: REDIS_URL, prefix, now })];
  return {
    store: stores[0]!,
    async peer() {
      const other = new RedisStateStore({ url: REDIS_URL, prefix, now });
      stores.push(other);
      return other;
    },
    expiresByItself: true,
    redisKey: (key) => prefix + key,
    async dispose() {
      await Promise.all(stores.map((s) => s.close()));
      // Cleaned up past the store, so a broken deleteByPrefix cannot leave keys behind.
      const redis = new Redis(REDIS_URL);
      for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 })) if ((keys as string[]).length > 0) await redis.unlink(...(keys as string[]));
      await redis.quit();
    },
  };
}

const HARNESSES = { memory: memoryHarness, sqlite: sqliteHarness, redis: redisHarness, postgres: postgresHarness } as const;
/** The servers each kind of store needs. */
const NEEDS: Record<keyof typeof HARNESSES, Server[]> = { memory: [], sqlite: [], redis: ["redis"], postgres: ["postgres"] };

function useHarness(kind: keyof typeof HARNESSES): () => Harness {
  let harness: Harness | undefined;
  beforeEach(async () => {
    clock = 1_700_000_000_000;
    harness = await HARNESSES[kind]();
  });
  afterEach(async () => {
    await harness?.dispose();
    harness = undefined;
  });
  return () => harness!;
}

const times = <T>(n: number, run: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => run(i)));

for (const kind of Object.keys(HARNESSES) as (keyof typeof HARNESSES)[]) describeNeeding(NEEDS[kind], `${kind} state store`, () => {
  const harness = useHarness(kind);

  it("gives back what was set, whatever its JSON type, under any key", async () => {
    const { store } = harness();
    const values: Record<string, unknown> = {
      object: { roles: ["dlm", "ux"], level: { current: 2, target: 4 }, done: false },
      string: "une réponse",
      empty: "",
      number: 42.5,
      zero: 0,
      true: true,
      false: false,
      null: null,
      list: [1, "two", { three: 3 }],
      "clé:Zoë:🎓:日本語": "ça marche ✅",
    };
    for (const [key, value] of Object.entries(values)) await store.set(key, value);
    for (const [key, value] of Object.entries(values)) expect(await store.get(key)).toEqual(value);
    expect(await store.get("never-set")).toBeUndefined();
    expect(await store.getVersioned("never-set")).toBeUndefined();
  });

  it("keeps its own copy: changing the object after set does not change what is stored", async () => {
    const { store } = harness();
    const context = { roles: ["dlm"] };
    await store.set("context", context);
    context.roles.push("ux");
    expect(await store.get("context")).toEqual({ roles: ["dlm"] });
  });

  it("keeps a value without TTL until deleted, and forgets one with TTL once the clock reaches its expiry", async () => {
    const { store } = harness();
    await store.set("kept", "forever");
    await store.set("short", "soon gone", MINUTE);
    clock += MINUTE - 1;
    expect(await store.get("short")).toBe("soon gone");
    clock += 1;
    expect(await store.get("short")).toBeUndefined();
    expect(await store.getVersioned("short")).toBeUndefined();
    clock += 365 * 24 * 60 * MINUTE;
    expect(await store.get("kept")).toBe("forever");
  });

  it("lets a later set replace the expiry: a new TTL, or none", async () => {
    const { store } = harness();
    await store.set("extended", 1, MINUTE);
    await store.set("unbounded", 1, MINUTE);
    clock += MINUTE / 2;
    await store.set("extended", 2, MINUTE);
    await store.set("unbounded", 2);
    clock += MINUTE / 2;
    expect(await store.get("extended")).toBe(2);
    expect(await store.get("unbounded")).toBe(2);
    clock += MINUTE / 2;
    expect(await store.get("extended")).toBeUndefined();
    expect(await store.get("unbounded")).toBe(2);
  });

  it("deletes a live key and says so; an absent or expired key is not reported as deleted", async () => {
    const { store } = harness();
    await store.set("flow", { step: 2 });
    expect(await store.delete("flow")).toBe(true);
    expect(await store.get("flow")).toBeUndefined();
    expect(await store.delete("flow")).toBe(false);
    await store.set("stale", "x", MINUTE);
    clock += MINUTE;
    expect(await store.delete("stale")).toBe(false);
  });

  it("numbers versions from 1, adds one per write, and starts again at 1 after a delete or an expiry", async () => {
    const { store } = harness();
    await store.set("flow", "a");
    expect(await store.getVersioned("flow")).toEqual({ value: "a", version: 1 });
    await store.set("flow", "b");
    expect(await store.compareAndSet("flow", 2, "c")).toBe(3);
    expect(await store.getVersioned("flow")).toEqual({ value: "c", version: 3 });
    await store.delete("flow");
    await store.set("flow", "d", MINUTE);
    expect(await store.getVersioned("flow")).toEqual({ value: "d", version: 1 });
    await store.set("flow", "e", MINUTE);
    expect((await store.getVersioned("flow"))?.version).toBe(2);
    clock += MINUTE;
    await store.set("flow", "f");
    expect(await store.getVersioned("flow")).toEqual({ value: "f", version: 1 });
  });

  it("compare-and-set writes from absent only when expecting absent, then only at the current version", async () => {
    const { store } = harness();
    expect(await store.compareAndSet("flow", 1, "nothing there")).toBeUndefined();
    expect(await store.get("flow")).toBeUndefined();
    expect(await store.compareAndSet("flow", null, "first")).toBe(1);
    expect(await store.compareAndSet("flow", null, "not absent any more")).toBeUndefined();
    expect(await store.compareAndSet("flow", 1, "second")).toBe(2);
    expect(await store.compareAndSet("flow", 1, "stale writer")).toBeUndefined();
    expect(await store.compareAndSet("flow", 3, "writer from the future")).toBeUndefined();
    expect(await store.getVersioned("flow")).toEqual({ value: "second", version: 2 });
  });

  it("compare-and-set counts an expired key as absent, and sets or clears the expiry it writes", async () => {
    const { store } = harness();
    expect(await store.compareAndSet("flow", null, "first", MINUTE)).toBe(1);
    expect(await store.compareAndSet("flow", 1, "second", MINUTE)).toBe(2);
    clock += MINUTE;
    expect(await store.compareAndSet("flow", 2, "too late")).toBeUndefined();
    expect(await store.get("flow")).toBeUndefined();
    expect(await store.compareAndSet("flow", null, "again", MINUTE)).toBe(1);
    expect(await store.compareAndSet("flow", 1, "for good")).toBe(2);
    clock += 10 * MINUTE;
    expect(await store.getVersioned("flow")).toEqual({ value: "for good", version: 2 });
  });

  it("deletes at a version only while the key is live and still at that version", async () => {
    const { store } = harness();
    expect(await store.deleteIfVersion("flow", 1)).toBe(false);
    await store.set("flow", "a");
    await store.set("flow", "b");
    expect(await store.deleteIfVersion("flow", 1)).toBe(false);
    expect(await store.get("flow")).toBe("b");
    expect(await store.deleteIfVersion("flow", 2)).toBe(true);
    expect(await store.get("flow")).toBeUndefined();
    await store.set("stale", "x", MINUTE);
    clock += MINUTE;
    expect(await store.deleteIfVersion("stale", 1)).toBe(false);
  });

  it("lets exactly one of 20 concurrent claims win, and nobody else while it holds", async () => {
    const { store } = harness();
    const results = await times(20, () => store.claim("event:Ev01", MINUTE));
    expect(results.filter(Boolean)).toHaveLength(1);
    clock += MINUTE - 1;
    expect(await store.claim("event:Ev01", MINUTE)).toBe(false);
  });

  it("lets a claim be taken again once it has expired", async () => {
    const { store } = harness();
    expect(await store.claim("event:Ev02", MINUTE)).toBe(true);
    clock += MINUTE;
    expect(await store.claim("event:Ev02", MINUTE)).toBe(true);
    expect(await store.claim("event:Ev02", MINUTE)).toBe(false);
  });

  it("lets a claim given back with delete be taken again", async () => {
    const { store } = harness();
    expect(await store.claim("lock:announcement", MINUTE)).toBe(true);
    expect(await store.delete("lock:announcement")).toBe(true);
    expect(await store.claim("lock:announcement", MINUTE)).toBe(true);
    expect(await store.claim("lock:announcement", MINUTE)).toBe(false);
  });

  it("does not let a claim take a key that holds a value", async () => {
    const { store } = harness();
    await store.set("flow", { step: 1 });
    expect(await store.claim("flow", MINUTE)).toBe(false);
    expect(await store.get("flow")).toEqual({ step: 1 });
  });

  it("increments from 0, by any amount, counting every one of many concurrent increments", async () => {
    const { store } = harness();
    expect(await store.increment("count")).toBe(1);
    expect(await store.increment("count", 5)).toBe(6);
    expect(await store.increment("count", -2)).toBe(4);
    await times(20, () => store.increment("count"));
    expect(await store.get("count")).toBe(24);
    expect((await store.getVersioned("count"))?.version).toBe(23);
    await store.set("set-as-number", 10);
    expect(await store.increment("set-as-number", 3)).toBe(13);
  });

  it("increments with a TTL: a new TTL moves the expiry, none keeps it, and an expired count starts again", async () => {
    const { store } = harness();
    await store.increment("sent", 1, MINUTE);
    clock += MINUTE / 2;
    expect(await store.increment("sent")).toBe(2);
    clock += MINUTE / 2;
    expect(await store.get("sent")).toBeUndefined();
    expect(await store.increment("sent", 1, MINUTE)).toBe(1);
    clock += MINUTE / 2;
    expect(await store.increment("sent", 1, MINUTE)).toBe(2);
    clock += MINUTE / 2;
    expect(await store.get("sent")).toBe(2);
    expect(await store.getVersioned("sent")).toEqual({ value: 2, version: 2 });
  });

  it("deletes by prefix exactly the keys that start with it, expired ones included", async () => {
    const { store } = harness();
    await store.set("user:1:context", "a");
    await store.set("user:1:flow", "b");
    await store.set("user:1:old", "c", MINUTE);
    await store.set("user:10:context", "d");
    await store.set("user:2:context", "e");
    await store.set("User:1:context", "f");
    clock += MINUTE;
    expect(await store.deleteByPrefix("user:1:")).toBe(3);
    for (const key of ["user:1:context", "user:1:flow"]) expect(await store.get(key)).toBeUndefined();
    expect(await store.get("user:10:context")).toBe("d");
    expect(await store.get("user:2:context")).toBe("e");
    expect(await store.get("User:1:context")).toBe("f");
    expect(await store.deleteByPrefix("user:1:")).toBe(0);
  });

  it("counts the live keys that end with a suffix, and no other", async () => {
    const { store } = harness();
    await store.set("user:1:flow", "a");
    await store.set("conversation:C%1:flow", "b", 2 * MINUTE);
    await store.set("user:2:flow", "c", MINUTE);
    await store.set("user:3:flow:old", "d");
    await store.set("user:4:context", "e");
    await store.set("user:5:FLOW", "f");
    await store.claim("user:6:flow", MINUTE);
    expect(await store.countLive(":flow")).toBe(4);
    clock += MINUTE;
    expect(await store.countLive(":flow")).toBe(2);
    expect(await store.countLive(":*")).toBe(0);
  });

  it("reads glob and LIKE metacharacters in a prefix literally", async () => {
    const { store } = harness();
    const bystanders = ["k:ab", "k:ax", "k:a]b", "k:aZ", "k:A*b", "k:a", "k:b"];
    const literal = { "k:a*": "k:a*b", "k:a?": "k:a?b", "k:a[": "k:a[b]", "k:a%": "k:a%b", "k:a_": "k:a_b", "k:a\\": "k:a\\b" };
    for (const key of [...bystanders, ...Object.values(literal)]) await store.set(key, key);
    for (const [prefix, key] of Object.entries(literal)) {
      expect(await store.deleteByPrefix(prefix), prefix).toBe(1);
      expect(await store.get(key)).toBeUndefined();
    }
    for (const key of bystanders) expect(await store.get(key), key).toBe(key);
  });

  it("purges expired keys from storage, and they read as absent whether or not purged", async () => {
    const { store, storedKeys, expiresByItself } = harness();
    await store.set("gone", 1, MINUTE);
    await store.claim("gone-claim", MINUTE);
    await store.set("live", 2, 10 * MINUTE);
    await store.set("kept", 3);
    clock += MINUTE;
    expect(await store.purgeExpired()).toBe(expiresByItself ? 0 : 2);
    if (storedKeys) expect(await storedKeys()).toEqual(["kept", "live"]);
    expect(await store.get("gone")).toBeUndefined();
    expect(await store.claim("gone-claim", MINUTE)).toBe(true);
    expect(await store.get("live")).toBe(2);
    expect(await store.get("kept")).toBe(3);
    expect(await store.purgeExpired()).toBe(0);
  });
});

for (const kind of ["sqlite", "redis", "postgres"] as const) describeNeeding(NEEDS[kind], `${kind} state store shared by two processes`, () => {
  const harness = useHarness(kind);
  const N = 25;

  it("lets exactly one of 2×10 concurrent claims win", async () => {
    const [a, b] = [harness().store, await harness().peer!()];
    const results = await Promise.all([...Array.from({ length: 10 }, () => a.claim("event:Ev03", MINUTE)), ...Array.from({ length: 10 }, () => b.claim("event:Ev03", MINUTE))]);
    expect(results.filter(Boolean)).toHaveLength(1);
    await a.set("context", { locale: "fr" });
    expect(await b.get("context")).toEqual({ locale: "fr" });
  });

  it(`loses none of 2×${N} read-modify-write loops that retry when compare-and-set loses`, async () => {
    const [a, b] = [harness().store, await harness().peer!()];
    const addOne = async (store: StateStore) => {
      for (;;) {
        const current = await store.getVersioned<{ count: number }>("counter");
        const written = await store.compareAndSet("counter", current?.version ?? null, { count: (current?.value.count ?? 0) + 1 });
        if (written !== undefined) return;
      }
    };
    await times(2 * N, (i) => addOne(i % 2 === 0 ? a : b));
    expect(await b.getVersioned("counter")).toEqual({ value: { count: 2 * N }, version: 2 * N });
    expect(await a.get("counter")).toEqual({ count: 2 * N });
  });

  it("counts every increment from both", async () => {
    const [a, b] = [harness().store, await harness().peer!()];
    await times(2 * N, (i) => (i % 2 === 0 ? a : b).increment("count"));
    expect(await a.get("count")).toBe(2 * N);
    expect(await b.get("count")).toBe(2 * N);
  });
});

for (const kind of ["sqlite", "postgres"] as const) describeNeeding(NEEDS[kind], `${kind} state store closing`, () => {
  const harness = useHarness(kind);

  it("leaves the Database's shared connection open for the records and the next store", async () => {
    const { store, database } = harness();
    await store.set("context", "kept");
    await store.close();
    expect(await database!.db.selectFrom("state").select("key").execute()).toEqual([{ key: "context" }]);
    expect(await openStateStore(database!, { now }).get("context")).toBe("kept");
  });
});

describeNeeding(["redis"], "redis state store", () => {
  const harness = useHarness("redis");

  it("also lets Redis expire a key itself, a little after its TTL, and keeps a key without TTL", async () => {
    const { store, redisKey } = harness();
    const redis = new Redis(REDIS_URL);
    try {
      await store.set("short", 1, MINUTE);
      await store.claim("claim", MINUTE);
      await store.increment("count", 1, MINUTE);
      for (const key of ["short", "claim", "count"]) {
        const ttl = await redis.pttl(redisKey!(key));
        expect(ttl, key).toBeGreaterThan(0);
        expect(ttl, key).toBeLessThanOrEqual(MINUTE + 1_000);
      }
      await store.set("short", 2);
      expect(await redis.pttl(redisKey!("short"))).toBe(-1);
    } finally {
      await redis.quit();
    }
  });

  it("closes the client it owns: later calls reject", async () => {
    const { store } = harness();
    await store.set("context", 1);
    await store.close();
    await expect(store.get("context")).rejects.toThrow();
  });

  it("rejects commands when Redis cannot be reached, rather than retrying without end", async () => {
    const port = await closedPort();
    const store = new RedisStateStore({ url: `redis://127.0.0.1:${port}`, now });
    try {
      await expect(store.claim("event", MINUTE)).rejects.toThrow();
    } finally {
      await store.close();
    }
  });
});

describe("openStateStore", () => {
  itNeeding(["postgres"], "opens memory when asked, Redis when given a URL, else the records database's own kind", async () => {
    const dir = await tempDir("parcours-state-");
    const database = await openDatabase(`sqlite://${join(dir, "state.sqlite")}`);
    const redis = openStateStore(database, { redis: { url: REDIS_URL, prefix: `parcours-test:${randomUUID()}` } });
    try {
      expect(openStateStore(database, { memory: true, redis: { url: REDIS_URL, prefix: "parcours-test" } })).toBeInstanceOf(MemoryStateStore);
      expect(redis).toBeInstanceOf(RedisStateStore);
      expect(openStateStore(database)).toBeInstanceOf(SqliteStateStore);
    } finally {
      await redis.close();
      await database.close();
      await rm(dir, { recursive: true, force: true });
    }
    const schema = randomSchema();
    const postgres = await openPostgres(schema);
    try {
      expect(openStateStore(postgres)).toBeInstanceOf(PostgresStateStore);
    } finally {
      await postgres.close();
      await dropSchema(schema);
    }
  });
});

/** A loopback port nobody listens on: connecting is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
