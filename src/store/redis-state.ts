import { Redis } from "ioredis";
import { describeError } from "../logging/describe-error.js";
import type { Logger } from "../logging/logger.js";
import { BOUNDED_REDIS_OPTIONS } from "./redis-connection.js";
import type { StateStore, Versioned } from "./state-store.js";

export interface RedisStateOptions {
  url: string;
  /** The start of every key: `<REDIS_PREFIX>:state:` in a deployment. */
  prefix?: string;
  now?: () => number;
  /** Where a lost connection, and its return, are reported. */
  logger?: Logger;
}

/**
 * Logical expiry follows the caller's clock; the physical PEXPIRE only lets Redis clean up. It
 * outlives the logical one a little, so a small drift between this machine's clock and Redis's
 * never drops a key its writer still counts as live.
 */
const PHYSICAL_EXPIRY_MARGIN_MS = 1_000;

/** Keys per SCAN page when deleting by prefix: big enough to be quick, small enough not to block Redis. */
const SCAN_BATCH = 500;

/**
 * Every script gets KEYS[1], ARGV[1] the caller's now in ms, and, when it writes, ARGV[2] the
 * value as JSON, ARGV[3] its expiry ("" for none), ARGV[4] the PEXPIRE to set ("" to persist).
 * A key is a hash {v: JSON, n: version, e: expiry or ""}.
 */
const PRELUDE = `
local function live()
  local entry = redis.call('HMGET', KEYS[1], 'v', 'n', 'e')
  if not entry[2] then return nil end
  if entry[3] and entry[3] ~= '' and tonumber(entry[3]) <= tonumber(ARGV[1]) then return nil end
  return entry
end
local function write(value, version)
  redis.call('HSET', KEYS[1], 'v', value, 'n', version, 'e', ARGV[3])
  if ARGV[4] == '' then redis.call('PERSIST', KEYS[1]) else redis.call('PEXPIRE', KEYS[1], ARGV[4]) end
end
`;

/** ioredis loads each by SHA (EVALSHA) and sends the source again only when Redis answers NOSCRIPT. */
const SCRIPTS = {
  stateSet: `
local entry = live()
write(ARGV[2], entry and tonumber(entry[2]) + 1 or 1)
return 1`,
  // ARGV[5]: the expected version, "" for absent.
  stateCompareAndSet: `
local entry = live()
local current = entry and tonumber(entry[2]) or nil
if current ~= tonumber(ARGV[5]) then return false end
write(ARGV[2], (current or 0) + 1)
return (current or 0) + 1`,
  // ARGV[2]: the expected version.
  stateDeleteIfVersion: `
local entry = live()
if not entry or tonumber(entry[2]) ~= tonumber(ARGV[2]) then return 0 end
return redis.call('DEL', KEYS[1])`,
  stateDelete: `
local entry = live()
redis.call('DEL', KEYS[1])
return entry and 1 or 0`,
  // ARGV[2]: the amount as JSON. A live key keeps its expiry unless a new one is given.
  stateIncrement: `
local entry = live()
if not entry then
  write(ARGV[2], 1)
  return ARGV[2]
end
local value = redis.call('HINCRBYFLOAT', KEYS[1], 'v', ARGV[2])
redis.call('HINCRBY', KEYS[1], 'n', 1)
if ARGV[4] ~= '' then
  redis.call('HSET', KEYS[1], 'e', ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
end
return value`,
} as const;

type ScriptName = keyof typeof SCRIPTS;
type Script = (key: string, ...args: (string | number)[]) => Promise<unknown>;

/** Redis's SCAN MATCH is a glob: a backslash makes a metacharacter in a key literal. */
const escapeGlob = (text: string) => text.replace(/[*?[\]\\]/g, "\\$&");

function globPrefix(prefix: string): string {
  return `${escapeGlob(prefix)}*`;
}

/**
 * Logs a lost connection once, and its return. ioredis reports each failed reconnection (one every
 * two seconds during an outage), and without a listener prints each one's stack on standard error.
 */
function reportConnection(redis: Redis, logger: Logger | undefined): void {
  let lost = false;
  redis.on("error", (error: unknown) => {
    if (lost) return;
    lost = true;
    logger?.warn({ err: describeError(error) }, "state store: Redis connection lost; reconnecting");
  });
  redis.on("ready", () => {
    if (!lost) return;
    lost = false;
    logger?.info("state store: Redis connection back");
  });
}

/**
 * State in Redis for several machines. Each conditional operation is one Lua script, which Redis
 * runs without interleaving anything else, so claims and compare-and-set hold across processes.
 * Expiry is decided by the caller's clock passed in, as on the SQL backends; Redis's own PEXPIRE
 * then removes the key, which is why `purgeExpired` has nothing to do and answers 0.
 */
export class RedisStateStore implements StateStore {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly now: () => number;

  constructor({ url, prefix = "parcours:state:", now = Date.now, logger }: RedisStateOptions) {
    this.prefix = prefix;
    this.now = now;
    // While Redis is out of reach every operation fails within seconds, so the conversation answers
    // its error sentence rather than nothing; the client reconnects by itself (see the options).
    this.redis = new Redis(url, {
      ...BOUNDED_REDIS_OPTIONS,
      scripts: Object.fromEntries(Object.entries(SCRIPTS).map(([name, body]) => [name, { lua: PRELUDE + body, numberOfKeys: 1 }])),
    });
    reportConnection(this.redis, logger);
  }

  private run(name: ScriptName, key: string, ...args: (string | number)[]): Promise<unknown> {
    // ioredis adds a method per script at run time; its typings cannot know them.
    const script = (this.redis as unknown as Record<ScriptName, Script>)[name];
    return script.call(this.redis, this.prefix + key, ...args);
  }

  /** ARGV[1..4]: now, the value as JSON, its expiry on the caller's clock, and Redis's own expiry. */
  private change(value: unknown, ttlMs: number | undefined): (string | number)[] {
    const now = this.now();
    if (ttlMs === undefined) return [now, JSON.stringify(value), "", ""];
    return [now, JSON.stringify(value), now + ttlMs, Math.ceil(ttlMs) + PHYSICAL_EXPIRY_MARGIN_MS];
  }

  async get<T>(key: string): Promise<T | undefined> {
    return (await this.getVersioned<T>(key))?.value;
  }

  async getVersioned<T>(key: string): Promise<Versioned<T> | undefined> {
    const [value, version, expiresAt] = await this.redis.hmget(this.prefix + key, "v", "n", "e");
    if (value == null || version == null || (expiresAt && Number(expiresAt) <= this.now())) return undefined;
    return { value: JSON.parse(value) as T, version: Number(version) };
  }

  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    await this.run("stateSet", key, ...this.change(value, ttlMs));
  }

  async compareAndSet<T>(key: string, expected: number | null, value: T, ttlMs?: number): Promise<number | undefined> {
    const version = await this.run("stateCompareAndSet", key, ...this.change(value, ttlMs), expected ?? "");
    return version === null ? undefined : Number(version);
  }

  async deleteIfVersion(key: string, expected: number): Promise<boolean> {
    return (await this.run("stateDeleteIfVersion", key, this.now(), expected)) === 1;
  }

  async delete(key: string): Promise<boolean> {
    return (await this.run("stateDelete", key, this.now())) === 1;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return (await this.compareAndSet(key, null, true, ttlMs)) !== undefined;
  }

  async increment(key: string, by = 1, ttlMs?: number): Promise<number> {
    return Number(await this.run("stateIncrement", key, ...this.change(by, ttlMs)));
  }

  /** A SCAN of this deployment's state keys; each page's expiries read in one pipeline. */
  async countLive(suffix: string): Promise<number> {
    const now = this.now();
    let live = 0;
    let cursor = "0";
    do {
      const [next, keys] = await this.redis.scan(cursor, "MATCH", `${globPrefix(this.prefix)}${escapeGlob(suffix)}`, "COUNT", SCAN_BATCH);
      const expiries = await Promise.all(keys.map((key) => this.redis.hget(key, "e")));
      live += expiries.filter((expiry) => expiry !== null && (expiry === "" || Number(expiry) > now)).length;
      cursor = next;
    } while (cursor !== "0");
    return live;
  }

  async deleteByPrefix(prefix: string): Promise<number> {
    let deleted = 0;
    let cursor = "0";
    do {
      const [next, keys] = await this.redis.scan(cursor, "MATCH", globPrefix(this.prefix + prefix), "COUNT", SCAN_BATCH);
      // SCAN may return a key twice; UNLINK counts only the keys it actually removed.
      if (keys.length > 0) deleted += await this.redis.unlink(...keys);
      cursor = next;
    } while (cursor !== "0");
    return deleted;
  }

  async purgeExpired(): Promise<number> {
    return 0;
  }

  async close(): Promise<void> {
    if (this.redis.status === "end") return;
    // QUIT waits for replies still on their way; a client still trying to connect has none to wait
    // for, and one whose Redis stopped answering gets no reply to QUIT either.
    if (this.redis.status === "ready") await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }
}
