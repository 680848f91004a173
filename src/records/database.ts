import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import { Migrator, type MigrationResultSet } from "kysely/migration";
import pg from "pg";
import { MIGRATIONS } from "./migrations.js";
import type { Tables } from "./tables.js";

export class DatabaseUrlError extends Error {}

/** The open database, with the raw connection its native statements (claims, compare-and-set) use. */
export type Database =
  | { kind: "sqlite"; db: Kysely<Tables>; sqlite: SqliteDatabase.Database; close(): Promise<void> }
  | { kind: "postgres"; db: Kysely<Tables>; pool: pg.Pool; close(): Promise<void> };

export interface OpenDatabaseOptions {
  /** PostgreSQL only: work in this schema (created if absent), so tests never meet each other's rows. */
  schema?: string;
}

/** How long a writer waits for another process's SQLite write lock before giving up. */
const SQLITE_BUSY_MS = 5000;

/**
 * DATABASE_URL: `sqlite://path/to/file.sqlite` (the default, created on first run),
 * `sqlite://:memory:` or `memory://` (tests, the CI smoke run), or `postgres://…` when several
 * machines share the work. Migrations are applied before this answers.
 */
export async function openDatabase(url: string, options: OpenDatabaseOptions = {}): Promise<Database> {
  const database = connect(url, options);
  try {
    if (database.kind === "postgres" && options.schema) await database.pool.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema.replace(/"/g, "")}"`);
    await migrate(database.db);
    return database;
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

function connect(url: string, options: OpenDatabaseOptions): Database {
  if (url === "memory://" || url === "memory:" || url === "sqlite://:memory:") return sqlite(":memory:");
  if (url.startsWith("sqlite://")) {
    const file = resolve(url.slice("sqlite://".length));
    mkdirSync(dirname(file), { recursive: true });
    return sqlite(file);
  }
  if (/^postgres(?:ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}) });
    const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
    return { kind: "postgres", db, pool, close: () => db.destroy() };
  }
  const scheme = url.split(":")[0] ?? "";
  throw new DatabaseUrlError(`DATABASE_URL: unsupported scheme "${scheme}" (use sqlite://path, memory:// or postgres://)`);
}

function sqlite(file: string): Database {
  const connection = new SqliteDatabase(file, { timeout: SQLITE_BUSY_MS });
  // WAL lets readers go on while one process writes; NORMAL sync is safe with WAL and much faster.
  connection.pragma("journal_mode = WAL");
  connection.pragma("synchronous = NORMAL");
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: connection }) });
  return { kind: "sqlite", db, sqlite: connection, close: () => db.destroy() };
}

async function migrate(db: Kysely<Tables>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
  return result;
}
