// The only SQL about the pseuds table.
import type { Kysely, Selectable } from "kysely";
import type { Database, PseudsTable } from "../../db/schema.js";
import type { Pseud } from "./pseud.js";

type Db = Kysely<Database>;
export type PseudRow = Selectable<PseudsTable>;

export function pseudFromRow(row: PseudRow): Pseud {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    description: row.description,
    isDefault: row.is_default === 1,
    createdAt: row.created_at,
  };
}

/** A user's pseuds, the default first, then by name. */
export async function listPseudsByUser(db: Db, userId: string): Promise<Pseud[]> {
  const rows = await db.selectFrom("pseuds").selectAll().where("user_id", "=", userId).execute();
  // Sorted here, not in SQL: PostgreSQL's collation and SQLite's byte order disagree.
  rows.sort(
    (a, b) => b.is_default - a.is_default || (a.name_key < b.name_key ? -1 : a.name_key > b.name_key ? 1 : 0),
  );
  return rows.map(pseudFromRow);
}

export async function findPseudByName(db: Db, userId: string, nameKey: string): Promise<Pseud | undefined> {
  const row = await db
    .selectFrom("pseuds")
    .selectAll()
    .where("user_id", "=", userId)
    .where("name_key", "=", nameKey)
    .executeTakeFirst();
  return row && pseudFromRow(row);
}

export async function findPseudById(db: Db, id: string): Promise<Pseud | undefined> {
  const row = await db.selectFrom("pseuds").selectAll().where("id", "=", id).executeTakeFirst();
  return row && pseudFromRow(row);
}

export async function findDefaultPseud(db: Db, userId: string): Promise<Pseud | undefined> {
  const row = await db
    .selectFrom("pseuds")
    .selectAll()
    .where("user_id", "=", userId)
    .where("is_default", "=", 1)
    .executeTakeFirst();
  return row && pseudFromRow(row);
}

export async function countPseudsByUser(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom("pseuds")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertPseud(db: Db, row: PseudRow): Promise<void> {
  await db.insertInto("pseuds").values(row).execute();
}

/** Makes pseud `id` the default; answers how many rows changed (0 when the pseud is gone). */
export async function markDefaultPseud(db: Db, id: string, updatedAt: string): Promise<number> {
  const result = await db
    .updateTable("pseuds")
    .set({ is_default: 1, updated_at: updatedAt })
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function updatePseud(
  db: Db,
  id: string,
  changes: Partial<Pick<PseudRow, "name" | "name_key" | "description" | "is_default" | "updated_at">>,
): Promise<void> {
  await db.updateTable("pseuds").set(changes).where("id", "=", id).execute();
}

/** Clears the default flag on every pseud of a user (before another becomes default). */
export async function clearDefaultPseud(db: Db, userId: string, updatedAt: string): Promise<void> {
  await db
    .updateTable("pseuds")
    .set({ is_default: 0, updated_at: updatedAt })
    .where("user_id", "=", userId)
    .where("is_default", "=", 1)
    .execute();
}

/** Deletes a pseud unless it is the default; answers how many rows went (0 or 1). */
export async function deleteNonDefaultPseud(db: Db, id: string): Promise<number> {
  const result = await db
    .deleteFrom("pseuds")
    .where("id", "=", id)
    .where("is_default", "=", 0)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
