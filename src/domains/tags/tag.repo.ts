// The only SQL about the tags and work_tags tables.
import { sql, type ExpressionBuilder, type Insertable, type Kysely, type Selectable } from "kysely";
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
    num: row.num,
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
export async function insertTagUnlessExists(db: Db, row: Insertable<TagsTable>): Promise<void> {
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
  type: TagType | null,
  key: string,
  limit: number,
): Promise<Tag[]> {
  const escaped = key.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await db
    .selectFrom("tags")
    .selectAll()
    .where((eb) => (type === null ? sql<boolean>`1 = 1` : eb("type", "=", type)))
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

/** The tag ids of each of the works `workIds` (with each work's number), as their creators typed them. */
export async function tagIdsOfWorks(
  db: Db,
  workIds: readonly string[],
): Promise<{ workId: string; doc: number; crossover: boolean; tagIds: string[] }[]> {
  if (workIds.length === 0) return [];
  const [docs, rows] = await Promise.all([
    db
      .selectFrom("works")
      .select(["id", "doc", "crossover"])
      .where("id", "in", [...workIds])
      .execute(),
    db
      .selectFrom("work_tags")
      .select(["work_id", "tag_id"])
      .where("work_id", "in", [...workIds])
      .orderBy("work_id")
      .orderBy("position")
      .execute(),
  ]);
  const byWork = new Map<string, string[]>();
  for (const row of rows) byWork.set(row.work_id, [...(byWork.get(row.work_id) ?? []), row.tag_id]);
  return docs.map((d) => ({
    workId: d.id,
    doc: d.doc,
    crossover: d.crossover === 1,
    tagIds: byWork.get(d.id) ?? [],
  }));
}

export async function findTagById(db: Db, id: string): Promise<Tag | undefined> {
  const row = await db.selectFrom("tags").selectAll().where("id", "=", id).executeTakeFirst();
  return row && tagFromRow(row);
}

/** Marks the tag canonical or not. */
export async function setCanonical(db: Db, id: string, canonical: boolean, at: string): Promise<void> {
  await db
    .updateTable("tags")
    .set({ canonical: canonical ? 1 : 0, updated_at: at })
    .where("id", "=", id)
    .execute();
}

/** Makes the tag a synonym of `mergerId`, or (null) of nothing. */
export async function setMerger(db: Db, id: string, mergerId: string | null, at: string): Promise<void> {
  await db.updateTable("tags").set({ merger_id: mergerId, updated_at: at }).where("id", "=", id).execute();
}

/** The ids of the synonyms of any of the tags `ids`. */
export async function synonymIdsOf(db: Db, ids: readonly string[]): Promise<string[]> {
  const result: string[] = [];
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom("tags")
      .select("id")
      .where("merger_id", "in", unique.slice(i, i + 500))
      .execute();
    result.push(...rows.map((r) => r.id));
  }
  return result;
}

/** Whether the tag has any synonyms. */
export async function hasSynonyms(db: Db, id: string): Promise<boolean> {
  const row = await db
    .selectFrom("tags")
    .select("id")
    .where("merger_id", "=", id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The ids of the works (drafts included) carrying any of the tags `tagIds`. Reads only the
 * (tag_id, work_id) index of work_tags.
 */
export async function workIdsWithTags(db: Db, tagIds: readonly string[]): Promise<string[]> {
  const result = new Set<string>();
  const unique = [...new Set(tagIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom("work_tags")
      .select("work_id")
      .distinct()
      .where("tag_id", "in", unique.slice(i, i + 500))
      .execute();
    for (const row of rows) result.add(row.work_id);
  }
  return [...result];
}

/** Works carrying the tag that a listing shows the actor, as an SQL condition on tags. */
function usedOnListedWork(actor: Actor) {
  return (eb: ExpressionBuilder<Database, "tags">) =>
    eb.exists(
      eb
        .selectFrom("work_tags")
        .innerJoin("works", "works.id", "work_tags.work_id")
        .select("work_tags.work_id")
        .whereRef("work_tags.tag_id", "=", "tags.id")
        .where(listedWorks(actor)),
    );
}

/**
 * Which of the tags `ids` the actor may know about: canonical tags, and tags used on a work the
 * actor may find in a listing (a tag typed only on drafts or restricted works stays private).
 * With `everything` (admins), all of them.
 */
export async function shownTagIds(
  db: Db,
  actor: Actor,
  ids: readonly string[],
  everything = false,
): Promise<Set<string>> {
  const result = new Set<string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    let q = db
      .selectFrom("tags")
      .select("id")
      .where("id", "in", unique.slice(i, i + 500));
    if (!everything) q = q.where((eb) => eb.or([eb("canonical", "=", 1), usedOnListedWork(actor)(eb)]));
    for (const row of await q.execute()) result.add(row.id);
  }
  return result;
}

/** Whether any of the tags `ids` is on a work the actor may find in a listing. */
export async function isUsedOnListedWork(db: Db, actor: Actor, ids: readonly string[]): Promise<boolean> {
  if (ids.length === 0) return false;
  const row = await db
    .selectFrom("work_tags")
    .innerJoin("works", "works.id", "work_tags.work_id")
    .select("work_tags.work_id")
    .where("work_tags.tag_id", "in", [...ids])
    .where(listedWorks(actor))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** How many works the actor may find whose filter set holds the tag number `num`. */
export async function countListedWorksFiledUnder(db: Db, actor: Actor, num: number): Promise<number> {
  const row = await db
    .selectFrom("filter_taggings")
    .innerJoin("works", "works.doc", "filter_taggings.doc")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("filter_taggings.tag_num", "=", num)
    .where(listedWorks(actor))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface TagSearchCriteria {
  /** Case-folded text the name must contain ("" for any). */
  nameKey: string;
  type?: TagType | undefined;
  status: "canonical" | "synonym" | "unwrangled" | "any";
  sort: "name" | "uses";
}

/**
 * One page of tags matching `criteria`, each with its uses (works carrying it that the actor may
 * find), and the total. Without `everything`, only tags the actor may know about (see shownTagIds).
 */
export async function searchTagRows(
  db: Db,
  actor: Actor,
  criteria: TagSearchCriteria,
  page: { limit: number; offset: number },
  everything = false,
): Promise<{ rows: (TagRow & { uses: number })[]; total: number }> {
  let q = db.selectFrom("tags");
  if (criteria.nameKey !== "") {
    const pattern = `%${criteria.nameKey.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => sql<boolean>`${eb.ref("tags.name_key")} like ${pattern} escape '\\'`);
  }
  if (criteria.type) q = q.where("tags.type", "=", criteria.type);
  if (criteria.status === "canonical") q = q.where("tags.canonical", "=", 1);
  if (criteria.status === "synonym") q = q.where("tags.merger_id", "is not", null);
  if (criteria.status === "unwrangled")
    q = q.where("tags.canonical", "=", 0).where("tags.merger_id", "is", null);
  if (!everything) q = q.where((eb) => eb.or([eb("tags.canonical", "=", 1), usedOnListedWork(actor)(eb)]));

  const uses = q.selectAll("tags").select((eb) =>
    eb
      .selectFrom("work_tags")
      .innerJoin("works", "works.id", "work_tags.work_id")
      .select((e) => e.fn.countAll<number | string>().as("n"))
      .whereRef("work_tags.tag_id", "=", "tags.id")
      .where(listedWorks(actor))
      .as("uses"),
  );
  const ordered =
    criteria.sort === "uses"
      ? uses.orderBy("uses", "desc").orderBy("tags.sort_name").orderBy("tags.id")
      : uses.orderBy("tags.sort_name").orderBy("tags.id");
  const [rows, count] = await Promise.all([
    ordered.limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirst(),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, uses: Number(r.uses ?? 0) })),
    total: Number(count?.n ?? 0),
  };
}

/** Tag numbers and types, a page at a time in number order (the work index's facets). */
export async function tagTypesAfter(
  db: Db,
  afterNum: number,
  limit: number,
): Promise<{ num: number; type: string }[]> {
  return db
    .selectFrom("tags")
    .select(["num", "type"])
    .where("num", ">", afterNum)
    .orderBy("num")
    .limit(limit)
    .execute();
}

/** The tags whose `column` is one of `values` (those that exist), keyed by that column. */
async function findTagsWhere<C extends "id" | "num" | "name_key">(
  db: Db,
  column: C,
  values: readonly TagRow[C][],
): Promise<Map<TagRow[C], Tag>> {
  const result = new Map<TagRow[C], Tag>();
  const unique = [...new Set(values)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom("tags")
      .selectAll()
      .where(column, "in", unique.slice(i, i + 500) as never)
      .execute();
    for (const row of rows) result.set(row[column], tagFromRow(row));
  }
  return result;
}

/** The tags `ids` (those that exist), by id. */
export const findTagsByIds = (db: Db, ids: readonly string[]) => findTagsWhere(db, "id", ids);

/** The tags numbered `nums` (those that exist), by number. */
export const findTagsByNums = (db: Db, nums: readonly number[]) => findTagsWhere(db, "num", nums);

/** The tags whose name keys are `keys` (those that exist), by key. */
export const findTagsByKeys = (db: Db, keys: readonly string[]) => findTagsWhere(db, "name_key", keys);
