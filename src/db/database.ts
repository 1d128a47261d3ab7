// Opens the archive's database: SQLite (WAL) at the data folder by default, PostgreSQL when
// DATABASE_URL is set. Only db/, search and jobs know which one is running.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import type { Database } from "./schema.js";

export type DialectName = "sqlite" | "postgres";

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** Answers true when a trivial query succeeds (for /healthz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DbOptions {
  databaseUrl: string;
  sqlitePath: string;
  poolSize?: number;
}

/** Opens the database named by the options; the SQLite file and its folder are created if missing. */
export function openDatabase(options: DbOptions): Db {
  const dialect: DialectName = options.databaseUrl ? "postgres" : "sqlite";
  const kysely =
    dialect === "postgres"
      ? new Kysely<Database>({ dialect: new PostgresDialect({ pool: postgresPool(options) }) })
      : new Kysely<Database>({
          dialect: new SqliteDialect({ database: openSqliteFile(options.sqlitePath) }),
        });
  let closed = false;
  return {
    kysely,
    dialect,
    async ping() {
      try {
        await sql`select 1`.execute(kysely);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await kysely.destroy();
    },
  };
}

function postgresPool(options: DbOptions): pg.Pool {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
  // An idle connection the server closed (a restart, a dropped database) is an 'error' event on the
  // pool; unheard, it would end the process. The pool discards that connection and makes a new one.
  pool.on("error", (err) => {
    console.error(`PostgreSQL connection lost: ${err.message}`);
  });
  return pool;
}

function openSqliteFile(file: string): SQLite.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new SQLite(file);
  database.pragma("journal_mode = WAL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  database.pragma("synchronous = NORMAL");
  return withStatementCache(database);
}

/**
 * better-sqlite3 compiles every statement Kysely sends; with this the same SQL is compiled once and
 * the statement reused (the `size` most recently added are kept). Safe because nothing here streams
 * rows (`iterate`), which would keep a statement busy; SQLite itself recompiles a statement whose
 * tables changed.
 */
export function withStatementCache(database: SQLite.Database, size = 500): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = database.prepare.bind(database);
  database.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement === undefined) {
      statement = prepare(source);
      cache.set(source, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
    }
    return statement;
  }) as typeof database.prepare;
  return database;
}
