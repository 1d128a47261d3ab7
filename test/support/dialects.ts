// The databases the database-facing tests run on: SQLite always, PostgreSQL when
// QUIRE_TEST_POSTGRES_URL names a server where the tests may create databases (CI sets it through
// scripts/with-postgres.sh). Each test database is new and empty, and dropped afterwards.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type DialectName, type Db } from "../../src/db/database.js";
import { migrateToLatest } from "../../src/db/migrator.js";

const postgresAdminUrl = process.env.QUIRE_TEST_POSTGRES_URL ?? "";

export const dialects: DialectName[] = postgresAdminUrl ? ["sqlite", "postgres"] : ["sqlite"];

export interface TestDatabase {
  db: Db;
  databaseUrl: string;
  sqlitePath: string;
  dataDir: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of the given dialect, with a temporary data folder. */
export async function createTestDatabase(dialect: DialectName, migrate = true): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-test-"));
  const sqlitePath = path.join(dataDir, "quire.db");
  let databaseUrl = "";
  let dropPostgres = async () => {};
  if (dialect === "postgres") {
    const name = `quire_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: postgresAdminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(postgresAdminUrl);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    dropPostgres = async () => {
      const c = new pg.Client({ connectionString: postgresAdminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const db = openDatabase({ databaseUrl, sqlitePath, poolSize: 4 });
  if (migrate) await migrateToLatest(db);
  return {
    db,
    databaseUrl,
    sqlitePath,
    dataDir,
    async drop() {
      await db.close();
      await dropPostgres();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
