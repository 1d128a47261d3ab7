// The only SQL about site_secrets: keys made at first start and shared by every process.
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { newToken } from "../lib/ids.js";

/** The secret called `name`, created (once, whichever process gets there first) if missing. */
export async function findOrCreateSiteSecret(db: Kysely<Database>, name: string): Promise<string> {
  const existing = await db
    .selectFrom("site_secrets")
    .select("value")
    .where("name", "=", name)
    .executeTakeFirst();
  if (existing) return existing.value;
  await db
    .insertInto("site_secrets")
    .values({ name, value: newToken(32), created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const row = await db
    .selectFrom("site_secrets")
    .select("value")
    .where("name", "=", name)
    .executeTakeFirstOrThrow();
  return row.value;
}
