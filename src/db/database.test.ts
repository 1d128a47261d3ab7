import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openDatabase, withStatementCache } from "./database.js";

describe("withStatementCache", () => {
  it("compiles the same SQL once, keeps only the most recent, and still answers after a schema change", () => {
    const database = withStatementCache(new SQLite(":memory:"), 2);
    database.exec("create table t (a integer)");
    const insert = database.prepare("insert into t (a) values (?)");
    expect(database.prepare("insert into t (a) values (?)")).toBe(insert);
    insert.run(1);
    database.prepare("select a from t");
    database.prepare("select count(*) as n from t");
    // Two newer statements pushed the insert out: it is compiled anew.
    expect(database.prepare("insert into t (a) values (?)")).not.toBe(insert);
    database.exec("alter table t add column b text default 'x'");
    expect(database.prepare("select * from t").all()).toEqual([{ a: 1, b: "x" }]);
    database.close();
  });

  it("serves Kysely's queries on an opened database, over and over", async () => {
    const db = openDatabase({ databaseUrl: "", sqlitePath: ":memory:" });
    await sql`create table t (a integer)`.execute(db.kysely);
    for (let i = 0; i < 3; i++) await sql`insert into t (a) values (${i})`.execute(db.kysely);
    const rows = await sql<{ n: number }>`select count(*) as n from t`.execute(db.kysely);
    expect(rows.rows[0]!.n).toBe(3);
    await db.close();
  });
});
