import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createTestDatabase, dialects } from "../../test/support/dialects.js";
import { migrateToLatest, migrations } from "./migrator.js";
import type { UsersTable } from "./schema.js";

/** A users row with placeholder values, for tests of the schema itself. */
function userRow(overrides: Partial<UsersTable> = {}): UsersTable {
  return {
    id: "u1",
    username: "A",
    username_key: "a",
    email: "a@x.org",
    email_key: "a@x.org",
    password_hash: "h",
    is_admin: 0,
    created_at: "t",
    updated_at: "t",
    password_changed_at: "t",
    terms_accepted_at: "t",
    ...overrides,
  };
}

const expectedTables = [
  "api_tokens",
  "chapters",
  "creatorships",
  "imports",
  "password_resets",
  "preferences",
  "pseuds",
  "serial_works",
  "series",
  "series_creatorships",
  "sessions",
  "site_secrets",
  "tags",
  "throttle_events",
  "users",
  "work_hits",
  "work_tags",
  "works",
];

describe.each(dialects)("migrations on %s", (dialect) => {
  it("run from empty, create every table, and are idempotent", async () => {
    const database = await createTestDatabase(dialect, false);
    try {
      const applied = await migrateToLatest(database.db);
      expect(applied).toEqual(Object.keys(migrations));
      expect(await migrateToLatest(database.db)).toEqual([]);
      const tables = (await database.db.kysely.introspection.getTables()).map((t) => t.name).sort();
      expect(tables).toEqual(expect.arrayContaining(expectedTables));
      const users = (await database.db.kysely.introspection.getTables()).find((t) => t.name === "users")!;
      expect(users.columns.map((c) => c.name).sort()).toEqual([
        "created_at",
        "email",
        "email_key",
        "id",
        "is_admin",
        "password_changed_at",
        "password_hash",
        "terms_accepted_at",
        "updated_at",
        "username",
        "username_key",
      ]);
      await sql`select count(*) from users`.execute(database.db.kysely);
    } finally {
      await database.drop();
    }
  });

  it("allow one default pseud per account", async () => {
    const database = await createTestDatabase(dialect);
    try {
      const k = database.db.kysely;
      await k.insertInto("users").values(userRow()).execute();
      const pseud = { user_id: "u1", description: "", created_at: "t", updated_at: "t" };
      await k
        .insertInto("pseuds")
        .values({ ...pseud, id: "p1", name: "A", name_key: "a", is_default: 1 })
        .execute();
      await k
        .insertInto("pseuds")
        .values({ ...pseud, id: "p2", name: "B", name_key: "b", is_default: 0 })
        .execute();
      await k
        .insertInto("pseuds")
        .values({ ...pseud, id: "p3", name: "C", name_key: "c", is_default: 0 })
        .execute();
      await expect(
        k.updateTable("pseuds").set({ is_default: 1 }).where("id", "=", "p2").execute(),
      ).rejects.toThrow();
    } finally {
      await database.drop();
    }
  });

  it("seed AO3's fixed tags and the orphan_account user", async () => {
    const database = await createTestDatabase(dialect);
    try {
      const k = database.db.kysely;
      const tags = await k.selectFrom("tags").select(["type", "name", "adult"]).orderBy("name").execute();
      expect(tags.filter((t) => t.type === "rating").map((t) => [t.name, t.adult])).toEqual([
        ["Explicit", 1],
        ["General Audiences", 0],
        ["Mature", 1],
        ["Not Rated", 1],
        ["Teen And Up Audiences", 0],
      ]);
      expect(tags.filter((t) => t.type === "archive_warning")).toHaveLength(6);
      expect(tags.filter((t) => t.type === "category")).toHaveLength(6);
      const orphan = await k
        .selectFrom("users")
        .innerJoin("pseuds", "pseuds.user_id", "users.id")
        .select(["users.password_hash", "pseuds.name", "pseuds.is_default"])
        .where("users.username_key", "=", "orphan_account")
        .execute();
      expect(orphan).toEqual([{ password_hash: "!", name: "orphan_account", is_default: 1 }]);
    } finally {
      await database.drop();
    }
  });

  it("enforce case-folded uniqueness in the database itself", async () => {
    const database = await createTestDatabase(dialect);
    try {
      const row = userRow({ username: "Alice", username_key: "alice" });
      await database.db.kysely.insertInto("users").values(row).execute();
      await expect(
        database.db.kysely
          .insertInto("users")
          .values({ ...row, id: "u2", username: "ALICE", email_key: "b@x.org" })
          .execute(),
      ).rejects.toThrow();
    } finally {
      await database.drop();
    }
  });
});
