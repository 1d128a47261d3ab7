// The only SQL about the tags and work_tags tables.
import { sql, type Kysely, type Selectable } from "kysely";
import type { Database, TagsTable } from "../../db/schema.js";
import type { Actor } from "../actor.js";
import { listedWorks } from "../works/work.visibility.js";
import type { Tag } from "./tag.js";
import type { TagType } from "./tag-types.js";

type Db = Kysely<Database>;
export type TagRow = Selectable<TagsTable>;

export function tagFromRow(row: TagRow): Tag {
  return {
    id: row.id,
    name: row.name,
    type: row.type as TagType,
    canonical: row.canonical === 1,
    mergerId: row.merger_id,
    adult: row.adult === 1,
  };
}

export async function findTagByKey(db: Db, nameKey: string): Promise<Tag | undefined> {
  const row = await db.selectFrom("tags").selectAll().where("name_key", "=", nameKey).executeTakeFirst();
  return row && tagFromRow(row);
}

/** Inserts a tag unless one with its name_key exists (never a unique violation, on either database). */
export async function insertTagUnlessExists(db: Db, row: TagRow): Promise<void> {
  await db
    .insertInto("tags")
    .values(row)
    .onConflict((oc) => oc.column("name_key").doNothing())
    .execute();
}

/** The ids of a tag and of its synonyms (tags merged into it). */
export async function tagAndSynonymIds(db: Db, tagId: string): Promise<string[]> {
  const rows = await db.selectFrom("tags").select("id").where("merger_id", "=", tagId).execute();
  return [tagId, ...rows.map((r) => r.id)];
}

/** Names of one type starting with `prefix` (case-folded), or containing a word starting with it. */
export async function suggestTags(
  db: Db,
  actor: Actor,
  type: TagType,
  key: string,
  limit: number,
): Promise<Tag[]> {
  const escaped = key.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await db
    .selectFrom("tags")
    .selectAll()
    .where("type", "=", type)
    .where((eb) =>
      eb.or(
        [`${escaped}%`, `% ${escaped}%`, `%/${escaped}%`, `%&${escaped}%`].map(
          (pattern) => sql<boolean>`${eb.ref("name_key")} like ${pattern} escape '\\'`,
        ),
      ),
    )
    .where((eb) =>
      eb.or([
        eb("canonical", "=", 1),
        eb.exists(
          eb
            .selectFrom("work_tags")
            .innerJoin("works", "works.id", "work_tags.work_id")
            .select("work_tags.work_id")
            .whereRef("work_tags.tag_id", "=", "tags.id")
            .where(listedWorks(actor)),
        ),
      ]),
    )
    .orderBy("canonical", "desc")
    .orderBy("sort_name")
    .limit(limit)
    .execute();
  return rows.map(tagFromRow);
}

export async function insertWorkTags(
  db: Db,
  rows: { work_id: string; tag_id: string; position: number }[],
): Promise<void> {
  if (rows.length > 0) await db.insertInto("work_tags").values(rows).execute();
}

export async function deleteWorkTags(db: Db, workId: string): Promise<void> {
  await db.deleteFrom("work_tags").where("work_id", "=", workId).execute();
}

/** The tags of each work, in the order their creators typed them. */
export async function tagsOfWorks(db: Db, workIds: readonly string[]): Promise<Map<string, TagRow[]>> {
  const result = new Map<string, TagRow[]>();
  if (workIds.length === 0) return result;
  const rows = await db
    .selectFrom("work_tags")
    .innerJoin("tags", "tags.id", "work_tags.tag_id")
    .selectAll("tags")
    .select(["work_tags.work_id as work_id"])
    .where("work_tags.work_id", "in", [...workIds])
    .orderBy("work_tags.work_id")
    .orderBy("work_tags.position")
    .execute();
  for (const row of rows) {
    const list = result.get(row.work_id) ?? [];
    list.push(row);
    result.set(row.work_id, list);
  }
  return result;
}
