// The "serve" role: open the database, apply migrations, listen, tidy up now and then, and on
// SIGTERM/SIGINT stop taking requests, let those in flight finish, and close the database.
import type { Config } from "./config/config.js";
import { openDatabase } from "./db/database.js";
import { migrateToLatest } from "./db/migrator.js";
import { pruneSessions } from "./domains/sessions/session.service.js";
import { pruneThrottleEvents } from "./domains/throttle/throttle.service.js";
import { prunePasswordResets } from "./domains/users/user.service.js";
import { pruneHits } from "./domains/works/hit.service.js";
import { pruneChanges } from "./domains/search/reindex.js";
import { buildApp } from "./http/app.js";
import { createMailer } from "./mail/mailer.js";

export async function serve(config: Config): Promise<void> {
  const db = openDatabase({
    databaseUrl: config.databaseUrl,
    sqlitePath: config.sqlitePath,
    poolSize: config.databasePoolSize,
  });
  const applied = await migrateToLatest(db);
  const mailer = createMailer(config);
  const { app, ctx } = await buildApp({ config, db, mailer });
  if (applied.length > 0) app.log.info({ applied }, "migrations applied");
  app.log.info(
    { database: db.dialect === "postgres" ? "postgres" : config.sqlitePath, mail: mailer.destination },
    "starting",
  );

  // Load the work index now rather than at the first listing.
  ctx.finder.sync(ctx.db).catch((err: unknown) => app.log.error({ err }, "loading the work index failed"));

  const tidy = setInterval(() => {
    Promise.all([
      pruneSessions(ctx),
      pruneThrottleEvents(ctx),
      prunePasswordResets(ctx),
      pruneHits(ctx),
      pruneChanges(ctx),
    ]).catch((err: unknown) => app.log.warn({ err }, "tidy-up failed"));
  }, 15 * 60_000);
  tidy.unref();

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "draining requests and shutting down");
    clearInterval(tidy);
    const force = setTimeout(() => {
      app.log.error("requests did not finish in time; exiting");
      process.exit(1);
    }, config.shutdownGraceSeconds * 1000);
    force.unref();
    app
      .close()
      .then(() => db.close())
      .then(() => {
        mailer.close();
        app.log.info("stopped");
        process.exit(0);
      })
      .catch((err: unknown) => {
        app.log.error({ err }, "error while shutting down");
        process.exit(1);
      });
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));

  await app.listen({ port: config.port, host: config.host });
}
