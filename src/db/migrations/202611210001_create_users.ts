// Accounts and their pen names. username_key/email_key hold the case-folded forms that uniqueness
// and log-in use, so "Alice" and "alice" are one account on both databases.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "varchar(36)", (c) => c.primaryKey())
    .addColumn("username", "varchar(100)", (c) => c.notNull())
    .addColumn("username_key", "varchar(100)", (c) => c.notNull().unique())
    .addColumn("email", "varchar(1000)", (c) => c.notNull())
    .addColumn("email_key", "varchar(1000)", (c) => c.notNull().unique())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("is_admin", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(30)", (c) => c.notNull())
    .addColumn("password_changed_at", "varchar(30)", (c) => c.notNull())
    .addColumn("terms_accepted_at", "varchar(30)", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("pseuds")
    .addColumn("id", "varchar(36)", (c) => c.primaryKey())
    .addColumn("user_id", "varchar(36)", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "varchar(200)", (c) => c.notNull())
    .addColumn("name_key", "varchar(200)", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("is_default", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(30)", (c) => c.notNull())
    .addUniqueConstraint("pseuds_user_name_key", ["user_id", "name_key"])
    .execute();
  await db.schema.createIndex("pseuds_name_key").on("pseuds").column("name_key").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("pseuds").execute();
  await db.schema.dropTable("users").execute();
}
