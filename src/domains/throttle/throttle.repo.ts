// The only SQL about throttle_events: counted events per (bucket, subject) over a window.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { newId } from "../../lib/ids.js";

type Db = Kysely<Database>;

export async function insertThrottleEvent(
  db: Db,
  bucket: string,
  subject: string,
  at: string,
): Promise<string> {
  const id = newId();
  await db.insertInto("throttle_events").values({ id, bucket, subject, created_at: at }).execute();
  return id;
}

export async function deleteThrottleEventById(db: Db, id: string): Promise<void> {
  await db.deleteFrom("throttle_events").where("id", "=", id).execute();
}

/** How many events since `since`, and when the oldest of them happened. */
export async function countThrottleEventsSince(
  db: Db,
  bucket: string,
  subject: string,
  since: string,
): Promise<{ count: number; oldest: string | null }> {
  const row = await db
    .selectFrom("throttle_events")
    .select((eb) => [eb.fn.countAll<number | string>().as("n"), eb.fn.min("created_at").as("oldest")])
    .where("bucket", "=", bucket)
    .where("subject", "=", subject)
    .where("created_at", ">=", since)
    .executeTakeFirst();
  return { count: Number(row?.n ?? 0), oldest: (row?.oldest as string | null) ?? null };
}

export async function deleteThrottleEvents(db: Db, bucket: string, subject: string): Promise<void> {
  await db
    .deleteFrom("throttle_events")
    .where("bucket", "=", bucket)
    .where("subject", "=", subject)
    .execute();
}

export async function deleteThrottleEventsBefore(db: Db, before: string): Promise<void> {
  await db.deleteFrom("throttle_events").where("created_at", "<", before).execute();
}
