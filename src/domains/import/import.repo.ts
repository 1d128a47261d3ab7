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

/** The import that made this work, if it came from one. */
export function findImportByWork(db: Db, workId: string): Promise<ImportRow | undefined> {
  return db.selectFrom("imports").selectAll().where("work_id", "=", workId).executeTakeFirst();
}
