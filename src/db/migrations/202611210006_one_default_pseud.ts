// Each account has at most one default pseud, enforced by the database as well as the service
// (a partial unique index; both SQLite and PostgreSQL support them).
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("pseuds_one_default_per_user")
    .on("pseuds")
    .column("user_id")
    .unique()
    .where(sql.ref("is_default"), "=", 1)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("pseuds_one_default_per_user").execute();
}
