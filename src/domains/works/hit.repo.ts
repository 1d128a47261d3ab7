// The only SQL about work_hits: one row per visitor per work per day.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

type Db = Kysely<Database>;

/** Records a visit; answers true only for the visitor's first visit to the work that day. */
export async function insertHit(db: Db, workId: string, day: string, visitor: string): Promise<boolean> {
  const result = await db
    .insertInto("work_hits")
    .values({ work_id: workId, day, visitor })
    .onConflict((oc) => oc.columns(["work_id", "day", "visitor"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Forgets the visits of days before `day`. */
export async function deleteHitsBefore(db: Db, day: string): Promise<void> {
  await db.deleteFrom("work_hits").where("day", "<", day).execute();
}
