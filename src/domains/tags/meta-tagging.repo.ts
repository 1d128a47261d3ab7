// The only SQL about the meta_taggings table: meta tags above sub tags, within one type.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

type Db = Kysely<Database>;

/** Every meta tag above the tags `ids`, transitively, as direct links: sub id → meta ids. */
export async function metaTagsAbove(db: Db, ids: readonly string[]): Promise<Map<string, string[]>> {
  const metaOf = new Map<string, string[]>();
  let level = [...new Set(ids)];
  const asked = new Set<string>();
  while (level.length > 0) {
    for (const id of level) asked.add(id);
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 500) {
      const rows = await db
        .selectFrom("meta_taggings")
        .select(["meta_id", "sub_id"])
        .where("sub_id", "in", level.slice(i, i + 500))
        .execute();
      for (const row of rows) {
        metaOf.set(row.sub_id, [...(metaOf.get(row.sub_id) ?? []), row.meta_id]);
        if (!asked.has(row.meta_id)) next.push(row.meta_id);
      }
    }
    level = [...new Set(next)];
  }
  return metaOf;
}

/** Every sub tag below the tags `ids`, transitively (not the tags themselves unless in a cycle). */
export async function subTagsBelow(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const below = new Set<string>();
  let level = [...new Set(ids)];
  const asked = new Set<string>();
  while (level.length > 0) {
    for (const id of level) asked.add(id);
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 500) {
      const rows = await db
        .selectFrom("meta_taggings")
        .select("sub_id")
        .where("meta_id", "in", level.slice(i, i + 500))
        .execute();
      for (const row of rows) {
        below.add(row.sub_id);
        if (!asked.has(row.sub_id)) next.push(row.sub_id);
      }
    }
    level = [...new Set(next)];
  }
  return below;
}

/** The direct meta tags of the tag `subId`. */
export async function directMetaIds(db: Db, subId: string): Promise<string[]> {
  const rows = await db.selectFrom("meta_taggings").select("meta_id").where("sub_id", "=", subId).execute();
  return rows.map((r) => r.meta_id);
}

/** The direct sub tags of the tag `metaId`. */
export async function directSubIds(db: Db, metaId: string): Promise<string[]> {
  const rows = await db.selectFrom("meta_taggings").select("sub_id").where("meta_id", "=", metaId).execute();
  return rows.map((r) => r.sub_id);
}

/** Whether the tag is the meta or the sub tag of any link. */
export async function hasMetaTaggings(db: Db, id: string): Promise<boolean> {
  const row = await db
    .selectFrom("meta_taggings")
    .select("meta_id")
    .where((eb) => eb.or([eb("meta_id", "=", id), eb("sub_id", "=", id)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Links `metaId` above `subId` (nothing happens if they are linked already). */
export async function insertMetaTagging(db: Db, metaId: string, subId: string): Promise<void> {
  await db
    .insertInto("meta_taggings")
    .values({ meta_id: metaId, sub_id: subId })
    .onConflict((oc) => oc.columns(["meta_id", "sub_id"]).doNothing())
    .execute();
}

/** Unlinks `metaId` from above `subId`; whether there was such a link. */
export async function deleteMetaTagging(db: Db, metaId: string, subId: string): Promise<boolean> {
  const result = await db
    .deleteFrom("meta_taggings")
    .where("meta_id", "=", metaId)
    .where("sub_id", "=", subId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
