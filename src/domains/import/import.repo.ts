// The only SQL about imports: which works came from which files (by content hash), and what the
// importer suggested for each.
import type { Kysely, Selectable } from "kysely";
import type { Database, ImportsTable } from "../../db/schema.js";

type Db = Kysely<Database>;
export type ImportRow = Selectable<ImportsTable>;

export async function insertImport(db: Db, row: ImportRow): Promise<void> {
  await db.insertInto("imports").values(row).execute();
}

/** The import of the file with this content hash by this account, if there was one. */
export function findImportByHash(
  db: Db,
  userId: string,
  contentHash: string,
): Promise<ImportRow | undefined> {
  return db
    .selectFrom("imports")
    .selectAll()
    .where("user_id", "=", userId)
    .where("content_hash", "=", contentHash)
    .executeTakeFirst();
}

/** The series parts the files of these works said they were (works imported without one left out). */
export async function seriesPartsOfWorks(db: Db, workIds: readonly string[]): Promise<Map<string, number>> {
  if (workIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("imports")
    .select(["work_id", "series_part"])
    .where("work_id", "in", [...workIds])
    .where("series_part", "is not", null)
    .execute();
  return new Map(rows.map((r) => [r.work_id, Number(r.series_part)]));
}

/** The import that made this work, if it came from one. */
export function findImportByWork(db: Db, workId: string): Promise<ImportRow | undefined> {
  return db.selectFrom("imports").selectAll().where("work_id", "=", workId).executeTakeFirst();
}
