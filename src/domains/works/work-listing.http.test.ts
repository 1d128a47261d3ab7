import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, textOf } from "../../../test/support/agent.js";
import { dialects } from "../../../test/support/dialects.js";
import { buildPseud, buildUser, buildWork, loggedInAgent } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import { tagToParam } from "../tags/tag-name.js";

/** The ids of the works listed on a page, in order. */
function listed(html: string): string[] {
  return [...html.matchAll(/<li class="blurb" id="work-([^"]+)"/g)].map((m) => m[1]!);
}

/** The count line under a listing's heading ("3 works", "1–2 of 5 works"). */
function countLine(html: string): string {
  return textOf(/<p class="muted listing-count">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? "");
}

describe.each(dialects)("work listings on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  /** A creator with an open work, a restricted work and a draft; the restricted one is newest of the posted. */
  async function creatorWithWorks(tags: Record<string, unknown> = {}) {
    const user = await buildUser(t.ctx);
    const open = await buildWork(t.ctx, user, { title: `Open ${user.username}`, ...tags });
    t.clock.advance(1000);
    const locked = await buildWork(t.ctx, user, {
      title: `Locked ${user.username}`,
      restricted: true,
      ...tags,
    });
    t.clock.advance(1000);
    const draft = await buildWork(t.ctx, user, { title: `Draft ${user.username}`, ...tags }, "draft");
    return { user, open, locked, draft };
  }

  describe("a user's works page", () => {
    it("shows a guest the posted, unrestricted works and counts only those", async () => {
      const { user, open, locked, draft } = await creatorWithWorks();
      const res = await new Agent(t.app).get(`/users/${user.username}/works`);
      expect(res.status).toBe(200);
      expect(listed(res.body)).toEqual([open.id]);
      expect(countLine(res.body)).toBe("1 work");
      expect(res.body).not.toContain(locked.title);
      expect(res.body).not.toContain(draft.title);
      const text = textOf(res.body);
      expect(text).toContain(`Works by ${user.username}`);
      expect(text).toContain("Original Work");
      expect(text).toContain("English");
      expect(res.body).not.toContain("/works/drafts");
    });

    it("shows a logged-in reader the restricted works too, newest first, but never drafts", async () => {
      const { user, open, locked, draft } = await creatorWithWorks();
      const { agent } = await loggedInAgent(t.app, t.ctx);
      const res = await agent.get(`/users/${user.username}/works`);
      expect(listed(res.body)).toEqual([locked.id, open.id]);
      expect(countLine(res.body)).toBe("2 works");
      expect(textOf(res.body)).toContain("Restricted");
      expect(res.body).not.toContain(draft.title);
    });

    it("offers its owner the posting and drafts links", async () => {
      const { user } = await creatorWithWorks();
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const res = await agent.get(`/users/${user.username}/works`);
      expect(res.body).toContain('href="/works/new"');
      expect(res.body).toContain(`href="/users/${user.username}/works/drafts"`);
    });

    it("answers 404 for an unknown user", async () => {
      expect((await new Agent(t.app).get("/users/no_such_person_here/works")).status).toBe(404);
    });
  });

  describe("a pseud's works page", () => {
    it("lists only that pseud's works, without restricted ones for a guest", async () => {
      const user = await buildUser(t.ctx);
      const pen = await buildPseud(t.ctx, user, "Side Pen");
      const byDefault = await buildWork(t.ctx, user, { title: "By The Default Pseud" });
      const byPen = await buildWork(t.ctx, user, { title: "By Side Pen", pseud_ids: [pen.id] });
      t.clock.advance(1000);
      const lockedByPen = await buildWork(t.ctx, user, {
        title: "Locked Side Pen",
        pseud_ids: [pen.id],
        restricted: true,
      });
      const draftByPen = await buildWork(
        t.ctx,
        user,
        { title: "Draft Side Pen", pseud_ids: [pen.id] },
        "draft",
      );
      const path = `/users/${user.username}/pseuds/${encodeURIComponent("Side Pen")}/works`;

      const res = await new Agent(t.app).get(path);
      expect(res.status).toBe(200);
      expect(textOf(res.body)).toContain(`Works by Side Pen (${user.username})`);
      expect(listed(res.body)).toEqual([byPen.id]);
      expect(countLine(res.body)).toBe("1 work");
      expect(res.body).not.toContain(lockedByPen.title);
      expect(res.body).not.toContain(draftByPen.title);
      expect(res.body).not.toContain(byDefault.title);

      const { agent } = await loggedInAgent(t.app, t.ctx);
      const seen = await agent.get(path);
      expect(listed(seen.body)).toEqual([lockedByPen.id, byPen.id]);
      expect(countLine(seen.body)).toBe("2 works");
    });

    it("answers 404 for an unknown pseud", async () => {
      const user = await buildUser(t.ctx);
      expect((await new Agent(t.app).get(`/users/${user.username}/pseuds/Nobody/works`)).status).toBe(404);
    });
  });

  describe("the drafts page", () => {
    it("sends a guest to log in", async () => {
      const { user } = await creatorWithWorks();
      const res = await new Agent(t.app).get(`/users/${user.username}/works/drafts`);
      expect(res.status).toBe(303);
      expect(res.location).toBe(
        `/login?return_to=${encodeURIComponent(`/users/${user.username}/works/drafts`)}`,
      );
    });

    it("refuses another user (403) without showing the drafts", async () => {
      const { user, draft } = await creatorWithWorks();
      const { agent } = await loggedInAgent(t.app, t.ctx);
      const res = await agent.get(`/users/${user.username}/works/drafts`);
      expect(res.status).toBe(403);
      expect(res.body).not.toContain(draft.title);
    });

    it("lists the owner's drafts only", async () => {
      const { user, open, locked, draft } = await creatorWithWorks();
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const res = await agent.get(`/users/${user.username}/works/drafts`);
      expect(res.status).toBe(200);
      expect(textOf(res.body)).toContain("Your drafts");
      expect(listed(res.body)).toEqual([draft.id]);
      expect(textOf(res.body)).toContain("Draft");
      expect(res.body).not.toContain(open.title);
      expect(res.body).not.toContain(locked.title);
    });

    it("says so when there are none", async () => {
      const { agent, user } = await loggedInAgent(t.app, t.ctx);
      const res = await agent.get(`/users/${user.username}/works/drafts`);
      expect(textOf(res.body)).toContain("You have no drafts.");
    });
  });

  describe("a tag's works page", () => {
    it("finds a relationship by its escaped name and hides restricted works and drafts from a guest", async () => {
      const pair = `Listing ${Date.now() % 100000} / Partner`;
      const name = pair.replace(" / ", "/");
      const { open, locked, draft } = await creatorWithWorks({ relationships: pair });
      const elsewhere = await buildWork(t.ctx, await buildUser(t.ctx), { relationships: "Unrelated/Pair" });
      const path = `/tags/${tagToParam(name)}/works`;
      expect(path).toContain("*s*");

      const res = await new Agent(t.app).get(path);
      expect(res.status).toBe(200);
      expect(textOf(res.body)).toContain(`Works in ${name}`);
      expect(listed(res.body)).toEqual([open.id]);
      expect(countLine(res.body)).toBe("1 work");
      expect(res.body).not.toContain(locked.title);
      expect(res.body).not.toContain(draft.title);
      expect(res.body).not.toContain(elsewhere.title);
      expect(res.body).toContain(`href="${path}"`);

      const { agent } = await loggedInAgent(t.app, t.ctx);
      const seen = await agent.get(path);
      expect(listed(seen.body)).toEqual([locked.id, open.id]);
      expect(countLine(seen.body)).toBe("2 works");
    });

    it("finds a tag whatever its case, and a fandom name with a dot", async () => {
      const user = await buildUser(t.ctx);
      const work = await buildWork(t.ctx, user, { fandoms: "Dr. Who & Friends" });
      const res = await new Agent(t.app).get(`/tags/${tagToParam("dr. who & friends")}/works`);
      expect(res.status).toBe(200);
      expect(listed(res.body)).toEqual([work.id]);
    });

    it("answers 404 for a tag that doesn't exist", async () => {
      expect((await new Agent(t.app).get(`/tags/${tagToParam("No Such Tag Anywhere")}/works`)).status).toBe(
        404,
      );
    });
  });

  describe("pagination", () => {
    let small: TestApp;
    beforeAll(async () => {
      small = await createTestApp(dialect, { worksPerPage: 2 });
    });
    afterAll(async () => {
      await small.close();
    });

    it("splits a listing into pages of worksPerPage, newest first, with links between them", async () => {
      const user = await buildUser(small.ctx);
      const ids: string[] = [];
      for (let i = 1; i <= 5; i++) {
        ids.push(
          (await buildWork(small.ctx, user, { title: `Paged Work ${i}`, fandoms: "Paged Fandom" })).id,
        );
        small.clock.advance(1000);
      }
      await buildWork(small.ctx, user, { title: "Paged Locked", fandoms: "Paged Fandom", restricted: true });
      const newest = [...ids].reverse();
      const reader = new Agent(small.app);
      const base = `/users/${user.username}/works`;

      const one = await reader.get(base);
      expect(listed(one.body)).toEqual(newest.slice(0, 2));
      expect(countLine(one.body)).toBe("1–2 of 5 works");
      expect(textOf(one.body)).toContain("Page 1 of 3");
      expect(one.body).toContain(`href="${base}?page=2" rel="next"`);
      expect(one.body).not.toContain('rel="prev"');

      const two = await reader.get(`${base}?page=2`);
      expect(listed(two.body)).toEqual(newest.slice(2, 4));
      expect(countLine(two.body)).toBe("3–4 of 5 works");
      expect(two.body).toContain(`href="${base}?page=1" rel="prev"`);
      expect(two.body).toContain(`href="${base}?page=3" rel="next"`);

      const three = await reader.get(`${base}?page=3`);
      expect(listed(three.body)).toEqual(newest.slice(4));
      expect(countLine(three.body)).toBe("5 of 5 works");
      expect(three.body).not.toContain('rel="next"');

      expect(listed((await reader.get(`${base}?page=nonsense`)).body)).toEqual(newest.slice(0, 2));

      const tag = await reader.get(`/tags/${tagToParam("Paged Fandom")}/works?page=3`);
      expect(listed(tag.body)).toEqual(newest.slice(4));
      const { agent } = await loggedInAgent(small.app, small.ctx);
      const member = await agent.get(`/tags/${tagToParam("Paged Fandom")}/works`);
      expect(countLine(member.body)).toBe("1–2 of 6 works");
    });
  });

  describe("tag autocomplete", () => {
    it("suggests existing tags of the asked type only, as JSON", async () => {
      const user = await buildUser(t.ctx);
      await buildWork(t.ctx, user, {
        fandoms: "Zebrafish Chronicles",
        characters: "Zebra Man",
        freeforms: "Zebra Crossing",
      });
      const reader = new Agent(t.app);
      const res = await reader.get("/tags/autocomplete?type=fandom&term=zebra");
      expect(res.status).toBe(200);
      expect(res.headers["content-type"]).toMatch(/application\/json/);
      const names = res.json<{ name: string }[]>().map((s) => s.name);
      expect(names).toContain("Zebrafish Chronicles");
      expect(names).not.toContain("Zebra Man");
      expect(names).not.toContain("Zebra Crossing");
      const chars = (await reader.get("/tags/autocomplete?type=character&term=ZEB")).json<
        { name: string }[]
      >();
      expect(chars.map((s) => s.name)).toEqual(["Zebra Man"]);
    });

    it("answers an empty list for an unknown type, an empty term or a term nothing matches", async () => {
      const reader = new Agent(t.app);
      for (const query of [
        "type=nonsense&term=zebra",
        "type=fandom&term=",
        "type=fandom&term=qqqxxyyzz",
        "term=zebra",
      ]) {
        const res = await reader.get(`/tags/autocomplete?${query}`);
        expect(res.status).toBe(200);
        expect(res.json()).toEqual([]);
      }
    });
  });
});
