// The only SQL about the preferences table (one row per user, made on first save).
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

type Db = Kysely<Database>;

export interface Preferences {
  viewAdult: boolean;
  viewFullWorks: boolean;
}

export const defaultPreferences: Preferences = { viewAdult: false, viewFullWorks: false };

export async function findPreferences(db: Db, userId: string): Promise<Preferences> {
  const row = await db.selectFrom("preferences").selectAll().where("user_id", "=", userId).executeTakeFirst();
  return row
    ? { viewAdult: row.view_adult === 1, viewFullWorks: row.view_full_works === 1 }
    : defaultPreferences;
}

export async function savePreferences(db: Db, userId: string, p: Preferences, at: string): Promise<void> {
  const values = {
    view_adult: p.viewAdult ? 1 : 0,
    view_full_works: p.viewFullWorks ? 1 : 0,
    updated_at: at,
  };
  await db
    .insertInto("preferences")
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column("user_id").doUpdateSet(values))
    .execute();
}
