// Rate limits that hold across processes: one row per counted event (a failed log-in, a reset
// email), counted over a sliding window and pruned when old. site_secrets holds keys generated at
// first start (the CSRF signing key) so that every process of one archive shares them.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("throttle_events")
    .addColumn("id", "varchar(36)", (c) => c.primaryKey())
    .addColumn("bucket", "varchar(50)", (c) => c.notNull())
    .addColumn("subject", "varchar(300)", (c) => c.notNull())
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("throttle_events_lookup")
    .on("throttle_events")
    .columns(["bucket", "subject", "created_at"])
    .execute();

  await db.schema
    .createTable("site_secrets")
    .addColumn("name", "varchar(50)", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("site_secrets").execute();
  await db.schema.dropTable("throttle_events").execute();
}
