import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent } from "../../../test/support/agent.js";
import { dialects } from "../../../test/support/dialects.js";
import { actorFor, buildUser, buildWork, loggedInAgent } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import { findWorkForReading } from "../works/work.queries.js";
import { tagNameKey, tagToParam } from "../tags/tag-name.js";
import { findTagByKey } from "../tags/tag.repo.js";
import { makeCanonical, makeSynonym } from "../tags/wrangling.service.js";

function listed(html: string): string[] {
  return [...html.matchAll(/<h2 class="blurb__title"><a href="\/works\/[^"]+">([^<]+)<\/a>/g)].map(
    (m) => m[1]!,
  );
}

describe.each(dialects)("finding works over HTTP on %s", (dialect) => {
  let t: TestApp;
  const fandom = `Http Fandom ${dialect}`;
  beforeAll(async () => {
    t = await createTestApp(dialect, { worksPerPage: 2 });
    const author = await buildUser(t.ctx);
    await buildWork(t.ctx, author, { title: "Alpha", fandoms: fandom, freeforms: "Fluff", language: "en" });
    t.clock.advance(1000);
    await buildWork(t.ctx, author, { title: "Beta", fandoms: fandom, freeforms: "Angst", language: "fr" });
    t.clock.advance(1000);
    await buildWork(t.ctx, author, {
      title: "Gamma",
      fandoms: fandom,
      freeforms: "Angst, Fluff",
      restricted: true,
    });
    t.clock.advance(1000);
    await buildWork(t.ctx, author, { title: "Delta", fandoms: fandom, freeforms: "Fluff" });
  });
  afterAll(async () => {
    await t.close();
  });

  it("lists all works with a filter sidebar whose facets count the visible works", async () => {
    const res = await new Agent(t.app).get(`/works?include=${encodeURIComponent(fandom)}`);
    expect(res.status).toBe(200);
    expect(listed(res.body)).toEqual(["Delta", "Beta"]);
    expect(res.body).toContain("1–2 of 3 works");
    expect(res.body).toMatch(/value="Fluff"[^>]*\/?> Fluff <span class="facet__count">\(2\)/);
    // The next page keeps the filters.
    expect(res.body).toContain(
      `href="/works?include=${encodeURIComponent(fandom).replaceAll("%20", "+")}&amp;page=2"`,
    );
  });

  it("includes, excludes and filters by language through the URL", async () => {
    const agent = new Agent(t.app);
    const res = await agent.get(`/works?include=${encodeURIComponent(fandom)}&exclude=Angst`);
    expect(listed(res.body)).toEqual(["Delta", "Alpha"]);
    const fr = await agent.get(`/languages/fr/works?include=${encodeURIComponent(fandom)}`);
    expect(listed(fr.body)).toEqual(["Beta"]);
    expect((await agent.get("/languages/xx-nope/works")).status).toBe(404);
  });

  it("shows bad parameters as notices on the page, never an error page", async () => {
    const res = await new Agent(t.app).get(
      "/works?sort=stars&words_from=lots&page=-1&include=No+Such+Tag+At+All",
    );
    expect(res.status).toBe(200);
    expect(res.body).toContain('data-param="sort"');
    expect(res.body).toContain('data-param="words_from"');
    expect(res.body).toContain('data-param="page"');
    expect(res.body).toContain("No tag is called “No Such Tag At All”");
  });

  it("sends a synonym's works page to its canonical tag, keeping the filters", async () => {
    const admin = actorFor(await buildUser(t.ctx, { isAdmin: true }));
    const author = await buildUser(t.ctx);
    await buildWork(t.ctx, author, { title: "Syn http", relationships: `Ha/Hb ${dialect}, Hab ${dialect}` });
    const canonical = (await findTagByKey(t.ctx.db, tagNameKey(`Ha/Hb ${dialect}`)))!;
    const synonym = (await findTagByKey(t.ctx.db, tagNameKey(`Hab ${dialect}`)))!;
    await makeCanonical(t.ctx, admin, canonical.id, true);
    await makeSynonym(t.ctx, admin, synonym.id, canonical.name);
    const res = await new Agent(t.app).get(`/tags/${tagToParam(synonym.name)}/works?complete=complete`);
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe(`/tags/${tagToParam(canonical.name)}/works?complete=complete`);
  });

  it("keeps an excluded tag checked in its own type's group only, and an unknown name as text", async () => {
    const res = await new Agent(t.app).get(
      `/works?include=${encodeURIComponent(fandom)}&exclude=Angst&exclude=Not+A+Tag+Anywhere`,
    );
    expect(res.status).toBe(200);
    const exclude = res.body.slice(res.body.indexOf("<summary>Exclude</summary>"));
    // Each group's legend, with the exclude boxes under it.
    const groups = [...exclude.matchAll(/<legend>([^<]+)<\/legend>(.*?)<\/fieldset>/gs)].map((m) => [
      m[1],
      [...m[2]!.matchAll(/name="exclude" value="([^"]+)"( checked)?/g)].map(
        (b) => `${b[1]}${b[2] ? " ✓" : ""}`,
      ),
    ]);
    const angst = groups.filter(([, boxes]) => (boxes as string[]).some((b) => b.startsWith("Angst")));
    expect(angst).toEqual([["Additional Tags", expect.arrayContaining(["Angst ✓"])]]);
    expect(exclude).toMatch(/name="exclude_other" value="Not A Tag Anywhere"/);
    expect(exclude).not.toMatch(/name="exclude" value="Not A Tag Anywhere"/);
  });

  it("never tells a reader that a tag they may not know about exists", async () => {
    // Tags typed only on a draft, only on a restricted work, and a synonym used only on a draft.
    const admin = actorFor(await buildUser(t.ctx, { isAdmin: true }));
    const author = await buildUser(t.ctx);
    const draftOnly = `Draft Only Tag ${dialect}`;
    const restrictedOnly = `Restricted Only Tag ${dialect}`;
    const synonymName = `Hidden Syn ${dialect}`;
    await buildWork(t.ctx, author, { title: "Secret", freeforms: draftOnly }, "draft");
    await buildWork(t.ctx, author, { title: "Members", freeforms: restrictedOnly, restricted: true });
    await buildWork(t.ctx, author, { title: "Open", relationships: `Hc/Hd ${dialect}` });
    await buildWork(t.ctx, author, { title: "Draft syn", relationships: synonymName }, "draft");
    const canonical = (await findTagByKey(t.ctx.db, tagNameKey(`Hc/Hd ${dialect}`)))!;
    const synonym = (await findTagByKey(t.ctx.db, tagNameKey(synonymName)))!;
    await makeCanonical(t.ctx, admin, canonical.id, true);
    await makeSynonym(t.ctx, admin, synonym.id, canonical.name);

    /** What a listing and the API say about a name: the notes, with the name itself taken out. */
    const said = async (agent: Agent, name: string) => {
      const q = encodeURIComponent(name);
      const notes = (body: string) =>
        [...body.matchAll(/No tag is called|both included and excluded/g)].map((m) => m[0]);
      const include = await agent.get(`/works?include=${q}`);
      const both = await agent.get(`/works?include=${q}&exclude=${q}`);
      const api = await agent.get(`/api/v1/works?include=${q}`);
      const apiNotes = (JSON.parse(api.body) as { notes: string[] }).notes.map((n) => n.replace(name, "X"));
      return { include: notes(include.body), both: notes(both.body), api: apiNotes };
    };
    const guest = new Agent(t.app);
    const unknown = await said(guest, `Never Used Tag ${dialect}`);
    expect(unknown.include).toEqual(["No tag is called"]);
    for (const name of [draftOnly, restrictedOnly, synonymName]) {
      const answer = await said(guest, name);
      expect(answer, name).toEqual(unknown);
    }
    // A synonym's works page sends nobody who may not know it to its canonical tag.
    expect((await guest.get(`/tags/${tagToParam(synonymName)}/works`)).status).toBe(404);
    expect((await guest.get(`/tags/${tagToParam(draftOnly)}/works`)).status).toBe(404);

    // A logged-in reader may see restricted works, so that tag is theirs to know; an admin knows all.
    const { agent: member } = await loggedInAgent(t.app, t.ctx);
    expect((await said(member, restrictedOnly)).include).toEqual([]);
    expect((await said(member, draftOnly)).include).toEqual(["No tag is called"]);
    const { agent: wrangler } = await loggedInAgent(t.app, t.ctx, await buildUser(t.ctx, { isAdmin: true }));
    expect((await said(wrangler, draftOnly)).include).toEqual([]);
    const redirect = await wrangler.get(`/tags/${tagToParam(synonymName)}/works`);
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe(`/tags/${tagToParam(canonical.name)}/works`);
  });

  it("turns the advanced search form into a listing URL", async () => {
    const agent = new Agent(t.app);
    const form = await agent.get("/works/search");
    expect(form.status).toBe(200);
    expect(form.body).toContain('name="relationships"');
    const res = await agent.get(
      `/works/search?title=Alpha&fandoms=${encodeURIComponent(fandom)}&kudos=>5&sort=kudos`,
    );
    expect(res.status).toBe(303);
    const location = new URL(res.headers.location as string, "http://x");
    expect(location.pathname).toBe("/works");
    expect(location.searchParams.getAll("include")).toEqual([fandom]);
    expect(location.searchParams.get("q")).toBe('title:"Alpha" kudos:>5');
    expect(location.searchParams.get("sort")).toBe("kudos");
  });

  it("lists a series' works with the same sidebar", async () => {
    const author = await buildUser(t.ctx);
    const work = await buildWork(t.ctx, author, {
      title: "Series part",
      fandoms: "Series Only Fandom",
      series_title: "Http Series",
    });
    const seriesId = (await findWorkForReading(t.ctx, actorFor(author), work.id)).detail.series[0]!.id;
    const res = await new Agent(t.app).get(`/series/${seriesId}/works`);
    expect(res.status).toBe(200);
    expect(listed(res.body)).toEqual(["Series part"]);
    expect(res.body).toContain('class="filters"');
  });

  it("applies a reader's default saved filter to a bare listing, with a way out, and offers to save filters", async () => {
    const { agent } = await loggedInAgent(t.app, t.ctx);
    const listing = await agent.get(`/works?include=${encodeURIComponent(fandom)}&exclude=Angst`);
    expect(listing.body).toContain('action="/account/filters"');
    const saved = await agent.post("/account/filters", {
      name: "No angst",
      query: `include=${encodeURIComponent(fandom)}&exclude=Angst`,
      is_default: "1",
    });
    expect(saved.status).toBe(303);
    const bare = await agent.get("/works");
    expect(listed(bare.body)).toEqual(["Delta", "Alpha"]);
    expect(bare.body).toContain("Your default filter “No angst” is applied.");
    expect(bare.body).toContain('href="/works?default=none"');
    const off = await agent.get("/works?default=none");
    expect(off.body).not.toContain("Your default filter");
    // A guest has no default.
    expect((await new Agent(t.app).get("/works")).body).not.toContain("Your default filter");
  });

  it("offers to block the tag on its works page, to logged-in readers only", async () => {
    const path = `/tags/${tagToParam(fandom)}/works`;
    expect((await new Agent(t.app).get(path)).body).not.toContain("Block this tag");
    const { agent } = await loggedInAgent(t.app, t.ctx);
    const page = await agent.get(path);
    expect(page.body).toContain("Block this tag");
    const blocked = await agent.post("/account/blocklist", { kind: "tag", name: "Angst", return_to: path });
    expect(blocked.status).toBe(303);
    const after = await agent.get(path);
    expect(listed(after.body)).toEqual(["Delta", "Alpha"]);
    expect(after.body).toContain("2 works hidden by your blocklist");
  });

  describe("GET /api/v1/works", () => {
    it("answers the same listing as JSON, with facets", async () => {
      const res = await new Agent(t.app).get(
        `/api/v1/works?include=${encodeURIComponent(fandom)}&sort=title&dir=asc`,
      );
      expect(res.status).toBe(200);
      const body = res.json<{
        works: { title: string }[];
        total: number;
        facets: Record<string, { name: string; count: number }[]>;
      }>();
      expect(body.works.map((w) => w.title)).toEqual(["Alpha", "Beta"]);
      expect(body.total).toBe(3);
      expect(body.facets.freeform).toEqual([
        { name: "Fluff", count: 2 },
        { name: "Angst", count: 1 },
      ]);
    });

    it("answers a bad parameter with a 400 problem document naming it", async () => {
      const res = await new Agent(t.app).get("/api/v1/works?sort=stars");
      expect(res.status).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(JSON.stringify(res.json())).toContain("sort");
      const long = await new Agent(t.app).get(`/api/v1/works?q=${"(".repeat(3000)}`);
      expect(long.status).toBe(400);
      expect(JSON.stringify(long.json())).toContain('"q"');
    });
  });
});
