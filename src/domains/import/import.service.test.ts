import { readFileSync } from "node:fs";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects } from "../../../test/support/dialects.js";
import { errorOf } from "../../../test/support/errors.js";
import { actorFor, buildPseud, buildUser, buildWork } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import { Forbidden, Invalid, TooManyRequests } from "../../lib/errors.js";
import { guest } from "../actor.js";
import * as chapterRepo from "../chapters/chapter.repo.js";
import type { Ctx } from "../context.js";
import { findWorkForReading } from "../works/work.queries.js";
import { countWords } from "../../content/word-count.js";
import { readAndPrepare } from "./import-prepare.js";
import { importLimits } from "./import-limits.js";
import { ImportRefused } from "./import-refused.js";
import {
  contentHash,
  importFile,
  importSuggestionsForWork,
  languageCode,
  messages,
  suggestionsOf,
} from "./import.service.js";

const encode = (s: string) => new TextEncoder().encode(s);

/** A two-chapter text fic: a title line, header fields, a disclaimer and a note, "The End". */
const station = `The Boy Who Waited

Rating: Teen
Warnings: None
Summary: Harry waits at the station for a train that never comes.
Disclaimer: I don't own Harry Potter.

A/N: Thanks to my beta.

Chapter 1: The Station

Harry sat on the bench at Hogwarts station. Hermione came by and sat next to Harry. Ron brought sweets. Harry laughed. Hogwarts was far away. Harry and Hermione talked about Hogwarts and Ron. Dumbledore watched from afar. Harry thought about Snape and Hogwarts.

Chapter 2: The Train

The train came at last, and Harry got on it with Hermione and Ron. Hogwarts waited for them. Harry smiled. Hermione read a book. Ron ate.

The End
`;

/** Counts of the rows an import writes, to check that a failed one wrote none. */
async function rowCounts(ctx: Ctx) {
  const count = async (table: "works" | "chapters" | "imports" | "work_tags") =>
    Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number | string>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    works: await count("works"),
    chapters: await count("chapters"),
    imports: await count("imports"),
    workTags: await count("work_tags"),
  };
}

describe("readAndPrepare", () => {
  it("gives the work's text and each chapter the word count of its own stored HTML", async () => {
    const threeChapters = `${station.replace("The End\n", "")}\nChapter 3: Home\n\nThey got home. The end of a long day.\n`;
    const read = await readAndPrepare("station.txt", encode(threeChapters), {
      limits: {
        maxBytes: 1_000_000,
        maxUnzippedBytes: 1_000_000,
        maxZipEntries: 10_000,
        timeLimitMs: 10_000,
      },
      fileNameTitle: true,
    });
    const fields = [read.prepared.work.text!, ...read.prepared.chapters.map((c) => c.text!)];
    expect(fields.map((f) => f.words)).toEqual(fields.map((f) => countWords(f.html)));
    expect(new Set(fields.map((f) => f.words)).size).toBe(3);
  });
});

describe("languageCode", () => {
  it.each([
    ["English", "en"],
    ["german", "de"],
    ["Deutsch", "de"],
    ["Brazilian Portuguese", "pt-BR"],
    ["American English", "en"],
    ["fr", "fr"],
    ["Klingon", "en"],
    [null, "en"],
  ])("maps %s to %s", (name, code) => {
    expect(languageCode(name)).toBe(code);
  });
});

describe.each(dialects)("importing fic files on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it("makes a draft with the title, declared and inferred tags, notes and chapters", async () => {
    const user = await buildUser(t.ctx);
    const actor = actorFor(user);
    const outcome = await importFile(
      t.ctx,
      actor,
      { fileName: "boy.txt", bytes: encode(station) },
      { post: false },
    );
    expect(outcome.status).toBe("imported");
    if (outcome.status !== "imported") return;
    expect(outcome.title).toBe("The Boy Who Waited");
    expect(outcome.posted).toBe(false);

    const { detail, chapters } = await findWorkForReading(t.ctx, actor, outcome.workId);
    const w = detail.work;
    expect(w.posted).toBe(false);
    expect(w.title).toBe("The Boy Who Waited");
    expect(w.summary).toBe("<p>Harry waits at the station for a train that never comes.</p>");
    // The disclaimer comes first in the beginning notes.
    expect(w.notes).toBe("<p>I don't own Harry Potter.</p><p>Thanks to my beta.</p>");
    expect(w.language).toBe("en");
    expect(w.expectedChapters).toBe(2);
    const names = (type: keyof typeof detail.tags) => detail.tags[type].map((tag) => tag.name);
    expect(names("rating")).toEqual(["Teen And Up Audiences"]);
    expect(names("archive_warning")).toEqual(["No Archive Warnings Apply"]);
    expect(names("fandom")).toEqual(["Harry Potter - J. K. Rowling"]);
    expect(names("character")).toEqual(expect.arrayContaining(["Harry Potter", "Hermione Granger"]));
    expect(detail.creators.map((c) => c.pseudName)).toEqual([user.username]);
    expect(chapters.map((c) => [c.position, c.title, c.posted])).toEqual([
      [1, "The Station", false],
      [2, "The Train", false],
    ]);
    const second = await chapterRepo.findChapterAt(t.ctx.db, w.id, 2);
    expect(second?.content).toMatch(/^<p>The train came at last/);

    const suggestions = await importSuggestionsForWork(t.ctx, w.id);
    expect(suggestions?.titleSource).toBe("heading");
    expect(suggestions?.tags.fandoms?.[0]).toMatchObject({ name: "Harry Potter - J. K. Rowling" });
    expect(suggestions?.tags.fandoms?.[0]?.evidence).toMatch(/Harry ×\d+/);
    // Declared fields are not suggestions.
    expect(suggestions?.tags.rating).toBeUndefined();
    expect(suggestions?.tags.warnings).toBeUndefined();
  });

  it("backdates a work to the date its file gives, and files the parts of a series in order, however they come", async () => {
    const part1 = readFileSync("test/fixtures/import/corpus/packaged/ao3-download-multichapter.html", "utf8");
    expect(part1).toContain("Part 1 of");
    expect(part1).toContain("Published: 2016-02-02");
    const part = (n: number, date: string, title: string) =>
      part1
        .replace("Part 1 of", `Part ${n} of`)
        .replace("Published: 2016-02-02", `Published: ${date}`)
        .replaceAll("The Montague Street Lamp", title);
    const user = await buildUser(t.ctx);
    const actor = actorFor(user);
    const load = async (name: string, html: string) => {
      const outcome = await importFile(t.ctx, actor, { fileName: name, bytes: encode(html) }, { post: true });
      if (outcome.status !== "imported") throw new Error(`${name} not imported`);
      return outcome.workId;
    };
    const detail = async (id: string) => (await findWorkForReading(t.ctx, actor, id)).detail;
    // Part 3 first, then part 1, then part 2.
    const rain = await load("rain.html", part(3, "2016-09-09", "The Montague Street Rain"));
    const lamp = await load("lamp.html", part1);
    const fog = await load("fog.html", part(2, "2016-06-30", "The Montague Street Fog"));
    const [l, f, r] = [await detail(lamp), await detail(fog), await detail(rain)];
    expect(l.work.backdated).toBe(true);
    expect(l.work.publishedAt).toBe("2016-02-02T00:00:00.000Z");
    expect(f.work.publishedAt).toBe("2016-06-30T00:00:00.000Z");
    const series = l.series[0]!;
    expect(series.title).toBe("The Montague Street Files");
    expect([l, f, r].map((d) => d.series.map((s) => [s.id, s.position]))).toEqual([
      [[series.id, 1]],
      [[series.id, 2]],
      [[series.id, 3]],
    ]);

    // Another account's copy begins its own series.
    const other = actorFor(await buildUser(t.ctx));
    const copy = await importFile(
      t.ctx,
      other,
      { fileName: "lamp.html", bytes: encode(part1) },
      { post: false },
    );
    if (copy.status !== "imported") throw new Error("not imported");
    const theirs = (await findWorkForReading(t.ctx, other, copy.workId)).detail;
    expect(theirs.series).toHaveLength(1);
    expect(theirs.series[0]!.id).not.toBe(series.id);
  });

  it("files parts imported at the same time into one new series", async () => {
    // Two uploads (or two `quire import` runs) of one account at once, each naming a series the
    // account doesn't have yet: each would find none and begin its own, without a lock.
    const part1 = readFileSync("test/fixtures/import/corpus/packaged/ao3-download-multichapter.html", "utf8");
    const actor = actorFor(await buildUser(t.ctx));
    const files = [1, 2, 3, 4].map((n) => ({
      fileName: `part-${n}.html`,
      bytes: encode(
        part1
          .replace("Part 1 of", `Part ${n} of`)
          .replaceAll("The Montague Street Lamp", `The Montague Street Lamp ${n}`),
      ),
    }));
    const limits = importLimits(t.ctx.config);
    const read = await Promise.all(files.map((f) => readAndPrepare(f.fileName, f.bytes, { limits })));
    const outcomes = await Promise.all(
      files.map((f, i) => importFile(t.ctx, actor, f, { post: true }, read[i])),
    );
    const ids = outcomes.map((o) => (o.status === "imported" ? o.workId : o.status));
    const series = await Promise.all(
      ids.map(async (id) => (await findWorkForReading(t.ctx, actor, id)).detail.series),
    );
    expect(new Set(series.map((s) => s[0]?.id)).size).toBe(1);
    // Each part at its own place, whichever transaction went first.
    expect(series.map((s) => s.map((x) => x.position))).toEqual([[1], [2], [3], [4]]);
  });

  it("files a part into the older of two series of the account's with the file's series title", async () => {
    const part1 = readFileSync("test/fixtures/import/corpus/packaged/ao3-download-multichapter.html", "utf8");
    const user = await buildUser(t.ctx);
    const actor = actorFor(user);
    const at = (iso: string): Ctx => ({ ...t.ctx, now: () => new Date(iso) });
    // The newer one's title sorts first ("the …" before "The …"), so a pick by title would take it.
    const older = await buildWork(at("2020-01-01T00:00:00Z"), user, {
      series_title: "The Montague Street Files",
    });
    const newer = await buildWork(at("2021-01-01T00:00:00Z"), user, {
      series_title: "the montague street files",
    });
    const seriesOf = async (id: string) => (await findWorkForReading(t.ctx, actor, id)).detail.series[0]!.id;
    const outcome = await importFile(
      t.ctx,
      actor,
      { fileName: "lamp.html", bytes: encode(part1.replace("Part 1 of", "Part 2 of")) },
      { post: true },
    );
    if (outcome.status !== "imported") throw new Error("not imported");
    expect(await seriesOf(outcome.workId)).toBe(await seriesOf(older.id));
    expect(await seriesOf(outcome.workId)).not.toBe(await seriesOf(newer.id));
  });

  it("imports an EPUB whose package has NUL characters in its title and subjects, without them", async () => {
    const container = `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`;
    const opf = `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Bad\u0000Title</dc:title><dc:creator>ink</dc:creator><dc:subject>Fluff\u0000Tag</dc:subject><dc:language>en</dc:language></metadata><manifest><item id="c" href="c.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c"/></spine></package>`;
    const chapter = `<html xmlns="http://www.w3.org/1999/xhtml"><body><p>The keeper climbed the stairs of the lighthouse.</p></body></html>`;
    const bytes = zipSync({
      mimetype: [strToU8("application/epub+zip"), { level: 0 }],
      "META-INF/container.xml": strToU8(container),
      "content.opf": strToU8(opf),
      "c.xhtml": strToU8(chapter),
    });
    const actor = actorFor(await buildUser(t.ctx));
    const outcome = await importFile(t.ctx, actor, { fileName: "nul.epub", bytes }, { post: true });
    if (outcome.status !== "imported") throw new Error(`not imported: ${JSON.stringify(outcome)}`);
    const { detail } = await findWorkForReading(t.ctx, actor, outcome.workId);
    expect(detail.work.title).toBe("BadTitle");
    expect(detail.tags.freeform.map((tag) => tag.name)).toContain("FluffTag");
  });

  it("imports a file dated after the archive's clock without backdating it", async () => {
    const html = readFileSync("test/fixtures/import/corpus/packaged/ao3-download-multichapter.html", "utf8");
    const actor = actorFor(await buildUser(t.ctx));
    const before: Ctx = { ...t.ctx, now: () => new Date("2016-01-15T12:00:00Z") };
    const outcome = await importFile(
      before,
      actor,
      { fileName: "lamp.html", bytes: encode(html) },
      { post: true },
    );
    if (outcome.status !== "imported") throw new Error("not imported");
    const { detail } = await findWorkForReading(t.ctx, actor, outcome.workId);
    expect(detail.work.backdated).toBe(false);
    expect(detail.work.publishedAt).toBe("2016-01-15T12:00:00.000Z");

    // A day that doesn't exist is not a date to backdate to either.
    const bad = await importFile(
      t.ctx,
      actor,
      {
        fileName: "bad-day.html",
        bytes: encode(html.replace("Published: 2016-02-02", "Published: 2016-02-31")),
      },
      { post: true },
    );
    if (bad.status !== "imported") throw new Error("not imported");
    expect((await findWorkForReading(t.ctx, actor, bad.workId)).detail.work.backdated).toBe(false);
  });

  it("imports a part number no series can have without one, and keeps the series", async () => {
    const actor = actorFor(await buildUser(t.ctx));
    const outcome = await importFile(
      t.ctx,
      actor,
      { fileName: "far.txt", bytes: encode(`Series: Part 3000000000 of Far Too Long\n\n${station}`) },
      { post: false },
    );
    if (outcome.status !== "imported") throw new Error("not imported");
    const { detail } = await findWorkForReading(t.ctx, actor, outcome.workId);
    expect(detail.series.map((s) => [s.title, s.position])).toEqual([["Far Too Long", 1]]);
  });

  it("posts the work and its chapters with post: true", async () => {
    const user = await buildUser(t.ctx);
    const actor = actorFor(user);
    const outcome = await importFile(
      t.ctx,
      actor,
      { fileName: "boy.txt", bytes: encode(station) },
      { post: true },
    );
    if (outcome.status !== "imported") throw new Error("not imported");
    expect(outcome.posted).toBe(true);
    const { detail, chapters } = await findWorkForReading(t.ctx, guest, outcome.workId);
    expect(detail.work.posted).toBe(true);
    expect(detail.work.complete).toBe(true);
    expect(chapters.map((c) => c.posted)).toEqual([true, true]);
  });

  it("skips the same bytes imported again by the same account, and writes nothing", async () => {
    const user = await buildUser(t.ctx);
    const actor = actorFor(user);
    const bytes = encode(station.replace("The Boy Who Waited", "The Boy Who Waited Twice"));
    const first = await importFile(t.ctx, actor, { fileName: "a.txt", bytes }, { post: false });
    const before = await rowCounts(t.ctx);
    const again = await importFile(t.ctx, actor, { fileName: "renamed.txt", bytes }, { post: true });
    expect(again).toEqual({ status: "duplicate", workId: first.workId });
    expect(await rowCounts(t.ctx)).toEqual(before);
    // Another account may import the same file.
    const other = await importFile(
      t.ctx,
      actorFor(await buildUser(t.ctx)),
      { fileName: "a.txt", bytes },
      { post: false },
    );
    expect(other.status).toBe("imported");
  });

  it("refuses a file it can't read, and writes nothing", async () => {
    const user = await buildUser(t.ctx);
    const before = await rowCounts(t.ctx);
    const err = await errorOf(
      importFile(
        t.ctx,
        actorFor(user),
        {
          fileName: "scan.pdf",
          bytes: encode("%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
        },
        { post: false },
      ),
    );
    expect(err).toBeInstanceOf(ImportRefused);
    expect((err as Error).message).toMatch(/not a document Quire can read \(looks like PDF\)/);
    expect(await rowCounts(t.ctx)).toEqual(before);
  });

  it("credits the chosen pseud, and refuses another account's", async () => {
    const user = await buildUser(t.ctx);
    const pen = await buildPseud(t.ctx, user, "Quill");
    const bytes = encode(station.replace("The Boy Who Waited", "Penned"));
    const outcome = await importFile(
      t.ctx,
      actorFor(user),
      { fileName: "p.txt", bytes },
      { post: false, pseudId: pen.id },
    );
    const { detail } = await findWorkForReading(t.ctx, actorFor(user), outcome.workId);
    expect(detail.creators.map((c) => c.pseudName)).toEqual(["Quill"]);

    const theirs = await buildPseud(t.ctx, await buildUser(t.ctx), "Borrowed");
    const err = await errorOf(
      importFile(
        t.ctx,
        actorFor(user),
        { fileName: "q.txt", bytes: encode(station) },
        { post: false, pseudId: theirs.id },
      ),
    );
    expect((err as Invalid).fields).toEqual({ pseud_id: messages.pseudNotYours });
  });

  it("refuses a guest", async () => {
    const err = await errorOf(
      importFile(t.ctx, guest, { fileName: "a.txt", bytes: encode(station) }, { post: false }),
    );
    expect(err).toBeInstanceOf(Forbidden);
  });

  it("takes the title from the file name when nothing names one", async () => {
    const user = await buildUser(t.ctx);
    const bytes = encode(
      "Once upon a time there was a fox who lived in the forest and liked bread. He ate it all day.\n",
    );
    const outcome = await importFile(
      t.ctx,
      actorFor(user),
      { fileName: "my_fox_story.txt", bytes },
      { post: false },
    );
    if (outcome.status !== "imported") throw new Error("not imported");
    expect(outcome.title).toBe("my fox story");
    const { detail } = await findWorkForReading(t.ctx, actorFor(user), outcome.workId);
    // Nothing declared: the archive's "no choice" values, chapter count unknown.
    expect(detail.tags.rating.map((tag) => tag.name)).toEqual(["Not Rated"]);
    expect(detail.tags.archive_warning.map((tag) => tag.name)).toEqual([
      "Choose Not To Use Archive Warnings",
    ]);
    expect(detail.tags.fandom.map((tag) => tag.name)).toEqual(["No Fandom"]);
    expect(detail.work.expectedChapters).toBeNull();
    expect((await importSuggestionsForWork(t.ctx, outcome.workId))?.titleSource).toBe("filename");
  });

  it("saves HTML through the posting sanitizer", async () => {
    const user = await buildUser(t.ctx);
    const html = `<!doctype html><html><head><title>Scripted</title></head><body><h1>Scripted</h1>
<p>Fandom: Original Work</p>
<p>The story begins here, and it goes on for a while under the moon.</p><script>alert(1)</script>
<p onclick="evil()">Another <img src=x onerror=alert(2)> paragraph with <a href="https://example.org/" onmouseover="alert(3)">a link</a>, <a href="javascript:alert(4)">another</a> and <em>emphasis</em>.</p>
<iframe src="https://evil.example/"></iframe></body></html>`;
    const outcome = await importFile(
      t.ctx,
      actorFor(user),
      { fileName: "scripted.html", bytes: encode(html) },
      { post: false },
    );
    const chapter = await chapterRepo.findChapterAt(t.ctx.db, outcome.workId, 1);
    expect(chapter?.content).not.toMatch(
      /<script|alert|onclick|onerror|onmouseover|javascript:|<iframe|<img/i,
    );
    expect(chapter?.content).toContain('<a href="https://example.org/" rel="nofollow">a link</a>');
    expect(chapter?.content).toContain("<em>emphasis</em>");
  });

  it("counts an imported work once toward the posting limit, however many chapters it has", async () => {
    const limited = await createTestApp(dialect, { postsPerHour: 2 });
    try {
      const user = await buildUser(limited.ctx);
      const actor = actorFor(user);
      const three = station.replace(
        "The End",
        "Chapter 3: The Return\n\nHarry came home from Hogwarts with Ron and Hermione at last.\n\nThe End",
      );
      await importFile(limited.ctx, actor, { fileName: "1.txt", bytes: encode(three) }, { post: true });
      await importFile(
        limited.ctx,
        actor,
        { fileName: "2.txt", bytes: encode(`${three}\n`) },
        { post: false },
      );
      expect(
        await errorOf(
          importFile(limited.ctx, actor, { fileName: "3.txt", bytes: encode(station) }, { post: false }),
        ),
      ).toBeInstanceOf(TooManyRequests);
      // The operator's bulk import leaves the limit alone.
      const bulk = await importFile(
        limited.ctx,
        actor,
        { fileName: "3.txt", bytes: encode(station) },
        { post: false, countPosting: false },
      );
      expect(bulk.status).toBe("imported");
    } finally {
      await limited.close();
    }
  });

  describe("a file that breaks a posting limit", () => {
    let small: TestApp;
    beforeAll(async () => {
      small = await createTestApp(dialect, { summaryMax: 10 });
    });
    afterAll(async () => {
      await small.close();
    });

    it("fails with the message naming the field, and writes no work, chapter or import", async () => {
      const user = await buildUser(small.ctx);
      const before = await rowCounts(small.ctx);
      const err = await errorOf(
        importFile(
          small.ctx,
          actorFor(user),
          { fileName: "boy.txt", bytes: encode(station) },
          { post: false },
        ),
      );
      expect(err).toBeInstanceOf(Invalid);
      expect((err as Invalid).fields.summary).toMatch(/at most 10 characters/);
      expect((err as Invalid).message).toMatch(/^Summary: A summary must be at most 10 characters long\./);
      expect(await rowCounts(small.ctx)).toEqual(before);
    });

    it("rolls back the work when a later chapter is too short", async () => {
      const user = await buildUser(small.ctx);
      const short = station.replace(/Summary: .*\n/, "").replace(/The train came at last[^\n]*/, "Ha.");
      const before = await rowCounts(small.ctx);
      const err = await errorOf(
        importFile(
          small.ctx,
          actorFor(user),
          { fileName: "short.txt", bytes: encode(short) },
          { post: false },
        ),
      );
      expect(err).toBeInstanceOf(Invalid);
      expect((err as Invalid).fields["chapters.2.text"]).toMatch(/at least 10 characters/);
      expect((err as Invalid).message).toMatch(/^Chapter 2 text: /);
      expect(await rowCounts(small.ctx)).toEqual(before);
    });
  });

  it("keeps only inferred tags as suggestions", () => {
    const tag = (name: string, source: "declared" | "inferred") => ({
      name,
      source,
      confidence: source === "declared" ? 1 : 0.5,
      evidence: "e",
    });
    const suggestions = suggestionsOf({
      file: "f.txt",
      format: "txt",
      source: "generic",
      title: "T",
      titleSource: "filename",
      authors: [],
      summary: null,
      disclaimer: null,
      notes: { begin: null, end: null },
      rating: tag("Mature", "inferred"),
      warnings: [],
      categories: [],
      fandoms: [tag("Sherlock (TV)", "declared")],
      relationships: [],
      characters: [tag("John Watson", "inferred"), tag("Sherlock Holmes", "declared")],
      freeforms: [],
      language: null,
      complete: null,
      series: null,
      published: null,
      chapters: [],
      words: 0,
      diagnostics: [],
    });
    expect(suggestions).toEqual({
      titleSource: "filename",
      tags: {
        rating: [{ name: "Mature", evidence: "e", confidence: 0.5 }],
        characters: [{ name: "John Watson", evidence: "e", confidence: 0.5 }],
      },
    });
    expect(contentHash(encode("abc"))).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });
});
