import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, fieldError, textOf, type AgentResponse } from "../../../test/support/agent.js";
import { dialects } from "../../../test/support/dialects.js";
import { actorFor, buildPseud, buildUser, loggedInAgent } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import { findWorkForReading } from "../works/work.queries.js";

/** A one-chapter text fic whose fandom is not declared: the importer infers it from the names. */
function fic(title: string, extra = ""): string {
  return `${title}

Rating: General Audiences
Summary: A quiet evening at Hogwarts.${extra}

Harry sat by the fire in the common room at Hogwarts. Hermione read beside Harry while Ron played chess with Harry. Hogwarts was quiet. Harry yawned, and Hermione laughed at Harry and Ron.
`;
}

const pdf = "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";

const loginRedirect = (res: AgentResponse, back: string) => {
  expect(res.status).toBe(303);
  expect(res.location).toBe(`/login?return_to=${encodeURIComponent(back)}`);
};

/** The "Review" links of a results page: the edited works' ids. */
const reviewed = (html: string) => [...html.matchAll(/href="\/works\/([^"/]+)\/edit"/g)].map((m) => m[1]!);

describe.each(dialects)("the Import works page on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  async function worksOf(userId: string) {
    return t.ctx.db
      .selectFrom("works")
      .innerJoin("creatorships", "creatorships.work_id", "works.id")
      .innerJoin("pseuds", "pseuds.id", "creatorships.pseud_id")
      .select(["works.id", "works.title", "works.posted"])
      .where("pseuds.user_id", "=", userId)
      .orderBy("works.title")
      .execute();
  }

  describe("signed out", () => {
    it("sends a guest to log in, and a guest's upload imports nothing", async () => {
      const agent = new Agent(t.app);
      loginRedirect(await agent.get("/works/import"), "/works/import");
      const before = await t.ctx.db.selectFrom("imports").select("id").execute();
      const res = await agent.upload("/works/import", {}, [{ fileName: "a.txt", content: fic("Guest Fic") }]);
      loginRedirect(res, "/");
      expect(await t.ctx.db.selectFrom("imports").select("id").execute()).toEqual(before);
    });
  });

  describe("signed in", () => {
    it("shows the form: files, the user's pseuds, post at once; and a link beside Post new work", async () => {
      const { agent, user } = await loggedInAgent(t.app, t.ctx);
      await buildPseud(t.ctx, user, "Second Quill");
      const res = await agent.get("/works/import");
      expect(res.status).toBe(200);
      expect(res.body).toContain('enctype="multipart/form-data"');
      expect(res.body).toMatch(
        /<input type="file" id="field-files" name="files" multiple accept=".txt,.md,.html,.htm,.epub,.docx"/,
      );
      expect(res.body).toMatch(
        /<form method="post" action="\/works\/import"[^>]*><input type="hidden" name="_csrf"/,
      );
      const text = textOf(res.body);
      expect(text).toContain("Second Quill");
      expect(text).toContain("Post at once instead of saving drafts");
      expect(res.body).toContain('<a href="/works/import">Import works</a>');
    });

    it("imports two files as drafts and lists them with links to review", async () => {
      const { agent, user } = await loggedInAgent(t.app, t.ctx);
      const res = await agent.upload("/works/import", {}, [
        { fileName: "first.txt", content: fic("The First Evening") },
        { fileName: "second.txt", content: fic("The Second Evening") },
      ]);
      expect(res.status).toBe(200);
      const text = textOf(res.body);
      expect(text).toContain("2 files imported, 0 skipped as already imported, 0 failed.");
      expect(text).toContain("first.txt Imported as a draft: The First Evening Review");
      expect(text).toContain("second.txt Imported as a draft: The Second Evening Review");
      const mine = await worksOf(user.id);
      expect(mine.map((w) => [w.title, w.posted])).toEqual([
        ["The First Evening", 0],
        ["The Second Evening", 0],
      ]);
      expect(reviewed(res.body).sort()).toEqual(mine.map((w) => w.id).sort());
      expect(res.body).toContain(`/users/${user.username}/works/drafts`);
      // They were read in the site's reading thread, not on the request's.
      expect(t.ctx.reader?.threads).toBe(1);
    });

    it("posts at once when asked, credits the chosen pseud, and skips a file imported before", async () => {
      const { agent, user } = await loggedInAgent(t.app, t.ctx);
      const pen = await buildPseud(t.ctx, user, "Night Quill");
      const file = { fileName: "posted.txt", content: fic("Posted At Once") };
      const res = await agent.upload("/works/import", { pseud_id: pen.id, post: "on" }, [file]);
      expect(res.status).toBe(200);
      expect(textOf(res.body)).toContain("posted.txt Posted: Posted At Once Review");
      const [work] = await worksOf(user.id);
      expect(work?.posted).toBe(1);
      const { detail } = await findWorkForReading(t.ctx, actorFor(user), work!.id);
      expect(detail.creators.map((c) => c.pseudName)).toEqual(["Night Quill"]);

      const again = await agent.upload("/works/import", {}, [{ ...file, fileName: "renamed.txt" }]);
      expect(textOf(again.body)).toContain(
        "renamed.txt Skipped: you imported this file before. See the work",
      );
      expect(again.body).toContain(`<a href="/works/${work!.id}">See the work</a>`);
      expect(await worksOf(user.id)).toHaveLength(1);
    });

    it("reports an empty file and a binary file by name, and still imports the good one", async () => {
      const { agent, user } = await loggedInAgent(t.app, t.ctx);
      const res = await agent.upload("/works/import", {}, [
        { fileName: "empty.txt", content: "" },
        { fileName: "scan.pdf", content: pdf },
        { fileName: "noise.bin", content: new Uint8Array([0, 1, 2, 3, 255, 254, 0, 0, 9, 7, 0, 0, 1]) },
        { fileName: "good.txt", content: fic("The Good One") },
      ]);
      expect(res.status).toBe(200);
      const text = textOf(res.body);
      expect(text).toContain("1 file imported, 0 skipped as already imported, 3 failed.");
      expect(text).toContain("empty.txt Failed: the file is empty");
      expect(text).toContain("scan.pdf Failed: not a document Quire can read (looks like PDF)");
      expect(text).toMatch(/noise\.bin Failed: not a document Quire can read/);
      expect((await worksOf(user.id)).map((w) => w.title)).toEqual(["The Good One"]);
    });

    it("names the posting rule a file breaks", async () => {
      const { agent, user } = await loggedInAgent(t.app, t.ctx);
      const res = await agent.upload("/works/import", {}, [
        { fileName: "tagged.txt", content: fic("Tagged", `\nAdditional Tags: ${"longword ".repeat(20)}`) },
      ]);
      expect(res.status).toBe(200);
      expect(textOf(res.body)).toMatch(
        /tagged\.txt Failed: Additional tags: “longword longword .*” is too long \(179 characters\); a tag can have at most 150\./,
      );
      expect(await worksOf(user.id)).toEqual([]);
    });

    it("shows the form again when no file was chosen", async () => {
      const { agent } = await loggedInAgent(t.app, t.ctx);
      // A file input left empty: one part with no file name and no bytes.
      const res = await agent.upload("/works/import", { post: "on" }, [{ fileName: "", content: "" }]);
      expect(res.status).toBe(422);
      expect(fieldError(res.body, "files")).toBe("Choose at least one file to import.");
      expect(res.body).toMatch(/<input type="checkbox" value="on" checked id="field-post"/);
      const plain = await agent.post("/works/import", {});
      expect(plain.status).toBe(422);
      expect(fieldError(plain.body, "files")).toBe("Choose at least one file to import.");
    });
  });

  describe("wrong user", () => {
    it("refuses another user's pseud and imports nothing", async () => {
      const other = await buildUser(t.ctx);
      const theirs = await buildPseud(t.ctx, other, "Not Yours Either");
      const { agent, user } = await loggedInAgent(t.app, t.ctx);
      const res = await agent.upload("/works/import", { pseud_id: theirs.id }, [
        { fileName: "mine.txt", content: fic("Under Another Name") },
      ]);
      expect(res.status).toBe(422);
      expect(fieldError(res.body, "pseud_id")).toBe("Choose from your own pseuds.");
      expect(await worksOf(user.id)).toEqual([]);
      expect(await worksOf(other.id)).toEqual([]);
    });

    it("keeps an imported draft's review form from other users", async () => {
      const { agent, user } = await loggedInAgent(t.app, t.ctx);
      await agent.upload("/works/import", {}, [{ fileName: "private.txt", content: fic("Private Draft") }]);
      const [work] = await worksOf(user.id);
      const { agent: stranger } = await loggedInAgent(t.app, t.ctx);
      expect((await stranger.get(`/works/${work!.id}/edit`)).status).toBe(404);
    });
  });

  describe("CSRF", () => {
    it("refuses an upload without the token, or with a wrong one, and imports nothing", async () => {
      const { agent, user } = await loggedInAgent(t.app, t.ctx);
      const file = [{ fileName: "forged.txt", content: fic("Forged") }];
      expect((await agent.upload("/works/import", {}, file, { csrf: false })).status).toBe(403);
      expect((await agent.upload("/works/import", {}, file, { csrf: "not-the-token" })).status).toBe(403);
      expect(await worksOf(user.id)).toEqual([]);
      // The token must come before the files.
      const late = await agent.upload(
        "/works/import",
        {},
        [...file, { name: "_csrf", fileName: "x", content: "" }],
        {
          csrf: false,
        },
      );
      expect(late.status).toBe(403);
      expect(await worksOf(user.id)).toEqual([]);
    });

    it("answers 400 to an upload cut short, not 500", async () => {
      const { agent } = await loggedInAgent(t.app, t.ctx);
      const b = "cut-short";
      const res = await t.app.inject({
        method: "POST",
        url: "/works/import",
        payload:
          `--${b}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${agent.csrfToken}\r\n` +
          `--${b}\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\nOnce upon a`,
        headers: {
          "content-type": `multipart/form-data; boundary=${b}`,
          cookie: `quire_csrf=${agent.cookie("quire_csrf")}; quire_session=${agent.cookie("quire_session")}`,
        },
      });
      expect(res.statusCode).toBe(400);
      expect(textOf(res.body)).toContain("The upload could not be read");
    });

    it("accepts multipart bodies only on the upload route", async () => {
      const { agent } = await loggedInAgent(t.app, t.ctx);
      const res = await agent.upload("/works", { title: "Sneaky" }, []);
      expect(res.status).toBe(415);
    });
  });

  describe("the review form", () => {
    it("marks what was suggested from the text, until the work is posted", async () => {
      const { agent, user } = await loggedInAgent(t.app, t.ctx);
      await agent.upload("/works/import", {}, [
        { fileName: "a_quiet_evening.txt", content: fic("").replace(/^\n+/, "") },
      ]);
      const [work] = await worksOf(user.id);
      expect(work?.title).toBe("a quiet evening");
      const res = await agent.get(`/works/${work!.id}/edit`);
      expect(res.status).toBe(200);
      const fandomNote = /<div class="field__suggested" id="field-fandoms-suggested">([\s\S]*?)<\/div>/.exec(
        res.body,
      )?.[1];
      expect(textOf(fandomNote ?? "")).toMatch(
        /^Suggested from the text: Harry Potter - J\. K\. Rowling — Harry ×\d+/,
      );
      expect(res.body).toMatch(/id="field-fandoms"[^>]*value="Harry Potter - J\. K\. Rowling"/);
      expect(textOf(res.body)).toContain("Taken from the file name.");
      // The declared rating is not a suggestion.
      expect(res.body).not.toContain('id="field-rating-suggested"');

      const posted = await agent.post(`/works/${work!.id}/post`);
      expect(posted.status).toBe(303);
      const after = await agent.get(`/works/${work!.id}/edit`);
      expect(after.body).not.toContain("Suggested from the text");
    });
  });

  describe("limits", () => {
    let small: TestApp;
    beforeAll(async () => {
      small = await createTestApp(dialect, { importMaxBytes: 1024, importFilesPerUpload: 2 });
    });
    afterAll(async () => {
      await small.close();
    });

    it("refuses a file over the size limit and reads no more files than allowed", async () => {
      const { agent, user } = await loggedInAgent(small.app, small.ctx);
      const res = await agent.upload("/works/import", {}, [
        { fileName: "big.txt", content: fic("Too Big", ` ${"word ".repeat(400)}`) },
        { fileName: "ok.txt", content: fic("Small Enough") },
        { fileName: "third.txt", content: fic("One Too Many") },
      ]);
      expect(res.status).toBe(200);
      const text = textOf(res.body);
      expect(text).toContain("big.txt Failed: the file is over the 1 KB limit (QUIRE_IMPORT_MAX_BYTES)");
      expect(text).toContain("ok.txt Imported as a draft: Small Enough Review");
      expect(text).toContain("Only the first 2 files were read");
      expect(text).not.toContain("third.txt");
      const titles = (
        await small.ctx.db
          .selectFrom("works")
          .innerJoin("creatorships", "creatorships.work_id", "works.id")
          .innerJoin("pseuds", "pseuds.id", "creatorships.pseud_id")
          .select("works.title")
          .where("pseuds.user_id", "=", user.id)
          .execute()
      ).map((w) => w.title);
      expect(titles).toEqual(["Small Enough"]);
    });
  });
});

describe("the site's reading threads", () => {
  it("are as many as QUIRE_IMPORT_READERS says", async () => {
    const t = await createTestApp("sqlite", { importReaders: 3 });
    try {
      expect(t.ctx.reader?.size).toBe(3);
    } finally {
      await t.close();
    }
  });
});
