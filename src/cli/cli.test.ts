import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, dialects, type TestDatabase } from "../../test/support/dialects.js";
import { findUserByUsername } from "../domains/users/user.service.js";
import { authenticateApiToken } from "../domains/api-tokens/api-token.service.js";
import { loadConfig } from "../config/config.js";
import type { Ctx } from "../domains/context.js";
import { WorkFinder } from "../domains/search/work-finder.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

function quire(args: string[], env: Record<string, string>) {
  const result = spawnSync(tsx, [path.join(root, "src/main.ts"), ...args], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", LOG_LEVEL: "silent", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("quire --help", () => {
  it.each([[[]], [["migrate"]], [["admin", "create"]], [["token", "create"]], [["serve"]], [["config"]]])(
    "prints help for %j",
    (command) => {
      const out = quire([...command, "--help"], {});
      expect(out.code).toBe(0);
      expect(out.stdout).toMatch(/Usage: quire/);
    },
  );

  it("stops with a message naming a bad setting", () => {
    const out = quire(["migrate"], { PORT: "not-a-port" });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('PORT="not-a-port": expected a whole number from 0 to 65535');
  });
});

describe.each(dialects)("quire commands on %s", (dialect) => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let ctx: Ctx;
  beforeAll(async () => {
    database = await createTestDatabase(dialect, false);
    env = { QUIRE_DATA_DIR: database.dataDir, DATABASE_URL: database.databaseUrl };
    const config = loadConfig(
      {},
      { dataDir: database.dataDir, sqlitePath: database.sqlitePath, databaseUrl: database.databaseUrl },
    );
    ctx = {
      db: database.db.kysely,
      dialect,
      config,
      mailer: { destination: "", send: async () => {}, close: () => {} },
      finder: new WorkFinder(),
      now: () => new Date(),
    };
  });
  afterAll(async () => {
    await database.drop();
  });

  it("migrate applies the migrations, then says the database is up to date", () => {
    const first = quire(["migrate"], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("202611210001_create_users");
    const second = quire(["migrate"], env);
    expect(second.stdout).toContain("up to date");
  });

  it("admin create makes an admin account, even with sign-up closed", async () => {
    const out = quire(
      [
        "admin",
        "create",
        "--username",
        "head_admin",
        "--email",
        "admin@example.org",
        "--password",
        "long admin pass",
      ],
      {
        ...env,
        QUIRE_SIGNUP_OPEN: "false",
      },
    );
    expect(out.stderr).toBe("");
    expect(out.stdout).toContain("Created admin head_admin");
    expect((await findUserByUsername(ctx, "head_admin")).isAdmin).toBe(true);
  });

  it("admin create explains invalid input and exits 1", () => {
    const out = quire(["admin", "create", "--username", "x", "--email", "nope", "--password", "short"], env);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("username: Your username must be at least 3 characters long.");
    expect(out.stderr).toContain("email: Enter a valid email address");
  });

  it("token create prints a working API token", async () => {
    quire(
      [
        "admin",
        "create",
        "--username",
        "token_owner",
        "--email",
        "owner@example.org",
        "--password",
        "long admin pass",
      ],
      env,
    );
    const out = quire(["token", "create", "token_owner", "--name", "backup script"], env);
    expect(out.code).toBe(0);
    const token = out.stdout.trim();
    expect(token).toMatch(/^quire_[A-Za-z0-9_-]{43}$/);
    expect((await authenticateApiToken(ctx, token))?.user.username).toBe("token_owner");
  });

  it("token create for an unknown user fails clearly", () => {
    const out = quire(["token", "create", "nobody_here"], env);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("We couldn't find that user.");
  });
});
