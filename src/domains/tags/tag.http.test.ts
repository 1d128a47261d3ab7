import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, fieldError, inputValue, textOf } from "../../../test/support/agent.js";
import { dialects } from "../../../test/support/dialects.js";
import { actorFor, buildUser, buildWork, loggedInAgent, unique } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import type { Actor } from "../actor.js";
import type { User } from "../users/user.js";
import type { Tag } from "./tag.js";
import { tagNameKey, tagToParam } from "./tag-name.js";
import * as tagRepo from "./tag.repo.js";
import * as wrangling from "./wrangling.service.js";

/** The names in the search results table, in order. */
function results(html: string): string[] {
  return [...html.matchAll(/<tr class="tag-result"><td><a href="[^"]*">([^<]*)<\/a>/g)].map((m) =>
    textOf(m[1]!),
  );
}

describe.each(dialects)("tag pages on %s", (dialect) => {
  let t: TestApp;
  let adminUser: User & { password: string };
  let admin: Actor;
  let creator: User;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    adminUser = await buildUser(t.ctx, { isAdmin: true });
    admin = actorFor(adminUser);
    creator = await buildUser(t.ctx);
  });
  afterAll(async () => {
    await t.close();
  });

  async function tagNamed(name: string): Promise<Tag> {
    const tag = await tagRepo.findTagByKey(t.ctx.db, tagNameKey(name));
    if (!tag) throw new Error(`no tag ${name}`);
    return tag;
  }

  async function canonical(name: string): Promise<Tag> {
    return wrangling.makeCanonical(t.ctx, admin, (await tagNamed(name)).id, true);
  }

  const page = (name: string) => `/tags/${tagToParam(name)}`;

  /** A wrangled family around a fandom: a synonym, a meta and a sub fandom, a character below it. */
  async function family() {
    const s = unique();
    const n = {
      fandom: `Stargate ${s}`,
      synonym: `SG ${s}`,
      meta: `Stargate Franchise ${s}`,
      sub: `Stargate Atlantis ${s}`,
      character: `Rodney McKay ${s}`,
      ship: `McKay/Sheppard ${s}`,
    };
    await buildWork(t.ctx, creator, {
      fandoms: `${n.fandom}, ${n.synonym}, ${n.meta}, ${n.sub}`,
      characters: n.character,
      relationships: n.ship,
    });
    await buildWork(t.ctx, creator, { fandoms: n.fandom, restricted: true });
    for (const name of [n.fandom, n.meta, n.sub]) await canonical(name);
    await wrangling.makeSynonym(t.ctx, admin, (await tagNamed(n.synonym)).id, n.fandom);
    await wrangling.addMetaTag(t.ctx, admin, (await tagNamed(n.fandom)).id, n.meta);
    await wrangling.addMetaTag(t.ctx, admin, (await tagNamed(n.sub)).id, n.fandom);
    await wrangling.addParent(t.ctx, admin, (await tagNamed(n.character)).id, n.fandom);
    await wrangling.addParent(t.ctx, admin, (await tagNamed(n.ship)).id, n.fandom);
    return n;
  }

  describe("a tag's page", () => {
    it("shows a canonical tag with its synonyms, meta and sub tags, children and works", async () => {
      const n = await family();
      const res = await new Agent(t.app).get(page(n.fandom));
      expect(res.status).toBe(200);
      const text = textOf(res.body);
      expect(text).toContain(`Type Fandom Status Canonical`);
      expect(text).toMatch(new RegExp(`Synonyms ${n.synonym} Meta tags ${n.meta} Sub tags ${n.sub}`));
      expect(text).toContain(`Relationships ${n.ship} Characters ${n.character}`);
      // The guest's count leaves out the restricted work; the sub tag's work is found here too.
      expect(text).toContain(`1 work in ${n.fandom}`);
      expect(res.body).toContain(`href="${page(n.fandom)}/works"`);
      expect(res.body).toContain(`href="${page(n.meta)}"`);
      expect(res.body).not.toContain("Wrangle this tag");

      const { agent } = await loggedInAgent(t.app, t.ctx);
      expect(textOf((await agent.get(page(n.fandom))).body)).toContain(`2 works in ${n.fandom}`);
    });

    it("counts neither drafts nor works hidden by an admin", async () => {
      const name = `Counted ${unique()}`;
      await buildWork(t.ctx, creator, { freeforms: name });
      await buildWork(t.ctx, creator, { freeforms: name }, "draft");
      const hidden = await buildWork(t.ctx, creator, { freeforms: name });
      await canonical(name);
      await t.ctx.db.updateTable("works").set({ hidden_by_admin: 1 }).where("id", "=", hidden.id).execute();
      const { agent } = await loggedInAgent(t.app, t.ctx);
      expect(textOf((await agent.get(page(name))).body)).toContain(`1 work in ${name}`);
    });

    it("shows a synonym's canonical tag and a character's parent fandom", async () => {
      const n = await family();
      const syn = await new Agent(t.app).get(page(n.synonym));
      expect(syn.status).toBe(200);
      expect(textOf(syn.body)).toContain(`Status Synonym This tag belongs to ${n.fandom}`);
      expect(syn.body).toContain(`<a href="${page(n.fandom)}">${n.fandom}</a>`);
      const character = await new Agent(t.app).get(page(n.character));
      expect(textOf(character.body)).toContain(`Parent tags ${n.fandom}`);
      const ship = await new Agent(t.app).get(page(n.ship));
      expect(ship.status).toBe(200);
      expect(textOf(ship.body)).toContain(`Type Relationship Status Not wrangled`);
    });

    it("shows an unwrangled tag, and answers 404 for a tag nobody has used", async () => {
      const name = `Fluff & Angst. Maybe? #${unique()}`;
      await buildWork(t.ctx, creator, { freeforms: name });
      const res = await new Agent(t.app).get(page(name));
      expect(res.status).toBe(200);
      expect(textOf(res.body)).toContain("has not been wrangled yet");
      expect(textOf(res.body)).toContain(`1 work in ${name}`);
      expect((await new Agent(t.app).get(page(`No such tag ${unique()}`))).status).toBe(404);
    });

    it("doesn't reveal a tag used only on drafts or restricted works to those who can't see them", async () => {
      const draftOnly = `Secret Draft Tag ${unique()}`;
      const lockedOnly = `Members Only Tag ${unique()}`;
      const canonicalName = `Public Canon ${unique()}`;
      await buildWork(t.ctx, creator, { freeforms: `${draftOnly}, ${canonicalName}` }, "draft");
      await buildWork(t.ctx, creator, { freeforms: lockedOnly, restricted: true });
      const guest = new Agent(t.app);
      expect((await guest.get(page(draftOnly))).status).toBe(404);
      expect((await guest.get(page(lockedOnly))).status).toBe(404);
      const { agent: reader } = await loggedInAgent(t.app, t.ctx);
      expect((await reader.get(page(draftOnly))).status).toBe(404);
      expect((await reader.get(page(lockedOnly))).status).toBe(200);
      // A canonical tag is public, and its private synonyms stay private.
      await canonical(canonicalName);
      await wrangling.makeSynonym(t.ctx, admin, (await tagNamed(draftOnly)).id, canonicalName);
      const canon = await guest.get(page(canonicalName));
      expect(canon.status).toBe(200);
      expect(canon.body).not.toContain(draftOnly);
      const { agent: adminAgent } = await loggedInAgent(t.app, t.ctx, adminUser);
      expect((await adminAgent.get(page(draftOnly))).status).toBe(200);
      expect((await adminAgent.get(page(canonicalName))).body).toContain(draftOnly);
    });
  });

  describe("tag search", () => {
    it("finds tags by part of their name, type and status, 50 a page", async () => {
      const s = unique();
      const list = Array.from({ length: 51 }, (_, i) => `Zq${s} ${String(i).padStart(2, "0")}`);
      await buildWork(t.ctx, creator, { freeforms: list.join(", "), characters: `Zq${s} Person` });
      await canonical(`Zq${s} 00`);
      await wrangling.makeSynonym(t.ctx, admin, (await tagNamed(`Zq${s} 01`)).id, `Zq${s} 00`);
      const guest = new Agent(t.app);

      const first = await guest.get(`/tags/search?name=zq${s}`);
      expect(first.status).toBe(200);
      expect(results(first.body)).toHaveLength(50);
      expect(textOf(first.body)).toContain("1–50 of 52 tags");
      expect(first.body).toContain(`href="/tags/search?name=zq${s}&amp;status=any&amp;sort=name&amp;page=2"`);
      expect(inputValue(first.body, "name")).toBe(`zq${s}`);
      const second = await guest.get(`/tags/search?name=zq${s}&page=2`);
      expect(results(second.body)).toEqual([`Zq${s} 50`, `Zq${s} Person`]);

      expect(results((await guest.get(`/tags/search?name=zq${s}&type=character`)).body)).toEqual([
        `Zq${s} Person`,
      ]);
      expect(results((await guest.get(`/tags/search?name=zq${s}&status=canonical`)).body)).toEqual([
        `Zq${s} 00`,
      ]);
      expect(results((await guest.get(`/tags/search?name=zq${s}&status=synonym`)).body)).toEqual([
        `Zq${s} 01`,
      ]);
      const unwrangled = results((await guest.get(`/tags/search?name=zq${s}&status=unwrangled`)).body);
      expect(unwrangled).toHaveLength(50);
      expect(unwrangled).not.toContain(`Zq${s} 00`);
    });

    it("sorts by uses, counting only works the reader may see", async () => {
      const s = unique();
      const [popular, locked, rare] = [`Popular ${s}`, `Locked ${s}`, `Rare ${s}`];
      await buildWork(t.ctx, creator, { freeforms: `${popular}, ${rare}, ${locked}` });
      await buildWork(t.ctx, creator, { freeforms: popular });
      for (let i = 0; i < 3; i += 1) await buildWork(t.ctx, creator, { freeforms: locked, restricted: true });
      const guest = await new Agent(t.app).get(`/tags/search?name=${s}&sort=uses`);
      expect(results(guest.body)).toEqual([popular, locked, rare]);
      expect(textOf(guest.body)).toContain(`${popular} Additional Tag Not wrangled 2`);
      const { agent } = await loggedInAgent(t.app, t.ctx);
      expect(results((await agent.get(`/tags/search?name=${s}&sort=uses`)).body)).toEqual([
        locked,
        popular,
        rare,
      ]);
    });

    it("leaves out tags used only on works the reader can't see, except for admins", async () => {
      const s = unique();
      await buildWork(t.ctx, creator, { freeforms: `Hidden ${s}` }, "draft");
      await buildWork(t.ctx, creator, { freeforms: `Shown ${s}` });
      expect(results((await new Agent(t.app).get(`/tags/search?name=${s}`)).body)).toEqual([`Shown ${s}`]);
      const { agent } = await loggedInAgent(t.app, t.ctx, adminUser);
      expect(results((await agent.get(`/tags/search?name=${s}`)).body)).toEqual([
        `Hidden ${s}`,
        `Shown ${s}`,
      ]);
    });

    it("ignores values it can't use, with a message, and keeps what was typed", async () => {
      const s = unique();
      await buildWork(t.ctx, creator, { freeforms: `Kept ${s}` });
      const res = await new Agent(t.app).get(
        `/tags/search?name=Kept%20${s}&type=spaceship&status=maybe&sort=vibes&page=-4`,
      );
      expect(res.status).toBe(200);
      expect(results(res.body)).toEqual([`Kept ${s}`]);
      expect(inputValue(res.body, "name")).toBe(`Kept ${s}`);
      const text = textOf(res.body);
      expect(text).toContain("Some of your choices were ignored");
      expect(text).toContain("There is no tag type “spaceship”");
      expect(text).toContain("There is no status “maybe”");
      expect(text).toContain("Tags can't be sorted by “vibes”");

      for (const query of [
        `name=${"x".repeat(5000)}`,
        "type=fandom&type=character",
        "page=99999999999999999999",
        "name=%E0%A4%A",
        "name[]=a",
        "page=3.5",
      ]) {
        const odd = await new Agent(t.app).get(`/tags/search?${query}`);
        expect(odd.status, query).toBe(200);
      }
      const long = await new Agent(t.app).get(`/tags/search?name=${"y".repeat(400)}`);
      expect(textOf(long.body)).toContain("Tag names are at most 150 characters");
      expect(textOf((await new Agent(t.app).get("/tags/search?page=40000")).body)).toMatch(
        /No tags found|past the last one/,
      );
    });
  });

  describe("wrangling forms", () => {
    async function freshTag(type: "freeforms" | "fandoms" | "characters" = "freeforms") {
      const name = `Wrangled ${unique()}`;
      await buildWork(t.ctx, creator, { [type]: name });
      return tagNamed(name);
    }

    it("sends guests to log in and refuses users who aren't admins", async () => {
      const tag = await freshTag();
      const guest = new Agent(t.app);
      const signedOut = await guest.post(`/admin/tags/${tagToParam(tag.name)}/canonical`, {
        canonical: "on",
      });
      expect(signedOut.status).toBe(303);
      expect(signedOut.location).toMatch(/^\/login/);
      const { agent } = await loggedInAgent(t.app, t.ctx);
      for (const action of [
        "canonical",
        "synonym",
        "synonym/remove",
        "meta",
        "meta/remove",
        "parents",
        "parents/remove",
      ]) {
        const res = await agent.post(`/admin/tags/${tagToParam(tag.name)}/${action}`, { canonical: "on" });
        expect(res.status, action).toBe(403);
      }
      expect((await agent.get(page(tag.name))).body).not.toContain("Wrangle this tag");
      expect((await tagNamed(tag.name)).canonical).toBe(false);
    });

    it("refuses a form without its CSRF token", async () => {
      const tag = await freshTag();
      const { agent } = await loggedInAgent(t.app, t.ctx, adminUser);
      const res = await agent.post(
        `/admin/tags/${tagToParam(tag.name)}/canonical`,
        { canonical: "on" },
        { csrf: false },
      );
      expect(res.status).toBe(403);
      expect((await tagNamed(tag.name)).canonical).toBe(false);
    });

    it("wrangles a tag through the forms, each time back on its page with a message", async () => {
      const fandom = await freshTag("fandoms");
      const meta = await freshTag("fandoms");
      const character = await freshTag("characters");
      const synonym = await freshTag("fandoms");
      const { agent } = await loggedInAgent(t.app, t.ctx, adminUser);
      const path = (tag: Tag, action: string) => `/admin/tags/${tagToParam(tag.name)}/${action}`;

      const shown = await agent.get(page(fandom.name));
      expect(shown.body).toContain("Wrangle this tag");
      expect(shown.body).toContain('data-autocomplete="fandom"');

      for (const tag of [fandom, meta]) {
        const res = await agent.post(path(tag, "canonical"), { canonical: "on" });
        expect(res.status).toBe(303);
        expect(res.location).toBe(page(tag.name));
        const after = textOf((await agent.get(res.location!)).body);
        expect(after).toContain(`${tag.name} is canonical.`);
        expect(after).toContain("Status Canonical");
      }

      expect((await agent.post(path(synonym, "synonym"), { synonym_of: `${fandom.name}, ` })).status).toBe(
        303,
      );
      expect((await tagNamed(synonym.name)).mergerId).toBe(fandom.id);
      expect((await agent.post(path(fandom, "meta"), { meta_tag: meta.name })).status).toBe(303);
      expect(textOf((await agent.get(page(fandom.name))).body)).toContain(
        `${meta.name} is now a meta tag of ${fandom.name}.`,
      );
      expect((await agent.post(path(character, "parents"), { parent: fandom.name })).status).toBe(303);
      const fandomPage = textOf((await agent.get(page(fandom.name))).body);
      expect(fandomPage).toContain(`Synonyms ${synonym.name} Meta tags ${meta.name}`);
      expect(fandomPage).toContain(`Characters ${character.name}`);

      expect((await agent.post(path(character, "parents/remove"), { parent: fandom.name })).status).toBe(303);
      expect((await agent.post(path(fandom, "meta/remove"), { meta_tag: meta.name })).status).toBe(303);
      expect((await agent.post(path(synonym, "synonym/remove"))).status).toBe(303);
      expect((await agent.post(path(meta, "canonical"), {})).status).toBe(303);
      expect((await tagNamed(meta.name)).canonical).toBe(false);
      expect((await tagNamed(synonym.name)).mergerId).toBeNull();
      const done = textOf((await new Agent(t.app).get(page(fandom.name))).body);
      expect(done).not.toContain("Synonyms");
      expect(done).not.toContain("Meta tags");
    });

    it("shows the page again with the message and what was typed when a change is refused", async () => {
      const tag = await freshTag("characters");
      const { agent } = await loggedInAgent(t.app, t.ctx, adminUser);
      const typed = `Nobody Called This ${unique()}`;
      const res = await agent.post(`/admin/tags/${tagToParam(tag.name)}/synonym`, { synonym_of: typed });
      expect(res.status).toBe(422);
      expect(fieldError(res.body, "synonym_of")).toBe(`There is no tag called “${typed}”.`);
      expect(inputValue(res.body, "synonym_of")).toBe(typed);

      const parent = await agent.post(`/admin/tags/${tagToParam(tag.name)}/parents`, { parent: tag.name });
      expect(parent.status).toBe(422);
      expect(fieldError(parent.body, "parent")).toBe(
        `“${tag.name}” is a character tag; this needs a fandom tag.`,
      );

      const rating = await agent.post(`/admin/tags/${tagToParam("Explicit")}/canonical`, {});
      expect(rating.status).toBe(422);
      expect(textOf(rating.body)).toContain("Ratings, warnings and categories are fixed");
      expect((await tagNamed("Explicit")).canonical).toBe(true);

      expect(
        (await agent.post(`/admin/tags/${tagToParam(`No such tag ${unique()}`)}/meta`, { meta_tag: "x" }))
          .status,
      ).toBe(404);
    });

    it("is linked from the admin dashboard", async () => {
      const { agent } = await loggedInAgent(t.app, t.ctx, adminUser);
      expect((await agent.get("/admin")).body).toContain(
        'href="/tags/search?status=unwrangled&amp;sort=uses"',
      );
    });
  });

  describe("the API", () => {
    it("gives a tag with its wrangling", async () => {
      const n = await family();
      const res = await new Agent(t.app).json("GET", `/api/v1/tags/${tagToParam(n.fandom)}`);
      expect(res.status).toBe(200);
      const body = res.json<Record<string, unknown>>();
      const ref = (name: string, type: string, status: string) => ({
        name,
        type,
        status,
        url: `http://quire.test${page(name)}`,
      });
      expect(body).toEqual({
        ...ref(n.fandom, "fandom", "canonical"),
        synonym_of: null,
        works_count: 1,
        synonyms: [ref(n.synonym, "fandom", "synonym")],
        meta_tags: [ref(n.meta, "fandom", "canonical")],
        sub_tags: [ref(n.sub, "fandom", "canonical")],
        parents: [],
        children: [
          ref(n.ship, "relationship", "unwrangled"),
          ref(n.character, "character", "unwrangled"),
        ].sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" })),
      });
      const syn = await new Agent(t.app).json("GET", `/api/v1/tags/${tagToParam(n.synonym)}`);
      expect(syn.json<{ synonym_of: unknown; works_count: unknown }>()).toMatchObject({
        synonym_of: ref(n.fandom, "fandom", "canonical"),
        works_count: null,
      });
      const missing = await new Agent(t.app).json("GET", `/api/v1/tags/nothing-${unique()}`);
      expect(missing.status).toBe(404);
      expect(missing.headers["content-type"]).toMatch(/^application\/problem\+json/);
    });

    it("searches tags, and answers 400 naming a parameter it can't use", async () => {
      const n = await family();
      const res = await new Agent(t.app).json(
        "GET",
        `/api/v1/tags?name=${encodeURIComponent(n.fandom)}&type=fandom&status=canonical`,
      );
      expect(res.status).toBe(200);
      expect(res.json()).toEqual({
        tags: [
          {
            name: n.fandom,
            type: "fandom",
            status: "canonical",
            url: `http://quire.test${page(n.fandom)}`,
            uses: 1,
          },
        ],
        total: 1,
        page: 1,
        pages: 1,
      });
      for (const [query, field] of [
        ["type=spaceship", "type"],
        ["status=maybe", "status"],
        ["sort=vibes", "sort"],
        ["page=0", "page"],
      ] as const) {
        const bad = await new Agent(t.app).json("GET", `/api/v1/tags?${query}`);
        expect(bad.status, query).toBe(400);
        expect(bad.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([field]);
      }
      const openapi = await new Agent(t.app).json("GET", "/api/v1/openapi.json");
      expect(Object.keys(openapi.json<{ paths: object }>().paths)).toEqual(
        expect.arrayContaining(["/api/v1/tags", "/api/v1/tags/{tag}"]),
      );
    });
  });
});
