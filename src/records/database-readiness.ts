import { sql } from "kysely";
import type { Database } from "./database.js";
import { MIGRATIONS } from "./migrations.js";

/**
 * The database answers and has every migration this build knows: a process of a newer build
 * started beside an older database is not ready until its migrations ran. Kysely records them in
 * `kysely_migration`, in the connection's schema.
 */
export async function checkDatabaseReady(database: Database): Promise<void> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(database.db);
  const applied = new Set(rows.map((row) => row.name));
  const missing = Object.keys(MIGRATIONS).filter((name) => !applied.has(name));
  if (missing.length > 0) throw new Error(`migrations not applied: ${missing.join(", ")}`);
}
