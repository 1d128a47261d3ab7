// The only SQL about the saved_filters table.
import type { Kysely, Selectable } from "kysely";
import type { Database, SavedFiltersTable } from "../../db/schema.js";
import type { SavedFilter } from "./saved-filter.js";

type Db = Kysely<Database>;
export type SavedFilterRow = Selectable<SavedFiltersTable>;

export function savedFilterFromRow(row: SavedFilterRow): SavedFilter {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    query: row.query,
    isDefault: row.is_default === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A user's saved filters, the default first, then by name. */
export async function listSavedFiltersByUser(db: Db, userId: string): Promise<SavedFilter[]> {
  const rows = await db.selectFrom("saved_filters").selectAll().where("user_id", "=", userId).execute();
  // Sorted here, not in SQL: PostgreSQL's collation and SQLite's byte order disagree.
  rows.sort(
    (a, b) => b.is_default - a.is_default || (a.name_key < b.name_key ? -1 : a.name_key > b.name_key ? 1 : 0),
  );
  return rows.map(savedFilterFromRow);
}

export async function findSavedFilterById(db: Db, id: string): Promise<SavedFilter | undefined> {
  const row = await db.selectFrom("saved_filters").selectAll().where("id", "=", id).executeTakeFirst();
  return row && savedFilterFromRow(row);
}

export async function findSavedFilterByName(
  db: Db,
  userId: string,
  nameKey: string,
): Promise<SavedFilter | undefined> {
  const row = await db
    .selectFrom("saved_filters")
    .selectAll()
    .where("user_id", "=", userId)
    .where("name_key", "=", nameKey)
    .executeTakeFirst();
  return row && savedFilterFromRow(row);
}

export async function findDefaultSavedFilter(db: Db, userId: string): Promise<SavedFilter | undefined> {
  const row = await db
    .selectFrom("saved_filters")
    .selectAll()
    .where("user_id", "=", userId)
    .where("is_default", "=", 1)
    .orderBy("updated_at", "desc")
    .executeTakeFirst();
  return row && savedFilterFromRow(row);
}

export async function countSavedFiltersByUser(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom("saved_filters")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertSavedFilter(db: Db, row: SavedFilterRow): Promise<void> {
  await db.insertInto("saved_filters").values(row).execute();
}

/** Changes a saved filter; answers how many rows changed (0 when it is gone). */
export async function updateSavedFilter(
  db: Db,
  id: string,
  changes: Partial<Pick<SavedFilterRow, "name" | "name_key" | "query" | "is_default" | "updated_at">>,
): Promise<number> {
  const result = await db.updateTable("saved_filters").set(changes).where("id", "=", id).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Locks a user's saved filters for the rest of the transaction (PostgreSQL only; SQLite has one
 * writer at a time anyway), so two "make default" at once can't leave two defaults.
 */
export async function lockSavedFiltersOf(db: Db, userId: string): Promise<void> {
  await db.selectFrom("saved_filters").select("id").where("user_id", "=", userId).forUpdate().execute();
}

/** Clears the default flag on every saved filter of a user (before another becomes default). */
export async function clearDefaultSavedFilter(db: Db, userId: string, updatedAt: string): Promise<void> {
  await db
    .updateTable("saved_filters")
    .set({ is_default: 0, updated_at: updatedAt })
    .where("user_id", "=", userId)
    .where("is_default", "=", 1)
    .execute();
}

/** Deletes a saved filter; answers how many rows went (0 or 1). */
export async function deleteSavedFilter(db: Db, id: string): Promise<number> {
  const result = await db.deleteFrom("saved_filters").where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows);
}
