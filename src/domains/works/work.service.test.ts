import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects } from "../../../test/support/dialects.js";
import { errorOf } from "../../../test/support/errors.js";
import { actorFor, buildPseud, buildUser, buildWork, workFields } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import { Forbidden, Invalid, NotFound, TooManyRequests, Unauthorized } from "../../lib/errors.js";
import { DAY, HOUR } from "../../lib/time.js";
import { guest } from "../actor.js";
import * as chapterRepo from "../chapters/chapter.repo.js";
import * as chapters from "../chapters/chapter.service.js";
import * as seriesService from "../series/series.service.js";
import { deleteAccount } from "../users/user.service.js";
import { deletePseud } from "../users/pseud.service.js";
import { recordHit } from "./hit.service.js";
import * as workRepo from "./work.repo.js";
import { suggestTags } from "../tags/tag.service.js";
import { findWorkForReading, listWorks, readChapter, seriesNeighbours } from "./work.queries.js";
import * as works from "./work.service.js";

describe.each(dialects)("works on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  const fieldsOf = async (p: Promise<unknown>) => ((await errorOf(p)) as Invalid).fields;

  describe("posting", () => {
    it("posts a work with its tags grouped by type, unknown tags created unwrangled", async () => {
      const user = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user, {
        title: "  The Long Way Round ",
        rating: "Teen And Up Audiences",
        warnings: ["Graphic Depictions Of Violence", "Major Character Death"],
        categories: ["M/M", "Gen"],
        fandoms: "Batman (Comics), Star Trek",
        relationships: "Batman / The Joker, Kirk & Spock",
        characters: "Bruce Wayne,  Joker ",
        freeforms: "Angst, Hurt/Comfort, angst",
        summary: "He came back.\n\nThen he left.",
        text: "One two three four five six seven eight nine ten.",
        chapter_title: "Beginnings",
      });
      expect(work.title).toBe("The Long Way Round");
      expect(work.posted).toBe(true);
      expect(work.wordCount).toBe(10);
      expect(work.postedChapters).toBe(1);
      expect(work.expectedChapters).toBe(1);
      expect(work.complete).toBe(true);
      expect(work.summary).toBe("<p>He came back.</p><p>Then he left.</p>");
      const { detail, chapters: list } = await findWorkForReading(t.ctx, guest, work.id);
      const names = (type: keyof typeof detail.tags) => detail.tags[type].map((tag) => tag.name);
      expect(names("rating")).toEqual(["Teen And Up Audiences"]);
      expect(names("archive_warning")).toEqual(["Graphic Depictions Of Violence", "Major Character Death"]);
      expect(names("category")).toEqual(["M/M", "Gen"]);
      expect(names("fandom")).toEqual(["Batman (Comics)", "Star Trek"]);
      expect(names("relationship")).toEqual(["Batman/The Joker", "Kirk & Spock"]);
      expect(names("character")).toEqual(["Bruce Wayne", "Joker"]);
      expect(names("freeform")).toEqual(["Angst", "Hurt/Comfort"]);
      expect(detail.tags.fandom.every((tag) => !tag.canonical)).toBe(true);
      expect(detail.creators.map((c) => c.pseudName)).toEqual([user.username]);
      expect(list.map((c) => [c.position, c.title, c.wordCount])).toEqual([[1, "Beginnings", 10]]);
    });

    it("reuses a tag typed in another case, and gives a name used by another type its own tag", async () => {
      const user = await buildUser(t.ctx);
      const a = await buildWork(t.ctx, user, { fandoms: "Sherlock (TV)", characters: "Mycroft Holmes" });
      const b = await buildWork(t.ctx, user, { fandoms: "sherlock (tv), Mycroft Holmes" });
      const da = (await findWorkForReading(t.ctx, guest, a.id)).detail;
      const db = (await findWorkForReading(t.ctx, guest, b.id)).detail;
      expect(db.tags.fandom[0]!.id).toBe(da.tags.fandom[0]!.id);
      expect(db.tags.fandom[1]!.name).toBe("Mycroft Holmes - Fandom");
    });

    it("credits the chosen pseuds, and only the user's own", async () => {
      const user = await buildUser(t.ctx);
      const pen = await buildPseud(t.ctx, user, "Inkwell");
      const work = await buildWork(t.ctx, user, { pseud_ids: [pen.id] });
      expect(
        (await findWorkForReading(t.ctx, guest, work.id)).detail.creators.map((c) => c.pseudName),
      ).toEqual(["Inkwell"]);
      const other = await buildUser(t.ctx);
      const theirs = await buildPseud(t.ctx, other, "Borrowed");
      expect(await fieldsOf(buildWork(t.ctx, user, { pseud_ids: [theirs.id] }))).toEqual({
        pseud_ids: works.messages.pseudNotYours,
      });
    });

    it.each([
      ["a missing title", { title: "  " }, "title"],
      ["a title over 255 characters", { title: "x".repeat(256) }, "title"],
      ["a missing fandom", { fandoms: " , " }, "fandoms"],
      ["a missing rating", { rating: "" }, "rating"],
      ["two ratings", { rating: ["Mature", "Explicit"] }, "rating"],
      ["an unknown rating", { rating: "PG-13" }, "rating"],
      ["no archive warning", { warnings: [] }, "warnings"],
      ["a chapter under 10 characters", { text: "  short  " }, "text"],
      ["a forbidden character in a tag", { freeforms: "100% fluff" }, "freeforms"],
      ["an unknown language", { language: "xx-nope" }, "language"],
      ["a future publication date", { backdate: true, published_on: "2999-01-01" }, "published_on"],
      ["an impossible date", { backdate: true, published_on: "2020-02-31" }, "published_on"],
    ])("refuses %s with a message on the field", async (_what, overrides, field) => {
      const user = await buildUser(t.ctx);
      const fields = await fieldsOf(buildWork(t.ctx, user, overrides));
      expect(Object.keys(fields)).toContain(field);
      expect(fields[field]).toBeTruthy();
    });

    it("says only one rating is allowed", async () => {
      const user = await buildUser(t.ctx);
      expect((await fieldsOf(buildWork(t.ctx, user, { rating: ["Mature", "Explicit"] }))).rating).toBe(
        "Only one rating is allowed.",
      );
    });

    it("refuses a guest", async () => {
      expect(await errorOf(works.postWork(t.ctx, guest, workFields(), "post"))).toBeInstanceOf(Forbidden);
    });

    it("backdates the publication", async () => {
      const user = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user, { backdate: true, published_on: "2011-05-04" });
      expect(work.backdated).toBe(true);
      expect(work.publishedAt?.slice(0, 10)).toBe("2011-05-04");
      expect(work.revisedAt?.slice(0, 10)).toBe("2011-05-04");
    });
  });

  describe("limits from the configuration", () => {
    let small: TestApp;
    beforeAll(async () => {
      small = await createTestApp(dialect, { userTagsPerWork: 3, chapterMax: 200, titleMax: 20 });
    });
    afterAll(async () => {
      await small.close();
    });

    it("refuses too many user-defined tags, a chapter over the limit and a long title", async () => {
      const user = await buildUser(small.ctx);
      expect(
        (await fieldsOf(buildWork(small.ctx, user, { fandoms: "A, B", characters: "C, D" }))).freeforms,
      ).toBe(works.messages.tooManyTags(3, 4));
      expect((await fieldsOf(buildWork(small.ctx, user, { text: "y".repeat(201) }))).text).toMatch(
        /at most 200/,
      );
      expect((await fieldsOf(buildWork(small.ctx, user, { title: "t".repeat(21) }))).title).toMatch(
        /at most 20/,
      );
      expect(
        await buildWork(small.ctx, user, { fandoms: "A, B", characters: "C", text: "z".repeat(200) }),
      ).toBeTruthy();
    });
  });

  describe("the posting rate limit", () => {
    let limited: TestApp;
    beforeAll(async () => {
      limited = await createTestApp(dialect, { postsPerHour: 2 });
    });
    afterAll(async () => {
      await limited.close();
    });

    it("counts works and chapters saved per account per hour, not failed attempts", async () => {
      const user = await buildUser(limited.ctx);
      const other = await buildUser(limited.ctx);
      expect(await errorOf(buildWork(limited.ctx, user, { title: "" }))).toBeInstanceOf(Invalid);
      const work = await buildWork(limited.ctx, user);
      await chapters.addChapter(limited.ctx, actorFor(user), work.id, { text: "A second chapter here." });
      const err = await errorOf(buildWork(limited.ctx, user));
      expect(err).toBeInstanceOf(TooManyRequests);
      expect((err as TooManyRequests).message).toBe(works.messages.tooManyPosts);
      await buildWork(limited.ctx, other);
      limited.clock.advance(HOUR + 1000);
      await buildWork(limited.ctx, user);
    });
  });

  describe("drafts and restricted works", () => {
    it("keeps a draft from everyone but its creator, and lists it on the drafts page", async () => {
      const user = await buildUser(t.ctx);
      const other = await buildUser(t.ctx);
      const draft = await buildWork(t.ctx, user, {}, "draft");
      expect(draft.posted).toBe(false);
      expect(draft.publishedAt).toBeNull();
      expect(await errorOf(findWorkForReading(t.ctx, guest, draft.id))).toBeInstanceOf(NotFound);
      expect(await errorOf(findWorkForReading(t.ctx, actorFor(other), draft.id))).toBeInstanceOf(NotFound);
      expect((await findWorkForReading(t.ctx, actorFor(user), draft.id)).detail.work.title).toBe(draft.title);
      const drafts = await listWorks(t.ctx, actorFor(user), { kind: "drafts", userId: user.id }, 1);
      expect(drafts.works.map((d) => d.work.id)).toEqual([draft.id]);
      expect((await listWorks(t.ctx, actorFor(user), { kind: "user", userId: user.id }, 1)).total).toBe(0);

      const posted = await works.postDraft(t.ctx, actorFor(user), draft.id);
      expect(posted.posted).toBe(true);
      expect(posted.publishedAt).not.toBeNull();
      expect((await findWorkForReading(t.ctx, guest, draft.id)).chapters).toHaveLength(1);
    });

    it("hides a restricted work from guests in pages and listings, not from users", async () => {
      const user = await buildUser(t.ctx);
      const reader = await buildUser(t.ctx);
      const open = await buildWork(t.ctx, user);
      const locked = await buildWork(t.ctx, user, { restricted: true });
      expect(await errorOf(findWorkForReading(t.ctx, guest, locked.id))).toBeInstanceOf(Unauthorized);
      expect((await findWorkForReading(t.ctx, actorFor(reader), locked.id)).detail.work.restricted).toBe(
        true,
      );
      const forGuest = await listWorks(t.ctx, guest, { kind: "user", userId: user.id }, 1);
      expect(forGuest.works.map((d) => d.work.id)).toEqual([open.id]);
      expect(forGuest.total).toBe(1);
      expect((await listWorks(t.ctx, actorFor(reader), { kind: "user", userId: user.id }, 1)).total).toBe(2);
    });
  });

  describe("editing", () => {
    it("lets a creator change every field, tags included", async () => {
      const user = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user, { fandoms: "Old Fandom", freeforms: "Fluff" });
      const edited = await works.editWork(
        t.ctx,
        actorFor(user),
        work.id,
        workFields({
          title: "New Title",
          fandoms: "New Fandom",
          freeforms: "",
          rating: "Explicit",
          restricted: "on",
          comment_permissions: "none",
          text: "Completely new text for the only chapter.",
        }),
      );
      expect(edited.title).toBe("New Title");
      expect(edited.restricted).toBe(true);
      expect(edited.commentPermissions).toBe("none");
      expect(edited.wordCount).toBe(7);
      const detail = (await findWorkForReading(t.ctx, actorFor(user), work.id)).detail;
      expect(detail.tags.fandom.map((x) => x.name)).toEqual(["New Fandom"]);
      expect(detail.tags.freeform).toEqual([]);
      expect(detail.tags.rating.map((x) => x.name)).toEqual(["Explicit"]);
    });

    it("changes only the fields a PATCH sends", async () => {
      const user = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user, { fandoms: "Keep Me", summary: "Kept." });
      const edited = await works.editWork(
        t.ctx,
        actorFor(user),
        work.id,
        { title: "Patched" },
        { patch: true },
      );
      expect(edited.title).toBe("Patched");
      expect(edited.summary).toBe("<p>Kept.</p>");
      const detail = (await findWorkForReading(t.ctx, guest, work.id)).detail;
      expect(detail.tags.fandom.map((x) => x.name)).toEqual(["Keep Me"]);
    });

    it("refuses another user and changes nothing; a draft of someone else is not found", async () => {
      const user = await buildUser(t.ctx);
      const other = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user);
      const draft = await buildWork(t.ctx, user, {}, "draft");
      const input = workFields({ title: "Hijacked" });
      expect(await errorOf(works.editWork(t.ctx, actorFor(other), work.id, input))).toBeInstanceOf(Forbidden);
      expect(await errorOf(works.editWork(t.ctx, actorFor(other), draft.id, input))).toBeInstanceOf(NotFound);
      expect(await errorOf(works.deleteWork(t.ctx, actorFor(other), work.id))).toBeInstanceOf(Forbidden);
      expect(
        await errorOf(works.orphanWork(t.ctx, actorFor(other), work.id, { keepPseudName: false })),
      ).toBeInstanceOf(Forbidden);
      expect(
        await errorOf(chapters.addChapter(t.ctx, actorFor(other), work.id, { text: "Sneaky chapter text." })),
      ).toBeInstanceOf(Forbidden);
      expect((await workRepo.findWorkById(t.ctx.db, work.id))?.title).toBe(work.title);
      expect(await chapterRepo.listChapterSummaries(t.ctx.db, work.id)).toHaveLength(1);
    });
  });

  describe("chapters", () => {
    it("adds chapters, counts them as posted/expected, and completes the work", async () => {
      const user = await buildUser(t.ctx);
      const me = actorFor(user);
      const work = await buildWork(t.ctx, user, { expected_chapters: "3" });
      expect(work.complete).toBe(false);
      t.clock.advance(DAY);
      const second = await chapters.addChapter(t.ctx, me, work.id, {
        title: "Two",
        text: "Second chapter words here.",
      });
      let now = (await workRepo.findWorkById(t.ctx.db, work.id))!;
      expect([now.postedChapters, now.expectedChapters, now.complete]).toEqual([2, 3, false]);
      expect(now.revisedAt! > work.revisedAt!).toBe(true);
      expect(now.wordCount).toBe(work.wordCount + 4);
      await chapters.addChapter(t.ctx, me, work.id, { text: "Third and last chapter." });
      now = (await workRepo.findWorkById(t.ctx.db, work.id))!;
      expect([now.postedChapters, now.complete]).toEqual([3, true]);
      expect(second.position).toBe(2);
    });

    it("keeps a draft chapter from readers until it is posted, and out of the counts", async () => {
      const user = await buildUser(t.ctx);
      const me = actorFor(user);
      const work = await buildWork(t.ctx, user, { expected_chapters: "?" });
      const draft = await chapters.addChapter(
        t.ctx,
        me,
        work.id,
        { text: "Not ready yet, but soon." },
        { draft: true },
      );
      expect(draft.posted).toBe(false);
      let now = (await workRepo.findWorkById(t.ctx.db, work.id))!;
      expect([now.postedChapters, now.expectedChapters, now.wordCount]).toEqual([1, null, work.wordCount]);
      expect((await findWorkForReading(t.ctx, guest, work.id)).chapters).toHaveLength(1);
      expect((await findWorkForReading(t.ctx, me, work.id)).chapters).toHaveLength(2);
      await chapters.editChapter(
        t.ctx,
        me,
        work.id,
        draft.id,
        { text: "Ready now, and posted." },
        { post: true },
      );
      now = (await workRepo.findWorkById(t.ctx.db, work.id))!;
      expect(now.postedChapters).toBe(2);
      expect((await findWorkForReading(t.ctx, guest, work.id)).chapters).toHaveLength(2);
    });

    it("deletes a chapter and renumbers, but never the only one", async () => {
      const user = await buildUser(t.ctx);
      const me = actorFor(user);
      const work = await buildWork(t.ctx, user);
      const [first] = await chapterRepo.listChapterSummaries(t.ctx.db, work.id);
      expect((await fieldsOf(chapters.deleteChapter(t.ctx, me, work.id, first!.id))).chapter).toBe(
        chapters.messages.onlyChapter,
      );
      const second = await chapters.addChapter(t.ctx, me, work.id, {
        title: "B",
        text: "Second chapter text.",
      });
      await chapters.deleteChapter(t.ctx, me, work.id, first!.id);
      const left = await chapterRepo.listChapterSummaries(t.ctx.db, work.id);
      expect(left.map((c) => [c.id, c.position])).toEqual([[second.id, 1]]);
    });

    it("reorders chapters, and refuses an order that leaves one out", async () => {
      const user = await buildUser(t.ctx);
      const me = actorFor(user);
      const work = await buildWork(t.ctx, user, { chapter_title: "A" });
      const b = await chapters.addChapter(t.ctx, me, work.id, { title: "B", text: "Chapter B text here." });
      const c = await chapters.addChapter(t.ctx, me, work.id, { title: "C", text: "Chapter C text here." });
      const [a] = await chapterRepo.listChapterSummaries(t.ctx.db, work.id);
      await chapters.reorderChapters(t.ctx, me, work.id, { chapter_ids: [c.id, a!.id, b.id] });
      const order = await chapterRepo.listChapterSummaries(t.ctx.db, work.id);
      expect(order.map((x) => [x.title, x.position])).toEqual([
        ["C", 1],
        ["A", 2],
        ["B", 3],
      ]);
      expect(
        (await fieldsOf(chapters.reorderChapters(t.ctx, me, work.id, { chapter_ids: [c.id, a!.id] })))
          .chapter_ids,
      ).toBe(chapters.messages.orderMismatch);
    });
  });

  describe("series", () => {
    it("starts a series from the work form, adds works to it, and links neighbours", async () => {
      const user = await buildUser(t.ctx);
      const me = actorFor(user);
      const one = await buildWork(t.ctx, user, { series_title: "The Saga" });
      const [link] = (await findWorkForReading(t.ctx, guest, one.id)).detail.series;
      expect(link).toMatchObject({ title: "The Saga", position: 1 });
      const two = await buildWork(t.ctx, user, { series_id: link!.id });
      const hidden = await buildWork(t.ctx, user, { series_id: link!.id, restricted: true });
      const reading = await findWorkForReading(t.ctx, guest, two.id);
      const [n] = await seriesNeighbours(t.ctx, guest, reading.detail);
      expect(n).toMatchObject({ position: 2, previous: { id: one.id }, next: undefined });
      const page = await seriesService.showSeries(t.ctx, guest, link!.id);
      expect(page.works.map((w) => w.work.id)).toEqual([one.id, two.id]);
      expect((await seriesService.showSeries(t.ctx, me, link!.id)).works.map((w) => w.work.id)).toEqual([
        one.id,
        two.id,
        hidden.id,
      ]);
      await seriesService.reorderSeries(t.ctx, me, link!.id, { work_ids: [hidden.id, two.id, one.id] });
      expect((await seriesService.showSeries(t.ctx, me, link!.id)).works.map((w) => w.position)).toEqual([
        1, 2, 3,
      ]);
      expect((await seriesService.showSeries(t.ctx, me, link!.id)).works[0]!.work.id).toBe(hidden.id);
      await seriesService.editSeries(t.ctx, me, link!.id, { title: "The Saga, Complete", complete: "on" });
      expect((await seriesService.showSeries(t.ctx, guest, link!.id)).series).toMatchObject({
        title: "The Saga, Complete",
        complete: true,
      });
    });

    it("refuses another user's series", async () => {
      const user = await buildUser(t.ctx);
      const other = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user, { series_title: "Mine" });
      const [link] = (await findWorkForReading(t.ctx, guest, work.id)).detail.series;
      expect((await fieldsOf(buildWork(t.ctx, other, { series_id: link!.id }))).series_id).toBe(
        works.messages.seriesNotYours,
      );
      expect(
        await errorOf(seriesService.editSeries(t.ctx, actorFor(other), link!.id, { title: "Taken" })),
      ).toBeInstanceOf(Forbidden);
    });
  });

  describe("removing", () => {
    it("deletes a work with its chapters, and a series left empty", async () => {
      const user = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user, { series_title: "Short-lived" });
      const [link] = (await findWorkForReading(t.ctx, guest, work.id)).detail.series;
      await works.deleteWork(t.ctx, actorFor(user), work.id);
      expect(await workRepo.findWorkById(t.ctx.db, work.id)).toBeUndefined();
      expect(await chapterRepo.listChapterSummaries(t.ctx.db, work.id)).toEqual([]);
      expect(await errorOf(seriesService.showSeries(t.ctx, guest, link!.id))).toBeInstanceOf(NotFound);
    });

    it("orphans a work to orphan_account, optionally keeping the pseud's name", async () => {
      const user = await buildUser(t.ctx);
      const a = await buildWork(t.ctx, user);
      const pen = await buildPseud(t.ctx, user, `Keeper ${Date.now() % 100000}`);
      const b = await buildWork(t.ctx, user, { pseud_ids: [pen.id] });
      await works.orphanWork(t.ctx, actorFor(user), a.id, { keepPseudName: false });
      await works.orphanWork(t.ctx, actorFor(user), b.id, { keepPseudName: true });
      const ca = (await findWorkForReading(t.ctx, guest, a.id)).detail.creators;
      const cb = (await findWorkForReading(t.ctx, guest, b.id)).detail.creators;
      expect(ca.map((c) => [c.username, c.pseudName])).toEqual([["orphan_account", "orphan_account"]]);
      expect(cb.map((c) => [c.username, c.pseudName])).toEqual([["orphan_account", pen.name]]);
      expect(await errorOf(works.editWork(t.ctx, actorFor(user), a.id, workFields()))).toBeInstanceOf(
        Forbidden,
      );
    });

    it("deleting an account deletes its own works and leaves co-created ones to the others", async () => {
      const user = await buildUser(t.ctx);
      const friend = await buildUser(t.ctx);
      const solo = await buildWork(t.ctx, user);
      const shared = await buildWork(t.ctx, user);
      const friendPseud = (await findWorkForReading(t.ctx, guest, (await buildWork(t.ctx, friend)).id)).detail
        .creators[0]!;
      const mine = (await findWorkForReading(t.ctx, guest, shared.id)).detail.creators[0]!;
      await workRepo.setCreators(t.ctx.db, shared.id, [mine.pseudId, friendPseud.pseudId]);
      await deleteAccount(t.ctx, actorFor(user), { current_password: user.password });
      expect(await workRepo.findWorkById(t.ctx.db, solo.id)).toBeUndefined();
      const left = (await findWorkForReading(t.ctx, guest, shared.id)).detail.creators;
      expect(left.map((c) => c.username)).toEqual([friend.username]);
    });

    it("deleting a pseud moves its works to the default pseud", async () => {
      const user = await buildUser(t.ctx);
      const pen = await buildPseud(t.ctx, user, "Passing Name");
      const work = await buildWork(t.ctx, user, { pseud_ids: [pen.id] });
      await deletePseud(t.ctx, actorFor(user), pen);
      expect(
        (await findWorkForReading(t.ctx, guest, work.id)).detail.creators.map((c) => c.pseudName),
      ).toEqual([user.username]);
    });
  });

  describe("hits", () => {
    it("counts one hit per visitor per day, never the creator's, and stores no address", async () => {
      const user = await buildUser(t.ctx);
      const reader = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user);
      const { detail } = await findWorkForReading(t.ctx, guest, work.id);
      expect(await recordHit(t.ctx, guest, detail, "203.0.113.7")).toBe(true);
      expect(await recordHit(t.ctx, guest, detail, "203.0.113.7")).toBe(false);
      expect(await recordHit(t.ctx, guest, detail, "203.0.113.8")).toBe(true);
      expect(await recordHit(t.ctx, actorFor(reader), detail, "203.0.113.7")).toBe(true);
      expect(await recordHit(t.ctx, actorFor(user), detail, "198.51.100.1")).toBe(false);
      t.clock.advance(DAY);
      expect(await recordHit(t.ctx, guest, detail, "203.0.113.7")).toBe(true);
      expect((await workRepo.findWorkById(t.ctx.db, work.id))!.hitCount).toBe(4);
      const rows = await t.ctx.db
        .selectFrom("work_hits")
        .selectAll()
        .where("work_id", "=", work.id)
        .execute();
      expect(JSON.stringify(rows)).not.toContain("203.0.113");
    });

    it("does not count a draft", async () => {
      const user = await buildUser(t.ctx);
      const draft = await buildWork(t.ctx, user, {}, "draft");
      const { detail } = await findWorkForReading(t.ctx, actorFor(user), draft.id);
      expect(await recordHit(t.ctx, guest, detail, "203.0.113.9")).toBe(false);
    });
  });
  describe("edge cases from review", () => {
    it("suggests a draft's or a restricted work's tags only to those who may see them", async () => {
      const user = await buildUser(t.ctx);
      const reader = await buildUser(t.ctx);
      await buildWork(t.ctx, user, { freeforms: "Zzhidden Draft Twist" }, "draft");
      await buildWork(t.ctx, user, { freeforms: "Zzlocked Twist", restricted: true });
      await buildWork(t.ctx, user, { freeforms: "Zzopen Twist" });
      const names = async (actor: Parameters<typeof suggestTags>[1]) =>
        (await suggestTags(t.ctx, actor, "freeform", "zz")).map((tag) => tag.name).sort();
      expect(await names(guest)).toEqual(["Zzopen Twist"]);
      expect(await names(actorFor(reader))).toEqual(["Zzlocked Twist", "Zzopen Twist"]);
    });

    it("gives concurrent new chapters distinct numbers and keeps the counters right", async () => {
      const user = await buildUser(t.ctx);
      const me = actorFor(user);
      const work = await buildWork(t.ctx, user, { expected_chapters: "?" });
      await Promise.all(
        [1, 2, 3, 4].map((n) =>
          chapters.addChapter(t.ctx, me, work.id, { text: `Parallel chapter ${n} text.` }),
        ),
      );
      const list = await chapterRepo.listChapterSummaries(t.ctx.db, work.id);
      expect(list.map((c) => c.position)).toEqual([1, 2, 3, 4, 5]);
      expect((await workRepo.findWorkById(t.ctx.db, work.id))!.postedChapters).toBe(5);
    });

    it("lets concurrent posts create the same new tag", async () => {
      const users = await Promise.all([1, 2, 3].map(() => buildUser(t.ctx)));
      const fandom = `Brand New Fandom ${Date.now()}`;
      const posted = await Promise.all(users.map((u) => buildWork(t.ctx, u, { fandoms: fandom })));
      const ids = await Promise.all(
        posted.map(async (w) => (await findWorkForReading(t.ctx, guest, w.id)).detail.tags.fandom[0]!.id),
      );
      expect(new Set(ids).size).toBe(1);
    });

    it("accepts an edit form sent back unchanged, although the stored HTML is longer than the text", async () => {
      const user = await buildUser(t.ctx);
      const summary = `${"Tom & Jerry <3. ".repeat(40)}\n\n${"Second & last. ".repeat(40)}`.slice(0, 1250);
      const work = await buildWork(t.ctx, user, { summary });
      const stored = (await workRepo.findWorkById(t.ctx.db, work.id))!.summary;
      expect(stored.length).toBeGreaterThan(1250);
      const again = await works.editWork(t.ctx, actorFor(user), work.id, workFields({ summary: stored }));
      expect(again.summary).toBe(stored);
    });

    it("refuses a chapter that is only markup", async () => {
      const user = await buildUser(t.ctx);
      expect(
        (await fieldsOf(buildWork(t.ctx, user, { text: "<script>alert('a long payload')</script>" }))).text,
      ).toMatch(/at least/);
    });

    it("numbers a reader's chapters without the drafts between them", async () => {
      const user = await buildUser(t.ctx);
      const me = actorFor(user);
      const work = await buildWork(t.ctx, user, { expected_chapters: "?" });
      await chapters.addChapter(t.ctx, me, work.id, { text: "A draft in the middle." }, { draft: true });
      const third = await chapters.addChapter(t.ctx, me, work.id, {
        title: "Third",
        text: "Posted after the draft.",
      });
      const reading = await findWorkForReading(t.ctx, guest, work.id);
      expect(reading.chapters.map((c) => c.position)).toEqual([1, 2]);
      expect((await readChapter(t.ctx, reading, third.id)).position).toBe(2);
      expect((await findWorkForReading(t.ctx, me, work.id)).chapters.map((c) => c.position)).toEqual([
        1, 2, 3,
      ]);
    });

    it("refuses to orphan a draft", async () => {
      const user = await buildUser(t.ctx);
      const draft = await buildWork(t.ctx, user, {}, "draft");
      expect(
        Object.values(
          await fieldsOf(works.orphanWork(t.ctx, actorFor(user), draft.id, { keepPseudName: false })),
        ),
      ).toEqual([works.messages.orphanDraft]);
    });

    it("orphans a series with its last work, and renumbers a series when a part goes", async () => {
      const user = await buildUser(t.ctx);
      const me = actorFor(user);
      const one = await buildWork(t.ctx, user, { series_title: "Orphaned Saga" });
      const [link] = (await findWorkForReading(t.ctx, guest, one.id)).detail.series;
      const two = await buildWork(t.ctx, user, { series_id: link!.id });
      const three = await buildWork(t.ctx, user, { series_id: link!.id });
      await works.deleteWork(t.ctx, me, one.id);
      const page = await seriesService.showSeries(t.ctx, guest, link!.id);
      expect(page.works.map((w) => [w.work.id, w.position])).toEqual([
        [two.id, 1],
        [three.id, 2],
      ]);
      await works.orphanWork(t.ctx, me, two.id, { keepPseudName: false });
      expect(
        (await seriesService.showSeries(t.ctx, guest, link!.id)).creators.map((c) => c.username),
      ).toEqual([user.username]);
      await works.orphanWork(t.ctx, me, three.id, { keepPseudName: false });
      expect(
        (await seriesService.showSeries(t.ctx, guest, link!.id)).creators.map((c) => c.username),
      ).toEqual(["orphan_account"]);
    });

    it("dates the work by its first chapter after a reorder", async () => {
      const user = await buildUser(t.ctx);
      const me = actorFor(user);
      const work = await buildWork(t.ctx, user, { backdate: true, published_on: "2015-06-01" });
      const [first] = await chapterRepo.listChapterSummaries(t.ctx.db, work.id);
      const second = await chapters.addChapter(t.ctx, me, work.id, { text: "Second chapter, posted today." });
      await chapters.reorderChapters(t.ctx, me, work.id, { chapter_ids: [second.id, first!.id] });
      const now = (await workRepo.findWorkById(t.ctx.db, work.id))!;
      expect(now.publishedAt).toBe(second.publishedAt);
    });
  });
});
