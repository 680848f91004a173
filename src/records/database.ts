import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import { Migrator, type MigrationResultSet } from "kysely";
import pg from "pg";
import { MIGRATIONS } from "./migrations.js";
import type { Tables } from "./tables.js";

export class DatabaseUrlError extends Error {}

/** The open database, with the raw connection its native statements (claims, compare-and-set) use. */
export type Database =
  | { kind: "sqlite"; db: Kysely<Tables>; sqlite: SqliteDatabase.Database; close(): Promise<void> }
  | { kind: "postgres"; db: Kysely<Tables>; pool: pg.Pool; schema?: string; close(): Promise<void> };

export interface OpenDatabaseOptions {
  /** PostgreSQL only: work in this schema (created if absent), so tests never meet each other's rows. */
  schema?: string;
  /**
   * PostgreSQL only: an idle connection was dropped (a restart, a failover, a proxy closing idle
   * connections). The pool replaces it on the next query; this only reports it.
   */
  onConnectionLost?: (error: Error) => void;
}

const CONNECT_TIMEOUT_MS = 5000;

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
    if (database.kind === "sqlite") await inWriteLock(database.sqlite, () => migrate(database.db));
    else
      await inAdvisoryLock(database.pool, async (client) => {
        // On the lock's own connection: a pooled connection opened before the schema existed may not see it in its search path.
        if (database.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${database.schema}"`);
        // Kysely looks for its migration tables in every schema unless told which one: another schema's must not count.
        const current = await client.query<{ schema: string }>("SELECT current_schema() AS schema");
        await withSchemaDropRetries(() => migrate(database.db, current.rows[0]?.schema ?? "public"));
      });
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
    const { connectionString, schema } = schemaOf(url, options.schema);
    // A server that never answers (a firewall dropping packets) fails a connection, not the whole start, after a bound.
    const pool = new pg.Pool({ connectionString, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
    // Without a listener, an idle client's error is an unhandled 'error' event: the process would crash.
    pool.on("error", (error) => options.onConnectionLost?.(error));
    const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
    return { kind: "postgres", db, pool, ...(schema ? { schema } : {}), close: () => db.destroy() };
  }
  const scheme = url.split(":")[0] ?? "";
  throw new DatabaseUrlError(`DATABASE_URL: unsupported scheme "${scheme}" (use sqlite://path, memory:// or postgres://)`);
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * `postgres://…/db?schema=parcours` works in a schema of its own (created on first start), so that
 * Parcours can share a database with other applications, or tests with each other. The parameter
 * is Parcours' own: it is taken off the URL before the driver sees it.
 */
function schemaOf(url: string, given: string | undefined): { connectionString: string; schema?: string } {
  const parsed = new URL(url);
  const schema = given ?? parsed.searchParams.get("schema") ?? undefined;
  parsed.searchParams.delete("schema");
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new DatabaseUrlError(`DATABASE_URL: schema "${schema}" must be lower-case letters, digits and underscores`);
  return { connectionString: parsed.toString(), ...(schema ? { schema } : {}) };
}

/**
 * Switching a new file to WAL needs its exclusive lock, and SQLite answers SQLITE_BUSY at once
 * there rather than waiting out its busy timeout: processes opening a new file together (a first
 * start of several) each try again for as long as a writer is waited for. A start is synchronous
 * here, as better-sqlite3 is, so the pause blocks nothing else.
 */
function inWalMode(connection: SqliteDatabase.Database): void {
  const deadline = Date.now() + SQLITE_BUSY_MS;
  for (;;) {
    try {
      connection.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_BUSY" || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10 + Math.random() * 40);
    }
  }
}

function sqlite(file: string): Database {
  const connection = new SqliteDatabase(file, { timeout: SQLITE_BUSY_MS });
  // WAL lets readers go on while one process writes; NORMAL sync is safe with WAL and much faster.
  inWalMode(connection);
  connection.pragma("synchronous = NORMAL");
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: connection }) });
  return { kind: "sqlite", db, sqlite: connection, close: () => db.destroy() };
}

/**
 * Kysely takes no lock on SQLite, so two processes starting on a new file at once could both
 * create the tables. An immediate transaction holds the file's write lock for the whole migration:
 * the second process waits, then finds nothing left to apply.
 */
async function inWriteLock<T>(connection: SqliteDatabase.Database, work: () => Promise<T>): Promise<T> {
  connection.exec("BEGIN IMMEDIATE");
  try {
    const result = await work();
    connection.exec("COMMIT");
    return result;
  } catch (error) {
    if (connection.inTransaction) connection.exec("ROLLBACK");
    throw error;
  }
}

/** Any number, the same in every process: the key of the lock that migrations are applied under. */
const MIGRATION_LOCK = 0x70617263;

/**
 * Kysely's own migration lock lives in tables it first creates with CREATE TABLE IF NOT EXISTS,
 * which fails when two processes run it on a new database at the same moment. A session-level
 * advisory lock around the whole migration serialises them before any table exists.
 */
async function inAdvisoryLock<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      return await work(client);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/**
 * Kysely lists the tables of every schema before it migrates; a schema another client drops while
 * that query runs makes it fail with invalid_schema_name (3F000), though ours is untouched.
 */
async function withSchemaDropRetries<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if ((error as { code?: string }).code !== "3F000" || attempt >= 3) throw error;
    }
  }
}

async function migrate(db: Kysely<Tables>, schema?: string): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, ...(schema ? { migrationTableSchema: schema } : {}) });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
  return result;
}
