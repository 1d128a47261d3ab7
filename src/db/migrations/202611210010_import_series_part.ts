// The part of its series an imported file said it was ("Part 2 of …"), so parts imported out of
// order still take their places in the series.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("imports").addColumn("series_part", "integer").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("imports").dropColumn("series_part").execute();
}
