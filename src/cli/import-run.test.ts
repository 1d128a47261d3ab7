import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, dialects, type TestDatabase } from "../../test/support/dialects.js";
import { buildPseud, buildUser } from "../../test/support/factories.js";
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

const story = (title: string) => `${title}

Rating: General Audiences
Fandom: Original Work

The lighthouse keeper counted the waves again, and the gulls counted him.
`;

describe.each(dialects)("quire import into the database on %s", (dialect) => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let ctx: Ctx;
  let folder: string;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
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
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "quire-import-"));
  });
  afterAll(async () => {
    fs.rmSync(folder, { recursive: true, force: true });
    await database.drop();
  });

  async function worksOf(userId: string) {
    return ctx.db
      .selectFrom("works")
      .innerJoin("creatorships", "creatorships.work_id", "works.id")
      .innerJoin("pseuds", "pseuds.id", "creatorships.pseud_id")
      .select(["works.id", "works.title", "works.posted", "pseuds.name"])
      .where("pseuds.user_id", "=", userId)
      .execute();
  }

  it(
    "imports a folder: a good file, a duplicate and a bad file; a table, totals and exit code 1",
    { timeout: 60_000 },
    async () => {
      const user = await buildUser(ctx);
      const dir = path.join(folder, "run1");
      fs.mkdirSync(path.join(dir, "more"), { recursive: true });
      fs.writeFileSync(path.join(dir, "a-keeper.txt"), story("The Keeper"));
      fs.writeFileSync(path.join(dir, "more", "b-copy.txt"), story("The Keeper"));
      fs.writeFileSync(path.join(dir, "c-scan.pdf"), "%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<< >>\nendobj\n");
      const out = quire(["import", dir, "--user", user.username], env);
      expect(out.code).toBe(1);
      const [work, ...others] = await worksOf(user.id);
      expect(others).toEqual([]);
      expect(work).toMatchObject({ title: "The Keeper", posted: 0 });
      const lines = out.stdout.split("\n");
      expect(lines[0]).toMatch(/^File\s+Result$/);
      expect(lines).toContainEqual(
        expect.stringMatching(new RegExp(`a-keeper\\.txt\\s+imported as draft \\(work ${work!.id}\\)$`)),
      );
      expect(lines).toContainEqual(
        expect.stringMatching(new RegExp(`b-copy\\.txt\\s+skipped as duplicate \\(work ${work!.id}\\)$`)),
      );
      expect(lines).toContainEqual(
        expect.stringMatching(/c-scan\.pdf\s+failed: not a document Quire can read \(looks like PDF\)$/),
      );
      expect(out.stdout).toContain("3 files: 1 imported, 1 skipped as duplicates, 1 failed.");
      // No terminal: no progress bar.
      expect(out.stderr).toBe("");

      // Run again: everything good is already there.
      const again = quire(["import", path.join(dir, "a-keeper.txt"), "--user", user.username], env);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain("1 file: 0 imported, 1 skipped as duplicates, 0 failed.");
    },
  );

  it("posts at once with --post and credits the pseud named with --pseud", { timeout: 60_000 }, async () => {
    const user = await buildUser(ctx);
    await buildPseud(ctx, user, "Lamp Light");
    const file = path.join(folder, "posted.txt");
    fs.writeFileSync(file, story("Posted From The Shell"));
    const out = quire(["import", file, "--user", user.username, "--pseud", "lamp light", "--post"], env);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/posted\.txt\s+imported and posted \(work /);
    expect(await worksOf(user.id)).toEqual([
      expect.objectContaining({ title: "Posted From The Shell", posted: 1, name: "Lamp Light" }),
    ]);
  });

  it("names an unknown user or pseud and imports nothing", { timeout: 60_000 }, async () => {
    const user = await buildUser(ctx);
    const file = path.join(folder, "nobody.txt");
    fs.writeFileSync(file, story("Nobody's"));
    const noUser = quire(["import", file, "--user", "nobody_at_all"], env);
    expect(noUser.code).toBe(1);
    expect(noUser.stderr).toContain("We couldn't find that user.");
    const noPseud = quire(["import", file, "--user", user.username, "--pseud", "Ghost"], env);
    expect(noPseud.code).toBe(1);
    expect(noPseud.stderr).toContain(`${user.username} has no pseud named “Ghost”.`);
    expect(await worksOf(user.id)).toEqual([]);
  });
});
