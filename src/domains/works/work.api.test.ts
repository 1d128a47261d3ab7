import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent } from "../../../test/support/agent.js";
import { dialects } from "../../../test/support/dialects.js";
import {
  buildApiToken,
  buildPseud,
  buildUser,
  loggedInAgent,
  unique,
} from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import type { User } from "../users/user.js";
import { chapterResponse, workListResponse, workResponse } from "./work.present.js";

interface ChapterSummaryJson {
  id: string;
  position: number;
  title: string;
  posted: boolean;
  published_at: string | null;
  word_count: number;
  url: string;
}

interface ChapterJson extends ChapterSummaryJson {
  summary: string;
  notes: string;
  endnotes: string;
  content: string;
}

interface WorkJson {
  id: string;
  title: string;
  url: string;
  creators: { pseud: string; username: string }[];
  tags: Record<
    "rating" | "archive_warning" | "category" | "fandom" | "relationship" | "character" | "freeform",
    string[]
  >;
  summary: string;
  notes: string;
  endnotes: string;
  language: string;
  series: { id: string; title: string; position: number }[];
  posted: boolean;
  restricted: boolean;
  comment_permissions: string;
  backdated: boolean;
  published_at: string | null;
  revised_at: string | null;
  complete: boolean;
  expected_chapters: number | null;
  posted_chapters: number;
  chapter_count: string;
  word_count: number;
  hits: number;
  kudos: number;
  comments: number;
  bookmarks: number;
  chapters: ChapterSummaryJson[];
}

interface ListJson {
  works: Omit<WorkJson, "chapters">[];
  total: number;
  page: number;
  pages: number;
}

interface ProblemJson {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: { field: string; message: string }[];
}

const WORK_KEYS = [
  "backdated",
  "bookmarks",
  "chapter_count",
  "chapters",
  "comment_permissions",
  "comments",
  "complete",
  "creators",
  "endnotes",
  "expected_chapters",
  "hits",
  "id",
  "kudos",
  "language",
  "notes",
  "posted",
  "posted_chapters",
  "published_at",
  "restricted",
  "revised_at",
  "series",
  "summary",
  "tags",
  "title",
  "url",
  "word_count",
];

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The fields of a valid work as an API client sends them; tests override what they are about. */
function body(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: `An API Work ${unique()}`,
    rating: "General Audiences",
    warnings: ["No Archive Warnings Apply"],
    categories: ["Gen"],
    fandoms: ["Original Work"],
    text: "Once upon a time there was a story with enough words in it.",
    ...overrides,
  };
}

describe.each(dialects)("/api/v1 works and chapters on %s", (dialect) => {
  let t: TestApp;
  /** An app with small limits: short chapters, few tags, short titles. */
  let small: TestApp;
  beforeAll(async () => {
    [t, small] = await Promise.all([
      createTestApp(dialect),
      createTestApp(dialect, { chapterMax: 300, userTagsPerWork: 3, titleMax: 100 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([t.close(), small.close()]);
  });

  const agent = () => new Agent(t.app);

  /** A new user with a token. */
  async function writer(app: TestApp = t): Promise<{ user: User; token: string }> {
    const user = await buildUser(app.ctx);
    return { user, token: await buildApiToken(app.ctx, user) };
  }

  /** Posts a work through the API and returns its JSON (fails the test unless 201). */
  async function postWork(token: string, overrides: Record<string, unknown> = {}): Promise<WorkJson> {
    const res = await agent().json("POST", "/api/v1/works", body(overrides), bearer(token));
    expect(res.status, res.body).toBe(201);
    return res.json<WorkJson>();
  }

  async function addChapter(
    token: string,
    workId: string,
    overrides: Record<string, unknown> = {},
  ): Promise<ChapterJson> {
    const res = await agent().json(
      "POST",
      `/api/v1/works/${workId}/chapters`,
      { text: "The next chapter has a few more words in it.", ...overrides },
      bearer(token),
    );
    expect(res.status, res.body).toBe(201);
    return res.json<ChapterJson>();
  }

  /** GET /api/v1/works/:id as `token` (or a guest). */
  const getWork = (id: string, token?: string) =>
    agent().json("GET", `/api/v1/works/${id}`, undefined, token ? bearer(token) : {});

  const getChapter = (workId: string, chapterId: string, token?: string) =>
    agent().json(
      "GET",
      `/api/v1/works/${workId}/chapters/${chapterId}`,
      undefined,
      token ? bearer(token) : {},
    );

  async function workCount(app: TestApp, user: User): Promise<number> {
    const row = await app.ctx.db
      .selectFrom("creatorships")
      .innerJoin("pseuds", "pseuds.id", "creatorships.pseud_id")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("pseuds.user_id", "=", user.id)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  const fieldsOf = (res: { json<T>(): T }) =>
    (res.json<ProblemJson>().errors ?? []).map((e) => e.field).sort();

  describe("POST /api/v1/works", () => {
    it("posts a work (201) and answers with every field, tags grouped by type", async () => {
      const { user, token } = await writer();
      const res = await agent().json(
        "POST",
        "/api/v1/works",
        {
          title: "  The Long Road  ",
          rating: "Mature",
          warnings: ["Graphic Depictions Of Violence", "Major Character Death"],
          categories: ["F/M", "Gen"],
          fandoms: ["Original Work", "Test Fandom"],
          relationships: "Alice / Bob, Carol&Dan",
          characters: ["Alice", "Bob"],
          freeforms: "Angst,  Fluff , angst",
          summary: "He came back.\n\nThen he *left*.",
          notes: "<b>Thanks</b> to my beta.",
          endnotes: "The end.",
          language: "en",
          series_title: "A Series",
          expected_chapters: 1,
          chapter_title: "Beginnings",
          comment_permissions: "anyone",
          text: "One two three four five. Six seven-eight don't nine.",
        },
        bearer(token),
      );
      expect(res.status, res.body).toBe(201);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      const work = res.json<WorkJson>();
      expect(Object.keys(work).sort()).toEqual(WORK_KEYS);
      expect(() => workResponse.strict().parse(work)).not.toThrow();
      expect(work).toMatchObject({
        title: "The Long Road",
        url: `http://quire.test/works/${work.id}`,
        creators: [{ pseud: user.username, username: user.username }],
        tags: {
          rating: ["Mature"],
          archive_warning: ["Graphic Depictions Of Violence", "Major Character Death"],
          category: ["F/M", "Gen"],
          fandom: ["Original Work", "Test Fandom"],
          relationship: ["Alice/Bob", "Carol & Dan"],
          character: ["Alice", "Bob"],
          freeform: ["Angst", "Fluff"],
        },
        summary: "<p>He came back.</p><p>Then he *left*.</p>",
        notes: "<p><b>Thanks</b> to my beta.</p>",
        endnotes: "<p>The end.</p>",
        language: "en",
        series: [{ title: "A Series", position: 1 }],
        posted: true,
        restricted: false,
        comment_permissions: "anyone",
        backdated: false,
        complete: true,
        expected_chapters: 1,
        posted_chapters: 1,
        chapter_count: "1/1",
        word_count: 9,
        hits: 0,
        kudos: 0,
        comments: 0,
        bookmarks: 0,
      });
      expect(Object.keys(work.tags)).toEqual([
        "rating",
        "archive_warning",
        "category",
        "fandom",
        "relationship",
        "character",
        "freeform",
      ]);
      expect(work.published_at).toMatch(ISO);
      expect(work.revised_at).toBe(work.published_at);
      expect(work.series[0]!.id).toEqual(expect.any(String));
      expect(work.chapters).toHaveLength(1);
      const [chapter] = work.chapters;
      expect(chapter).toEqual({
        id: expect.any(String),
        position: 1,
        title: "Beginnings",
        posted: true,
        published_at: work.published_at,
        word_count: 9,
        url: `http://quire.test/works/${work.id}/chapters/${chapter!.id}`,
      });
      // What the POST answered is what a reader GETs.
      const read = await getWork(work.id);
      expect(read.status).toBe(200);
      expect(read.json()).toEqual(work);
    });

    it("takes tags as arrays or as comma-separated strings, with the same result", async () => {
      const { token } = await writer();
      const asArrays = await postWork(token, {
        fandoms: ["Star Trek", "Original Work"],
        relationships: ["Kirk / Spock"],
        characters: ["Kirk", "Spock"],
        freeforms: ["Space", "Friendship"],
        warnings: ["No Archive Warnings Apply"],
        categories: ["M/M", "Gen"],
        rating: ["Teen And Up Audiences"],
      });
      const asStrings = await postWork(token, {
        fandoms: "Star Trek, Original Work",
        relationships: "Kirk/Spock",
        characters: "Kirk,Spock",
        freeforms: " Space ,Friendship,",
        warnings: "No Archive Warnings Apply",
        categories: ["M/M", "Gen"],
        rating: "Teen And Up Audiences",
      });
      expect(asStrings.tags).toEqual(asArrays.tags);
      expect(asArrays.tags).toEqual({
        rating: ["Teen And Up Audiences"],
        archive_warning: ["No Archive Warnings Apply"],
        category: ["M/M", "Gen"],
        fandom: ["Star Trek", "Original Work"],
        relationship: ["Kirk/Spock"],
        character: ["Kirk", "Spock"],
        freeform: ["Space", "Friendship"],
      });
    });

    it("saves a draft with draft: true, seen by its creator only", async () => {
      const { user, token } = await writer();
      const draft = await postWork(token, {
        draft: true,
        title: "Secret Draft Title",
        expected_chapters: "?",
      });
      expect(draft).toMatchObject({
        posted: false,
        published_at: null,
        revised_at: null,
        expected_chapters: null,
        chapter_count: "1/?",
        complete: false,
      });
      expect(draft.chapters).toEqual([
        expect.objectContaining({ position: 1, posted: false, published_at: null }),
      ]);
      const list = await agent().json(
        "GET",
        `/api/v1/users/${user.username}/works`,
        undefined,
        bearer(token),
      );
      expect(list.json<ListJson>().works.map((w) => w.id)).not.toContain(draft.id);
    });

    it("records a backdated publication date", async () => {
      const { token } = await writer();
      const work = await postWork(token, { backdate: true, published_on: "2020-05-01" });
      expect(work.backdated).toBe(true);
      expect(work.published_at).toBe("2020-05-01T00:00:00.000Z");
      expect(work.chapters[0]!.published_at).toBe("2020-05-01T00:00:00.000Z");
      const future = await agent().json(
        "POST",
        "/api/v1/works",
        body({ backdate: true, published_on: "2999-01-01" }),
        bearer(token),
      );
      expect(future.status).toBe(400);
      expect(fieldsOf(future)).toEqual(["published_on"]);
    });

    it("credits the chosen pseuds, and refuses another user's", async () => {
      const { user, token } = await writer();
      const pen = await buildPseud(t.ctx, user, `Inkwell ${unique()}`);
      const work = await postWork(token, { pseud_ids: [pen.id] });
      expect(work.creators).toEqual([{ pseud: pen.name, username: user.username }]);
      const other = await buildPseud(t.ctx, await buildUser(t.ctx), `Theirs ${unique()}`);
      const before = await workCount(t, user);
      const res = await agent().json("POST", "/api/v1/works", body({ pseud_ids: [other.id] }), bearer(token));
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toEqual(["pseud_ids"]);
      expect(await workCount(t, user)).toBe(before);
    });

    it("converts Markdown with text_format: markdown", async () => {
      const { token } = await writer();
      const work = await postWork(token, {
        text_format: "markdown",
        summary: "A **bold** summary.",
        text: "Some *emphasis* here.\n\nAnd a second paragraph.",
      });
      expect(work.summary).toBe("<p>A <strong>bold</strong> summary.</p>");
      const chapter = (await getChapter(work.id, work.chapters[0]!.id)).json<ChapterJson>();
      expect(chapter.content).toBe("<p>Some <em>emphasis</em> here.</p><p>And a second paragraph.</p>");
      expect(chapter.word_count).toBe(7);
    });
  });

  describe("authentication", () => {
    it("answers 401 with a problem document without a token, and posts nothing", async () => {
      const res = await agent().json("POST", "/api/v1/works", body({ title: "Should Not Exist" }));
      expect(res.status).toBe(401);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.headers["www-authenticate"]).toMatch(/^Bearer/);
      expect(res.json()).toMatchObject({ status: 401, title: "Unauthorized", instance: "/api/v1/works" });
      const found = await t.ctx.db
        .selectFrom("works")
        .select("id")
        .where("title", "=", "Should Not Exist")
        .execute();
      expect(found).toEqual([]);
    });

    it("answers 401 for a wrong token, even on public routes", async () => {
      const { token } = await writer();
      const work = await postWork(token);
      for (const [method, url] of [
        ["POST", "/api/v1/works"],
        ["GET", `/api/v1/works/${work.id}`],
        ["PATCH", `/api/v1/works/${work.id}`],
        ["DELETE", `/api/v1/works/${work.id}`],
        ["GET", `/api/v1/works/${work.id}/chapters/${work.chapters[0]!.id}`],
      ] as const) {
        const res = await agent().json(
          method,
          url,
          method === "GET" || method === "DELETE" ? undefined : {},
          bearer("quire_wrong"),
        );
        expect(res.status, `${method} ${url}`).toBe(401);
        expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      }
      expect((await getWork(work.id)).status).toBe(200);
    });

    it("answers 401 to a guest for every route that changes something", async () => {
      const { token } = await writer();
      const work = await postWork(token);
      const chapterId = work.chapters[0]!.id;
      for (const [method, url, payload] of [
        ["PATCH", `/api/v1/works/${work.id}`, { title: "Guest Title" }],
        ["DELETE", `/api/v1/works/${work.id}`, undefined],
        ["POST", `/api/v1/works/${work.id}/chapters`, { text: "A chapter from a guest, long enough." }],
        ["PATCH", `/api/v1/works/${work.id}/chapters/${chapterId}`, { title: "Guest" }],
        ["DELETE", `/api/v1/works/${work.id}/chapters/${chapterId}`, undefined],
      ] as const) {
        const res = await agent().json(method, url, payload);
        expect(res.status, `${method} ${url}`).toBe(401);
        expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      }
      expect((await getWork(work.id, token)).json()).toEqual(work);
    });

    it("accepts a browser session: reads without more, and changes with the CSRF header only", async () => {
      const { agent: browser, user } = await loggedInAgent(t.app, t.ctx);
      const { token } = await writer();
      const restricted = await postWork(token, { restricted: true });
      const read = await browser.json("GET", `/api/v1/works/${restricted.id}`);
      expect(read.status).toBe(200);
      expect(read.json<WorkJson>().title).toBe(restricted.title);

      const before = await workCount(t, user);
      const refused = await browser.json("POST", "/api/v1/works", body());
      expect(refused.status).toBe(403);
      expect(refused.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(await workCount(t, user)).toBe(before);

      const posted = await browser.json("POST", "/api/v1/works", body(), {
        "x-csrf-token": browser.csrfToken,
      });
      expect(posted.status).toBe(201);
      expect(posted.json<WorkJson>().creators[0]!.username).toBe(user.username);
      expect(await workCount(t, user)).toBe(before + 1);
    });

    it("never falls back to the session cookie when a bad token is sent", async () => {
      const { agent: browser } = await loggedInAgent(t.app, t.ctx);
      const { token } = await writer();
      const restricted = await postWork(token, { restricted: true });
      expect((await browser.json("GET", `/api/v1/works/${restricted.id}`)).status).toBe(200);
      const res = await browser.json(
        "GET",
        `/api/v1/works/${restricted.id}`,
        undefined,
        bearer("quire_nope"),
      );
      expect(res.status).toBe(401);
      expect(res.body).not.toContain(restricted.title);
    });
  });

  describe("bad input", () => {
    /** Posts `payload` to `app` and expects a 400 problem naming exactly `fields`, with nothing saved. */
    async function refused(payload: Record<string, unknown>, fields: string[], app: TestApp = t) {
      const { user, token } = await writer(app);
      const res = await new Agent(app.app).json("POST", "/api/v1/works", payload, bearer(token));
      expect(res.status, res.body).toBe(400);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      const problem = res.json<ProblemJson>();
      expect(problem).toMatchObject({ status: 400, title: "Invalid input", instance: "/api/v1/works" });
      expect(fieldsOf(res)).toEqual([...fields].sort());
      for (const e of problem.errors!) expect(e.message).not.toBe("");
      expect(await workCount(app, user)).toBe(0);
      return problem;
    }

    const messageFor = (problem: ProblemJson, field: string) =>
      problem.errors!.find((e) => e.field === field)?.message;

    it("refuses a missing title", async () => {
      const { title: _title, ...rest } = body();
      expect(messageFor(await refused(rest, ["title"]), "title")).toBe("Enter a title.");
      await refused(body({ title: "   " }), ["title"]);
    });

    it("refuses a missing fandom", async () => {
      const { fandoms: _fandoms, ...rest } = body();
      expect(messageFor(await refused(rest, ["fandoms"]), "fandoms")).toBe("Add at least one fandom.");
      await refused(body({ fandoms: " , " }), ["fandoms"]);
      await refused(body({ fandoms: [] }), ["fandoms"]);
    });

    it("refuses a missing rating or warning", async () => {
      const { rating: _rating, warnings: _warnings, ...rest } = body();
      await refused(rest, ["rating", "warnings"]);
      await refused(body({ rating: "Very Spicy" }), ["rating"]);
      await refused(body({ warnings: ["Not A Warning"] }), ["warnings"]);
    });

    it("refuses two ratings", async () => {
      const problem = await refused(body({ rating: ["Mature", "Explicit"] }), ["rating"]);
      expect(messageFor(problem, "rating")).toBe("Only one rating is allowed.");
    });

    it("refuses a title over 255 characters and takes one of 255", async () => {
      const problem = await refused(body({ title: "x".repeat(256) }), ["title"]);
      expect(messageFor(problem, "title")).toBe("A title must be at most 255 characters long.");
      const { token } = await writer();
      expect((await postWork(token, { title: "y".repeat(255) })).title).toBe("y".repeat(255));
    });

    it("refuses a chapter text under 10 characters", async () => {
      const problem = await refused(body({ text: "123456789" }), ["text"]);
      expect(messageFor(problem, "text")).toBe("A chapter must be at least 10 characters long.");
      await refused(body({ text: "          12345678          " }), ["text"]);
      const { text: _text, ...rest } = body();
      await refused(rest, ["text"]);
    });

    it("refuses a chapter text over the configured maximum and takes one at it", async () => {
      const problem = await refused(body({ text: "a".repeat(301) }), ["text"], small);
      expect(messageFor(problem, "text")).toBe("A chapter must be at most 300 characters long.");
      const { token } = await writer(small);
      const res = await new Agent(small.app).json(
        "POST",
        "/api/v1/works",
        body({ text: "a".repeat(300) }),
        bearer(token),
      );
      expect(res.status).toBe(201);
    });

    it("refuses a title over a configured maximum", async () => {
      await refused(body({ title: "x".repeat(101) }), ["title"], small);
    });

    it("refuses too many tags", async () => {
      const problem = await refused(
        body({ fandoms: "One, Two", characters: ["Three"], freeforms: "Four" }),
        ["freeforms"],
        small,
      );
      expect(messageFor(problem, "freeforms")).toBe(
        "A work can have at most 3 fandom, relationship, character and additional tags; this one has 4.",
      );
      const { token } = await writer(small);
      const res = await new Agent(small.app).json(
        "POST",
        "/api/v1/works",
        body({ fandoms: "One, Two", freeforms: "Three" }),
        bearer(token),
      );
      expect(res.status).toBe(201);
    });

    it("refuses a tag name with forbidden characters or over 150 characters", async () => {
      await refused(body({ freeforms: "Fine, Not*Fine" }), ["freeforms"]);
      await refused(body({ characters: ["c".repeat(151)] }), ["characters"]);
    });

    it("refuses an unknown field, naming it", async () => {
      const problem = await refused(body({ is_admin: true }), ["is_admin"]);
      expect(problem.errors).toEqual([{ field: "is_admin", message: 'Unexpected field "is_admin".' }]);
    });

    it("names every bad field at once", async () => {
      await refused(
        {
          title: "x".repeat(256),
          rating: ["Mature", "Explicit"],
          warnings: [],
          fandoms: "",
          text: "short",
          comment_permissions: "everyone",
          language: "klingon-ish",
          extra: 1,
        },
        ["title", "rating", "warnings", "fandoms", "text", "comment_permissions", "language", "extra"],
      );
    });

    it("refuses a body that is not a JSON object", async () => {
      const { token } = await writer();
      for (const payload of [[], "a string", 42, null]) {
        const res = await agent().json("POST", "/api/v1/works", payload, bearer(token));
        expect(res.status, JSON.stringify(payload)).toBe(400);
        expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      }
      const broken = await t.app.inject({
        method: "POST",
        url: "/api/v1/works",
        payload: "{not json",
        headers: { "content-type": "application/json", ...bearer(token) },
      });
      expect(broken.statusCode).toBe(400);
      expect(broken.headers["content-type"]).toMatch(/^application\/problem\+json/);
    });

    it("refuses bad input to PATCH and the chapter routes, changing nothing", async () => {
      const { token } = await writer();
      const work = await postWork(token);
      const chapterId = work.chapters[0]!.id;
      const cases: [string, string, Record<string, unknown>, string[]][] = [
        ["PATCH", `/api/v1/works/${work.id}`, { title: "x".repeat(256) }, ["title"]],
        ["PATCH", `/api/v1/works/${work.id}`, { title: "" }, ["title"]],
        ["PATCH", `/api/v1/works/${work.id}`, { rating: ["Mature", "Explicit"] }, ["rating"]],
        ["PATCH", `/api/v1/works/${work.id}`, { fandoms: "" }, ["fandoms"]],
        ["PATCH", `/api/v1/works/${work.id}`, { text: "too short" }, ["text"]],
        ["PATCH", `/api/v1/works/${work.id}`, { owner: "me" }, ["owner"]],
        ["POST", `/api/v1/works/${work.id}/chapters`, { text: "123456789" }, ["text"]],
        ["POST", `/api/v1/works/${work.id}/chapters`, { title: "No text" }, ["text"]],
        [
          "POST",
          `/api/v1/works/${work.id}/chapters`,
          { text: "Long enough text here.", bogus: 1 },
          ["bogus"],
        ],
        ["PATCH", `/api/v1/works/${work.id}/chapters/${chapterId}`, { text: "short" }, ["text"]],
        ["PATCH", `/api/v1/works/${work.id}/chapters/${chapterId}`, { title: "t".repeat(256) }, ["title"]],
        ["PATCH", `/api/v1/works/${work.id}/chapters/${chapterId}`, { position: 3 }, ["position"]],
      ];
      for (const [method, url, payload, fields] of cases) {
        const res = await agent().json(method as "PATCH" | "POST", url, payload, bearer(token));
        expect(res.status, `${method} ${url} ${JSON.stringify(payload).slice(0, 60)}`).toBe(400);
        expect(fieldsOf(res)).toEqual(fields);
      }
      const after = await getWork(work.id, token);
      expect(after.json()).toEqual(work);
    });

    it("refuses a chapter over the configured maximum when adding or editing one", async () => {
      const { token } = await writer(small);
      const a = new Agent(small.app);
      const posted = await a.json("POST", "/api/v1/works", body(), bearer(token));
      const work = posted.json<WorkJson>();
      const add = await a.json(
        "POST",
        `/api/v1/works/${work.id}/chapters`,
        { text: "b".repeat(301) },
        bearer(token),
      );
      expect(add.status).toBe(400);
      expect(fieldsOf(add)).toEqual(["text"]);
      const edit = await a.json(
        "PATCH",
        `/api/v1/works/${work.id}/chapters/${work.chapters[0]!.id}`,
        { text: "b".repeat(301) },
        bearer(token),
      );
      expect(edit.status).toBe(400);
      expect(fieldsOf(edit)).toEqual(["text"]);
      const patchWork = await a.json(
        "PATCH",
        `/api/v1/works/${work.id}`,
        { text: "b".repeat(301) },
        bearer(token),
      );
      expect(patchWork.status).toBe(400);
      expect((await a.json("GET", `/api/v1/works/${work.id}`, undefined, bearer(token))).json()).toEqual(
        work,
      );
    });

    it("refuses too many tags when editing", async () => {
      const { token } = await writer(small);
      const a = new Agent(small.app);
      const work = (
        await a.json("POST", "/api/v1/works", body({ fandoms: "One, Two" }), bearer(token))
      ).json<WorkJson>();
      const res = await a.json(
        "PATCH",
        `/api/v1/works/${work.id}`,
        { freeforms: ["Three", "Four"] },
        bearer(token),
      );
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toEqual(["freeforms"]);
      expect(
        (await a.json("GET", `/api/v1/works/${work.id}`, undefined, bearer(token))).json<WorkJson>().tags,
      ).toEqual(work.tags);
    });
  });

  describe("hostile HTML", () => {
    it("comes back sanitized in the JSON, never with scripts, handlers or bad URLs", async () => {
      const { token } = await writer();
      const hostile =
        '<p onclick="steal()">Hello <b onmouseover="x()">there</b></p>' +
        "<script>alert('text')</script>" +
        '<img src="x" onerror="alert(1)">' +
        '<img src="data:image/png;base64,AAAA">' +
        '<a href="javascript:alert(2)">bad link</a> ' +
        '<a href="JaVaScRiPt&colon;alert(3)">worse link</a> ' +
        '<a href="https://example.org/ok">good link</a>' +
        '<iframe src="https://evil.example/frame"></iframe>' +
        '<p style="background:url(javascript:alert(4))">styled</p>' +
        "<style>body{display:none}</style>" +
        "<em>unclosed <strong>tags";
      const work = await postWork(token, {
        text: hostile,
        summary:
          '<script>alert("summary")</script><a href="javascript:alert(5)">sum</a> <i onload="y()">mary</i>',
        notes: '<iframe src="https://evil.example/notes"></iframe><p>notes</p>',
        endnotes: "<svg onload=alert(6)><circle/></svg>end",
      });
      const chapter = (await getChapter(work.id, work.chapters[0]!.id)).json<ChapterJson>();
      for (const html of [chapter.content, work.summary, work.notes, work.endnotes]) {
        expect(html).not.toMatch(
          /<script|<style|<iframe|<svg|\son\w+=|javascript:|data:|evil\.example|style=/i,
        );
        expect(html).not.toContain("alert(");
      }
      expect(chapter.content).toContain("Hello <b>there</b>");
      expect(chapter.content).toContain('<a href="https://example.org/ok" rel="nofollow">good link</a>');
      expect(chapter.content).toContain("bad link");
      expect(chapter.content).toMatch(/<em>unclosed <strong>tags<\/strong><\/em>/);
      expect(work.summary).toContain("sum");
      expect(work.summary).toContain("<i>mary</i>");
      expect(work.notes).toContain("notes");
      expect(work.endnotes).toContain("end");
    });

    it("keeps an embed from an allowed player", async () => {
      const { token } = await writer();
      const work = await postWork(token, {
        text: '<p>Listen here:</p><iframe src="https://www.youtube.com/embed/abc123"></iframe>',
      });
      const chapter = (await getChapter(work.id, work.chapters[0]!.id)).json<ChapterJson>();
      expect(chapter.content).toContain('src="https://www.youtube.com/embed/abc123"');
    });

    it("survives deeply nested tags", async () => {
      const { token } = await writer();
      const deep = "<div>".repeat(5000) + "deep words in here" + "</div>".repeat(10);
      const work = await postWork(token, { text: deep });
      const chapter = (await getChapter(work.id, work.chapters[0]!.id)).json<ChapterJson>();
      expect(chapter.content).toContain("deep words in here");
      expect(chapter.word_count).toBe(4);
    });

    it("sanitizes what PATCH and the chapter routes take too", async () => {
      const { token } = await writer();
      const work = await postWork(token);
      const patched = await agent().json(
        "PATCH",
        `/api/v1/works/${work.id}`,
        { summary: '<script>alert(1)</script><b onclick="x()">bold</b>' },
        bearer(token),
      );
      expect(patched.json<WorkJson>().summary).toBe("<p><b>bold</b></p>");
      const chapter = await addChapter(token, work.id, {
        text: '<p>Safe text</p><img src=x onerror="alert(1)"><a href="javascript:void(0)">x</a>',
        notes: "<script>bad()</script>Chapter notes",
      });
      expect(chapter.content).not.toMatch(/onerror|javascript:|<script/);
      expect(chapter.notes).toBe("<p>Chapter notes</p>");
      const edited = await agent().json(
        "PATCH",
        `/api/v1/works/${work.id}/chapters/${chapter.id}`,
        { text: '<iframe src="https://evil.example/"></iframe><p>Edited text here</p>' },
        bearer(token),
      );
      expect(edited.json<ChapterJson>().content).toBe("<p>Edited text here</p>");
    });
  });

  describe("GET /api/v1/works/:id", () => {
    it("shows a posted work to a guest, with its chapters without text", async () => {
      const { token } = await writer();
      const work = await postWork(token);
      const res = await getWork(work.id);
      expect(res.status).toBe(200);
      expect(res.headers["cache-control"]).toBe("no-store");
      const json = res.json<WorkJson>();
      expect(json.title).toBe(work.title);
      expect(Object.keys(json.chapters[0]!).sort()).toEqual([
        "id",
        "position",
        "posted",
        "published_at",
        "title",
        "url",
        "word_count",
      ]);
    });

    it("answers 404 for a draft to a guest and to other users, never showing its title", async () => {
      const { token } = await writer();
      const draft = await postWork(token, { draft: true, title: `Hidden Draft ${unique()}` });
      const { token: otherToken } = await writer();
      for (const res of [await getWork(draft.id), await getWork(draft.id, otherToken)]) {
        expect(res.status).toBe(404);
        expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
        expect(res.body).not.toContain(draft.title);
      }
      const chapter = draft.chapters[0]!.id;
      for (const res of [
        await getChapter(draft.id, chapter),
        await getChapter(draft.id, chapter, otherToken),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body).not.toContain(draft.title);
      }
      const own = await getWork(draft.id, token);
      expect(own.status).toBe(200);
      expect(own.json<WorkJson>().title).toBe(draft.title);
      expect((await getChapter(draft.id, chapter, token)).status).toBe(200);
    });

    it("answers 401 for a restricted work to a guest, never showing its title, and 200 to another user", async () => {
      const { token } = await writer();
      const work = await postWork(token, { restricted: true, title: `Members Only ${unique()}` });
      expect(work.restricted).toBe(true);
      const guestRes = await getWork(work.id);
      expect(guestRes.status).toBe(401);
      expect(guestRes.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(guestRes.body).not.toContain(work.title);
      const guestChapter = await getChapter(work.id, work.chapters[0]!.id);
      expect(guestChapter.status).toBe(401);
      expect(guestChapter.body).not.toContain(work.title);

      const { token: otherToken } = await writer();
      const other = await getWork(work.id, otherToken);
      expect(other.status).toBe(200);
      expect(other.json<WorkJson>().title).toBe(work.title);
      expect((await getChapter(work.id, work.chapters[0]!.id, otherToken)).status).toBe(200);
    });

    it("lists draft chapters for the creator only", async () => {
      const { token } = await writer();
      const work = await postWork(token, { expected_chapters: 3 });
      const posted = await addChapter(token, work.id, { title: "Posted Two" });
      const draft = await addChapter(token, work.id, { title: "Draft Three", draft: true });
      const { token: otherToken } = await writer();
      for (const res of [await getWork(work.id), await getWork(work.id, otherToken)]) {
        const json = res.json<WorkJson>();
        expect(json.chapters.map((c) => c.id)).toEqual([work.chapters[0]!.id, posted.id]);
        expect(res.body).not.toContain("Draft Three");
        expect(json.chapter_count).toBe("2/3");
      }
      const own = (await getWork(work.id, token)).json<WorkJson>();
      expect(own.chapters.map((c) => [c.id, c.posted])).toEqual([
        [work.chapters[0]!.id, true],
        [posted.id, true],
        [draft.id, false],
      ]);
      expect(own.chapter_count).toBe("2/3");
    });

    it("answers 404 for a work that does not exist", async () => {
      const res = await getWork("no-such-work");
      expect(res.status).toBe(404);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 404, instance: "/api/v1/works/no-such-work" });
    });

    it("answers an over-long id with a problem document", async () => {
      // Fastify refuses a path parameter over 100 characters before routing (414 URI Too Long).
      const long = await getWork("x".repeat(101));
      expect([400, 404, 414]).toContain(long.status);
      expect(long.headers["content-type"]).toMatch(/^application\/problem\+json/);
    });
  });

  describe("GET /api/v1/users/:username/works", () => {
    it("lists posted works, restricted ones only for logged-in callers, never drafts", async () => {
      const { user, token } = await writer();
      const open = await postWork(token, { title: "Open Work" });
      const restricted = await postWork(token, { title: "Restricted Work", restricted: true });
      const draft = await postWork(token, { title: "Draft Work", draft: true });

      const guestRes = await agent().json("GET", `/api/v1/users/${user.username}/works`);
      expect(guestRes.status).toBe(200);
      const guestList = guestRes.json<ListJson>();
      expect(() => workListResponse.parse(guestList)).not.toThrow();
      expect(guestList.works.map((w) => w.id)).toEqual([open.id]);
      expect(guestList.total).toBe(1);
      expect(guestList.pages).toBe(1);
      expect(guestRes.body).not.toContain("Restricted Work");
      expect(guestRes.body).not.toContain("Draft Work");

      const { token: otherToken } = await writer();
      const otherList = (
        await agent().json("GET", `/api/v1/users/${user.username}/works`, undefined, bearer(otherToken))
      ).json<ListJson>();
      expect(otherList.works.map((w) => w.id).sort()).toEqual([open.id, restricted.id].sort());
      expect(otherList.total).toBe(2);
      expect(otherList.works.map((w) => w.id)).not.toContain(draft.id);

      const ownList = (
        await agent().json("GET", `/api/v1/users/${user.username}/works`, undefined, bearer(token))
      ).json<ListJson>();
      expect(ownList.total).toBe(2);
      expect(ownList.works.map((w) => w.id)).not.toContain(draft.id);
    });

    it("lists blurbs with the work's fields and no chapters, newest first", async () => {
      const { user, token } = await writer();
      const first = await postWork(token, { freeforms: "First Tag" });
      t.clock.advance(60_000);
      const second = await postWork(token, { freeforms: "Second Tag" });
      const list = (await agent().json("GET", `/api/v1/users/${user.username}/works`)).json<ListJson>();
      expect(list.works.map((w) => w.id)).toEqual([second.id, first.id]);
      const { chapters: _chapters, ...blurb } = second;
      expect(list.works[0]).toEqual(blurb);
      expect(list).toMatchObject({ total: 2, page: 1, pages: 1 });
    });

    it("pages the list, with totals that agree", async () => {
      const { user, token } = await writer();
      const perPage = t.config.worksPerPage;
      for (let i = 0; i < perPage + 1; i += 1) await postWork(token);
      await postWork(token, { restricted: true });
      const guestPage2 = (
        await agent().json("GET", `/api/v1/users/${user.username}/works?page=2`)
      ).json<ListJson>();
      expect(guestPage2).toMatchObject({ total: perPage + 1, page: 2, pages: 2 });
      expect(guestPage2.works).toHaveLength(1);
      const userPage2 = (
        await agent().json("GET", `/api/v1/users/${user.username}/works?page=2`, undefined, bearer(token))
      ).json<ListJson>();
      expect(userPage2).toMatchObject({ total: perPage + 2, page: 2, pages: 2 });
      expect(userPage2.works).toHaveLength(2);
      for (const page of ["0", "-3", "abc", "1e400", "99999999999999999999"]) {
        const res = await agent().json("GET", `/api/v1/users/${user.username}/works?page=${page}`);
        expect(res.status, `page=${page}`).toBe(200);
        expect(res.json<ListJson>().total).toBe(perPage + 1);
      }
    });

    it("answers 404 for an unknown user", async () => {
      const res = await agent().json("GET", `/api/v1/users/nobody_${unique()}/works`);
      expect(res.status).toBe(404);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    });
  });

  describe("PATCH /api/v1/works/:id", () => {
    const tagged = {
      rating: "Teen And Up Audiences",
      warnings: ["No Archive Warnings Apply"],
      categories: ["F/F"],
      fandoms: "Original Work, Other Fandom",
      relationships: "Ann/Bea",
      characters: "Ann, Bea",
      freeforms: "Slow Burn",
      summary: "The summary.",
      notes: "The notes.",
      endnotes: "The end notes.",
      expected_chapters: 5,
      chapter_title: "Start",
      comment_permissions: "none",
      series_title: "The Series",
    };

    it("changes only the fields sent", async () => {
      const { token } = await writer();
      const work = await postWork(token, tagged);
      const chapterBefore = (await getChapter(work.id, work.chapters[0]!.id)).json<ChapterJson>();

      const res = await agent().json(
        "PATCH",
        `/api/v1/works/${work.id}`,
        { title: "A New Title" },
        bearer(token),
      );
      expect(res.status, res.body).toBe(200);
      expect(res.json()).toEqual({ ...work, title: "A New Title" });
      expect((await getChapter(work.id, work.chapters[0]!.id)).json()).toEqual(chapterBefore);

      const retagged = await agent().json(
        "PATCH",
        `/api/v1/works/${work.id}`,
        { freeforms: ["Fluff", "Hurt/Comfort"] },
        bearer(token),
      );
      expect(retagged.json()).toEqual({
        ...work,
        title: "A New Title",
        tags: { ...work.tags, freeform: ["Fluff", "Hurt/Comfort"] },
      });

      const rated = await agent().json(
        "PATCH",
        `/api/v1/works/${work.id}`,
        { rating: "Explicit" },
        bearer(token),
      );
      expect(rated.json<WorkJson>().tags).toEqual({
        ...work.tags,
        rating: ["Explicit"],
        freeform: ["Fluff", "Hurt/Comfort"],
      });

      const many = await agent().json(
        "PATCH",
        `/api/v1/works/${work.id}`,
        {
          summary: "New *summary*.",
          restricted: true,
          comment_permissions: "anyone",
          expected_chapters: "?",
          language: "fr",
        },
        bearer(token),
      );
      expect(many.status, many.body).toBe(200);
      expect(many.json()).toEqual({
        ...work,
        title: "A New Title",
        tags: { ...work.tags, rating: ["Explicit"], freeform: ["Fluff", "Hurt/Comfort"] },
        summary: "<p>New *summary*.</p>",
        restricted: true,
        comment_permissions: "anyone",
        expected_chapters: null,
        chapter_count: "1/?",
        complete: false,
        language: "fr",
      });
    });

    it("edits the first chapter's text and title through the work", async () => {
      const { token } = await writer();
      const work = await postWork(token);
      const res = await agent().json(
        "PATCH",
        `/api/v1/works/${work.id}`,
        { text: "Just five words right here.", chapter_title: "Renamed" },
        bearer(token),
      );
      const json = res.json<WorkJson>();
      expect(json.word_count).toBe(5);
      expect(json.chapters[0]).toMatchObject({ title: "Renamed", word_count: 5 });
      expect((await getChapter(work.id, work.chapters[0]!.id)).json<ChapterJson>().content).toBe(
        "<p>Just five words right here.</p>",
      );
    });

    it("posts a draft with post: true", async () => {
      const { token } = await writer();
      const draft = await postWork(token, { draft: true });
      expect((await getWork(draft.id)).status).toBe(404);
      const res = await agent().json("PATCH", `/api/v1/works/${draft.id}`, { post: true }, bearer(token));
      expect(res.status, res.body).toBe(200);
      const posted = res.json<WorkJson>();
      expect(posted).toMatchObject({
        posted: true,
        posted_chapters: 1,
        chapter_count: "1/1",
        complete: true,
      });
      expect(posted.published_at).toMatch(ISO);
      expect(posted.chapters[0]).toMatchObject({ posted: true, published_at: posted.published_at });
      expect((await getWork(draft.id)).status).toBe(200);
    });

    it("answers 403 to another user and changes nothing", async () => {
      const { token } = await writer();
      const work = await postWork(token, tagged);
      const { token: otherToken } = await writer();
      const res = await agent().json(
        "PATCH",
        `/api/v1/works/${work.id}`,
        { title: "Hijacked", freeforms: "Hijacked Tag", restricted: true },
        bearer(otherToken),
      );
      expect(res.status).toBe(403);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect((await getWork(work.id, token)).json()).toEqual(work);
    });

    it("answers 404 for another user's draft, without its title, and changes nothing", async () => {
      const { token } = await writer();
      const draft = await postWork(token, { draft: true, title: `Private Draft ${unique()}` });
      const { token: otherToken } = await writer();
      const res = await agent().json(
        "PATCH",
        `/api/v1/works/${draft.id}`,
        { title: "Hijacked", post: true },
        bearer(otherToken),
      );
      expect(res.status).toBe(404);
      expect(res.body).not.toContain(draft.title);
      expect((await getWork(draft.id, token)).json()).toEqual(draft);
    });

    it("refuses fewer expected chapters than are posted", async () => {
      const { token } = await writer();
      const work = await postWork(token, { expected_chapters: 3 });
      await addChapter(token, work.id);
      const res = await agent().json(
        "PATCH",
        `/api/v1/works/${work.id}`,
        { expected_chapters: 1 },
        bearer(token),
      );
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toEqual(["expected_chapters"]);
      expect((await getWork(work.id)).json<WorkJson>().chapter_count).toBe("2/3");
    });

    it("adds the work to a new series and takes it out again", async () => {
      const { token } = await writer();
      const work = await postWork(token);
      const added = (
        await agent().json(
          "PATCH",
          `/api/v1/works/${work.id}`,
          { series_title: "Patched Series" },
          bearer(token),
        )
      ).json<WorkJson>();
      expect(added.series).toEqual([{ id: expect.any(String), title: "Patched Series", position: 1 }]);
      const removed = (
        await agent().json(
          "PATCH",
          `/api/v1/works/${work.id}`,
          { remove_series_ids: [added.series[0]!.id] },
          bearer(token),
        )
      ).json<WorkJson>();
      expect(removed).toEqual(work);
    });

    it("answers 404 for a work that does not exist", async () => {
      const { token } = await writer();
      const res = await agent().json("PATCH", "/api/v1/works/nope", { title: "x" }, bearer(token));
      expect(res.status).toBe(404);
    });
  });

  describe("DELETE /api/v1/works/:id", () => {
    it("deletes the work (204), then it is gone (404)", async () => {
      const { user, token } = await writer();
      const work = await postWork(token);
      await addChapter(token, work.id);
      const res = await agent().json("DELETE", `/api/v1/works/${work.id}`, undefined, bearer(token));
      expect(res.status).toBe(204);
      expect(res.body).toBe("");
      expect((await getWork(work.id, token)).status).toBe(404);
      expect((await getChapter(work.id, work.chapters[0]!.id, token)).status).toBe(404);
      expect(await workCount(t, user)).toBe(0);
      const again = await agent().json("DELETE", `/api/v1/works/${work.id}`, undefined, bearer(token));
      expect(again.status).toBe(404);
    });

    it("answers 403 to another user, and the work stays", async () => {
      const { token } = await writer();
      const work = await postWork(token);
      const { token: otherToken } = await writer();
      const res = await agent().json("DELETE", `/api/v1/works/${work.id}`, undefined, bearer(otherToken));
      expect(res.status).toBe(403);
      expect((await getWork(work.id)).json()).toEqual(work);
    });

    it("answers 404 for another user's draft, and the draft stays", async () => {
      const { token } = await writer();
      const draft = await postWork(token, { draft: true });
      const { token: otherToken } = await writer();
      const res = await agent().json("DELETE", `/api/v1/works/${draft.id}`, undefined, bearer(otherToken));
      expect(res.status).toBe(404);
      expect(res.body).not.toContain(draft.title);
      expect((await getWork(draft.id, token)).status).toBe(200);
    });
  });

  describe("chapters", () => {
    it("adds chapter 2 (201), updating the work's counts", async () => {
      const { token } = await writer();
      const work = await postWork(token, {
        expected_chapters: "?",
        text: "One two three four five six seven eight nine ten.",
      });
      expect(work.chapter_count).toBe("1/?");
      const res = await agent().json(
        "POST",
        `/api/v1/works/${work.id}/chapters`,
        {
          title: "The Second",
          summary: "Chapter summary.",
          notes: "Chapter notes.",
          endnotes: "Chapter end notes.",
          text: "Three more words.",
        },
        bearer(token),
      );
      expect(res.status, res.body).toBe(201);
      const chapter = res.json<ChapterJson>();
      expect(() => chapterResponse.strict().parse(chapter)).not.toThrow();
      expect(chapter).toEqual({
        id: expect.any(String),
        position: 2,
        title: "The Second",
        posted: true,
        published_at: expect.stringMatching(ISO),
        word_count: 3,
        url: `http://quire.test/works/${work.id}/chapters/${chapter.id}`,
        summary: "<p>Chapter summary.</p>",
        notes: "<p>Chapter notes.</p>",
        endnotes: "<p>Chapter end notes.</p>",
        content: "<p>Three more words.</p>",
      });
      const after = (await getWork(work.id)).json<WorkJson>();
      expect(after).toMatchObject({
        posted_chapters: 2,
        chapter_count: "2/?",
        complete: false,
        word_count: 13,
      });
      expect(after.chapters.map((c) => [c.position, c.word_count])).toEqual([
        [1, 10],
        [2, 3],
      ]);
      expect((await getChapter(work.id, chapter.id)).json()).toEqual(chapter);
    });

    it("moves the work's updated date when a chapter is posted, not when one is saved as a draft", async () => {
      const { token } = await writer();
      const work = await postWork(token, { expected_chapters: "?" });
      t.clock.advance(3_600_000);
      const draft = await addChapter(token, work.id, { draft: true });
      expect((await getWork(work.id)).json<WorkJson>().revised_at).toBe(work.revised_at);
      t.clock.advance(3_600_000);
      const posted = await addChapter(token, work.id);
      const after = (await getWork(work.id)).json<WorkJson>();
      expect(after.revised_at).toBe(posted.published_at);
      expect(after.revised_at! > work.revised_at!).toBe(true);
      expect(after.published_at).toBe(work.published_at);
      t.clock.advance(3_600_000);
      const postedDraft = await agent().json(
        "PATCH",
        `/api/v1/works/${work.id}/chapters/${draft.id}`,
        { post: true },
        bearer(token),
      );
      expect((await getWork(work.id)).json<WorkJson>().revised_at).toBe(
        postedDraft.json<ChapterJson>().published_at,
      );
    });

    it("completes the work when the posted chapters reach the expected count", async () => {
      const { token } = await writer();
      const work = await postWork(token, { expected_chapters: 2 });
      expect(work).toMatchObject({ chapter_count: "1/2", complete: false });
      await addChapter(token, work.id);
      expect((await getWork(work.id)).json<WorkJson>()).toMatchObject({
        chapter_count: "2/2",
        complete: true,
      });
      const more = await addChapter(token, work.id, { expected_chapters: 4 });
      expect(more.position).toBe(3);
      expect((await getWork(work.id)).json<WorkJson>()).toMatchObject({
        chapter_count: "3/4",
        complete: false,
      });
    });

    it("saves a draft chapter with draft: true, hidden from readers until posted", async () => {
      const { token } = await writer();
      const work = await postWork(token, { expected_chapters: 2 });
      const draft = await addChapter(token, work.id, {
        draft: true,
        title: "Not Yet",
        text: "Four words of draft.",
      });
      expect(draft).toMatchObject({ posted: false, published_at: null, word_count: 4, position: 2 });
      const afterDraft = (await getWork(work.id, token)).json<WorkJson>();
      expect(afterDraft).toMatchObject({
        posted_chapters: 1,
        chapter_count: "1/2",
        word_count: work.word_count,
      });

      const { token: otherToken } = await writer();
      for (const res of [
        await getChapter(work.id, draft.id),
        await getChapter(work.id, draft.id, otherToken),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body).not.toContain("Not Yet");
      }
      expect((await getChapter(work.id, draft.id, token)).json()).toEqual(draft);

      const posted = await agent().json(
        "PATCH",
        `/api/v1/works/${work.id}/chapters/${draft.id}`,
        { post: true },
        bearer(token),
      );
      expect(posted.status, posted.body).toBe(200);
      expect(posted.json<ChapterJson>()).toMatchObject({
        posted: true,
        published_at: expect.stringMatching(ISO),
      });
      expect((await getChapter(work.id, draft.id)).status).toBe(200);
      expect((await getWork(work.id)).json<WorkJson>()).toMatchObject({
        posted_chapters: 2,
        chapter_count: "2/2",
        complete: true,
        word_count: work.word_count + 4,
      });
    });

    it("edits only the fields sent, recounting words", async () => {
      const { token } = await writer();
      const work = await postWork(token);
      const chapter = await addChapter(token, work.id, { title: "Old", notes: "Keep these notes." });
      const renamed = await agent().json(
        "PATCH",
        `/api/v1/works/${work.id}/chapters/${chapter.id}`,
        { title: "New" },
        bearer(token),
      );
      expect(renamed.status, renamed.body).toBe(200);
      expect(renamed.json()).toEqual({ ...chapter, title: "New" });
      const retexted = await agent().json(
        "PATCH",
        `/api/v1/works/${work.id}/chapters/${chapter.id}`,
        { text: "Now there are exactly six words." },
        bearer(token),
      );
      expect(retexted.json()).toEqual({
        ...chapter,
        title: "New",
        content: "<p>Now there are exactly six words.</p>",
        word_count: 6,
      });
      expect((await getWork(work.id)).json<WorkJson>().word_count).toBe(work.word_count + 6);
    });

    it("deletes a chapter (204) and renumbers the rest", async () => {
      const { token } = await writer();
      const work = await postWork(token, { expected_chapters: "?" });
      const two = await addChapter(token, work.id, { title: "Two" });
      const three = await addChapter(token, work.id, { title: "Three", text: "Just three words." });
      const res = await agent().json(
        "DELETE",
        `/api/v1/works/${work.id}/chapters/${two.id}`,
        undefined,
        bearer(token),
      );
      expect(res.status).toBe(204);
      expect((await getChapter(work.id, two.id, token)).status).toBe(404);
      const after = (await getWork(work.id)).json<WorkJson>();
      expect(after.chapters.map((c) => [c.id, c.position])).toEqual([
        [work.chapters[0]!.id, 1],
        [three.id, 2],
      ]);
      expect(after).toMatchObject({
        posted_chapters: 2,
        chapter_count: "2/?",
        word_count: work.word_count + 3,
      });
    });

    it("refuses to delete the only chapter (400, with a message)", async () => {
      const { token } = await writer();
      const work = await postWork(token);
      const res = await agent().json(
        "DELETE",
        `/api/v1/works/${work.id}/chapters/${work.chapters[0]!.id}`,
        undefined,
        bearer(token),
      );
      expect(res.status).toBe(400);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.json<ProblemJson>().errors).toEqual([
        {
          field: "chapter",
          message: "You can't delete the only chapter of a work. Delete the work instead.",
        },
      ]);
      expect((await getWork(work.id)).json()).toEqual(work);
    });

    it("answers 403 to another user on a posted work, and changes nothing", async () => {
      const { token } = await writer();
      const work = await postWork(token);
      const chapter = await addChapter(token, work.id);
      const before = (await getWork(work.id, token)).json<WorkJson>();
      const { token: otherToken } = await writer();
      const add = await agent().json(
        "POST",
        `/api/v1/works/${work.id}/chapters`,
        { text: "An intruder's chapter text." },
        bearer(otherToken),
      );
      expect(add.status).toBe(403);
      const edit = await agent().json(
        "PATCH",
        `/api/v1/works/${work.id}/chapters/${chapter.id}`,
        { title: "Hijacked", text: "Hijacked chapter text." },
        bearer(otherToken),
      );
      expect(edit.status).toBe(403);
      const del = await agent().json(
        "DELETE",
        `/api/v1/works/${work.id}/chapters/${chapter.id}`,
        undefined,
        bearer(otherToken),
      );
      expect(del.status).toBe(403);
      expect((await getWork(work.id, token)).json()).toEqual(before);
      expect((await getChapter(work.id, chapter.id, token)).json()).toEqual(chapter);
    });

    it("answers 404 to another user on a draft work or a draft chapter, and changes nothing", async () => {
      const { token } = await writer();
      const draft = await postWork(token, { draft: true, title: `Draft With Chapters ${unique()}` });
      const draftChapter = await addChapter(token, draft.id);
      const posted = await postWork(token);
      const hiddenChapter = await addChapter(token, posted.id, { draft: true, title: "Hidden Chapter" });
      const { token: otherToken } = await writer();
      const requests: [string, string, unknown][] = [
        ["POST", `/api/v1/works/${draft.id}/chapters`, { text: "An intruder's chapter text." }],
        ["PATCH", `/api/v1/works/${draft.id}/chapters/${draftChapter.id}`, { title: "Hijacked" }],
        ["DELETE", `/api/v1/works/${draft.id}/chapters/${draftChapter.id}`, undefined],
        ["GET", `/api/v1/works/${draft.id}/chapters/${draftChapter.id}`, undefined],
        ["GET", `/api/v1/works/${posted.id}/chapters/${hiddenChapter.id}`, undefined],
      ];
      for (const [method, url, payload] of requests) {
        const res = await agent().json(method as "GET", url, payload, bearer(otherToken));
        expect(res.status, `${method} ${url}`).toBe(404);
        expect(res.body).not.toContain(draft.title);
        expect(res.body).not.toContain("Hidden Chapter");
      }
      expect((await getWork(draft.id, token)).json<WorkJson>().chapters).toHaveLength(2);
      expect((await getChapter(draft.id, draftChapter.id, token)).json()).toEqual(draftChapter);
      expect((await getChapter(posted.id, hiddenChapter.id, token)).json()).toEqual(hiddenChapter);
    });

    it("answers 404 for a chapter asked for under another work", async () => {
      const { token } = await writer();
      const a = await postWork(token);
      const b = await postWork(token);
      const bChapter = await addChapter(token, b.id);
      expect((await getChapter(a.id, bChapter.id)).status).toBe(404);
      expect((await getChapter(a.id, "no-such-chapter")).status).toBe(404);
      const edit = await agent().json(
        "PATCH",
        `/api/v1/works/${a.id}/chapters/${bChapter.id}`,
        { title: "Wrong Work" },
        bearer(token),
      );
      expect(edit.status).toBe(404);
      const del = await agent().json(
        "DELETE",
        `/api/v1/works/${a.id}/chapters/${bChapter.id}`,
        undefined,
        bearer(token),
      );
      expect(del.status).toBe(404);
      expect((await getChapter(b.id, bChapter.id)).json()).toEqual(bChapter);
      expect((await getWork(b.id)).json<WorkJson>().chapters).toHaveLength(2);
    });

    it("keeps chapters of a draft work as drafts until the work is posted", async () => {
      const { token } = await writer();
      const draft = await postWork(token, { draft: true, expected_chapters: 2 });
      const chapter = await addChapter(token, draft.id);
      expect(chapter.posted).toBe(false);
      const posted = (
        await agent().json("PATCH", `/api/v1/works/${draft.id}`, { post: true }, bearer(token))
      ).json<WorkJson>();
      expect(posted.chapters.map((c) => c.posted)).toEqual([true, true]);
      expect(posted).toMatchObject({ chapter_count: "2/2", complete: true });
      expect((await getChapter(draft.id, chapter.id)).status).toBe(200);
    });
  });

  describe("GET /api/v1/openapi.json", () => {
    type Doc = {
      paths: Record<
        string,
        Record<
          string,
          {
            security?: unknown[];
            responses: Record<string, unknown>;
            requestBody?: {
              content: Record<
                string,
                {
                  schema: {
                    properties: Record<string, { maxLength?: number }>;
                    additionalProperties?: boolean;
                    required?: string[];
                  };
                }
              >;
            };
          }
        >
      >;
    };

    it("documents every works and chapters path and method", async () => {
      const res = await agent().json("GET", "/api/v1/openapi.json");
      expect(res.status).toBe(200);
      const doc = res.json<Doc>();
      const methods = (path: string) => Object.keys(doc.paths[path] ?? {}).sort();
      expect(methods("/api/v1/users/{username}/works")).toEqual(["get"]);
      expect(methods("/api/v1/works")).toEqual(["get", "post"]);
      expect(methods("/api/v1/works/{id}")).toEqual(["delete", "get", "patch"]);
      expect(methods("/api/v1/works/{id}/chapters")).toEqual(["post"]);
      expect(methods("/api/v1/works/{id}/chapters/{chapterId}")).toEqual(["delete", "get", "patch"]);
      const post = doc.paths["/api/v1/works"]!.post!;
      expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(["201", "400", "401"]));
      expect(post.security).toBeDefined();
      expect(doc.paths["/api/v1/works/{id}"]!.get!.security).toBeUndefined();
      expect(Object.keys(doc.paths["/api/v1/works/{id}"]!.delete!.responses)).toEqual(
        expect.arrayContaining(["204", "401", "404"]),
      );
    });

    it("takes the request schema's limits from the configuration and refuses other fields", async () => {
      for (const app of [t, small]) {
        const doc = (await new Agent(app.app).json("GET", "/api/v1/openapi.json")).json<Doc>();
        const schema = doc.paths["/api/v1/works"]!.post!.requestBody!.content["application/json"]!.schema;
        expect(schema.properties.title!.maxLength).toBe(app.config.titleMax);
        expect(schema.properties.text!.maxLength).toBe(app.config.chapterMax);
        expect(schema.properties.summary!.maxLength).toBe(app.config.summaryMax);
        expect(schema.additionalProperties).toBe(false);
        // Required means what the validator requires: nothing optional, nothing that may be left out.
        expect([...(schema.required ?? [])].sort()).toEqual([
          "fandoms",
          "rating",
          "text",
          "title",
          "warnings",
        ]);
        expect(Object.keys(schema.properties)).toEqual(
          expect.arrayContaining(["draft", "warnings", "pseud_ids"]),
        );
        const patch =
          doc.paths["/api/v1/works/{id}"]!.patch!.requestBody!.content["application/json"]!.schema;
        expect(patch.properties.title!.maxLength).toBe(app.config.titleMax);
        expect(patch.additionalProperties).toBe(false);
        expect(patch.required ?? []).toEqual([]);
        const chapter =
          doc.paths["/api/v1/works/{id}/chapters"]!.post!.requestBody!.content["application/json"]!.schema;
        expect(chapter.properties.text!.maxLength).toBe(app.config.chapterMax);
        expect(chapter.additionalProperties).toBe(false);
      }
      expect(small.config.titleMax).toBe(100);
    });
  });
});
