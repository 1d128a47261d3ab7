// The only SQL about password_resets.
import type { Kysely, Selectable } from "kysely";
import type { Database, PasswordResetsTable } from "../../db/schema.js";

type Db = Kysely<Database>;
export type PasswordResetRow = Selectable<PasswordResetsTable>;

export async function insertPasswordReset(db: Db, row: PasswordResetRow): Promise<void> {
  await db.insertInto("password_resets").values(row).execute();
}

export function findPasswordResetByHash(db: Db, tokenHash: string): Promise<PasswordResetRow | undefined> {
  return db.selectFrom("password_resets").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
}

/** Marks every unused reset of a user as used (one reset spends them all). */
export async function useAllPasswordResets(db: Db, userId: string, at: string): Promise<void> {
  await db
    .updateTable("password_resets")
    .set({ used_at: at })
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .execute();
}

/** Removes resets that expired before `before` (used or not). */
export async function deleteExpiredPasswordResets(db: Db, before: string): Promise<void> {
  await db.deleteFrom("password_resets").where("expires_at", "<", before).execute();
}

/** Marks one reset used if nobody has yet, and tells how many rows changed (1, or 0 when spent). */
export async function spendPasswordReset(db: Db, id: string, at: string): Promise<number> {
  const result = await db
    .updateTable("password_resets")
    .set({ used_at: at })
    .where("id", "=", id)
    .where("used_at", "is", null)
    .where("expires_at", ">", at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
