// Finding works (issue 5): tag wrangling (meta/sub tags, parents), each work's filter set, the
// change log the in-process work index follows, full-text search, saved filters and blocklists.
//
// Works and tags get a small integer number (works.doc, tags.num) besides their UUID: the work
// index, filter_taggings and the full-text table are keyed by them. The database numbers new rows
// itself (a sequence on PostgreSQL, a trigger on SQLite), so inserts need not know.
import { sql, type Kysely } from "kysely";
import { isPostgres } from "./dialect.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);

  for (const [table, column] of [
    ["works", "doc"],
    ["tags", "num"],
  ] as const) {
    await db.schema.alterTable(table).addColumn(column, "integer").execute();
    if (postgres) {
      await sql.raw(`create sequence ${table}_${column}_seq`).execute(db);
      await sql.raw(`update ${table} set ${column} = nextval('${table}_${column}_seq')`).execute(db);
      await sql
        .raw(`alter table ${table} alter column ${column} set default nextval('${table}_${column}_seq')`)
        .execute(db);
      await sql.raw(`alter table ${table} alter column ${column} set not null`).execute(db);
    } else {
      await sql.raw(`update ${table} set ${column} = rowid`).execute(db);
      await sql
        .raw(
          `create trigger ${table}_${column}_number after insert on ${table} when new.${column} is null
           begin
             update ${table} set ${column} = (select coalesce(max(${column}), 0) + 1 from ${table})
             where rowid = new.rowid;
           end`,
        )
        .execute(db);
    }
    await db.schema.createIndex(`${table}_${column}`).on(table).column(column).unique().execute();
  }

  await db.schema
    .alterTable("works")
    .addColumn("hidden_by_admin", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  for (const column of ["kudos_count", "comment_count", "bookmark_count", "crossover"]) {
    await db.schema
      .alterTable("works")
      .addColumn(column, "integer", (c) => c.notNull().defaultTo(0))
      .execute();
  }

  // Meta tags: works tagged with a sub tag are found under its meta tags too (one type only).
  await db.schema
    .createTable("meta_taggings")
    .addColumn("meta_id", "varchar(36)", (c) => c.notNull().references("tags.id").onDelete("cascade"))
    .addColumn("sub_id", "varchar(36)", (c) => c.notNull().references("tags.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("meta_taggings_pk", ["meta_id", "sub_id"])
    .execute();
  await db.schema.createIndex("meta_taggings_sub_id").on("meta_taggings").column("sub_id").execute();

  // Parents across types (AO3's common_taggings): a character's or relationship's fandoms.
  await db.schema
    .createTable("tag_parents")
    .addColumn("child_id", "varchar(36)", (c) => c.notNull().references("tags.id").onDelete("cascade"))
    .addColumn("parent_id", "varchar(36)", (c) => c.notNull().references("tags.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("tag_parents_pk", ["child_id", "parent_id"])
    .execute();
  await db.schema.createIndex("tag_parents_parent_id").on("tag_parents").column("parent_id").execute();

  // A work's filter set: the tags listings find it by (canonical tags for synonyms, plus meta tags).
  await db.schema
    .createTable("filter_taggings")
    .addColumn("doc", "integer", (c) => c.notNull().references("works.doc").onDelete("cascade"))
    .addColumn("tag_num", "integer", (c) => c.notNull().references("tags.num").onDelete("cascade"))
    .addColumn("inherited", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("filter_taggings_pk", ["doc", "tag_num"])
    .execute();
  await db.schema
    .createIndex("filter_taggings_tag_num")
    .on("filter_taggings")
    .columns(["tag_num", "doc"])
    .execute();

  // Every change to what a listing shows of a work, in order: each process's work index follows it.
  await db.schema
    .createTable("work_changes")
    .addColumn("seq", postgres ? "bigserial" : "integer", (c) => c.primaryKey())
    .addColumn("doc", "integer", (c) => c.notNull())
    .addColumn("changed_at", "varchar(30)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("work_changes_changed_at").on("work_changes").column("changed_at").execute();

  // Full-text search, one row per work keyed by its doc number. SQLite keeps only the index (the
  // text lives in works and chapters); PostgreSQL keeps one tsvector per searchable field.
  if (postgres) {
    await db.schema
      .createTable("work_search")
      .addColumn("doc", "integer", (c) => c.primaryKey().references("works.doc").onDelete("cascade"))
      .addColumn("title", sql`tsvector`, (c) => c.notNull())
      .addColumn("creators", sql`tsvector`, (c) => c.notNull())
      .addColumn("tags", sql`tsvector`, (c) => c.notNull())
      .addColumn("fandoms", sql`tsvector`, (c) => c.notNull())
      .addColumn("everything", sql`tsvector`, (c) => c.notNull())
      .execute();
    for (const column of ["title", "creators", "tags", "fandoms", "everything"]) {
      await sql.raw(`create index work_search_${column} on work_search using gin (${column})`).execute(db);
    }
  } else {
    await sql
      .raw(
        `create virtual table work_search using fts5(title, creators, summary, notes, tags, fandoms, body,
         content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger works_search_delete after delete on works
         begin delete from work_search where rowid = old.doc; end`,
      )
      .execute(db);
  }

  await db.schema
    .createTable("saved_filters")
    .addColumn("id", "varchar(36)", (c) => c.primaryKey())
    .addColumn("user_id", "varchar(36)", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "varchar(200)", (c) => c.notNull())
    .addColumn("name_key", "varchar(200)", (c) => c.notNull())
    .addColumn("query", "text", (c) => c.notNull())
    .addColumn("is_default", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(30)", (c) => c.notNull())
    .addUniqueConstraint("saved_filters_user_name", ["user_id", "name_key"])
    .execute();

  // A reader's blocklist: tags, creators (users) and single works they never want to see.
  await db.schema
    .createTable("blocklist_entries")
    .addColumn("user_id", "varchar(36)", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "varchar(10)", (c) => c.notNull())
    .addColumn("target_id", "varchar(36)", (c) => c.notNull())
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addPrimaryKeyConstraint("blocklist_entries_pk", ["user_id", "kind", "target_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);
  if (!postgres) await sql.raw(`drop trigger works_search_delete`).execute(db);
  for (const table of [
    "blocklist_entries",
    "saved_filters",
    "work_search",
    "work_changes",
    "filter_taggings",
    "tag_parents",
    "meta_taggings",
  ]) {
    await sql.raw(`drop table ${table}`).execute(db);
  }
  for (const column of ["hidden_by_admin", "kudos_count", "comment_count", "bookmark_count", "crossover"]) {
    await db.schema.alterTable("works").dropColumn(column).execute();
  }
  for (const [table, column] of [
    ["works", "doc"],
    ["tags", "num"],
  ] as const) {
    await db.schema.dropIndex(`${table}_${column}`).execute();
    if (!postgres) await sql.raw(`drop trigger ${table}_${column}_number`).execute(db);
    await db.schema.alterTable(table).dropColumn(column).execute();
    if (postgres) await sql.raw(`drop sequence ${table}_${column}_seq`).execute(db);
  }
}
