import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { packageRoot } from "../../src/config/package-root.js";
import { MIGRATIONS } from "../../src/records/migrations.js";
import { DatabaseUrlError, openDatabase, type Database } from "../../src/records/database.js";
import { tempDir } from "../helpers.js";
import { itNeeding } from "../servers/needing.js";
import { TEST_DATABASE_URL } from "../servers/servers.js";

const opened: Database[] = [];
const schemas: string[] = [];
afterEach(async () => {
  for (const schema of schemas.splice(0)) {
    const admin = await openDatabase(TEST_DATABASE_URL, { schema });
    if (admin.kind === "postgres") await admin.pool.query(`DROP SCHEMA "${schema}" CASCADE`);
    await admin.close();
  }
  await Promise.all(opened.splice(0).map((d) => d.close()));
});

/** Opens (and so migrates) the database in a separate Node process, from the build. */
function openInChild(url: string): Promise<number | null> {
  const script = `const { openDatabase } = await import(${JSON.stringify(pathToFileURL(BUILT_DATABASE).href)}); const d = await openDatabase(${JSON.stringify(url)}); await d.close();`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "ignore", "inherit"] });
  return new Promise((resolve) => child.on("exit", resolve));
}

/** The test database's URL with `?schema=` set. */
function withSchema(schema: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set("schema", schema);
  return url.toString();
}

const BUILT_DATABASE = join(packageRoot(), "dist", "src", "records", "database.js");

const TABLES = ["state", "assessment_results", "conversation_addresses", "audit_log", "jobs", "surveys", "survey_secrets", "survey_responses", "announcements", "announcement_deliveries", "announcement_acks"];

async function tablesOf(database: Database, schema?: string): Promise<string[]> {
  const tables = await database.db.introspection.getTables();
  return tables
    .filter((t) => !schema || t.schema === schema)
    .map((t) => t.name)
    .filter((name) => !name.startsWith("kysely_"))
    .sort();
}

async function applied(database: Database): Promise<string[]> {
  const rows = await database.db.selectFrom("kysely_migration" as never).select("name" as never).execute();
  return (rows as { name: string }[]).map((r) => r.name);
}

describe("migrations", () => {
  it("apply every version to an empty SQLite file, once, even when two processes start together", async () => {
    const url = `sqlite://${join(await tempDir(), "fresh.sqlite")}`;
    // Two real processes: in one, better-sqlite3's synchronous lock wait would block the other's event loop.
    const codes = await Promise.all([openInChild(url), openInChild(url)]);
    expect(codes).toEqual([0, 0]);
    const database = await openDatabase(url);
    opened.push(database);
    expect(await tablesOf(database)).toEqual([...TABLES].sort());
    expect(await applied(database)).toEqual(Object.keys(MIGRATIONS));
  });

  itNeeding(["postgres"], "apply every version to an empty PostgreSQL schema, once, even when two processes start together", async () => {
    const schema = `migrations_${randomUUID().replace(/-/g, "")}`;
    schemas.push(schema);
    const url = TEST_DATABASE_URL;
    const [a, b] = await Promise.all([openDatabase(url, { schema }), openDatabase(url, { schema })]);
    opened.push(a, b);
    expect(await tablesOf(a, schema)).toEqual([...TABLES].sort());
    expect(await applied(b)).toEqual(Object.keys(MIGRATIONS));
  });

  itNeeding(["postgres"], "work in the schema a PostgreSQL URL names, created on first start", async () => {
    const schema = `url_${randomUUID().replace(/-/g, "")}`;
    schemas.push(schema);
    const database = await openDatabase(withSchema(schema));
    opened.push(database);
    expect(await tablesOf(database, schema)).toEqual([...TABLES].sort());
    await expect(openDatabase(withSchema("Robert');DROP"))).rejects.toThrow(/DATABASE_URL: schema/);
  });

  it("name DATABASE_URL when its scheme is not supported", async () => {
    await expect(openDatabase("mongodb://localhost/x")).rejects.toThrow(DatabaseUrlError);
    await expect(openDatabase("mongodb://localhost/x")).rejects.toThrow(/DATABASE_URL/);
  });

  it("carry what version 0.1 kept in keyv's table over to the new records, then drop it", async () => {
    const file = join(await tempDir(), "upgraded.sqlite");
    const old = new SqliteDatabase(file);
    old.exec("CREATE TABLE keyv (key VARCHAR(255) PRIMARY KEY, value TEXT)");
    const put = old.prepare("INSERT INTO keyv (key, value) VALUES (?, ?)");
    const later = Date.now() + 3600_000;
    const result = { roleId: "expert-trainer", finishedAt: "2026-11-02T10:00:00.000Z", ratings: { "adult-learning": 3 }, complete: false };
    put.run("parcours:assessment:results:teams:29:1abc", JSON.stringify({ value: [result], expires: null }));
    const active = { roleId: "learning-architect", locale: "fr", index: 1, ratings: { a: 2 }, tries: 0, startedAt: "2026-11-30T08:00:00.000Z" };
    put.run("parcours:assessment:active:slack:U42", JSON.stringify({ value: active, expires: later }));
    const personal = { channelId: "msteams", serviceUrl: "https://smba.example/", bot: { id: "28:bot", name: "Parcours" }, conversation: { id: "a:1personal", conversationType: "personal", isGroup: false, name: "" }, user: { id: "29:1abc", name: "", aadObjectId: "aad-1" } };
    put.run("parcours:conversation-reference:teams:a:1personal", JSON.stringify({ value: personal, expires: null }));
    put.run("parcours:context:slack:U42", JSON.stringify({ value: { locale: "fr", roles: [] }, expires: later }));
    old.close();

    const database = await openDatabase(`sqlite://${file}`);
    opened.push(database);
    const rows = await database.db.selectFrom("assessment_results").selectAll().execute();
    expect(rows.map((r) => [r.platform, r.user_id, r.role_id])).toEqual([["teams", "29:1abc", "expert-trainer"]]);
    const flow = await database.db.selectFrom("state").selectAll().where("key", "=", "user:slack:U42:flow").executeTakeFirstOrThrow();
    expect(JSON.parse(flow.value)).toMatchObject({ flow: "assessment", state: active });
    const addresses = await database.db.selectFrom("conversation_addresses").selectAll().execute();
    expect(addresses.map((a) => [a.kind, a.user_id])).toEqual([["personal", "aad-1"]]);
    expect(await tablesOf(database)).not.toContain("keyv");
  });
});
