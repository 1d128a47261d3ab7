// The whole app on a fresh database of one dialect, with mail going to a real SMTP server on
// loopback, a clock tests can move, and an HTTP agent that keeps cookies and CSRF tokens.
import type { FastifyInstance } from "fastify";
import { loadConfig, type Config } from "../../src/config/config.js";
import type { DialectName } from "../../src/db/database.js";
import type { Ctx } from "../../src/domains/context.js";
import { buildApp } from "../../src/http/app.js";
import { createMailer } from "../../src/mail/mailer.js";
import { createTestDatabase, type TestDatabase } from "./dialects.js";
import { startSmtpSink, type SmtpSink } from "./smtp-sink.js";

export interface TestApp {
  app: FastifyInstance;
  ctx: Ctx;
  config: Config;
  database: TestDatabase;
  smtp: SmtpSink;
  clock: { now: Date; advance(ms: number): void };
  close(): Promise<void>;
}

/** Builds the app on a new database; `config` overrides settings (limits, sign-up, …). */
export async function createTestApp(
  dialect: DialectName = "sqlite",
  config: Partial<Config> = {},
): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const smtp = await startSmtpSink();
  const fullConfig = loadConfig(
    {},
    {
      dataDir: database.dataDir,
      databaseUrl: database.databaseUrl,
      sqlitePath: database.sqlitePath,
      smtpUrl: smtp.url,
      logLevel: "silent",
      baseUrl: "http://quire.test",
      publicUrl: "http://quire.test",
      ...config,
    },
  );
  const mailer = createMailer(fullConfig);
  const clock = {
    now: new Date(),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const { app, ctx } = await buildApp({
    config: fullConfig,
    db: database.db,
    mailer,
    now: () => clock.now,
    logger: false,
  });
  await app.ready();
  return {
    app,
    ctx,
    config: fullConfig,
    database,
    smtp,
    clock,
    async close() {
      await app.close();
      mailer.close();
      await smtp.close();
      await database.drop();
    },
  };
}
