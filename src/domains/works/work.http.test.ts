import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, fieldError, inputValue, textOf, type AgentResponse } from "../../../test/support/agent.js";
import { dialects } from "../../../test/support/dialects.js";
import {
  actorFor,
  buildPseud,
  buildUser,
  buildWork,
  loggedInAgent,
  workFields,
} from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import { DAY } from "../../lib/time.js";
import * as chapterRepo from "../chapters/chapter.repo.js";
import * as chapters from "../chapters/chapter.service.js";
import { guest } from "../actor.js";
import { findWorkForReading } from "./work.queries.js";
import * as workRepo from "./work.repo.js";

type Fields = Record<string, string | string[] | undefined>;

/**
 * A form body with repeated names (checkbox groups), in the shape Agent.post takes: it copies the
 * pairs of whatever URLSearchParams accepts, so a URLSearchParams keeps every value.
 */
function form(fields: Fields): Record<string, string> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of value === undefined ? [] : Array.isArray(value) ? value : [value]) params.append(name, v);
  }
  return params as unknown as Record<string, string>;
}

/** The fields of a valid work as the posting form sends them. */
function workForm(overrides: Fields = {}): Fields {
  return { ...(workFields() as Fields), comment_permissions: "users", expected_chapters: "1", ...overrides };
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, "&");
}

function attr(tag: string, name: string): string | undefined {
  const quoted = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  if (quoted) return decode(quoted[1]!);
  return new RegExp(`\\s${name}(?=[\\s/>]|$)`).test(tag) ? "" : undefined;
}

/**
 * What a browser sends for the form that posts to `action` on this page, as it is shown: inputs,
 * checked boxes and radios, selected options and text areas (no button, no CSRF token).
 */
function formOnPage(html: string, action: string): Fields {
  const start = html.indexOf(`<form method="post" action="${action}"`);
  if (start < 0) throw new Error(`no form posting to ${action}`);
  const body = html.slice(start, html.indexOf("</form>", start));
  const fields: Fields = {};
  const add = (name: string | undefined, value: string) => {
    if (!name || name === "_csrf") return;
    const had = fields[name];
    fields[name] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
  };
  const controls =
    /<input\b((?:[^>"]|"[^"]*")*)>|<textarea\b((?:[^>"]|"[^"]*")*)>([\s\S]*?)<\/textarea>|<select\b((?:[^>"]|"[^"]*")*)>([\s\S]*?)<\/select>/g;
  for (const m of body.matchAll(controls)) {
    if (m[1] !== undefined) {
      const type = attr(m[1], "type") ?? "text";
      if ((type === "checkbox" || type === "radio") && attr(m[1], "checked") === undefined) continue;
      add(attr(m[1], "name"), attr(m[1], "value") ?? (type === "checkbox" ? "on" : ""));
    } else if (m[2] !== undefined) {
      add(attr(m[2], "name"), decode(m[3]!));
    } else {
      const options = [...m[5]!.matchAll(/<option\b((?:[^>"]|"[^"]*")*)>/g)].map((o) => o[1]!);
      const chosen = options.find((o) => attr(o, "selected") !== undefined) ?? options[0];
      add(attr(m[4]!, "name"), chosen === undefined ? "" : (attr(chosen, "value") ?? ""));
    }
  }
  return fields;
}

/** The `<dt>` labels of a work page's preface, in order. */
function prefaceLabels(html: string): string[] {
  const meta = /<dl class="work-meta">([\s\S]*?)<\/dl>\s*<dl class="stats">/.exec(html)?.[1] ?? "";
  return [...meta.matchAll(/<dt>([^<]*)<\/dt>/g)].map((m) => m[1]!);
}

/** The stats of a work page as label → value. */
function statsOf(html: string): Record<string, string> {
  const stats = /<dl class="stats">([\s\S]*?)<\/dl>/.exec(html)?.[1] ?? "";
  return Object.fromEntries(
    [...stats.matchAll(/<dt>([^<]*):<\/dt><dd>([^<]*)<\/dd>/g)].map((m) => [m[1]!, m[2]!]),
  );
}

/** The <article> of a work page (the layout around it has its own script tag). */
function articleOf(html: string): string {
  return /<article\b[\s\S]*<\/article>/.exec(html)?.[0] ?? "";
}

function idFrom(location: string | undefined): string {
  const id = /^\/works\/([^/?]+)/.exec(location ?? "")?.[1];
  if (!id) throw new Error(`not a work address: ${location}`);
  return id;
}

const loginRedirect = (res: AgentResponse, path: string) => {
  expect(res.status).toBe(303);
  expect(res.location).toBe(`/login?return_to=${encodeURIComponent(path)}`);
};

describe.each(dialects)("work pages on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  async function worksTitled(title: string): Promise<number> {
    const row = await t.ctx.db
      .selectFrom("works")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("title", "=", title)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function chapterIds(workId: string): Promise<string[]> {
    return (await chapterRepo.listChapterSummaries(t.ctx.db, workId)).map((c) => c.id);
  }

  describe("posting a work", () => {
    it("sends a guest to log in, and a guest's post creates nothing", async () => {
      const agent = new Agent(t.app);
      loginRedirect(await agent.get("/works/new"), "/works/new");
      const title = "Guest Attempt Title";
      const res = await agent.post("/works", form(workForm({ title, commit: "post" })));
      expect(res.status).toBe(303);
      expect(res.location).toMatch(/^\/login/);
      expect(await worksTitled(title)).toBe(0);
    });

    it("shows the posting form with the user's pseuds and defaults", async () => {
      const { agent, user } = await loggedInAgent(t.app, t.ctx);
      await buildPseud(t.ctx, user, "Second Pen");
      const res = await agent.get("/works/new");
      expect(res.status).toBe(200);
      const fields = formOnPage(res.body, "/works");
      expect(fields.language).toBe("en");
      expect(fields.expected_chapters).toBe("1");
      expect(fields.comment_permissions).toBe("users");
      expect(textOf(res.body)).toContain("Second Pen");
      expect(res.body).toContain('data-autocomplete="fandom"');
    });

    it("refuses another user's pseud as creator (422) and posts nothing", async () => {
      const other = await buildUser(t.ctx);
      const theirs = await buildPseud(t.ctx, other, "Not Yours");
      const { agent } = await loggedInAgent(t.app, t.ctx);
      const title = "Borrowed Pseud Work";
      const res = await agent.post("/works", form(workForm({ title, pseud_ids: theirs.id, commit: "post" })));
      expect(res.status).toBe(422);
      expect(textOf(res.body)).toContain("Choose from your own pseuds.");
      expect(await worksTitled(title)).toBe(0);
    });

    it("comes back with messages beside the fields and everything typed kept, a long text included", async () => {
      const { agent, user } = await loggedInAgent(t.app, t.ctx);
      const pen = await buildPseud(t.ctx, user, "Chosen Pen");
      const earlier = await buildWork(t.ctx, user, { series_title: "Kept Series" });
      const [series] = (await findWorkForReading(t.ctx, guest, earlier.id)).detail.series;
      await agent.get("/works/new");
      const longText = "The lighthouse keeper counted the waves again. ".repeat(440).slice(0, 20_000);
      expect(longText.length).toBe(20_000);
      const typed = workForm({
        title: "",
        rating: "Mature",
        warnings: ["Graphic Depictions Of Violence", "Major Character Death"],
        categories: ["F/M", "Multi"],
        fandoms: "Lighthouse Tales",
        relationships: "Keeper / Sea",
        characters: "The Keeper, The Gull",
        freeforms: "Storms, 100% fluff",
        summary: "Waves & wind.",
        notes: "Begin notes kept.",
        endnotes: "End notes kept.",
        language: "de",
        expected_chapters: "?",
        chapter_title: "First Light",
        pseud_ids: pen.id,
        series_id: series!.id,
        series_position: "1",
        backdate: "on",
        published_on: "2019-09-09",
        restricted: "on",
        comment_permissions: "none",
        text: longText,
        commit: "post",
      });
      const res = await agent.post("/works", form(typed));
      expect(res.status).toBe(422);
      expect(fieldError(res.body, "title")).toBe("Enter a title.");
      expect(fieldError(res.body, "freeforms")).toContain("100% fluff");
      expect(res.body).toContain(`>${longText}</textarea>`);
      const back = formOnPage(res.body, "/works");
      expect(back).toMatchObject({
        title: "",
        rating: "Mature",
        warnings: ["Graphic Depictions Of Violence", "Major Character Death"],
        categories: ["F/M", "Multi"],
        fandoms: "Lighthouse Tales",
        relationships: "Keeper / Sea",
        characters: "The Keeper, The Gull",
        freeforms: "Storms, 100% fluff",
        summary: "Waves & wind.",
        notes: "Begin notes kept.",
        endnotes: "End notes kept.",
        language: "de",
        expected_chapters: "?",
        chapter_title: "First Light",
        pseud_ids: pen.id,
        series_id: series!.id,
        series_position: "1",
        backdate: "on",
        published_on: "2019-09-09",
        restricted: "on",
        comment_permissions: "none",
      });
      expect(back.text === longText).toBe(true);
      expect(await worksTitled("")).toBe(0);
    });

    it.each([
      ["a missing fandom", { fandoms: "" }, "fandoms", "Add at least one fandom."],
      ["a missing rating", { rating: "" }, "rating", "Choose a rating."],
      ["two ratings", { rating: ["Mature", "Explicit"] }, "rating", "Only one rating is allowed."],
      ["no archive warning", { warnings: undefined }, "warnings", "Choose at least one archive warning."],
      ["a title over 255 characters", { title: "t".repeat(256) }, "title", "at most 255"],
      ["a chapter under 10 characters", { text: "Too short" }, "text", "at least 10"],
      ["a future publication date", { backdate: "on", published_on: "2999-01-01" }, "published_on", "future"],
      [
        "an expected chapter count that is not a number",
        { expected_chapters: "many" },
        "expected_chapters",
        "Enter a number",
      ],
    ] as [string, Fields, string, string][])(
      "refuses %s with a message on the field",
      async (_what, overrides, field, message) => {
        const { agent } = await loggedInAgent(t.app, t.ctx);
        const title =
          typeof overrides.title === "string" ? overrides.title : `Refused ${field} ${Math.random()}`;
        const res = await agent.post("/works", form(workForm({ title, ...overrides, commit: "post" })));
        expect(res.status).toBe(422);
        expect(fieldError(res.body, field)).toContain(message);
        expect(inputValue(res.body, "title")).toBe(title);
        expect(await worksTitled(title)).toBe(0);
      },
    );

    it("refuses more tags than the limit, keeping them all in the field", async () => {
      const { agent } = await loggedInAgent(t.app, t.ctx);
      const freeforms = Array.from({ length: 75 }, (_, i) => `Tag number ${i}`).join(", ");
      const title = "Too Many Tags";
      const res = await agent.post("/works", form(workForm({ title, freeforms, commit: "post" })));
      expect(res.status).toBe(422);
      expect(fieldError(res.body, "freeforms")).toBe(
        "A work can have at most 75 fandom, relationship, character and additional tags; this one has 76.",
      );
      expect(inputValue(res.body, "freeforms")).toBe(freeforms);
      expect(await worksTitled(title)).toBe(0);
    });

    it("posts (commit=post) and shows the work to a guest", async () => {
      const { agent, user } = await loggedInAgent(t.app, t.ctx);
      const title = "The Posted One";
      const res = await agent.post("/works", form(workForm({ title, commit: "post" })));
      expect(res.status).toBe(303);
      const id = idFrom(res.location);
      expect(res.location).toBe(`/works/${id}`);
      const page = await agent.get(res.location!);
      expect(textOf(page.body)).toContain("Your work was posted.");
      expect(textOf(page.body)).toContain(title);
      const seen = await new Agent(t.app).get(`/works/${id}`);
      expect(seen.status).toBe(200);
      expect(textOf(seen.body)).toContain(title);
      expect(textOf(seen.body)).toContain(`by ${user.username}`);
    });

    it("saves a draft (commit=draft) that only its creator sees", async () => {
      const { agent, user } = await loggedInAgent(t.app, t.ctx);
      const title = "A Quiet Draft Title";
      const res = await agent.post("/works", form(workForm({ title, commit: "draft" })));
      expect(res.status).toBe(303);
      const id = idFrom(res.location);
      const page = await agent.get(res.location!);
      expect(textOf(page.body)).toContain("Your draft was saved. Only you can see it.");
      expect(textOf(page.body)).toContain("This is a draft");
      expect((await workRepo.findWorkById(t.ctx.db, id))?.posted).toBe(false);
      const drafts = await agent.get(`/users/${user.username}/works/drafts`);
      expect(textOf(drafts.body)).toContain(title);
      const guestView = await new Agent(t.app).get(`/works/${id}`);
      expect(guestView.status).toBe(404);
      expect(guestView.body).not.toContain(title);
    });

    it("previews (commit=preview): a draft shown to its creator with a Post draft button, posted later", async () => {
      const { agent } = await loggedInAgent(t.app, t.ctx);
      const title = "Preview Me Please";
      const res = await agent.post("/works", form(workForm({ title, commit: "preview" })));
      expect(res.status).toBe(303);
      const id = idFrom(res.location);
      const preview = await agent.get(res.location!);
      expect(preview.status).toBe(200);
      expect(textOf(preview.body)).toContain("This is a preview of your work, saved as a draft.");
      expect(textOf(preview.body)).toContain(title);
      expect(preview.body).toMatch(new RegExp(`action="/works/${id}/post"[\\s\\S]*?Post draft`));
      const reader = new Agent(t.app);
      expect((await reader.get(`/works/${id}`)).status).toBe(404);

      const posted = await agent.post(`/works/${id}/post`);
      expect(posted.status).toBe(303);
      expect(posted.location).toBe(`/works/${id}`);
      expect(textOf((await agent.get(posted.location!)).body)).toContain("Your work was posted.");
      const now = await reader.get(`/works/${id}`);
      expect(now.status).toBe(200);
      expect(textOf(now.body)).toContain(title);
      expect(statsOf(now.body).Published).toBe(t.clock.now.toISOString().slice(0, 10));
    });

    it("keeps a backdated preview's publication date when the draft is posted", async () => {
      const { agent } = await loggedInAgent(t.app, t.ctx);
      const res = await agent.post(
        "/works",
        form(
          workForm({
            title: "Backdated Preview",
            backdate: "on",
            published_on: "2011-05-04",
            commit: "preview",
          }),
        ),
      );
      expect(res.status).toBe(303);
      const id = idFrom(res.location);
      const edit = formOnPage((await agent.get(`/works/${id}/edit`)).body, `/works/${id}`);
      expect(edit).toMatchObject({ backdate: "on", published_on: "2011-05-04" });
      expect((await agent.post(`/works/${id}/post`)).status).toBe(303);
      const page = await new Agent(t.app).get(`/works/${id}`);
      expect(statsOf(page.body).Published).toBe("2011-05-04");
      expect(await workRepo.findWorkById(t.ctx.db, id)).toMatchObject({ backdated: true, posted: true });
    });

    it("keeps a backdate set while editing a draft", async () => {
      const user = await buildUser(t.ctx);
      const draft = await buildWork(t.ctx, user, { title: "Draft Backdated Later" }, "draft");
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const page = await agent.get(`/works/${draft.id}/edit`);
      const fields = {
        ...formOnPage(page.body, `/works/${draft.id}`),
        backdate: "on",
        published_on: "2014-02-03",
      };
      expect((await agent.post(`/works/${draft.id}`, form({ ...fields, commit: "update" }))).status).toBe(
        303,
      );
      const again = formOnPage((await agent.get(`/works/${draft.id}/edit`)).body, `/works/${draft.id}`);
      expect(again).toMatchObject({ backdate: "on", published_on: "2014-02-03" });
      expect((await agent.post(`/works/${draft.id}`, form({ ...again, commit: "post" }))).status).toBe(303);
      expect(statsOf((await new Agent(t.app).get(`/works/${draft.id}`)).body).Published).toBe("2014-02-03");
    });

    it("posting a draft: a guest is sent to log in, another user gets 404; the draft stays a draft", async () => {
      const owner = await buildUser(t.ctx);
      const draft = await buildWork(t.ctx, owner, { title: "Draft Nobody Else Posts" }, "draft");
      const res = await new Agent(t.app).post(`/works/${draft.id}/post`);
      expect(res.status).toBe(303);
      expect(res.location).toMatch(/^\/login/);
      const { agent } = await loggedInAgent(t.app, t.ctx);
      const other = await agent.post(`/works/${draft.id}/post`);
      expect(other.status).toBe(404);
      expect(other.body).not.toContain(draft.title);
      expect((await workRepo.findWorkById(t.ctx.db, draft.id))?.posted).toBe(false);
    });
  });

  describe("reading a work", () => {
    it("shows the preface: tags in AO3's order, language, series, stats, summary and notes", async () => {
      const user = await buildUser(t.ctx);
      const first = await buildWork(t.ctx, user, {
        series_title: "The Reading Series",
        title: "Part One Work",
      });
      const [link] = (await findWorkForReading(t.ctx, guest, first.id)).detail.series;
      const work = await buildWork(t.ctx, user, {
        title: "The Full Preface",
        rating: "Teen And Up Audiences",
        warnings: ["No Archive Warnings Apply"],
        categories: ["F/F", "Gen"],
        fandoms: "Preface Fandom",
        relationships: "Alice / Bea",
        characters: "Alice",
        freeforms: "Slow Burn",
        summary: "The summary line.",
        notes: "The opening notes.",
        endnotes: "The closing notes.",
        language: "fr",
        series_id: link!.id,
        text: "Un deux trois quatre cinq six sept huit neuf dix.",
      });
      const res = await new Agent(t.app).get(`/works/${work.id}`);
      expect(res.status).toBe(200);
      expect(prefaceLabels(res.body)).toEqual([
        "Rating:",
        "Archive Warning:",
        "Categories:",
        "Fandom:",
        "Relationship:",
        "Character:",
        "Additional Tag:",
        "Language:",
        "Series:",
      ]);
      const text = textOf(res.body);
      expect(text).toContain("Teen And Up Audiences");
      expect(text).toContain("Alice/Bea");
      expect(text).toContain("Français");
      expect(text).toMatch(/Previous work\s*: Part One Work Part 2 of The Reading Series/);
      expect(res.body).toContain(`href="/works/${first.id}" rel="prev"`);
      expect(res.body).toContain(`href="/series/${link!.id}">The Reading Series</a>`);
      expect(text).toContain("The summary line.");
      expect(text).toContain("The opening notes.");
      expect(text).toContain("The closing notes.");
      expect(text).toContain("Un deux trois");
      const stats = statsOf(res.body);
      expect(stats).toMatchObject({ Words: "10", Chapters: "1/1", Hits: "0" });
      expect(stats.Published).toBe(work.publishedAt!.slice(0, 10));
      expect(res.body).toContain(`href="/tags/Alice*s*Bea/works"`);
    });

    it("shows chapters one at a time with headings, previous/next links, an index and the entire work; drafts hidden from guests", async () => {
      const user = await buildUser(t.ctx);
      const me = actorFor(user);
      const work = await buildWork(t.ctx, user, {
        title: "Three Chapter Story",
        expected_chapters: "?",
        chapter_title: "Arrival",
        text: "First chapter text, word for word.",
      });
      await chapters.addChapter(t.ctx, me, work.id, {
        title: "Storm",
        text: "Second chapter text follows here.",
      });
      await chapters.addChapter(
        t.ctx,
        me,
        work.id,
        { title: "Secret", text: "Hidden draft chapter text." },
        { draft: true },
      );
      const [c1, c2, c3] = await chapterIds(work.id);
      const reader = new Agent(t.app);

      const first = await reader.get(`/works/${work.id}`);
      expect(first.status).toBe(200);
      expect(textOf(first.body)).toContain("Chapter 1: Arrival");
      expect(textOf(first.body)).toContain("First chapter text");
      expect(textOf(first.body)).not.toContain("Second chapter text");
      expect(statsOf(first.body).Chapters).toBe("2/?");
      expect(first.body).toContain(`href="/works/${work.id}/chapters/${c2}" rel="next"`);
      expect(first.body).not.toContain('rel="prev"');
      expect(first.body).toContain(`href="/works/${work.id}?view_full_work=true"`);

      const second = await reader.get(`/works/${work.id}/chapters/${c2}`);
      expect(second.status).toBe(200);
      expect(textOf(second.body)).toContain("Chapter 2: Storm");
      expect(textOf(second.body)).toContain("Second chapter text");
      expect(textOf(second.body)).not.toContain("First chapter text");
      expect(second.body).toContain(`href="/works/${work.id}/chapters/${c1}" rel="prev"`);
      expect(second.body).not.toContain('rel="next"');
      expect(second.body).not.toContain(c3!);

      const index = await reader.get(`/works/${work.id}/navigate`);
      expect(index.status).toBe(200);
      const indexText = textOf(index.body);
      expect(indexText).toContain("Chapter index for Three Chapter Story");
      expect(indexText).toContain("Chapter 1: Arrival");
      expect(indexText).toContain("Chapter 2: Storm");
      expect(indexText).not.toContain("Secret");

      const entire = await reader.get(`/works/${work.id}?view_full_work=true`);
      expect(entire.status).toBe(200);
      const entireText = textOf(entire.body);
      expect(entireText).toMatch(
        /Chapter 1: Arrival.*First chapter text.*Chapter 2: Storm.*Second chapter text/,
      );
      expect(entireText).not.toContain("Hidden draft chapter text");
      expect(entire.body).toContain(`href="/works/${work.id}/chapters/${c1}">Chapter by chapter`);

      const hidden = await reader.get(`/works/${work.id}/chapters/${c3}`);
      expect(hidden.status).toBe(404);
      expect(hidden.body).not.toContain("Hidden draft chapter text");

      const { agent: creator } = await loggedInAgent(t.app, t.ctx, user);
      const own = textOf((await creator.get(`/works/${work.id}?view_full_work=true`)).body);
      expect(own).toContain("Chapter 3: Secret");
      expect(own).toContain("Hidden draft chapter text");
      expect(textOf((await creator.get(`/works/${work.id}/navigate`)).body)).toMatch(
        /Chapter 3: Secret \(Draft\)/,
      );
    });

    it("answers 404 for an unknown work, and for a chapter of another work", async () => {
      const user = await buildUser(t.ctx);
      const a = await buildWork(t.ctx, user);
      const b = await buildWork(t.ctx, user);
      const [bChapter] = await chapterIds(b.id);
      const reader = new Agent(t.app);
      expect((await reader.get("/works/01900000-0000-7000-8000-000000000000")).status).toBe(404);
      expect((await reader.get(`/works/${a.id}/chapters/${bChapter}`)).status).toBe(404);
    });
  });

  describe("the adult content notice", () => {
    it.each(["Mature", "Explicit", "Not Rated"])(
      "shows a guest the notice for a %s work; Proceed shows it and is remembered",
      async (rating) => {
        const user = await buildUser(t.ctx);
        const work = await buildWork(t.ctx, user, {
          rating,
          text: `Adult words behind the notice ${rating}.`,
        });
        const other = await buildWork(t.ctx, user, { rating, text: "Another adult work's text." });
        const reader = new Agent(t.app);
        const notice = await reader.get(`/works/${work.id}`);
        expect(notice.status).toBe(200);
        expect(textOf(notice.body)).toContain("This work could have adult content");
        expect(textOf(notice.body)).toContain(`is rated ${rating}`);
        expect(notice.body).not.toContain("Adult words behind the notice");
        expect(notice.body).toContain(`href="/works/${work.id}?view_adult=true"`);

        const proceed = await reader.get(`/works/${work.id}?view_adult=true`);
        expect(proceed.status).toBe(200);
        expect(textOf(proceed.body)).toContain(`Adult words behind the notice ${rating}.`);
        const again = await reader.get(`/works/${work.id}`);
        expect(textOf(again.body)).toContain(`Adult words behind the notice ${rating}.`);
        expect(textOf((await reader.get(`/works/${other.id}`)).body)).toContain("Another adult work's text.");

        const stranger = await new Agent(t.app).get(`/works/${other.id}`);
        expect(textOf(stranger.body)).toContain("This work could have adult content");
      },
    );

    it("shows the notice on a chapter page too, with Proceed back to that chapter", async () => {
      const user = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user, { rating: "Explicit", expected_chapters: "?" });
      const next = await chapters.addChapter(t.ctx, actorFor(user), work.id, {
        text: "Second adult chapter text.",
      });
      const reader = new Agent(t.app);
      const notice = await reader.get(`/works/${work.id}/chapters/${next.id}`);
      expect(textOf(notice.body)).toContain("This work could have adult content");
      expect(notice.body).not.toContain("Second adult chapter text");
      expect(notice.body).toContain(`href="/works/${work.id}/chapters/${next.id}?view_adult=true"`);
      const shown = await reader.get(`/works/${work.id}/chapters/${next.id}?view_adult=true`);
      expect(textOf(shown.body)).toContain("Second adult chapter text.");
    });

    it("has no notice for a General Audiences or Teen work", async () => {
      const user = await buildUser(t.ctx);
      for (const rating of ["General Audiences", "Teen And Up Audiences"]) {
        const work = await buildWork(t.ctx, user, { rating, text: `Everyone may read this ${rating}.` });
        const res = await new Agent(t.app).get(`/works/${work.id}`);
        expect(textOf(res.body)).not.toContain("adult content");
        expect(textOf(res.body)).toContain(`Everyone may read this ${rating}.`);
      }
    });

    it("never shows the notice to the work's creator, nor to an admin; a logged-in reader gets it", async () => {
      const creator = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, creator, {
        rating: "Explicit",
        text: "Creator's explicit text here.",
      });
      const { agent: own } = await loggedInAgent(t.app, t.ctx, creator);
      expect(textOf((await own.get(`/works/${work.id}`)).body)).toContain("Creator's explicit text here.");
      const admin = await buildUser(t.ctx, { isAdmin: true });
      const { agent: adminAgent } = await loggedInAgent(t.app, t.ctx, admin);
      expect(textOf((await adminAgent.get(`/works/${work.id}`)).body)).toContain(
        "Creator's explicit text here.",
      );
      const { agent: reader } = await loggedInAgent(t.app, t.ctx);
      const notice = await reader.get(`/works/${work.id}`);
      expect(textOf(notice.body)).toContain("This work could have adult content");
      expect(textOf(notice.body)).toContain("Set your preferences to stop seeing this notice.");
      expect(notice.body).not.toContain("Creator's explicit text here.");
    });
  });

  describe("restricted works", () => {
    it("asks a guest to log in (401) without showing the title; a logged-in reader sees the work", async () => {
      const user = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user, {
        title: "Members Only Mystery",
        restricted: "on",
        text: "Text for members of the archive.",
        expected_chapters: "?",
      });
      const next = await chapters.addChapter(t.ctx, actorFor(user), work.id, {
        text: "Members chapter two.",
      });
      const reader = new Agent(t.app);
      for (const path of [
        `/works/${work.id}`,
        `/works/${work.id}?view_full_work=true`,
        `/works/${work.id}/chapters/${next.id}`,
        `/works/${work.id}/navigate`,
      ]) {
        const res = await reader.get(path);
        expect(res.status).toBe(401);
        expect(res.body).not.toContain("Members Only Mystery");
        expect(res.body).not.toContain("Text for members");
        expect(textOf(res.body)).toContain("This work is only available to registered users of the archive.");
        expect(res.body).toContain(`href="/login?return_to=${encodeURIComponent(path)}"`);
      }
      const { agent } = await loggedInAgent(t.app, t.ctx);
      const res = await agent.get(`/works/${work.id}`);
      expect(res.status).toBe(200);
      expect(textOf(res.body)).toContain("Members Only Mystery");
      expect(textOf(res.body)).toContain("Text for members of the archive.");
    });
  });

  describe("drafts asked for directly", () => {
    it("answers 404 to a guest and to another user on every page of a draft, never showing its title", async () => {
      const owner = await buildUser(t.ctx);
      const draft = await buildWork(
        t.ctx,
        owner,
        { title: "Unseen Draft Title", text: "Draft text nobody sees." },
        "draft",
      );
      const [chapterId] = await chapterIds(draft.id);
      const paths = [
        `/works/${draft.id}`,
        `/works/${draft.id}?view_full_work=true`,
        `/works/${draft.id}/navigate`,
        `/works/${draft.id}/chapters/${chapterId}`,
      ];
      const { agent: other } = await loggedInAgent(t.app, t.ctx);
      for (const agent of [new Agent(t.app), other]) {
        for (const path of paths) {
          const res = await agent.get(path);
          expect(res.status).toBe(404);
          expect(res.body).not.toContain("Unseen Draft Title");
          expect(res.body).not.toContain("Draft text nobody sees");
        }
      }
      for (const path of [
        `/works/${draft.id}/edit`,
        `/works/${draft.id}/delete`,
        `/works/${draft.id}/orphan`,
      ]) {
        const res = await other.get(path);
        expect(res.status).toBe(404);
        expect(res.body).not.toContain("Unseen Draft Title");
      }
      const edit = await other.post(`/works/${draft.id}`, form(workForm({ title: "Taken Over" })));
      expect(edit.status).toBe(404);
      expect(edit.body).not.toContain("Unseen Draft Title");
      expect((await workRepo.findWorkById(t.ctx.db, draft.id))?.title).toBe("Unseen Draft Title");
    });
  });

  describe("hits", () => {
    it("counts a guest once a day, each visitor separately, and never the creator", async () => {
      const creator = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, creator, { title: "Counted Work" });
      const hits = async () => (await workRepo.findWorkById(t.ctx.db, work.id))!.hitCount;
      const visitor = new Agent(t.app, "10.20.30.40");
      expect(statsOf((await visitor.get(`/works/${work.id}`)).body).Hits).toBe("0");
      await visitor.get(`/works/${work.id}`);
      await visitor.get(`/works/${work.id}?view_full_work=true`);
      expect(await hits()).toBe(1);
      expect(statsOf((await visitor.get(`/works/${work.id}`)).body).Hits).toBe("1");

      const { agent: own } = await loggedInAgent(t.app, t.ctx, creator);
      await own.get(`/works/${work.id}`);
      await own.get(`/works/${work.id}`);
      expect(await hits()).toBe(1);

      await new Agent(t.app, "10.20.30.41").get(`/works/${work.id}`);
      expect(await hits()).toBe(2);
      const { agent: reader } = await loggedInAgent(t.app, t.ctx);
      await reader.get(`/works/${work.id}`);
      await reader.get(`/works/${work.id}`);
      expect(await hits()).toBe(3);

      t.clock.advance(DAY);
      await visitor.get(`/works/${work.id}`);
      expect(await hits()).toBe(4);
      const stored = await t.ctx.db
        .selectFrom("work_hits")
        .selectAll()
        .where("work_id", "=", work.id)
        .execute();
      expect(JSON.stringify(stored)).not.toContain("10.20.30.4");
    });

    it("doesn't count a view of the adult notice", async () => {
      const user = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user, { rating: "Mature" });
      await new Agent(t.app, "10.20.31.1").get(`/works/${work.id}`);
      expect((await workRepo.findWorkById(t.ctx.db, work.id))!.hitCount).toBe(0);
    });
  });

  describe("editing a work", () => {
    it("sends a guest to log in, and a guest's edit changes nothing", async () => {
      const user = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user);
      const agent = new Agent(t.app);
      loginRedirect(await agent.get(`/works/${work.id}/edit`), `/works/${work.id}/edit`);
      const res = await agent.post(`/works/${work.id}`, form(workForm({ title: "Guest Edit" })));
      expect(res.status).toBe(303);
      expect(res.location).toMatch(/^\/login/);
      expect((await workRepo.findWorkById(t.ctx.db, work.id))?.title).toBe(work.title);
    });

    it("refuses another user (403) and changes nothing", async () => {
      const user = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user, { fandoms: "Owner Fandom" });
      const { agent } = await loggedInAgent(t.app, t.ctx);
      expect((await agent.get(`/works/${work.id}/edit`)).status).toBe(403);
      const res = await agent.post(
        `/works/${work.id}`,
        form(workForm({ title: "Hijacked", fandoms: "Other" })),
      );
      expect(res.status).toBe(403);
      const detail = (await findWorkForReading(t.ctx, guest, work.id)).detail;
      expect(detail.work.title).toBe(work.title);
      expect(detail.tags.fandom.map((x) => x.name)).toEqual(["Owner Fandom"]);
    });

    it("shows the stored values in the edit form", async () => {
      const user = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user, {
        title: "Stored Values",
        rating: "Teen And Up Audiences",
        warnings: ["Major Character Death"],
        categories: ["M/M"],
        fandoms: "Fandom One, Fandom Two",
        relationships: "Kirk / Spock",
        characters: "Kirk, Spock",
        freeforms: "Angst",
        language: "es",
        expected_chapters: "?",
        chapter_title: "Opening",
        restricted: "on",
        comment_permissions: "anyone",
        backdate: "on",
        published_on: "2015-06-07",
        text: "The stored text of the chapter.",
      });
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const res = await agent.get(`/works/${work.id}/edit`);
      expect(res.status).toBe(200);
      expect(formOnPage(res.body, `/works/${work.id}`)).toMatchObject({
        title: "Stored Values",
        rating: "Teen And Up Audiences",
        warnings: "Major Character Death",
        categories: "M/M",
        fandoms: "Fandom One, Fandom Two",
        relationships: "Kirk/Spock",
        characters: "Kirk, Spock",
        freeforms: "Angst",
        language: "es",
        expected_chapters: "?",
        chapter_title: "Opening",
        restricted: "on",
        comment_permissions: "anyone",
        backdate: "on",
        published_on: "2015-06-07",
        text: "<p>The stored text of the chapter.</p>",
      });
    });

    it("comes back with messages and everything typed on bad input", async () => {
      const user = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user);
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const page = await agent.get(`/works/${work.id}/edit`);
      const longText = "An edited chapter that goes on and on. ".repeat(520).slice(0, 20_000);
      const typed = {
        ...formOnPage(page.body, `/works/${work.id}`),
        title: "Edited Title Kept",
        fandoms: "",
        warnings: ["Underage Sex", "Rape/Non-Con"],
        characters: "Someone New",
        restricted: "on",
        text: longText,
      };
      const res = await agent.post(`/works/${work.id}`, form({ ...typed, commit: "update" }));
      expect(res.status).toBe(422);
      expect(fieldError(res.body, "fandoms")).toBe("Add at least one fandom.");
      const back = formOnPage(res.body, `/works/${work.id}`);
      expect(back).toMatchObject({
        title: "Edited Title Kept",
        fandoms: "",
        warnings: ["Rape/Non-Con", "Underage Sex"],
        characters: "Someone New",
        restricted: "on",
        text: longText,
      });
      expect((await workRepo.findWorkById(t.ctx.db, work.id))?.title).toBe(work.title);
    });

    it("refuses fewer expected chapters than are posted, keeping what was typed", async () => {
      const user = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user, { expected_chapters: "?" });
      await chapters.addChapter(t.ctx, actorFor(user), work.id, { text: "The second chapter's text." });
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const page = await agent.get(`/works/${work.id}/edit`);
      const fields = {
        ...formOnPage(page.body, `/works/${work.id}`),
        title: "Typed Title",
        expected_chapters: "1",
      };
      const res = await agent.post(`/works/${work.id}`, form({ ...fields, commit: "update" }));
      expect(res.status).toBe(422);
      expect(fieldError(res.body, "expected_chapters")).toBe(
        "The expected number of chapters can't be less than the chapters already posted.",
      );
      expect(inputValue(res.body, "title")).toBe("Typed Title");
      expect(inputValue(res.body, "expected_chapters")).toBe("1");
      expect(await workRepo.findWorkById(t.ctx.db, work.id)).toMatchObject({
        title: work.title,
        expectedChapters: null,
      });
    });

    it("changes every field, tags included, and the page shows the result", async () => {
      const user = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user, {
        title: "Before Editing",
        rating: "General Audiences",
        fandoms: "Old Fandom",
        relationships: "Old / Pair",
        characters: "Old Character",
        freeforms: "Old Tag",
        summary: "Old summary.",
      });
      const pen = await buildPseud(t.ctx, user, "Edited Pen");
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const page = await agent.get(`/works/${work.id}/edit`);
      const fields: Fields = {
        ...formOnPage(page.body, `/works/${work.id}`),
        title: "After Editing",
        pseud_ids: pen.id,
        rating: "Teen And Up Audiences",
        warnings: ["Graphic Depictions Of Violence"],
        categories: ["F/M", "Other"],
        fandoms: "New Fandom",
        relationships: "New / Pair",
        characters: "New Character, Another",
        freeforms: "New Tag",
        summary: "New summary.",
        notes: "New notes.",
        endnotes: "New end notes.",
        language: "it",
        expected_chapters: "3",
        chapter_title: "Renamed Chapter",
        backdate: "on",
        published_on: "2012-03-04",
        restricted: "on",
        comment_permissions: "none",
        series_title: "Brand New Series",
        text: "Completely rewritten text of the only chapter.",
      };
      const res = await agent.post(`/works/${work.id}`, form({ ...fields, commit: "update" }));
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/works/${work.id}`);
      const shown = await agent.get(res.location!);
      const text = textOf(shown.body);
      expect(text).toContain("Your work was updated.");
      expect(text).toContain("After Editing");
      expect(text).toContain(`by Edited Pen (${user.username})`);
      expect(text).toContain("Teen And Up Audiences");
      expect(text).toContain("Graphic Depictions Of Violence");
      expect(text).toContain("New Fandom");
      expect(text).toContain("New/Pair");
      expect(text).toContain("New Character");
      expect(text).toContain("New Tag");
      expect(text).not.toMatch(/Old (Fandom|Character|Tag)|Old\/Pair/);
      expect(text).toContain("New summary.");
      expect(text).toContain("New notes.");
      expect(text).toContain("New end notes.");
      expect(text).toContain("Italiano");
      expect(text).toContain("Part 1 of Brand New Series");
      expect(text).toContain("Completely rewritten text of the only chapter.");
      expect(statsOf(shown.body)).toMatchObject({ Published: "2012-03-04", Chapters: "1/3", Words: "7" });

      const again = formOnPage((await agent.get(`/works/${work.id}/edit`)).body, `/works/${work.id}`);
      expect(again).toMatchObject({
        title: "After Editing",
        pseud_ids: pen.id,
        rating: "Teen And Up Audiences",
        warnings: "Graphic Depictions Of Violence",
        categories: ["F/M", "Other"],
        fandoms: "New Fandom",
        relationships: "New/Pair",
        characters: "New Character, Another",
        freeforms: "New Tag",
        language: "it",
        expected_chapters: "3",
        chapter_title: "Renamed Chapter",
        backdate: "on",
        published_on: "2012-03-04",
        restricted: "on",
        comment_permissions: "none",
      });
      const stored = (await workRepo.findWorkById(t.ctx.db, work.id))!;
      expect(stored).toMatchObject({
        restricted: true,
        commentPermissions: "none",
        language: "it",
        backdated: true,
      });
      expect((await new Agent(t.app).get(`/works/${work.id}`)).status).toBe(401);
    });

    it("keeps everything when the edit form is sent back unchanged", async () => {
      const user = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user, {
        title: "Round Trip",
        relationships: "A & B",
        summary: "Summary with <em>emphasis</em> & an ampersand.",
        text: 'He said "hello" & left.\n\nA second paragraph.',
        series_title: "Round Trip Series",
      });
      const before = await findWorkForReading(t.ctx, actorFor(user), work.id);
      const beforeChapter = await chapterRepo.findChapterAt(t.ctx.db, work.id, 1);
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const page = await agent.get(`/works/${work.id}/edit`);
      const res = await agent.post(
        `/works/${work.id}`,
        form({ ...formOnPage(page.body, `/works/${work.id}`), commit: "update" }),
      );
      expect(res.status).toBe(303);
      const after = await findWorkForReading(t.ctx, actorFor(user), work.id);
      expect(after.detail.work.summary).toBe(before.detail.work.summary);
      expect(after.detail.tags).toEqual(before.detail.tags);
      expect(after.detail.series).toEqual(before.detail.series);
      expect((await chapterRepo.findChapterAt(t.ctx.db, work.id, 1))?.content).toBe(beforeChapter?.content);
    });

    it("keeps the first chapter's title and text when a chaptered work's form (without the text) is sent", async () => {
      const user = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user, {
        title: "Chaptered Round Trip",
        expected_chapters: "2",
        chapter_title: "The First",
        text: "The first chapter's own text.",
      });
      await chapters.addChapter(t.ctx, actorFor(user), work.id, {
        title: "The Second",
        text: "Second text here.",
      });
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const page = await agent.get(`/works/${work.id}/edit`);
      const fields = formOnPage(page.body, `/works/${work.id}`);
      expect(fields.text).toBeUndefined();
      expect(fields.chapter_title).toBeUndefined();
      const res = await agent.post(
        `/works/${work.id}`,
        form({ ...fields, title: "Chaptered, Renamed", commit: "update" }),
      );
      expect(res.status).toBe(303);
      const [first, second] = await chapterRepo.listChapterSummaries(t.ctx.db, work.id);
      expect([first?.title, second?.title]).toEqual(["The First", "The Second"]);
      expect((await chapterRepo.findChapterAt(t.ctx.db, work.id, 1))?.content).toBe(
        "<p>The first chapter's own text.</p>",
      );
      const shown = textOf((await agent.get(`/works/${work.id}`)).body);
      expect(shown).toContain("Chaptered, Renamed");
      expect(shown).toContain("Chapter 1: The First");
    });

    it("posts a draft from the edit form (commit=post)", async () => {
      const user = await buildUser(t.ctx);
      const draft = await buildWork(t.ctx, user, { title: "Draft Via Edit" }, "draft");
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const page = await agent.get(`/works/${draft.id}/edit`);
      expect(page.body).toMatch(/name="commit" value="post"[^>]*>Post</);
      const res = await agent.post(
        `/works/${draft.id}`,
        form({ ...formOnPage(page.body, `/works/${draft.id}`), commit: "post" }),
      );
      expect(res.status).toBe(303);
      expect(textOf((await agent.get(res.location!)).body)).toContain("Your work was posted.");
      expect((await new Agent(t.app).get(`/works/${draft.id}`)).status).toBe(200);
    });
  });

  describe("deleting a work", () => {
    it("sends a guest to log in and deletes nothing", async () => {
      const user = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user);
      const agent = new Agent(t.app);
      loginRedirect(await agent.get(`/works/${work.id}/delete`), `/works/${work.id}/delete`);
      const res = await agent.post(`/works/${work.id}/delete`);
      expect(res.status).toBe(303);
      expect(res.location).toMatch(/^\/login/);
      expect(await workRepo.findWorkById(t.ctx.db, work.id)).toBeDefined();
    });

    it("refuses another user (403) and deletes nothing", async () => {
      const user = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user);
      const { agent } = await loggedInAgent(t.app, t.ctx);
      expect((await agent.get(`/works/${work.id}/delete`)).status).toBe(403);
      expect((await agent.post(`/works/${work.id}/delete`)).status).toBe(403);
      expect(await workRepo.findWorkById(t.ctx.db, work.id)).toBeDefined();
      expect(await chapterIds(work.id)).toHaveLength(1);
    });

    it("answers 404 for a work that doesn't exist", async () => {
      const { agent } = await loggedInAgent(t.app, t.ctx);
      expect((await agent.post("/works/01900000-0000-7000-8000-000000000000/delete")).status).toBe(404);
    });

    it("asks for confirmation, then deletes the work and its chapters", async () => {
      const user = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user, { title: "Doomed Work" });
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const confirm = await agent.get(`/works/${work.id}/delete`);
      expect(confirm.status).toBe(200);
      expect(textOf(confirm.body)).toContain("Delete Doomed Work?");
      expect(confirm.body).toContain(`action="/works/${work.id}/delete"`);
      const res = await agent.post(`/works/${work.id}/delete`);
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/users/${user.username}/works`);
      const list = await agent.get(res.location!);
      expect(textOf(list.body)).toContain("“Doomed Work” was deleted.");
      expect(await workRepo.findWorkById(t.ctx.db, work.id)).toBeUndefined();
      expect(await chapterIds(work.id)).toEqual([]);
      expect((await agent.get(`/works/${work.id}`)).status).toBe(404);
    });
  });

  describe("orphaning a work", () => {
    it("sends a guest to log in and changes nothing", async () => {
      const user = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user);
      const agent = new Agent(t.app);
      loginRedirect(await agent.get(`/works/${work.id}/orphan`), `/works/${work.id}/orphan`);
      const res = await agent.post(`/works/${work.id}/orphan`, { keep_pseud: "no" });
      expect(res.status).toBe(303);
      expect(res.location).toMatch(/^\/login/);
      const creators = (await findWorkForReading(t.ctx, guest, work.id)).detail.creators;
      expect(creators.map((c) => c.username)).toEqual([user.username]);
    });

    it("refuses another user (403) and changes nothing", async () => {
      const user = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user);
      const { agent } = await loggedInAgent(t.app, t.ctx);
      expect((await agent.get(`/works/${work.id}/orphan`)).status).toBe(403);
      expect((await agent.post(`/works/${work.id}/orphan`, { keep_pseud: "no" })).status).toBe(403);
      const creators = (await findWorkForReading(t.ctx, guest, work.id)).detail.creators;
      expect(creators.map((c) => c.username)).toEqual([user.username]);
    });

    it("credits orphan_account (keep_pseud=no), and the former creator can no longer edit", async () => {
      const user = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user, { title: "Left Behind" });
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const confirm = await agent.get(`/works/${work.id}/orphan`);
      expect(confirm.status).toBe(200);
      expect(textOf(confirm.body)).toContain("Orphan Left Behind?");
      const res = await agent.post(`/works/${work.id}/orphan`, { keep_pseud: "no" });
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/works/${work.id}`);
      const page = await agent.get(res.location!);
      expect(textOf(page.body)).toContain("The work was orphaned.");
      expect(textOf(articleOf(page.body))).toContain("by orphan_account");
      expect(articleOf(page.body)).not.toContain(user.username);
      expect((await agent.get(`/works/${work.id}/edit`)).status).toBe(403);
    });

    it("keeps the pseud's name under orphan_account (keep_pseud=yes)", async () => {
      const user = await buildUser(t.ctx);
      const pen = await buildPseud(t.ctx, user, `Kept Name ${Math.floor(Math.random() * 1e6)}`);
      const work = await buildWork(t.ctx, user, { pseud_ids: [pen.id] });
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      expect((await agent.post(`/works/${work.id}/orphan`, { keep_pseud: "yes" })).status).toBe(303);
      const creators = (await findWorkForReading(t.ctx, guest, work.id)).detail.creators;
      expect(creators.map((c) => [c.username, c.pseudName])).toEqual([["orphan_account", pen.name]]);
      expect(textOf((await agent.get(`/works/${work.id}`)).body)).toContain(
        `by ${pen.name} (orphan_account)`,
      );
    });
  });

  describe("reading size", () => {
    it("sets a cookie and goes back; the next work page uses the size", async () => {
      const user = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user);
      const reader = new Agent(t.app);
      expect((await reader.get(`/works/${work.id}`)).body).toContain("reading--m");
      const res = await reader.get(
        `/reading/size?size=l&return_to=${encodeURIComponent(`/works/${work.id}`)}`,
      );
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/works/${work.id}`);
      expect(reader.cookie("quire_reading_size")).toBe("l");
      const page = await reader.get(res.location!);
      expect(page.body).toContain('class="work reading reading--l"');
      expect(page.body).toContain(
        `/reading/size?size=xl&amp;return_to=${encodeURIComponent(`/works/${work.id}`)}`,
      );
    });

    it("ignores an unknown size and never redirects off the site", async () => {
      const reader = new Agent(t.app);
      const res = await reader.get("/reading/size?size=huge&return_to=//evil.example/x");
      expect(res.status).toBe(303);
      expect(res.location).toBe("/");
      expect(reader.cookie("quire_reading_size")).toBeUndefined();
    });
  });

  describe("hostile input", () => {
    it("stores and shows a chapter's text sanitized", async () => {
      const { agent } = await loggedInAgent(t.app, t.ctx);
      const hostile = [
        "<p>Safe words stay.</p>",
        "<script>alert('xss')</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(2)">click me</a>',
        '<a href="https://example.org/ok">fine link</a>',
        '<iframe src="https://evil.example/embed"></iframe>',
        '<p style="position:fixed;top:0">styled</p>',
        "<div><b>unclosed",
      ].join("\n");
      const res = await agent.post(
        "/works",
        form(
          workForm({
            title: "Hostile Text",
            summary: "<script>alert(3)</script>Summary ok",
            text: hostile,
            commit: "post",
          }),
        ),
      );
      expect(res.status).toBe(303);
      const id = idFrom(res.location);
      const stored = (await chapterRepo.findChapterAt(t.ctx.db, id, 1))!.content;
      for (const body of [stored, articleOf((await new Agent(t.app).get(`/works/${id}`)).body)]) {
        expect(body).toContain("Safe words stay.");
        expect(body).toContain("click me");
        expect(body).not.toMatch(/<script/i);
        expect(body).not.toMatch(/onerror/i);
        expect(body).not.toMatch(/javascript:/i);
        expect(body).not.toContain("evil.example");
        expect(body).not.toMatch(/position:\s*fixed/);
        expect(body).toContain('href="https://example.org/ok"');
        expect(body).toMatch(/rel="[^"]*nofollow/);
      }
      const summary = (await workRepo.findWorkById(t.ctx.db, id))!.summary;
      expect(summary).not.toMatch(/<script/i);
      expect(summary).toContain("Summary ok");
    });
  });
});
