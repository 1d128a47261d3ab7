// Which database a migration runs on, for the few statements the two dialects write differently.
import { PostgresAdapter, type Kysely } from "kysely";

export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
