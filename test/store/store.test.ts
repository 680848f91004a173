import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStore, StoreUrlError } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/store.js";
import { tempDir } from "../helpers.js";

const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/** Redis and PostgreSQL run on these machines and on CI (see .ci/run); their keys are unique per test. */
const SERVERS = { redis: "redis://127.0.0.1:6379", postgres: "postgres://postgres@127.0.0.1:5432/test" } as const;
type Kind = "memory" | "sqlite" | keyof typeof SERVERS;

async function open(kind: Kind, file?: string): Promise<Store> {
  const url = kind === "memory" ? "memory://" : kind === "sqlite" ? `sqlite://${file ?? join(await tempDir(), "store.sqlite")}` : SERVERS[kind];
  const store = openStore(url);
  opened.push(store);
  return store;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(["memory", "sqlite", "redis", "postgres"] as const)("%s store", (kind) => {
  const key = (name: string) => `${name}-${randomUUID()}`;

  it("keeps, returns and deletes values", async () => {
    const store = await open(kind);
    const a = key("a");
    await store.set(a, { roles: ["dlm"], n: 1 });
    expect(await store.get(a)).toEqual({ roles: ["dlm"], n: 1 });
    expect(await store.delete(a)).toBe(true);
    expect(await store.get(a)).toBeUndefined();
    expect(await store.delete(a)).toBe(false);
  });

  it("forgets values after their time to live", async () => {
    const store = await open(kind);
    const [short, long] = [key("short"), key("long")];
    await store.set(short, "x", 30);
    await store.set(long, "y", 60_000);
    await sleep(60);
    expect(await store.get(short)).toBeUndefined();
    expect(await store.get(long)).toBe("y");
  });

  it("lets exactly one of many concurrent claims win, and a claim again once expired", async () => {
    const store = await open(kind);
    const event = key("event");
    const results = await Promise.all(Array.from({ length: 20 }, () => store.claim(event, 80)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.claim(event, 80)).toBe(false);
    await sleep(120);
    expect(await store.claim(event, 80)).toBe(true);
  });
});

describe.each(["redis", "postgres"] as const)("%s store shared by two processes", (kind) => {
  it("lets one of two clients win a claim", async () => {
    const [a, b] = [await open(kind), await open(kind)];
    const event = `shared-${randomUUID()}`;
    const results = await Promise.all([...Array.from({ length: 10 }, () => a.claim(event, 60_000)), ...Array.from({ length: 10 }, () => b.claim(event, 60_000))]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const value = `v-${randomUUID()}`;
    await a.set(event, value);
    expect(await b.get(event)).toBe(value);
  });
});

describe("sqlite store", () => {
  it("keeps data across a close and reopen of the file (a process restart)", async () => {
    const file = join(await tempDir(), "restart.sqlite");
    const first = openStore(`sqlite://${file}`);
    await first.set("context", { locale: "fr" });
    await first.close();
    const second = await open("sqlite", file);
    expect(await second.get("context")).toEqual({ locale: "fr" });
  });

  it("lets one of two connections to the same file win a claim, as two processes would", async () => {
    const file = join(await tempDir(), "shared.sqlite");
    const a = await open("sqlite", file);
    const b = await open("sqlite", file);
    await a.set("warm-up", 1);
    await b.set("warm-up", 1);
    const results = await Promise.all([...Array.from({ length: 10 }, () => a.claim("evt", 60_000)), ...Array.from({ length: 10 }, () => b.claim("evt", 60_000))]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("creates the folder of a new database file", async () => {
    const store = await open("sqlite", join(await tempDir(), "nested", "deeper", "db.sqlite"));
    await store.set("k", "v");
    expect(await store.get("k")).toBe("v");
  });
});

describe("openStore", () => {
  it("names STORE_URL when the scheme is not supported", () => {
    expect(() => openStore("mongodb://localhost/x")).toThrow(StoreUrlError);
    expect(() => openStore("mongodb://localhost/x")).toThrow(/STORE_URL/);
  });
});
