// What every service function receives: the database, the configuration, the mailer and a clock.
import type { Kysely } from "kysely";
import type { Config } from "../config/config.js";
import type { Database } from "../db/schema.js";
import type { DialectName } from "../db/database.js";
import type { Mailer } from "../mail/mailer.js";

export interface Ctx {
  db: Kysely<Database>;
  dialect: DialectName;
  config: Config;
  mailer: Mailer;
  /** Where failures that must not fail the request (a notification mail) are reported. */
  log?: { error(obj: object, msg: string): void };
  /** The current time; tests may move it. */
  now(): Date;
}

/** Runs `fn` in one transaction; the context it gets writes through that transaction. */
export function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx }));
}
