// The only SQL about the work_changes table: the log of works whose listing data changed, which
// every process's work index follows (read-your-writes in one process, within one query across
// several).
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

type Db = Kysely<Database>;

export async function logWorkChanges(db: Db, docs: readonly number[], at: string): Promise<void> {
  const unique = [...new Set(docs)];
  for (let i = 0; i < unique.length; i += 500) {
    await db
      .insertInto("work_changes")
      .values(unique.slice(i, i + 500).map((doc) => ({ doc, changed_at: at })))
      .execute();
  }
}

/** Changes after `seq`, plus the changes `seqs` (earlier numbers that were not yet visible). */
export async function changesAfter(
  db: Db,
  seq: number,
  seqs: readonly number[],
  limit: number,
): Promise<{ seq: number; doc: number }[]> {
  const rows = await db
    .selectFrom("work_changes")
    .select(["seq", "doc"])
    .where((eb) =>
      seqs.length > 0 ? eb.or([eb("seq", ">", seq), eb("seq", "in", [...seqs])]) : eb("seq", ">", seq),
    )
    .orderBy("seq")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), doc: r.doc }));
}

/** The last change's number (0 when there is none). */
export async function lastChange(db: Db): Promise<number> {
  const row = await db
    .selectFrom("work_changes")
    .select((eb) => eb.fn.max("seq").as("seq"))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** The number of the last change recorded before `at` (0 when there is none). */
export async function lastChangeBefore(db: Db, at: string): Promise<number> {
  const row = await db
    .selectFrom("work_changes")
    .select((eb) => eb.fn.max("seq").as("seq"))
    .where("changed_at", "<", at)
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/**
 * Forgets changes recorded before `before` (every index has long since applied them), always
 * keeping the newest, so a number is never handed out twice on SQLite.
 */
export async function pruneWorkChanges(db: Db, before: string): Promise<void> {
  const last = await lastChange(db);
  await db.deleteFrom("work_changes").where("changed_at", "<", before).where("seq", "<", last).execute();
}
