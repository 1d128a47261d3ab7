// The only SQL about the blocklist_entries table: the tags, creators (users) and works a reader
// never wants to see.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

type Db = Kysely<Database>;

export type BlockKind = "tag" | "user" | "work";

export interface BlocklistEntryRow {
  user_id: string;
  kind: string;
  target_id: string;
  created_at: string;
}

export async function blocklistOf(db: Db, userId: string): Promise<BlocklistEntryRow[]> {
  return db
    .selectFrom("blocklist_entries")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .execute();
}

/** What the work index needs of a blocklist: tag numbers and work numbers. */
export async function blockedNumbers(db: Db, userId: string): Promise<{ tagNums: number[]; docs: number[] }> {
  const [tagRows, workRows, creatorRows] = await Promise.all([
    db
      .selectFrom("blocklist_entries")
      .innerJoin("tags", "tags.id", "blocklist_entries.target_id")
      .leftJoin("tags as canonical", "canonical.id", "tags.merger_id")
      .select(["tags.num", "canonical.num as merger_num"])
      .where("blocklist_entries.user_id", "=", userId)
      .where("blocklist_entries.kind", "=", "tag")
      .execute(),
    db
      .selectFrom("blocklist_entries")
      .innerJoin("works", "works.id", "blocklist_entries.target_id")
      .select("works.doc")
      .where("blocklist_entries.user_id", "=", userId)
      .where("blocklist_entries.kind", "=", "work")
      .execute(),
    db
      .selectFrom("blocklist_entries")
      .innerJoin("pseuds", "pseuds.user_id", "blocklist_entries.target_id")
      .innerJoin("creatorships", "creatorships.pseud_id", "pseuds.id")
      .innerJoin("works", "works.id", "creatorships.work_id")
      .select("works.doc")
      .where("blocklist_entries.user_id", "=", userId)
      .where("blocklist_entries.kind", "=", "user")
      .execute(),
  ]);
  return {
    // A synonym is blocked as its canonical tag: filter sets hold canonical tags only.
    tagNums: tagRows.map((r) => r.merger_num ?? r.num),
    docs: [...workRows, ...creatorRows].map((r) => r.doc),
  };
}

export async function findBlocklistEntry(
  db: Db,
  userId: string,
  kind: BlockKind,
  targetId: string,
): Promise<BlocklistEntryRow | undefined> {
  return db
    .selectFrom("blocklist_entries")
    .selectAll()
    .where("user_id", "=", userId)
    .where("kind", "=", kind)
    .where("target_id", "=", targetId)
    .executeTakeFirst();
}

/** How many tags, creators and works a user's blocklist holds, together. */
export async function countBlocklistEntries(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom("blocklist_entries")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Adds an entry; one already there is left as it is (never a unique violation). */
export async function insertBlocklistEntry(db: Db, row: BlocklistEntryRow): Promise<void> {
  await db
    .insertInto("blocklist_entries")
    .values(row)
    .onConflict((oc) => oc.columns(["user_id", "kind", "target_id"]).doNothing())
    .execute();
}

/** Removes an entry; answers how many rows went (0 or 1). */
export async function deleteBlocklistEntry(
  db: Db,
  userId: string,
  kind: BlockKind,
  targetId: string,
): Promise<number> {
  const result = await db
    .deleteFrom("blocklist_entries")
    .where("user_id", "=", userId)
    .where("kind", "=", kind)
    .where("target_id", "=", targetId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The usernames of the creators a user blocked, by user id (accounts deleted since are missing). */
export async function blockedCreatorNames(db: Db, userId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("blocklist_entries")
    .innerJoin("users", "users.id", "blocklist_entries.target_id")
    .select(["users.id", "users.username"])
    .where("blocklist_entries.user_id", "=", userId)
    .where("blocklist_entries.kind", "=", "user")
    .execute();
  return new Map(rows.map((r) => [r.id, r.username]));
}
