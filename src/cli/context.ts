// Opens what a command needs (configuration, migrated database, mailer) and closes it afterwards.
import { ConfigError, loadConfig, type Config } from "../config/config.js";
import { openDatabase, type Db } from "../db/database.js";
import { migrateToLatest } from "../db/migrator.js";
import type { Ctx } from "../domains/context.js";
import { WorkFinder } from "../domains/search/work-finder.js";
import { Invalid } from "../lib/errors.js";
import { createMailer } from "../mail/mailer.js";

/** Loads the configuration or exits with the list of bad settings. */
export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

/** Runs `fn` with a migrated database; prints Invalid field messages and exits 1 on failure. */
export async function withCommandContext(fn: (ctx: Ctx, db: Db) => Promise<void>): Promise<void> {
  const config = configOrExit();
  const db = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath, poolSize: 2 });
  const mailer = createMailer(config);
  try {
    await migrateToLatest(db);
    await fn(
      { db: db.kysely, dialect: db.dialect, config, mailer, finder: new WorkFinder(), now: () => new Date() },
      db,
    );
  } catch (err) {
    if (err instanceof Invalid) {
      for (const [field, message] of Object.entries(err.fields)) console.error(`${field}: ${message}`);
      process.exitCode = 1;
    } else {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    }
  } finally {
    mailer.close();
    await db.close();
  }
}
