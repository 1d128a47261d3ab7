// Fic files imported as works (`quire import`, the Import works page). One row per work an import
// made: the SHA-256 of the file's bytes, so the same file imported again by the same account is
// skipped, and what the importer suggested from the text (JSON), for the review form.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("imports")
    .addColumn("id", "varchar(36)", (c) => c.primaryKey())
    .addColumn("user_id", "varchar(36)", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("work_id", "varchar(36)", (c) => c.notNull().references("works.id").onDelete("cascade"))
    .addColumn("content_hash", "varchar(64)", (c) => c.notNull())
    .addColumn("file_name", "varchar(1000)", (c) => c.notNull())
    .addColumn("format", "varchar(10)", (c) => c.notNull())
    .addColumn("source", "varchar(20)", (c) => c.notNull())
    .addColumn("suggestions", "text", (c) => c.notNull())
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addUniqueConstraint("imports_user_content_hash", ["user_id", "content_hash"])
    .execute();
  await db.schema.createIndex("imports_work_id").on("imports").column("work_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("imports").execute();
}
