// Runs the migrations in src/db/migrations in name order, on either dialect. Used by `npm start`
// (on boot), `quire migrate` and the test support.
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from "kysely";
import type { Db } from "./database.js";
import * as m0001 from "./migrations/202611210001_create_users.js";
import * as m0002 from "./migrations/202611210002_create_sessions.js";
import * as m0003 from "./migrations/202611210003_create_password_resets.js";
import * as m0004 from "./migrations/202611210004_create_api_tokens.js";
import * as m0005 from "./migrations/202611210005_create_throttle_events.js";
import * as m0006 from "./migrations/202611210006_one_default_pseud.js";
import * as m0007 from "./migrations/202611210007_create_works.js";
import * as m0008 from "./migrations/202611210008_create_imports.js";
import * as m0009 from "./migrations/202611210009_finding_works.js";
import * as m0010 from "./migrations/202611210010_import_series_part.js";

/** Every migration, by its permanent name. Add new ones at the end. */
export const migrations: Record<string, Migration> = {
  "202611210001_create_users": m0001,
  "202611210002_create_sessions": m0002,
  "202611210003_create_password_resets": m0003,
  "202611210004_create_api_tokens": m0004,
  "202611210005_create_throttle_events": m0005,
  "202611210006_one_default_pseud": m0006,
  "202611210007_create_works": m0007,
  "202611210008_create_imports": m0008,
  "202611210009_finding_works": m0009,
  "202611210010_import_series_part": m0010,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Applies every pending migration; throws with the failing migration's name on error. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
