import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects } from "../../../test/support/dialects.js";
import { storedWork } from "../../../test/support/stored-work.js";
import { actorFor, buildUser } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import type { Ctx } from "../context.js";
import { importFiles, type BulkRow } from "./import-bulk.js";
import { importLimits } from "./import-limits.js";
import { importFile } from "./import.service.js";
import { ReadPool } from "./read-pool.js";

const story = (title: string, word: string) => `Title: ${title}
Fandom: Original Work
Rating: General Audiences

Chapter 1: Tide

The lighthouse keeper counted the waves again, and the gulls counted him. The ${word} lamp burned all night.

A/N: More soon.

Chapter 2: Shore

In the morning the keeper walked the shore and found a bottle with a letter in it, and read it twice.

The End
`;

/** A work as stored (row, chapters, filter set, search document), without what differs between two copies. */
async function stored(ctx: Ctx, workId: string) {
  const { doc: _doc, search, ...rest } = await storedWork(ctx, workId);
  // Two accounts import the same file: their names are the only difference in the search document.
  return { ...rest, search: search.map(({ creators: _c, everything: _e, ...fields }) => fields) };
}

describe.each(dialects)("importFiles on %s", (dialect) => {
  let t: TestApp;
  let pool: ReadPool;
  let folder: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    pool = new ReadPool({ limits: importLimits(t.config), size: 2, fileNameTitle: true });
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "quire-bulk-"));
  }, 60_000);
  afterAll(async () => {
    await pool.close();
    fs.rmSync(folder, { recursive: true, force: true });
    await t.close();
  });

  const write = (name: string, text: string) => {
    const file = path.join(folder, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it(
    "imports in the order given: a copy later in the run and a file imported before are duplicates, a bad file fails, the rest go on",
    { timeout: 60_000 },
    async () => {
      const user = await buildUser(t.ctx);
      const actor = actorFor(user);
      const before = write("before.txt", story("Imported Before", "amber"));
      const earlier = await importFile(
        t.ctx,
        actor,
        { fileName: before, bytes: fs.readFileSync(before) },
        { post: true, countPosting: false },
      );
      const files = [
        write("a-keeper.txt", story("The Keeper", "brass")),
        write("b-shore.txt", story("The Shore", "copper")),
        write("c-copy.txt", story("The Keeper", "brass")),
        write("d-scan.pdf", "%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<< >>\nendobj\n"),
        before,
      ];
      const seen: number[] = [];
      const rows = await importFiles(t.ctx, actor, files, {
        post: true,
        countPosting: false,
        pool,
        onFile: (row, i) => {
          seen.push(i);
          expect(row.file).toBe(files[i]);
        },
      });
      expect(seen).toEqual([0, 1, 2, 3, 4]);
      expect(rows.map((r) => r.status)).toEqual(["imported", "imported", "duplicate", "failed", "duplicate"]);
      const [a, b, copy, scan, again] = rows as [BulkRow, BulkRow, BulkRow, BulkRow, BulkRow];
      if (a.status !== "imported" || b.status !== "imported") throw new Error("not imported");
      expect(a.title).toBe("The Keeper");
      expect(b.title).toBe("The Shore");
      expect(copy).toMatchObject({ status: "duplicate", workId: a.workId });
      expect(scan).toMatchObject({
        status: "failed",
        reason: expect.stringMatching(/^not a document Quire can read/u),
      });
      expect(again).toMatchObject({ status: "duplicate", workId: earlier.workId });
      expect(a.bytes).toBe(fs.statSync(files[0]!).size);
      const works = await t.ctx.db
        .selectFrom("works")
        .innerJoin("creatorships", "creatorships.work_id", "works.id")
        .innerJoin("pseuds", "pseuds.id", "creatorships.pseud_id")
        .select("works.title")
        .where("pseuds.user_id", "=", user.id)
        .orderBy("works.title")
        .execute();
      expect(works.map((w) => w.title)).toEqual(["Imported Before", "The Keeper", "The Shore"]);
    },
  );

  it("saves what importing each file on this thread saves", { timeout: 60_000 }, async () => {
    const file = write("lamp.txt", story("The Lamp", "silver"));
    const [row] = await importFiles(t.ctx, actorFor(await buildUser(t.ctx)), [file], {
      post: true,
      countPosting: false,
      pool,
    });
    const here = await importFile(
      t.ctx,
      actorFor(await buildUser(t.ctx)),
      { fileName: file, bytes: fs.readFileSync(file) },
      { post: true, countPosting: false },
    );
    if (row?.status !== "imported" || here.status !== "imported") throw new Error("not imported");
    const fromPool = await stored(t.ctx, row.workId);
    expect(fromPool.chapters).toHaveLength(2);
    expect(fromPool.search).toHaveLength(1);
    expect(fromPool).toEqual(await stored(t.ctx, here.workId));
  });
});
