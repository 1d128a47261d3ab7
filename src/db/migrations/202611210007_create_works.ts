// Works, their chapters, creators, tags and series (issue 3). Text fields keep the version of the
// sanitizer that cleaned them (*_sv), so stored HTML can be re-sanitized when the allowlist changes.
// AO3's fixed tags (ratings, archive warnings, categories) are seeded here as canonical tags, and
// the "orphan_account" user (no usable password) that orphaned works are credited to.
import { sql, type Kysely } from "kysely";
import { newId } from "../../lib/ids.js";

const fixed: [type: string, name: string, adult: number][] = [
  ["rating", "Not Rated", 1],
  ["rating", "General Audiences", 0],
  ["rating", "Teen And Up Audiences", 0],
  ["rating", "Mature", 1],
  ["rating", "Explicit", 1],
  ["archive_warning", "Choose Not To Use Archive Warnings", 0],
  ["archive_warning", "Graphic Depictions Of Violence", 0],
  ["archive_warning", "Major Character Death", 0],
  ["archive_warning", "No Archive Warnings Apply", 0],
  ["archive_warning", "Rape/Non-Con", 0],
  ["archive_warning", "Underage Sex", 0],
  ["category", "F/F", 0],
  ["category", "F/M", 0],
  ["category", "Gen", 0],
  ["category", "M/M", 0],
  ["category", "Multi", 0],
  ["category", "Other", 0],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("tags")
    .addColumn("id", "varchar(36)", (c) => c.primaryKey())
    .addColumn("name", "varchar(600)", (c) => c.notNull())
    .addColumn("name_key", "varchar(600)", (c) => c.notNull().unique())
    .addColumn("sort_name", "varchar(600)", (c) => c.notNull())
    .addColumn("type", "varchar(20)", (c) => c.notNull())
    .addColumn("canonical", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("merger_id", "varchar(36)", (c) => c.references("tags.id").onDelete("set null"))
    .addColumn("adult", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(30)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("tags_type_sort_name").on("tags").columns(["type", "sort_name"]).execute();

  await db.schema
    .createTable("works")
    .addColumn("id", "varchar(36)", (c) => c.primaryKey())
    .addColumn("title", "varchar(1000)", (c) => c.notNull())
    .addColumn("title_sort", "varchar(1000)", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("summary_sv", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("notes_sv", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("endnotes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("endnotes_sv", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("language", "varchar(20)", (c) => c.notNull())
    .addColumn("expected_chapters", "integer")
    .addColumn("posted_chapters", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("complete", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("posted", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("restricted", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("comment_permissions", "varchar(10)", (c) => c.notNull().defaultTo("users"))
    .addColumn("backdated", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("published_at", "varchar(30)")
    .addColumn("revised_at", "varchar(30)")
    .addColumn("word_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("hit_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("major_version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("minor_version", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(30)", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("works_listing")
    .on("works")
    .columns(["posted", "restricted", "revised_at"])
    .execute();

  await db.schema
    .createTable("creatorships")
    .addColumn("work_id", "varchar(36)", (c) => c.notNull().references("works.id").onDelete("cascade"))
    .addColumn("pseud_id", "varchar(36)", (c) => c.notNull().references("pseuds.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("creatorships_pk", ["work_id", "pseud_id"])
    .execute();
  await db.schema.createIndex("creatorships_pseud_id").on("creatorships").column("pseud_id").execute();

  await db.schema
    .createTable("chapters")
    .addColumn("id", "varchar(36)", (c) => c.primaryKey())
    .addColumn("work_id", "varchar(36)", (c) => c.notNull().references("works.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "varchar(1000)", (c) => c.notNull().defaultTo(""))
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("summary_sv", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("notes_sv", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("endnotes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("endnotes_sv", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("content_sv", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("posted", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("published_at", "varchar(30)")
    .addColumn("word_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(30)", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("chapters_work_position")
    .on("chapters")
    .columns(["work_id", "position"])
    .unique() // two chapters never share a number; renumbering steps through negative positions
    .execute();

  await db.schema
    .createTable("work_tags")
    .addColumn("work_id", "varchar(36)", (c) => c.notNull().references("works.id").onDelete("cascade"))
    .addColumn("tag_id", "varchar(36)", (c) => c.notNull().references("tags.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("work_tags_pk", ["work_id", "tag_id"])
    .execute();
  await db.schema.createIndex("work_tags_tag_id").on("work_tags").columns(["tag_id", "work_id"]).execute();

  await db.schema
    .createTable("series")
    .addColumn("id", "varchar(36)", (c) => c.primaryKey())
    .addColumn("title", "varchar(1000)", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("summary_sv", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("notes_sv", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("complete", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(30)", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("series_creatorships")
    .addColumn("series_id", "varchar(36)", (c) => c.notNull().references("series.id").onDelete("cascade"))
    .addColumn("pseud_id", "varchar(36)", (c) => c.notNull().references("pseuds.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("series_creatorships_pk", ["series_id", "pseud_id"])
    .execute();
  await db.schema
    .createIndex("series_creatorships_pseud_id")
    .on("series_creatorships")
    .column("pseud_id")
    .execute();
  await db.schema
    .createTable("serial_works")
    .addColumn("series_id", "varchar(36)", (c) => c.notNull().references("series.id").onDelete("cascade"))
    .addColumn("work_id", "varchar(36)", (c) => c.notNull().references("works.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("serial_works_pk", ["series_id", "work_id"])
    .execute();
  await db.schema.createIndex("serial_works_work_id").on("serial_works").column("work_id").execute();
  await db.schema
    .createIndex("serial_works_series_position")
    .on("serial_works")
    .columns(["series_id", "position"])
    .unique()
    .execute();

  // One row per visitor per work per day; the visitor is a keyed hash, never an address.
  await db.schema
    .createTable("work_hits")
    .addColumn("work_id", "varchar(36)", (c) => c.notNull().references("works.id").onDelete("cascade"))
    .addColumn("day", "varchar(10)", (c) => c.notNull())
    .addColumn("visitor", "varchar(64)", (c) => c.notNull())
    .addPrimaryKeyConstraint("work_hits_pk", ["work_id", "day", "visitor"])
    .execute();
  await db.schema.createIndex("work_hits_day").on("work_hits").column("day").execute();

  await db.schema
    .createTable("preferences")
    .addColumn("user_id", "varchar(36)", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("view_adult", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("view_full_works", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "varchar(30)", (c) => c.notNull())
    .execute();

  const at = new Date().toISOString();
  const orphanUser = newId();
  await sql`insert into users (id, username, username_key, email, email_key, password_hash, is_admin,
      created_at, updated_at, password_changed_at, terms_accepted_at)
    values (${orphanUser}, 'orphan_account', 'orphan_account', 'orphan_account@invalid',
      'orphan_account@invalid', '!', 0, ${at}, ${at}, ${at}, ${at})`.execute(db);
  await sql`insert into pseuds (id, user_id, name, name_key, description, is_default, created_at, updated_at)
    values (${newId()}, ${orphanUser}, 'orphan_account', 'orphan_account', '', 1, ${at}, ${at})`.execute(db);
  for (const [type, name, adult] of fixed) {
    await sql`insert into tags (id, name, name_key, sort_name, type, canonical, adult, created_at, updated_at)
      values (${newId()}, ${name}, ${name.toLowerCase()}, ${name.toLowerCase()}, ${type}, 1, ${adult}, ${at}, ${at})`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "preferences",
    "work_hits",
    "serial_works",
    "series_creatorships",
    "series",
    "work_tags",
    "chapters",
    "creatorships",
    "works",
    "tags",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`delete from users where username_key = 'orphan_account'`.execute(db);
}
