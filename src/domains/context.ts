// What every service function receives: the database, the configuration, the mailer and a clock.
import type { Kysely } from "kysely";
import type { Config } from "../config/config.js";
import type { Database } from "../db/schema.js";
import type { DialectName } from "../db/database.js";
import type { Mailer } from "../mail/mailer.js";
import type { ReadPool } from "./import/read-pool.js";
import type { WorkFinder } from "./search/work-finder.js";

export interface Ctx {
  db: Kysely<Database>;
  dialect: DialectName;
  config: Config;
  mailer: Mailer;
  /** This process's work index (listings, facets, search), following the database. */
  finder: WorkFinder;
  /**
   * Worker threads that read fic files for importFile (the site's uploads), so a long file never
   * holds up other requests; without it, files are read on the calling thread.
   */
  reader?: ReadPool;
  /** Where failures that must not fail the request (a notification mail) are reported. */
  log?: { error(obj: object, msg: string): void };
  /** The current time; tests may move it. */
  now(): Date;
}

/**
 * Runs `fn` in one transaction; the context it gets writes through that transaction. Called with a
 * context that is already in a transaction, `fn` joins it: a use case made of several services (an
 * import: the work, its chapters, its record) commits or rolls back as one.
 */
export function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  return ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx }));
}
