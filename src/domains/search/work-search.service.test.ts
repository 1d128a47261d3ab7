import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prng } from "../../../test/support/prng.js";
import { dialects } from "../../../test/support/dialects.js";
import { actorFor, buildUser, buildWork } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import { guest, type Actor } from "../actor.js";
import * as chapters from "../chapters/chapter.service.js";
import type { Ctx } from "../context.js";
import { tagNameKey } from "../tags/tag-name.js";
import { findTagByKey } from "../tags/tag.repo.js";
import { addMetaTag, makeCanonical, makeSynonym } from "../tags/wrangling.service.js";
import * as workRepo from "../works/work.repo.js";
import * as works from "../works/work.service.js";
import type { User } from "../users/user.js";
import { WorkFinder } from "./work-finder.js";
import { emptyFilter, filterLimits, parseWorkFilter, type WorkFilter } from "./work-filter.js";
import { findWorks, type ListingScope } from "./work-search.service.js";

function filter(overrides: Partial<WorkFilter> = {}): WorkFilter {
  return { ...emptyFilter(), ...overrides };
}

describe.each(dialects)("finding works on %s", (dialect) => {
  let t: TestApp;
  let admin: Actor;
  beforeAll(async () => {
    t = await createTestApp(dialect, { worksPerPage: 500 });
    admin = actorFor(await buildUser(t.ctx, { isAdmin: true }));
  });
  afterAll(async () => {
    await t.close();
  });

  const titles = async (
    actor: Actor,
    f: Partial<WorkFilter>,
    scope: ListingScope = { kind: "all" },
    ctx?: Ctx,
  ) => (await findWorks(ctx ?? t.ctx, actor, scope, filter(f))).works.map((d) => d.work.title).sort();

  describe("include and exclude against a brute-force oracle", () => {
    const pool = {
      fandoms: ["Oracle Fandom A", "Oracle Fandom B", "Oracle Fandom C"],
      characters: ["Oracle Ann", "Oracle Bo", "Oracle Cy", "Oracle Di"],
      freeforms: ["Oracle Angst", "Oracle Fluff", "Oracle AU"],
    };
    const ratings = ["General Audiences", "Teen And Up Audiences", "Explicit"];
    const posted: { title: string; tags: string[]; restricted: boolean }[] = [];
    let reader: User;

    beforeAll(async () => {
      const random = prng(5);
      reader = await buildUser(t.ctx);
      const author = await buildUser(t.ctx);
      const some = (list: string[]) => list.filter(() => random() < 0.4);
      for (let i = 0; i < 40; i++) {
        const fandoms = some(pool.fandoms);
        if (fandoms.length === 0) fandoms.push(pool.fandoms[i % 3]!);
        const characters = some(pool.characters);
        const freeforms = some(pool.freeforms);
        const rating = ratings[Math.floor(random() * ratings.length)]!;
        const restricted = random() < 0.2;
        const title = `Oracle work ${i}`;
        await buildWork(t.ctx, author, {
          title,
          rating,
          fandoms: fandoms.join(", "),
          characters: characters.join(", "),
          freeforms: freeforms.join(", "),
          restricted,
        });
        posted.push({ title, tags: [rating, ...fandoms, ...characters, ...freeforms], restricted });
      }
      // A draft with every tag: never found.
      await buildWork(
        t.ctx,
        author,
        { title: "Oracle draft", fandoms: pool.fandoms.join(", "), characters: pool.characters.join(", ") },
        "draft",
      );
    });

    it("finds exactly the works the oracle finds, for guests and readers", async () => {
      const random = prng(11);
      const all = [...pool.fandoms, ...pool.characters, ...pool.freeforms];
      for (let i = 0; i < 30; i++) {
        const include = all.filter(() => random() < 0.12);
        const exclude = all.filter((n) => !include.includes(n) && random() < 0.12);
        const includeRatings = ratings.filter(() => random() < 0.3);
        const actor = random() < 0.5 ? guest : actorFor(reader);
        const got = await titles(actor, {
          include: [...include, ...includeRatings],
          exclude,
          query: "oracle",
        });
        const want = posted
          .filter((w) => actor.kind === "user" || !w.restricted)
          .filter((w) => include.every((n) => w.tags.includes(n)))
          .filter((w) => includeRatings.length === 0 || includeRatings.some((r) => w.tags.includes(r)))
          .filter((w) => !exclude.some((n) => w.tags.includes(n)))
          .map((w) => w.title)
          .sort();
        expect(got, JSON.stringify({ include, exclude, includeRatings, actor: actor.kind })).toEqual(want);
      }
    });

    it("counts facets over the visible result only", async () => {
      const result = await findWorks(t.ctx, guest, { kind: "all" }, filter({ include: ["Oracle Fandom A"] }));
      const visible = posted.filter((w) => !w.restricted && w.tags.includes("Oracle Fandom A"));
      const fandoms = result.facets.find((f) => f.type === "fandom")!.tags;
      expect(fandoms.find((f) => f.name === "Oracle Fandom A")?.count).toBe(visible.length);
      const characters = result.facets.find((f) => f.type === "character")!.tags;
      for (const c of characters) expect(c.count).toBe(visible.filter((w) => w.tags.includes(c.name)).length);
      expect(result.total).toBe(visible.length);
    });
  });

  describe("wrangling", () => {
    it("finds works tagged with a synonym, or with a sub tag, under the canonical or meta tag", async () => {
      const author = await buildUser(t.ctx);
      const a = await buildWork(t.ctx, author, { title: "Syn A", relationships: "WrA Draco/WrA Harry" });
      const b = await buildWork(t.ctx, author, { title: "Syn B", relationships: "WrA Drarry" });
      const c = await buildWork(t.ctx, author, { title: "Syn C", freeforms: "WrA Sub Angst" });
      const canonical = (await findTagByKey(t.ctx.db, tagNameKey("WrA Draco/WrA Harry")))!;
      await makeCanonical(t.ctx, admin, canonical.id, true);
      const synonym = (await findTagByKey(t.ctx.db, tagNameKey("WrA Drarry")))!;
      await makeSynonym(t.ctx, admin, synonym.id, "WrA Draco/WrA Harry");
      expect(await titles(guest, { include: ["WrA Draco/WrA Harry"] })).toEqual([a.title, b.title]);
      // Filtering by the synonym's name means its canonical tag.
      expect(await titles(guest, { include: ["WrA Drarry"] })).toEqual([a.title, b.title]);
      expect(await titles(guest, { exclude: ["WrA Drarry"], query: "Syn" })).toEqual([c.title]);

      const sub = (await findTagByKey(t.ctx.db, tagNameKey("WrA Sub Angst")))!;
      await makeCanonical(t.ctx, admin, sub.id, true);
      await buildWork(t.ctx, author, { title: "Syn Meta", freeforms: "WrA Angst" });
      const meta = (await findTagByKey(t.ctx.db, tagNameKey("WrA Angst")))!;
      await makeCanonical(t.ctx, admin, meta.id, true);
      await addMetaTag(t.ctx, admin, sub.id, "WrA Angst");
      expect(await titles(guest, { include: ["WrA Angst"] })).toEqual([c.title, "Syn Meta"]);
      expect(await titles(guest, { include: ["WrA Sub Angst"] })).toEqual([c.title]);
    });
  });

  describe("visibility", () => {
    it("never lists or counts drafts, hidden works, or restricted works for guests", async () => {
      const author = await buildUser(t.ctx);
      const tag = "Visibility Fandom";
      await buildWork(t.ctx, author, { title: "Vis open", fandoms: tag });
      await buildWork(t.ctx, author, { title: "Vis locked", fandoms: tag, restricted: true });
      await buildWork(t.ctx, author, { title: "Vis draft", fandoms: tag }, "draft");
      const hidden = await buildWork(t.ctx, author, { title: "Vis hidden", fandoms: tag });
      await sql`update works set hidden_by_admin = 1 where id = ${hidden.id}`.execute(t.ctx.db);
      // Hiding is a change every index must hear about.
      await sql`insert into work_changes (doc, changed_at) values (${hidden.doc}, ${new Date().toISOString()})`.execute(
        t.ctx.db,
      );
      const forGuest = await findWorks(t.ctx, guest, { kind: "all" }, filter({ include: [tag] }));
      expect(forGuest.works.map((d) => d.work.title)).toEqual(["Vis open"]);
      expect(forGuest.total).toBe(1);
      expect(forGuest.facets.find((f) => f.type === "fandom")!.tags).toEqual([{ name: tag, count: 1 }]);
      const reader = actorFor(await buildUser(t.ctx));
      expect(await titles(reader, { include: [tag] })).toEqual(["Vis locked", "Vis open"]);
      expect(await titles(actorFor(author), { include: [tag] })).toEqual(["Vis locked", "Vis open"]);
    });

    it("drops a work posted back to draft state or deleted, in this process and in another", async () => {
      const author = await buildUser(t.ctx);
      const other: Ctx = { ...t.ctx, finder: new WorkFinder() };
      const work = await buildWork(t.ctx, author, { title: "Gone soon", fandoms: "Gone Fandom" });
      expect(await titles(guest, { include: ["Gone Fandom"] }, { kind: "all" }, other)).toEqual([
        "Gone soon",
      ]);
      await chapters.addChapter(t.ctx, actorFor(author), work.id, { title: "", text: "More words." });
      expect(
        (await findWorks(other, guest, { kind: "all" }, filter({ include: ["Gone Fandom"] }))).works[0]!.work
          .postedChapters,
      ).toBe(2);
      await works.deleteWork(t.ctx, actorFor(author), work.id);
      expect(await titles(guest, { include: ["Gone Fandom"] })).toEqual([]);
      expect(await titles(guest, { include: ["Gone Fandom"] }, { kind: "all" }, other)).toEqual([]);
    });

    it("shows a page's works only if the database lets the reader find them, whatever the index says", async () => {
      const author = await buildUser(t.ctx);
      const open = await buildWork(t.ctx, author, { title: "Db open" });
      const locked = await buildWork(t.ctx, author, { title: "Db locked", restricted: true });
      const draft = await buildWork(t.ctx, author, { title: "Db draft" }, "draft");
      const docs = [locked.doc, draft.doc, open.doc];
      const found = async (actor: Actor) =>
        (await workRepo.findWorksByDocs(t.ctx.db, actor, docs)).map((w) => w.title);
      expect(await found(guest)).toEqual(["Db open"]);
      expect(await found(actorFor(await buildUser(t.ctx)))).toEqual(["Db locked", "Db open"]);
    });

    it("loads again after more changes than it applies at once, and applies a load's recent changes in batches", async () => {
      const author = await buildUser(t.ctx);
      const fandom = `Batch Fandom ${dialect}`;
      for (let i = 1; i <= 5; i++) await buildWork(t.ctx, author, { title: `Batch ${i}`, fandoms: fandom });
      // A load goes back 30 s in the log: here more than 2 changes, which must not load again
      // (and again) but be applied 3 at a time.
      const finder = new WorkFinder({ reloadAfter: 2 });
      const other: Ctx = { ...t.ctx, finder };
      expect((await titles(guest, { include: [fandom] }, { kind: "all" }, other)).length).toBe(5);
      const firstLoad = finder.stats().loadedAt;
      expect(firstLoad).not.toBeNull();
      // Then 4 changes at once (more than 2) since the last listing: a new load.
      await new Promise((resolve) => setTimeout(resolve, 5));
      for (let i = 6; i <= 9; i++) await buildWork(t.ctx, author, { title: `Batch ${i}`, fandoms: fandom });
      expect((await titles(guest, { include: [fandom] }, { kind: "all" }, other)).length).toBe(9);
      expect(finder.stats().loadedAt!.getTime()).toBeGreaterThan(firstLoad!.getTime());
      // One change: applied, no load.
      const loadedAt = finder.stats().loadedAt;
      await buildWork(t.ctx, author, { title: "Batch 10", fandoms: fandom });
      expect((await titles(guest, { include: [fandom] }, { kind: "all" }, other)).length).toBe(10);
      expect(finder.stats().loadedAt).toBe(loadedAt);
    });

    // SQLite has one writer at a time, so a change can't commit after a later-numbered one there.
    it.runIf(dialect === "postgres")(
      "applies a change whose transaction was still open while another process loaded its index",
      async () => {
        const author = await buildUser(t.ctx);
        const fandom = `Open Transaction Fandom ${dialect}`;
        const work = await buildWork(t.ctx, author, { title: "Soon locked", fandoms: fandom });
        // The edit takes its change number, then waits, open, while a later change commits and
        // another process loads its index.
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        let entered!: () => void;
        const inside = new Promise<void>((resolve) => (entered = resolve));
        const edit = t.ctx.db.transaction().execute(async (trx) => {
          await works.editWork(
            { ...t.ctx, db: trx },
            actorFor(author),
            work.id,
            { restricted: true },
            { patch: true },
          );
          entered();
          await held;
        });
        await inside;
        await buildWork(t.ctx, author, { title: "Meanwhile", fandoms: fandom });
        const other: Ctx = { ...t.ctx, finder: new WorkFinder() };
        const before = await findWorks(other, guest, { kind: "all" }, filter({ include: [fandom] }));
        expect(before.total).toBe(2);
        release();
        await edit;
        const after = await findWorks(other, guest, { kind: "all" }, filter({ include: [fandom] }));
        expect(after.works.map((d) => d.work.title)).toEqual(["Meanwhile"]);
        expect(after.total).toBe(1);
        expect(after.facets.find((f) => f.type === "fandom")!.tags).toEqual([{ name: fandom, count: 1 }]);
      },
    );
  });

  describe("full-text search", () => {
    beforeAll(async () => {
      const author = await buildUser(t.ctx, { username: `Quillfeather${dialect}` });
      await buildWork(t.ctx, author, {
        title: "Dragons of Autumn",
        summary: "A knight and a dragon become friends.",
        text: "The dragon slept under the mountain. Found family, at last.",
        fandoms: "Search Fandom",
        freeforms: "Slow Burn",
      });
      await buildWork(t.ctx, author, {
        title: "Winter Knight",
        summary: "A knight alone.",
        text: "Snow fell on the Pokémon trainer's hat. No dragons here.",
        fandoms: "Search Fandom",
      });
      await buildWork(t.ctx, author, {
        title: "Summer Tea",
        summary: "Tea and cake.",
        text: "A quiet story of family and tea.",
        fandoms: "Other Search Fandom",
      });
    });

    const search = (q: string) => titles(guest, { query: q });

    it("matches all words, phrases, exclusions, OR and fields", async () => {
      expect(await search("knight dragon")).toEqual(["Dragons of Autumn"]);
      expect(await search('"found family"')).toEqual(["Dragons of Autumn"]);
      expect(await search("knight -dragon")).toEqual(["Winter Knight"]);
      expect(await search("cake OR snow")).toEqual(["Summer Tea", "Winter Knight"]);
      expect(await search("title:knight")).toEqual(["Winter Knight"]);
      expect(await search(`creator:quillfeather${dialect}`)).toEqual([
        "Dragons of Autumn",
        "Summer Tea",
        "Winter Knight",
      ]);
      expect(await search('tag:"slow burn"')).toEqual(["Dragons of Autumn"]);
      expect(await search('fandom:"other search fandom"')).toEqual(["Summer Tea"]);
      expect(await search("pokemon")).toEqual(["Winter Knight"]);
      expect(await search("drag*")).toEqual(["Dragons of Autumn", "Winter Knight"]);
      expect(await search("-knight -dragons fandom:search")).toEqual(["Summer Tea"]);
    });

    it("applies shortcuts, sorts by best match, and shows matched snippets", async () => {
      const result = await findWorks(t.ctx, guest, { kind: "all" }, filter({ query: "mountain words<50" }));
      expect(result.works.map((d) => d.work.title)).toEqual(["Dragons of Autumn"]);
      expect(result.sort).toBe("relevance");
      const parts = result.snippets.get(result.works[0]!.work.id)!;
      expect(parts.filter((p) => p.mark).map((p) => p.text)).toEqual(["mountain"]);
      expect(
        (await findWorks(t.ctx, guest, { kind: "all" }, filter({ query: "knight sort:title" }))).sort,
      ).toBe("title");
    });

    it("never finds a draft's words", async () => {
      const author = await buildUser(t.ctx);
      await buildWork(
        t.ctx,
        author,
        { title: "Secret draft", text: "A zyzzyva sang all night long in the garden." },
        "draft",
      );
      expect(await search("zyzzyva")).toEqual([]);
    });
  });

  describe("bad input", () => {
    it("notes unknown tags and looks for them in tags' text", async () => {
      const result = await findWorks(t.ctx, guest, { kind: "all" }, filter({ include: ["Slow burn!!"] }));
      expect(result.notes.join(" ")).toContain("No tag is called “Slow burn!!”");
    });

    it("explains a contradiction instead of listing", async () => {
      const result = await findWorks(
        t.ctx,
        guest,
        { kind: "all" },
        filter({ include: ["Search Fandom"], exclude: ["search fandom"] }),
      );
      expect(result.total).toBe(0);
      expect(result.notes.join(" ")).toContain("both included and excluded");
    });

    it("names bad parameters and ignores them", () => {
      const { filter: f, problems } = parseWorkFilter(
        {
          words_from: "lots",
          updated_to: "2026-02-30",
          sort: "stars",
          dir: "up",
          page: "-3",
          crossover: "x",
          complete: "y",
        },
        filterLimits(t.ctx.config),
      );
      expect(problems.map((p) => p.param).sort()).toEqual(
        ["complete", "crossover", "dir", "page", "sort", "updated_to", "words_from"].sort(),
      );
      expect(f).toEqual(emptyFilter());
    });

    it("turns a huge or deeply nested query into a message, not a failure", async () => {
      for (const q of [
        "a ".repeat(5000),
        "(".repeat(5000) + "a" + ")".repeat(5000),
        "a OR ".repeat(300) + "b",
      ]) {
        const result = await findWorks(t.ctx, guest, { kind: "all" }, filter({ query: q }));
        expect(result.problems.map((p) => p.param)).toEqual(["q"]);
      }
    });

    it("answers a page past the end with no works and a note", async () => {
      const result = await findWorks(t.ctx, guest, { kind: "all" }, filter({ page: 999 }));
      expect(result.works).toEqual([]);
      expect(result.notes.join(" ")).toContain("only");
    });
  });
});
