// An import computes its work's counters and index once, after all its chapters; what it leaves in
// the database must be what posting the same work chapter by chapter leaves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects } from "../../../test/support/dialects.js";
import { storedWork } from "../../../test/support/stored-work.js";
import { actorFor, buildUser, buildWork } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import { guest, type Actor } from "../actor.js";
import * as chapterRepo from "../chapters/chapter.repo.js";
import { addChapter, editChapter } from "../chapters/chapter.service.js";
import type { Ctx } from "../context.js";
import { emptyFilter } from "../search/work-filter.js";
import { findWorks } from "../search/work-search.service.js";
import { tagNameKey } from "../tags/tag-name.js";
import { findTagByKey, tagsOfWorks } from "../tags/tag.repo.js";
import type { TagType } from "../tags/tag-types.js";
import { addMetaTag, makeCanonical } from "../tags/wrangling.service.js";
import { postWork } from "../works/work.service.js";
import { importFile } from "./import.service.js";

const encode = (s: string) => new TextEncoder().encode(s);

/**
 * Four chapters: notes at the start of chapter 1 (the importer edits chapter 1 for them), end notes
 * on chapter 3, and a word of its own in chapter 2 (marmalade) and in the last chapter (`word`).
 */
const lantern = (title: string, word: string) => `Title: ${title}
Fandom: Harry Potter
Rating: Teen
Pairing: Harry/Hermione
Characters: Harry Potter, Hermione Granger, Ron Weasley
Tags: Lantern Slow Burn
Summary: Harry keeps the lantern lit through a long winter.

A/N: For everyone who waited.

Chapter 1: Frost

A/N: The first chapter is short.

Harry lit the lantern at the window of the tower. Hermione watched the frost creep across the glass and said nothing for a long while. Ron slept by the fire.

Chapter 2: Thaw

Hermione found the old map in the library, folded inside a book about marmalade and comets. Harry traced the corridors with a finger. Ron asked whether anyone had eaten.

Chapter 3: Bells

The bells rang at midnight. Harry and Hermione climbed the stairs with the lantern between them, and Ron followed, complaining about the cold and the stairs.

(A/N: One more to go.)

Chapter 4: Dawn

At dawn the lantern went out on its own. Harry laughed. Hermione wrote the word ${word} in the margin of the map, and Ron pretended to know what it meant.

The End
`;

/**
 * Posts (or saves as a draft) a copy of the work `workId` the way a person does: the work with its
 * first chapter, chapter 1's notes, then each further chapter, every step recomputing the work.
 */
async function postByHand(ctx: Ctx, actor: Actor, workId: string, action: "post" | "draft"): Promise<string> {
  const w = await ctx.db.selectFrom("works").selectAll().where("id", "=", workId).executeTakeFirstOrThrow();
  const tags = (await tagsOfWorks(ctx.db, [workId])).get(workId) ?? [];
  const names = (type: TagType) => tags.filter((t) => t.type === type).map((t) => t.name);
  const [first, ...rest] = await chapterRepo.listChapters(ctx.db, workId);
  const work = await postWork(
    ctx,
    actor,
    {
      title: w.title,
      rating: names("rating")[0],
      warnings: names("archive_warning"),
      categories: names("category"),
      fandoms: names("fandom"),
      relationships: names("relationship"),
      characters: names("character"),
      freeforms: names("freeform"),
      summary: w.summary,
      notes: w.notes,
      endnotes: w.endnotes,
      language: w.language,
      expected_chapters: w.expected_chapters === null ? "?" : String(w.expected_chapters),
      chapter_title: first!.title,
      text: first!.content,
      text_format: "html",
    },
    action,
    { countPosting: false },
  );
  const mine = await chapterRepo.findChapterAt(ctx.db, work.id, 1);
  await editChapter(
    ctx,
    actor,
    work.id,
    mine!.id,
    { summary: first!.summary, notes: first!.notes, endnotes: first!.endnotes },
    { patch: true },
  );
  for (const c of rest) {
    await addChapter(
      ctx,
      actor,
      work.id,
      {
        title: c.title,
        summary: c.summary,
        notes: c.notes,
        endnotes: c.endnotes,
        text: c.content,
        text_format: "html",
      },
      { countPosting: false },
    );
  }
  return work.id;
}

/** The work's row (counters included), its chapters, filter set and search document, without ids. */
const storedState = storedWork;

async function changesLogged(ctx: Ctx, doc: number): Promise<number> {
  const row = await ctx.db
    .selectFrom("work_changes")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("doc", "=", doc)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.each(dialects)("an imported work's counters and index on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    // A meta tag over the file's freeform, so the filter set holds an inherited tag too.
    const admin = actorFor(await buildUser(t.ctx, { isAdmin: true }));
    await buildWork(t.ctx, await buildUser(t.ctx), { freeforms: "Lantern Slow Burn, Lantern Feelings" });
    const sub = (await findTagByKey(t.ctx.db, tagNameKey("Lantern Slow Burn")))!;
    const meta = (await findTagByKey(t.ctx.db, tagNameKey("Lantern Feelings")))!;
    await makeCanonical(t.ctx, admin, sub.id, true);
    await makeCanonical(t.ctx, admin, meta.id, true);
    await addMetaTag(t.ctx, admin, sub.id, "Lantern Feelings");
  });
  afterAll(async () => {
    await t.close();
  });

  const search = async (query: string) =>
    (await findWorks(t.ctx, guest, { kind: "all" }, { ...emptyFilter(), query })).works.map((d) => d.work.id);

  it("leaves what posting it chapter by chapter leaves, and is found by a word of its last chapter", async () => {
    const actor = actorFor(await buildUser(t.ctx));
    const outcome = await importFile(
      t.ctx,
      actor,
      { fileName: "lantern.txt", bytes: encode(lantern("The Lantern Keeper", "zephyrine")) },
      { post: true, countPosting: false },
    );
    if (outcome.status !== "imported") throw new Error("not imported");
    const byHand = await postByHand(t.ctx, actor, outcome.workId, "post");

    const imported = await storedState(t.ctx, outcome.workId);
    const posted = await storedState(t.ctx, byHand);
    expect(imported.work).toMatchObject({
      posted: 1,
      posted_chapters: 4,
      expected_chapters: 4,
      complete: 1,
    });
    expect(imported.work.word_count).toBeGreaterThan(100);
    expect(imported.chapters.map((c) => c.notes)).toEqual(["<p>The first chapter is short.</p>", "", "", ""]);
    expect(imported.filterSet).toEqual(
      expect.arrayContaining([
        "Harry Potter - J. K. Rowling",
        "Lantern Slow Burn",
        "Lantern Feelings (inherited)",
      ]),
    );
    expect(imported.search).toHaveLength(1);
    expect(imported.work).toEqual(posted.work);
    expect(imported.chapters).toEqual(posted.chapters);
    expect(imported.filterSet).toEqual(posted.filterSet);
    expect(imported.search).toEqual(posted.search);

    const both = [outcome.workId, byHand].sort();
    expect((await search("zephyrine")).sort()).toEqual(both);
    expect((await search("marmalade")).sort()).toEqual(both);
    expect(await search("zephyrine -lantern")).toEqual([]);
  });

  it("leaves a draft as saving it chapter by chapter does, with no search document", async () => {
    const actor = actorFor(await buildUser(t.ctx));
    const outcome = await importFile(
      t.ctx,
      actor,
      { fileName: "draft.txt", bytes: encode(lantern("The Lantern Draft", "quillwort")) },
      { post: false, countPosting: false },
    );
    if (outcome.status !== "imported") throw new Error("not imported");
    const byHand = await postByHand(t.ctx, actor, outcome.workId, "draft");

    const imported = await storedState(t.ctx, outcome.workId);
    const saved = await storedState(t.ctx, byHand);
    // Drafts count every chapter, as on AO3.
    expect(imported.work).toMatchObject({ posted: 0, posted_chapters: 4, expected_chapters: 4, complete: 1 });
    expect(imported.filterSet).toContain("Lantern Feelings (inherited)");
    expect(imported.search).toEqual([]);
    expect(imported.work).toEqual(saved.work);
    expect(imported.chapters).toEqual(saved.chapters);
    expect(imported.filterSet).toEqual(saved.filterSet);
    expect(saved.search).toEqual([]);
    expect(await search("quillwort")).toEqual([]);
  });

  it("logs one change for the work, however many chapters it has", async () => {
    const actor = actorFor(await buildUser(t.ctx));
    const outcome = await importFile(
      t.ctx,
      actor,
      { fileName: "once.txt", bytes: encode(lantern("The Lantern Logged Once", "sarsenet")) },
      { post: true, countPosting: false },
    );
    if (outcome.status !== "imported") throw new Error("not imported");
    const byHand = await postByHand(t.ctx, actor, outcome.workId, "post");
    expect(await changesLogged(t.ctx, (await storedState(t.ctx, outcome.workId)).doc)).toBe(1);
    // Posting by hand logs a change at every step: the work, chapter 1's notes, three chapters.
    expect(await changesLogged(t.ctx, (await storedState(t.ctx, byHand)).doc)).toBe(5);
  });
});
