// The only SQL about the filter_taggings table: each work's filter set, by work number (doc) and
// tag number.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

type Db = Kysely<Database>;

export interface FilterTaggingRow {
  doc: number;
  tag_num: number;
  inherited: number;
}

/** Replaces the filter sets of the works `docs` with `rows`. */
export async function replaceFilterTaggings(
  db: Db,
  docs: readonly number[],
  rows: readonly FilterTaggingRow[],
): Promise<void> {
  if (docs.length === 0) return;
  await db
    .deleteFrom("filter_taggings")
    .where("doc", "in", [...docs])
    .execute();
  for (let i = 0; i < rows.length; i += 300) {
    await db
      .insertInto("filter_taggings")
      .values(rows.slice(i, i + 300))
      .execute();
  }
}

/** The filter tag numbers of each of the works `docs`. */
export async function filterTagsOfDocs(db: Db, docs: readonly number[]): Promise<Map<number, number[]>> {
  const result = new Map<number, number[]>();
  if (docs.length === 0) return result;
  const rows = await db
    .selectFrom("filter_taggings")
    .select(["doc", "tag_num"])
    .where("doc", "in", [...docs])
    .execute();
  for (const row of rows) {
    const list = result.get(row.doc) ?? [];
    list.push(row.tag_num);
    result.set(row.doc, list);
  }
  return result;
}

/** The works whose filter set holds any of the tags `nums`. */
export async function docsWithFilterTags(db: Db, nums: readonly number[]): Promise<number[]> {
  if (nums.length === 0) return [];
  const rows = await db
    .selectFrom("filter_taggings")
    .select("doc")
    .distinct()
    .where("tag_num", "in", [...nums])
    .execute();
  return rows.map((r) => r.doc);
}

/** The names and types of the tags in the filter sets of the works `docs`. */
export async function filterTagNamesOfDocs(
  db: Db,
  docs: readonly number[],
): Promise<Map<number, { name: string; type: string }[]>> {
  const result = new Map<number, { name: string; type: string }[]>();
  if (docs.length === 0) return result;
  const rows = await db
    .selectFrom("filter_taggings")
    .innerJoin("tags", "tags.num", "filter_taggings.tag_num")
    .select(["filter_taggings.doc", "tags.name", "tags.type"])
    .where("filter_taggings.doc", "in", [...docs])
    .execute();
  for (const { doc, ...tag } of rows) {
    const list = result.get(doc) ?? [];
    list.push(tag);
    result.set(doc, list);
  }
  return result;
}

/**
 * The filter sets of the works numbered after `after`, up to `through`: one row per work, its tag
 * numbers joined by commas (string_agg: PostgreSQL, and SQLite since 3.44), so loading a million
 * works reads a million rows, not twelve million.
 */
export async function filterTagsInRange(
  db: Db,
  after: number,
  through: number,
): Promise<Map<number, number[]>> {
  const rows = await db
    .selectFrom("filter_taggings")
    .select(["doc", sql<string>`string_agg(cast(tag_num as text), ',')`.as("nums")])
    .where("doc", ">", after)
    .where("doc", "<=", through)
    .groupBy("doc")
    .execute();
  const result = new Map<number, number[]>();
  for (const row of rows) result.set(row.doc, row.nums.split(",").map(Number));
  return result;
}
