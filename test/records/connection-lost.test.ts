import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/records/database.js";
import { PostgresStateStore } from "../../src/store/postgres-state.js";
import { describeNeeding } from "../servers/needing.js";
import { TEST_DATABASE_URL as URL } from "../servers/servers.js";
const opened: Database[] = [];

afterAll(async () => {
  for (const database of opened) {
    if (database.kind === "postgres") await database.pool.query(`DROP SCHEMA "${database.schema}" CASCADE`);
    await database.close();
  }
});

describeNeeding(["postgres"], "a PostgreSQL connection dropped under the process", () => {
  it("is reported, not a crash, and the next query reconnects", async () => {
    const lost: Error[] = [];
    const name = `lost_${randomUUID().replace(/-/g, "")}`;
    // Named, so that only this pool's sessions are ended: other tests share the server.
    const database = await openDatabase(`${URL}?schema=${name}&application_name=${name}`, { onConnectionLost: (error) => lost.push(error) });
    opened.push(database);
    if (database.kind !== "postgres") throw new Error("expected PostgreSQL");
    const state = new PostgresStateStore(database.pool);
    await state.set("before", 1);
    // What a restart, a failover or a proxy closing idle connections does: the server ends every session of the pool.
    const admin = new pg.Client({ connectionString: URL });
    await admin.connect();
    const ended = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [name]);
    expect(ended.rowCount).toBeGreaterThan(0);
    await admin.end();
    // Each ended session of the pool is reported once it notices; a query taken before the last
    // notice could draw a session already ended, which no pool can know of yet.
    while (lost.length < ended.rowCount!) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lost[0]!.message).toMatch(/terminat/i);
    expect(await state.get("before")).toBe(1);
    await state.set("after", 2);
    expect(await state.get("after")).toBe(2);
  });
});
