import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/records/database.js";
import { SqliteStateStore } from "../../src/store/sqlite-state.js";
import { tempDir, testParcours } from "../helpers.js";

const user = { platform: "test", userId: "U-erase-me", conversationId: "D-erase-me" };
const other = { platform: "test", userId: "U-stays", conversationId: "D-stays" };

/** Every row of every table, as text: what a person reading the database file would see. */
async function everything(database: Database): Promise<string> {
  const tables = await database.db.introspection.getTables();
  const dumps = await Promise.all(tables.map(async (t) => JSON.stringify(await database.db.selectFrom(t.name as never).selectAll().execute())));
  return dumps.join("\n");
}

async function onSqlite() {
  const database = await openDatabase(`sqlite://${join(await tempDir(), "erasure.sqlite")}`);
  if (database.kind !== "sqlite") throw new Error("expected SQLite");
  const parcours = await testParcours({ database, state: new SqliteStateStore(database.sqlite) });
  const say = (who: typeof user, text: string) => parcours.bot.handleMessage({ ...who, text });
  return { parcours, database, say };
}

/** A user with every kind of record the core keeps: context, a result, an assessment in progress, a private conversation. */
async function fill(parcours: Awaited<ReturnType<typeof onSqlite>>["parcours"], say: Awaited<ReturnType<typeof onSqlite>>["say"], who: typeof user) {
  await say(who, "what is a DLM?");
  await say(who, "assess me against SME trainer");
  for (let i = 0; i < parcours.catalog.get("expert-trainer").skills.length; i++) await say(who, "3");
  await say(who, "assess me against learning architect");
  await say(who, "4");
  await parcours.addresses.remember({ platform: who.platform, conversationId: who.conversationId, kind: "personal", userId: who.userId, reference: { user: who.userId } });
}

describe("delete my data", () => {
  it("leaves nothing about the user in any table, and everything about others", async () => {
    const { parcours, database, say } = await onSqlite();
    await fill(parcours, say, user);
    await fill(parcours, say, other);
    expect(await everything(database)).toContain(user.userId);
    await say(user, "delete my data");
    await parcours.bot.handleAction({ ...user, actionId: "data.delete", value: "all" });
    const left = await everything(database);
    expect(left).not.toContain(user.userId);
    expect(left).not.toContain(encodeURIComponent(user.userId));
    expect(left).toContain(other.userId);
    expect(await parcours.addresses.personal("test", other.userId)).toBeDefined();
    await parcours.close();
  });

  it("wins over an answer that another process commits while the deletion runs", async () => {
    const { parcours, database, say } = await onSqlite();
    const role = parcours.catalog.get("expert-trainer");
    await say(user, "assess me against SME trainer");
    for (let i = 0; i < role.skills.length - 1; i++) await say(user, "3");
    // The last rating, in "another process" sharing the same database, is held just after its step
    // committed, before its result row is written.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reachedCommit!: () => void;
    const atCommit = new Promise<void>((resolve) => (reachedCommit = resolve));
    class HeldAtCommit extends SqliteStateStore {
      override async deleteIfVersion(key: string, expected: number): Promise<boolean> {
        const committed = await super.deleteIfVersion(key, expected);
        reachedCommit();
        await held;
        return committed;
      }
    }
    if (database.kind !== "sqlite") throw new Error("expected SQLite");
    const second = await testParcours({ database, state: new HeldAtCommit(database.sqlite) });
    const lastRating = second.bot.handleMessage({ ...user, text: "4" });
    await atCommit;
    // Meanwhile the user deletes everything, through the first process, and is told it is done.
    await parcours.bot.handleAction({ ...user, actionId: "data.delete", value: "all" });
    release();
    await lastRating;
    expect(await everything(database)).not.toContain(user.userId);
    expect(await parcours.bot.handleMessage({ ...user, text: "my results" })).toMatchObject({ fallbackText: expect.stringMatching(/no self-assessment results/) });
    await parcours.close();
  });

  it("wins over a message that another process starts while the erasers are running", async () => {
    const { parcours, database, say } = await onSqlite();
    if (database.kind !== "sqlite") throw new Error("expected SQLite");
    await fill(parcours, say, user);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let running!: () => void;
    const erasersRunning = new Promise<void>((resolve) => (running = resolve));
    // An eraser that takes its time, as a platform's file deletions do.
    parcours.erasure.register("slow platform files", async () => {
      running();
      await held;
    });
    // The erasure alone, as any module may ask for it, without the fence a message's handling adds.
    const erasing = parcours.erasure.erase(user);
    await erasersRunning;
    const second = await testParcours({ database, state: new SqliteStateStore(database.sqlite) });
    await second.bot.handleMessage({ ...user, text: "assess me against learning architect" });
    release();
    await erasing;
    expect(await everything(database)).not.toContain(user.userId);
    await parcours.close();
  });
});
