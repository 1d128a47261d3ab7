import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, fieldError, inputValue, textOf } from "../../../test/support/agent.js";
import { dialects } from "../../../test/support/dialects.js";
import { actorFor, buildUser, buildWork, loggedInAgent } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import * as workRepo from "../works/work.repo.js";
import * as chapterRepo from "./chapter.repo.js";
import * as chapters from "./chapter.service.js";

/** The text inside the <textarea name="…"> of a page, as typed (entities decoded). */
function textareaValue(html: string, name: string): string | undefined {
  const m = new RegExp(`<textarea\\b[^>]*\\sname="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  return m?.[1]
    ?.replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The stats of a work page as label → value. */
function statsOf(html: string): Record<string, string> {
  const stats = /<dl class="stats">([\s\S]*?)<\/dl>/.exec(html)?.[1] ?? "";
  return Object.fromEntries(
    [...stats.matchAll(/<dt>([^<]*):<\/dt><dd>([^<]*)<\/dd>/g)].map((m) => [m[1]!, m[2]!]),
  );
}

describe.each(dialects)("chapter pages on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  const summaries = (workId: string) => chapterRepo.listChapterSummaries(t.ctx.db, workId);
  const titles = async (workId: string) => (await summaries(workId)).map((c) => c.title);

  /** A posted work by a new user, with chapters titled as given (the first is chapter 1). */
  async function chapteredWork(names: string[], overrides: Record<string, unknown> = {}) {
    const user = await buildUser(t.ctx);
    const work = await buildWork(t.ctx, user, {
      expected_chapters: "?",
      chapter_title: names[0] ?? "",
      text: `The text of ${names[0] ?? "the first chapter"}.`,
      ...overrides,
    });
    for (const name of names.slice(1)) {
      await chapters.addChapter(t.ctx, actorFor(user), work.id, {
        title: name,
        text: `The text of ${name}.`,
      });
    }
    return { user, work, ids: (await summaries(work.id)).map((c) => c.id) };
  }

  describe("adding a chapter", () => {
    it("sends a guest to log in and adds nothing", async () => {
      const { work } = await chapteredWork(["One"]);
      const agent = new Agent(t.app);
      const page = await agent.get(`/works/${work.id}/chapters/new`);
      expect(page.status).toBe(303);
      expect(page.location).toBe(`/login?return_to=${encodeURIComponent(`/works/${work.id}/chapters/new`)}`);
      const res = await agent.post(`/works/${work.id}/chapters`, {
        title: "Guest",
        text: "A guest's chapter text.",
      });
      expect(res.status).toBe(303);
      expect(res.location).toMatch(/^\/login/);
      expect(await titles(work.id)).toEqual(["One"]);
    });

    it("refuses another user (403), and answers 404 for another user's draft; adds nothing", async () => {
      const { user, work } = await chapteredWork(["One"]);
      const draft = await buildWork(t.ctx, user, { title: "Someone's Draft" }, "draft");
      const { agent } = await loggedInAgent(t.app, t.ctx);
      expect((await agent.get(`/works/${work.id}/chapters/new`)).status).toBe(403);
      const res = await agent.post(`/works/${work.id}/chapters`, {
        title: "Intruder",
        text: "An intruder's chapter text.",
      });
      expect(res.status).toBe(403);
      expect(await titles(work.id)).toEqual(["One"]);
      const hidden = await agent.get(`/works/${draft.id}/chapters/new`);
      expect(hidden.status).toBe(404);
      expect(hidden.body).not.toContain("Someone's Draft");
      expect(
        (await agent.post(`/works/${draft.id}/chapters`, { text: "An intruder's chapter text." })).status,
      ).toBe(404);
      expect(await summaries(draft.id)).toHaveLength(1);
    });

    it("shows the form for chapter 2 with the expected count", async () => {
      const { user, work } = await chapteredWork(["One"], { expected_chapters: "4" });
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const res = await agent.get(`/works/${work.id}/chapters/new`);
      expect(res.status).toBe(200);
      expect(textOf(res.body)).toContain(`New chapter 2 of ${work.title}`);
      expect(inputValue(res.body, "expected_chapters")).toBe("4");
    });

    it("comes back with messages and everything typed kept, a long text included", async () => {
      const { user, work } = await chapteredWork(["One"]);
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      await agent.get(`/works/${work.id}/chapters/new`);
      const longText = "Rain on the harbour & gulls <crying> over the boats. ".repeat(400).slice(0, 20_000);
      const typed = {
        title: "T".repeat(256),
        expected_chapters: "5",
        summary: "Summary kept.",
        notes: "Notes kept.",
        endnotes: "End notes kept.",
        text_format: "markdown",
        text: longText,
        commit: "post",
      };
      const res = await agent.post(`/works/${work.id}/chapters`, typed);
      expect(res.status).toBe(422);
      expect(fieldError(res.body, "title")).toBe("A chapter title must be at most 255 characters long.");
      expect(inputValue(res.body, "title")).toBe(typed.title);
      expect(inputValue(res.body, "expected_chapters")).toBe("5");
      expect(textareaValue(res.body, "summary")).toBe("Summary kept.");
      expect(textareaValue(res.body, "notes")).toBe("Notes kept.");
      expect(textareaValue(res.body, "endnotes")).toBe("End notes kept.");
      expect(textareaValue(res.body, "text") === longText).toBe(true);
      expect(res.body).toMatch(/name="text_format" value="markdown" checked/);
      expect(await titles(work.id)).toEqual(["One"]);

      const short = await agent.post(`/works/${work.id}/chapters`, {
        ...typed,
        title: "Fine",
        text: "Too short",
      });
      expect(short.status).toBe(422);
      expect(fieldError(short.body, "text")).toBe("A chapter must be at least 10 characters long.");
      expect(inputValue(short.body, "title")).toBe("Fine");
      const count = await agent.post(`/works/${work.id}/chapters`, {
        ...typed,
        title: "Fine",
        expected_chapters: "lots",
      });
      expect(count.status).toBe(422);
      expect(fieldError(count.body, "expected_chapters")).toContain("Enter a number of chapters");
      expect(await titles(work.id)).toEqual(["One"]);
    });

    it("posts a chapter (commit=post): the work shows it as chapter 2, with the new count", async () => {
      const { user, work } = await chapteredWork(["One"]);
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const res = await agent.post(`/works/${work.id}/chapters`, {
        title: "The Storm",
        expected_chapters: "3",
        summary: "Chapter summary.",
        notes: "Chapter notes.",
        endnotes: "Chapter end notes.",
        text: "The storm broke over the harbour at last.",
        commit: "post",
      });
      expect(res.status).toBe(303);
      const [, second] = await summaries(work.id);
      expect(res.location).toBe(`/works/${work.id}/chapters/${second!.id}`);
      const page = await agent.get(res.location!);
      const text = textOf(page.body);
      expect(text).toContain("Your chapter was posted.");
      expect(text).toContain("Chapter 2: The Storm");
      expect(text).toContain("Chapter summary.");
      expect(text).toContain("Chapter notes.");
      expect(text).toContain("Chapter end notes.");
      expect(statsOf(page.body).Chapters).toBe("2/3");
      const guestView = await new Agent(t.app).get(res.location!);
      expect(guestView.status).toBe(200);
      expect(textOf(guestView.body)).toContain("The storm broke over the harbour at last.");
    });

    it("converts Markdown and sanitizes hostile text from the form", async () => {
      const { user, work } = await chapteredWork(["One"]);
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const res = await agent.post(`/works/${work.id}/chapters`, {
        title: "Marked",
        text_format: "markdown",
        notes: "Notes with <script>alert(1)</script>*style*.",
        text: [
          "Some **bold** words and a [safe link](https://example.org/).",
          "",
          "[bad link](javascript:alert(2)) and <img src=x onerror=alert(3)>",
          "",
          '<iframe src="https://unknown.example/player"></iframe>',
        ].join("\n"),
        commit: "post",
      });
      expect(res.status).toBe(303);
      const page = await new Agent(t.app).get(res.location!);
      const article = /<article\b[\s\S]*<\/article>/.exec(page.body)![0];
      expect(article).toContain("<strong>bold</strong>");
      expect(article).toContain('href="https://example.org/"');
      expect(article).toContain("<em>style</em>");
      expect(article).not.toMatch(/<script|onerror|href="javascript:|unknown\.example/i);
      expect(textOf(article)).toContain("[bad link](javascript:alert(2))");
      const [, stored] = await summaries(work.id);
      const chapter = await chapterRepo.findChapter(t.ctx.db, work.id, stored!.id);
      expect(chapter?.content).not.toMatch(/onerror|href="javascript:|<iframe/i);
      expect(chapter?.notes).not.toMatch(/<script/i);
    });

    it("saves a draft chapter (commit=draft) that readers don't see", async () => {
      const { user, work } = await chapteredWork(["One"]);
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const res = await agent.post(`/works/${work.id}/chapters`, {
        title: "Not Yet",
        text: "A chapter that isn't ready for readers.",
        commit: "draft",
      });
      expect(res.status).toBe(303);
      const page = await agent.get(res.location!);
      expect(textOf(page.body)).toContain("Your chapter was saved as a draft.");
      expect(textOf(page.body)).toMatch(/Chapter 2: Not Yet\s*Draft/);
      const reader = new Agent(t.app);
      const hidden = await reader.get(res.location!);
      expect(hidden.status).toBe(404);
      expect(hidden.body).not.toContain("isn't ready for readers");
      const whole = await reader.get(`/works/${work.id}`);
      expect(whole.body).not.toContain("Not Yet");
      expect(statsOf(whole.body).Chapters).toBe("1/?");
    });
  });

  describe("editing a chapter", () => {
    it("sends a guest to log in and changes nothing", async () => {
      const { work, ids } = await chapteredWork(["One", "Two"]);
      const agent = new Agent(t.app);
      const path = `/works/${work.id}/chapters/${ids[1]}`;
      const page = await agent.get(`${path}/edit`);
      expect(page.status).toBe(303);
      expect(page.location).toBe(`/login?return_to=${encodeURIComponent(`${path}/edit`)}`);
      const res = await agent.post(path, { title: "Guest Title", text: "A guest's replacement text." });
      expect(res.status).toBe(303);
      expect(res.location).toMatch(/^\/login/);
      expect(await titles(work.id)).toEqual(["One", "Two"]);
    });

    it("refuses another user (403) and changes nothing", async () => {
      const { work, ids } = await chapteredWork(["One", "Two"]);
      const { agent } = await loggedInAgent(t.app, t.ctx);
      const path = `/works/${work.id}/chapters/${ids[1]}`;
      expect((await agent.get(`${path}/edit`)).status).toBe(403);
      expect((await agent.post(path, { title: "Hijacked", text: "Replaced by someone else." })).status).toBe(
        403,
      );
      expect(await titles(work.id)).toEqual(["One", "Two"]);
      expect((await chapterRepo.findChapter(t.ctx.db, work.id, ids[1]!))?.content).toBe(
        "<p>The text of Two.</p>",
      );
    });

    it("answers 404 for a chapter of another work, and for one that doesn't exist", async () => {
      const { user, work } = await chapteredWork(["One"]);
      const other = await buildWork(t.ctx, user);
      const [otherChapter] = await summaries(other.id);
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      expect((await agent.get(`/works/${work.id}/chapters/${otherChapter!.id}/edit`)).status).toBe(404);
      const res = await agent.post(`/works/${work.id}/chapters/${otherChapter!.id}`, {
        text: "Moved across works.",
      });
      expect(res.status).toBe(404);
      expect(
        (await agent.get(`/works/${work.id}/chapters/01900000-0000-7000-8000-000000000000/edit`)).status,
      ).toBe(404);
      expect((await chapterRepo.findChapter(t.ctx.db, other.id, otherChapter!.id))?.content).not.toContain(
        "Moved",
      );
    });

    it("shows the stored values, and keeps what was typed on bad input", async () => {
      const { user, work, ids } = await chapteredWork(["One", "Two"]);
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const path = `/works/${work.id}/chapters/${ids[1]}`;
      const form = await agent.get(`${path}/edit`);
      expect(form.status).toBe(200);
      expect(textOf(form.body)).toContain(`Edit Chapter 2: Two of ${work.title}`);
      expect(inputValue(form.body, "title")).toBe("Two");
      expect(inputValue(form.body, "expected_chapters")).toBe("?");
      expect(textareaValue(form.body, "text")).toBe("<p>The text of Two.</p>");
      const longText = "Edited text that must survive. ".repeat(700).slice(0, 20_000);
      const res = await agent.post(path, {
        title: "Renamed Two",
        summary: "S".repeat(1251),
        notes: "Edited notes.",
        text: longText,
        commit: "update",
      });
      expect(res.status).toBe(422);
      expect(fieldError(res.body, "summary")).toBe("A summary must be at most 1250 characters long.");
      expect(inputValue(res.body, "title")).toBe("Renamed Two");
      expect(textareaValue(res.body, "notes")).toBe("Edited notes.");
      expect(textareaValue(res.body, "text") === longText).toBe(true);
      expect(await titles(work.id)).toEqual(["One", "Two"]);
    });

    it("changes every field and shows the result", async () => {
      const { user, work, ids } = await chapteredWork(["One", "Two"]);
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const path = `/works/${work.id}/chapters/${ids[1]}`;
      const res = await agent.post(path, {
        title: "Two, Revised",
        expected_chapters: "2",
        summary: "Revised summary.",
        notes: "Revised notes.",
        endnotes: "Revised end notes.",
        text: "Revised text for the second chapter.",
        commit: "update",
      });
      expect(res.status).toBe(303);
      expect(res.location).toBe(path);
      const page = await agent.get(path);
      const text = textOf(page.body);
      expect(text).toContain("Your chapter was updated.");
      expect(text).toContain("Chapter 2: Two, Revised");
      expect(text).toContain("Revised summary.");
      expect(text).toContain("Revised notes.");
      expect(text).toContain("Revised end notes.");
      expect(text).toContain("Revised text for the second chapter.");
      expect(statsOf(page.body)).toMatchObject({ Chapters: "2/2", Completed: expect.any(String) });
      expect((await workRepo.findWorkById(t.ctx.db, work.id))?.complete).toBe(true);
    });

    it("posts a draft chapter from its edit form (commit=post)", async () => {
      const { user, work } = await chapteredWork(["One"]);
      const draft = await chapters.addChapter(
        t.ctx,
        actorFor(user),
        work.id,
        { title: "Waiting", text: "Waiting for its moment." },
        { draft: true },
      );
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const path = `/works/${work.id}/chapters/${draft.id}`;
      const form = await agent.get(`${path}/edit`);
      expect(form.body).toMatch(/name="commit" value="post"[^>]*>Post chapter</);
      const res = await agent.post(path, {
        title: "Waiting",
        text: "Waiting for its moment.",
        commit: "post",
      });
      expect(res.status).toBe(303);
      expect(textOf((await agent.get(res.location!)).body)).toContain("Your chapter was posted.");
      const guestView = await new Agent(t.app).get(path);
      expect(guestView.status).toBe(200);
      expect(textOf(guestView.body)).toContain("Waiting for its moment.");
      expect(statsOf(guestView.body).Chapters).toBe("2/?");
      expect((await agent.get(`${path}/edit`)).body).not.toContain("Post chapter");
    });
  });

  describe("deleting a chapter", () => {
    it("sends a guest to log in and deletes nothing", async () => {
      const { work, ids } = await chapteredWork(["One", "Two"]);
      const agent = new Agent(t.app);
      const path = `/works/${work.id}/chapters/${ids[1]}/delete`;
      const page = await agent.get(path);
      expect(page.status).toBe(303);
      expect(page.location).toBe(`/login?return_to=${encodeURIComponent(path)}`);
      expect((await agent.post(path)).location).toMatch(/^\/login/);
      expect(await titles(work.id)).toEqual(["One", "Two"]);
    });

    it("refuses another user (403) and deletes nothing", async () => {
      const { work, ids } = await chapteredWork(["One", "Two"]);
      const { agent } = await loggedInAgent(t.app, t.ctx);
      const path = `/works/${work.id}/chapters/${ids[1]}/delete`;
      expect((await agent.get(path)).status).toBe(403);
      expect((await agent.post(path)).status).toBe(403);
      expect(await titles(work.id)).toEqual(["One", "Two"]);
    });

    it("refuses to delete the only chapter, with a message", async () => {
      const { user, work, ids } = await chapteredWork(["Only"]);
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const path = `/works/${work.id}/chapters/${ids[0]}/delete`;
      const page = await agent.get(path);
      expect(page.status).toBe(200);
      expect(textOf(page.body)).toContain(chapters.messages.onlyChapter);
      expect(page.body).not.toContain(`action="${path}"`);
      const res = await agent.post(path);
      expect(res.status).toBe(422);
      expect(textOf(res.body)).toContain(chapters.messages.onlyChapter);
      expect(await titles(work.id)).toEqual(["Only"]);
    });

    it("refuses to delete a posted work's only posted chapter, but deletes a draft chapter", async () => {
      const { user, work, ids } = await chapteredWork(["Posted"]);
      const draft = await chapters.addChapter(
        t.ctx,
        actorFor(user),
        work.id,
        { title: "Draft", text: "A draft chapter's text." },
        { draft: true },
      );
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const path = `/works/${work.id}/chapters/${ids[0]}/delete`;
      const page = await agent.get(path);
      expect(textOf(page.body)).toContain(chapters.messages.onlyPostedChapter);
      expect(page.body).not.toContain(`action="${path}"`);
      const res = await agent.post(path);
      expect(res.status).toBe(422);
      expect(textOf(res.body)).toContain(chapters.messages.onlyPostedChapter);
      expect(await titles(work.id)).toEqual(["Posted", "Draft"]);
      expect(textOf((await new Agent(t.app).get(`/works/${work.id}`)).body)).toContain("The text of Posted.");

      const gone = await agent.post(`/works/${work.id}/chapters/${draft.id}/delete`);
      expect(gone.status).toBe(303);
      expect(await titles(work.id)).toEqual(["Posted"]);
    });

    it("asks for confirmation, deletes, and renumbers the chapters after it", async () => {
      const { user, work, ids } = await chapteredWork(["One", "Two", "Three"]);
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const path = `/works/${work.id}/chapters/${ids[0]}/delete`;
      const confirm = await agent.get(path);
      expect(confirm.status).toBe(200);
      expect(textOf(confirm.body)).toContain(`Delete Chapter 1: One of ${work.title}?`);
      expect(confirm.body).toContain(`action="${path}"`);
      const res = await agent.post(path);
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/works/${work.id}`);
      const page = await agent.get(res.location!);
      expect(textOf(page.body)).toContain("Chapter 1: One was deleted.");
      expect(textOf(page.body)).toContain("Chapter 1: Two");
      expect(statsOf(page.body).Chapters).toBe("2/?");
      expect((await summaries(work.id)).map((c) => [c.position, c.title])).toEqual([
        [1, "Two"],
        [2, "Three"],
      ]);
    });
  });

  describe("managing chapters", () => {
    it("sends a guest to log in and reorders nothing", async () => {
      const { work, ids } = await chapteredWork(["A", "B"]);
      const agent = new Agent(t.app);
      const path = `/works/${work.id}/chapters/manage`;
      const page = await agent.get(path);
      expect(page.status).toBe(303);
      expect(page.location).toBe(`/login?return_to=${encodeURIComponent(path)}`);
      expect((await agent.post(path, { [`pos_${ids[0]}`]: "2", [`pos_${ids[1]}`]: "1" })).location).toMatch(
        /^\/login/,
      );
      expect(await titles(work.id)).toEqual(["A", "B"]);
    });

    it("refuses another user (403) and reorders nothing", async () => {
      const { work, ids } = await chapteredWork(["A", "B"]);
      const { agent } = await loggedInAgent(t.app, t.ctx);
      const path = `/works/${work.id}/chapters/manage`;
      expect((await agent.get(path)).status).toBe(403);
      expect((await agent.post(path, { [`pos_${ids[0]}`]: "2", [`pos_${ids[1]}`]: "1" })).status).toBe(403);
      expect(await titles(work.id)).toEqual(["A", "B"]);
    });

    it.each([
      ["zero", "0"],
      ["a word", "first"],
      ["a number past the last chapter", "4"],
      ["a fraction", "1.5"],
      ["nothing", ""],
    ])("refuses %s as a position (422) and reorders nothing", async (_what, bad) => {
      const { user, work, ids } = await chapteredWork(["A", "B", "C"]);
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const path = `/works/${work.id}/chapters/manage`;
      const res = await agent.post(path, {
        [`pos_${ids[0]}`]: bad,
        [`pos_${ids[1]}`]: "1",
        [`pos_${ids[2]}`]: "2",
      });
      expect(res.status).toBe(422);
      expect(textOf(res.body)).toContain("Give every chapter a number from 1 to 3.");
      expect(await titles(work.id)).toEqual(["A", "B", "C"]);
    });

    it("shows each chapter's position and saves a new order", async () => {
      const { user, work, ids } = await chapteredWork(["A", "B", "C"]);
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const path = `/works/${work.id}/chapters/manage`;
      const page = await agent.get(path);
      expect(page.status).toBe(200);
      expect(ids.map((id) => inputValue(page.body, `pos_${id}`))).toEqual(["1", "2", "3"]);
      const res = await agent.post(path, {
        [`pos_${ids[0]}`]: "3",
        [`pos_${ids[1]}`]: "1",
        [`pos_${ids[2]}`]: "2",
      });
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/works/${work.id}/navigate`);
      const index = textOf((await agent.get(res.location!)).body);
      expect(index).toContain("The chapters were reordered.");
      expect(index).toMatch(/Chapter 1: B.*Chapter 2: C.*Chapter 3: A/);
      expect(await titles(work.id)).toEqual(["B", "C", "A"]);
      const first = await new Agent(t.app).get(`/works/${work.id}`);
      expect(textOf(first.body)).toContain("The text of B.");
    });
  });
});
