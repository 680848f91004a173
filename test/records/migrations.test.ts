import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { packageRoot } from "../../src/config/package-root.js";
import { MIGRATIONS } from "../../src/records/migrations.js";
import { DatabaseUrlError, openDatabase, type Database } from "../../src/records/database.js";
import { tempDir } from "../helpers.js";

const opened: Database[] = [];
const schemas: string[] = [];
afterEach(async () => {
  for (const schema of schemas.splice(0)) {
    const admin = await openDatabase("postgres://postgres@127.0.0.1:5432/test", { schema });
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

const BUILT_DATABASE = join(packageRoot(), "dist", "src", "records", "database.js");

const TABLES = ["state", "assessment_results", "conversation_addresses", "audit_log", "jobs"];

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

  it("apply every version to an empty PostgreSQL schema, once, even when two processes start together", async () => {
    const schema = `migrations_${randomUUID().replace(/-/g, "")}`;
    schemas.push(schema);
    const url = "postgres://postgres@127.0.0.1:5432/test";
    const [a, b] = await Promise.all([openDatabase(url, { schema }), openDatabase(url, { schema })]);
    opened.push(a, b);
    expect(await tablesOf(a, schema)).toEqual([...TABLES].sort());
    expect(await applied(b)).toEqual(Object.keys(MIGRATIONS));
  });

  it("name DATABASE_URL when its scheme is not supported", async () => {
    await expect(openDatabase("mongodb://localhost/x")).rejects.toThrow(DatabaseUrlError);
    await expect(openDatabase("mongodb://localhost/x")).rejects.toThrow(/DATABASE_URL/);
  });
});
