// The only SQL about the tag_parents table (AO3's common_taggings): parents across types, such as
// the fandoms of a character or of a relationship.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

type Db = Kysely<Database>;

/** The parent tag ids of the tag `childId`. */
export async function parentIds(db: Db, childId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("tag_parents")
    .select("parent_id")
    .where("child_id", "=", childId)
    .execute();
  return rows.map((r) => r.parent_id);
}

/** The child tag ids of the tag `parentId`. */
export async function childIds(db: Db, parentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("tag_parents")
    .select("child_id")
    .where("parent_id", "=", parentId)
    .execute();
  return rows.map((r) => r.child_id);
}

/** Whether the tag is the parent of any tag. */
export async function hasChildren(db: Db, parentId: string): Promise<boolean> {
  const row = await db
    .selectFrom("tag_parents")
    .select("child_id")
    .where("parent_id", "=", parentId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Makes `parentId` a parent of `childId` (nothing happens if it is one already). */
export async function insertTagParent(db: Db, childId: string, parentId: string): Promise<void> {
  await db
    .insertInto("tag_parents")
    .values({ child_id: childId, parent_id: parentId })
    .onConflict((oc) => oc.columns(["child_id", "parent_id"]).doNothing())
    .execute();
}

/** Removes `parentId` from the parents of `childId`; whether it was one. */
export async function deleteTagParent(db: Db, childId: string, parentId: string): Promise<boolean> {
  const result = await db
    .deleteFrom("tag_parents")
    .where("child_id", "=", childId)
    .where("parent_id", "=", parentId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
