import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderToString } from "preact-render-to-string";
import { h } from "preact";
import { Agent, fieldError, inputValue, textOf } from "../../../test/support/agent.js";
import { dialects } from "../../../test/support/dialects.js";
import { actorFor, buildUser, loggedInAgent } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import { PageCtx } from "../../http/views/page-context.js";
import { listSavedFilters, saveFilter } from "./saved-filter.service.js";
import { SaveFilterForm } from "./views/save-filter-form.js";

describe.each(dialects)("/account/filters on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  async function savedBy(
    user: Awaited<ReturnType<typeof buildUser>>,
    name: string,
    query: string,
    isDefault = false,
  ) {
    return (await saveFilter(t.ctx, actorFor(user), { name, query, is_default: isDefault })).savedFilter;
  }

  it("sends a guest to log in from every route, changing nothing", async () => {
    const owner = await buildUser(t.ctx);
    const f = await savedBy(owner, "Kept", "include=A");
    const agent = new Agent(t.app);
    const res = await agent.get("/account/filters");
    expect(res.status).toBe(303);
    expect(res.location).toBe("/login?return_to=%2Faccount%2Ffilters");
    for (const [url, form] of [
      ["/account/filters", { name: "x", query: "include=A" }],
      [`/account/filters/${f.id}`, { name: "Renamed" }],
      [`/account/filters/${f.id}/delete`, {}],
    ] as const) {
      const post = await agent.post(url, form);
      expect(post.status).toBe(303);
      expect(post.location).toMatch(/^\/login/);
    }
    expect((await listSavedFilters(t.ctx, actorFor(owner))).map((x) => x.name)).toEqual(["Kept"]);
  });

  it("lists the user's saved filters with a link applying each, the default marked", async () => {
    const { agent, user } = await loggedInAgent(t.app, t.ctx);
    await savedBy(user, "Fluffy", "include=Fluff&complete=complete", true);
    await savedBy(user, "Short <b>ones</b>", "words_to=1000");
    const res = await agent.get("/account/filters");
    expect(res.status).toBe(200);
    expect(res.body).toContain('href="/works?include=Fluff&amp;complete=complete"');
    expect(res.body).toContain('href="/works?words_to=1000"');
    expect(res.body).toContain("Short &lt;b>ones&lt;/b>");
    const text = textOf(res.body);
    expect(text).toContain("Fluffy Default");
    expect(text).toContain("Including Fluff · Complete works only");
    expect(text).toContain("At most 1,000 words");
    expect(text).toContain("2 of at most 50 saved filters");
    // The account page links here.
    expect((await agent.get("/account")).body).toContain('href="/account/filters"');
  });

  it("saves from a listing and goes back to it, saying when a name was replaced", async () => {
    const { agent, user } = await loggedInAgent(t.app, t.ctx);
    const first = await agent.post("/account/filters", {
      name: "Weekend",
      query: "include=Fluff&page=2",
      is_default: "on",
      return_to: "/tags/Fluff/works?include=Fluff",
    });
    expect(first.status).toBe(303);
    expect(first.location).toBe("/tags/Fluff/works?include=Fluff");
    const flash = textOf((await agent.get("/account/filters")).body);
    expect(flash).toContain("Saved these filters as “Weekend”. It is your default.");
    const again = await agent.post("/account/filters", {
      name: "weekend",
      query: "exclude=Angst",
      return_to: "//evil.example/",
    });
    expect(again.location).toBe("/account/filters");
    expect(textOf((await agent.get("/account/filters")).body)).toContain("its old filters were replaced");
    expect(await listSavedFilters(t.ctx, actorFor(user))).toMatchObject([
      { name: "weekend", query: "exclude=Angst", isDefault: true },
    ]);
  });

  it("comes back with messages and what was typed on bad input", async () => {
    const { agent, user } = await loggedInAgent(t.app, t.ctx);
    const res = await agent.post("/account/filters", {
      name: "n".repeat(101),
      query: "junk=1",
      is_default: "on",
      return_to: "/works?include=A",
    });
    expect(res.status).toBe(422);
    expect(fieldError(res.body, "name")).toContain("at most 100 characters");
    expect(fieldError(res.body, "query")).toContain("no filters to save");
    expect(inputValue(res.body, "name")).toBe("n".repeat(101));
    expect(inputValue(res.body, "query")).toBe("junk=1");
    expect(inputValue(res.body, "return_to")).toBe("/works?include=A");
    expect(res.body).toMatch(/<input type="checkbox" value="on" checked/);
    expect(await listSavedFilters(t.ctx, actorFor(user))).toEqual([]);
  });

  it("renames, makes default and not, keeping the typed name when the rename fails", async () => {
    const { agent, user } = await loggedInAgent(t.app, t.ctx);
    const a = await savedBy(user, "Alpha", "include=A");
    await savedBy(user, "Beta", "include=B");
    const renamed = await agent.post(`/account/filters/${a.id}`, { name: "Gamma" });
    expect(renamed.status).toBe(303);
    expect(textOf((await agent.get("/account/filters")).body)).toContain("Renamed “Alpha” to “Gamma”.");
    const clash = await agent.post(`/account/filters/${a.id}`, { name: "BETA" });
    expect(clash.status).toBe(422);
    expect(fieldError(clash.body, `rename-${a.id}`)).toBe("You already have a saved filter with that name.");
    expect(inputValue(clash.body, "name")).toBeDefined();
    expect(clash.body).toContain('value="BETA"');
    expect((await agent.post(`/account/filters/${a.id}`, { is_default: "1" })).status).toBe(303);
    expect(textOf((await agent.get("/account/filters")).body)).toContain(
      "“Gamma” is now your default filter.",
    );
    expect((await listSavedFilters(t.ctx, actorFor(user)))[0]).toMatchObject({
      name: "Gamma",
      isDefault: true,
    });
    expect((await agent.post(`/account/filters/${a.id}`, { is_default: "0" })).status).toBe(303);
    expect((await listSavedFilters(t.ctx, actorFor(user))).some((f) => f.isDefault)).toBe(false);
  });

  it("deletes a saved filter", async () => {
    const { agent, user } = await loggedInAgent(t.app, t.ctx);
    const f = await savedBy(user, "Doomed", "include=A");
    const res = await agent.post(`/account/filters/${f.id}/delete`);
    expect(res.status).toBe(303);
    expect(res.location).toBe("/account/filters");
    expect(textOf((await agent.get("/account/filters")).body)).toContain(
      "Deleted the saved filter “Doomed”.",
    );
    expect(await listSavedFilters(t.ctx, actorFor(user))).toEqual([]);
    expect((await agent.post(`/account/filters/${f.id}/delete`)).status).toBe(404);
    // Fastify itself refuses a NUL in the path (400); never a 500.
    expect([400, 404]).toContain((await agent.post("/account/filters/%00/delete")).status);
    expect((await agent.post(`/account/filters/${"x".repeat(500)}`, { name: "x" })).status).toBe(404);
  });

  it("answers 404 to another user, who can neither see, change nor delete it", async () => {
    const owner = await buildUser(t.ctx);
    const f = await savedBy(owner, "Owner's", "include=A");
    const { agent } = await loggedInAgent(t.app, t.ctx);
    expect(textOf((await agent.get("/account/filters")).body)).not.toContain("Owner's");
    expect((await agent.post(`/account/filters/${f.id}`, { name: "Stolen" })).status).toBe(404);
    expect((await agent.post(`/account/filters/${f.id}`, { is_default: "1" })).status).toBe(404);
    expect((await agent.post(`/account/filters/${f.id}/delete`)).status).toBe(404);
    expect(await listSavedFilters(t.ctx, actorFor(owner))).toMatchObject([
      { name: "Owner's", isDefault: false },
    ]);
  });

  it("refuses a post without the CSRF token", async () => {
    const { agent, user } = await loggedInAgent(t.app, t.ctx);
    const res = await agent.post("/account/filters", { name: "x", query: "include=A" }, { csrf: false });
    expect(res.status).toBe(403);
    expect(await listSavedFilters(t.ctx, actorFor(user))).toEqual([]);
  });
});

describe("SaveFilterForm", () => {
  const render = (actor: Parameters<typeof actorFor>[0] | null) =>
    renderToString(
      h(
        PageCtx.Provider,
        {
          value: {
            actor: actor ? actorFor(actor) : { kind: "guest" },
            csrfToken: "tok",
            siteName: "Quire",
            flash: undefined,
            path: "/works",
          },
        },
        h(SaveFilterForm, { path: "/tags/Fluff/works", query: "include=A&complete=wip" }),
      ),
    );

  it("posts the listing's filters with the CSRF token and comes back to the listing", () => {
    const html = render({
      id: "u",
      username: "me",
      email: "me@example.org",
      isAdmin: false,
      createdAt: "",
      passwordChangedAt: "",
    });
    expect(html).toContain('action="/account/filters"');
    expect(inputValue(html, "_csrf")).toBe("tok");
    expect(inputValue(html, "query")).toBe("include=A&amp;complete=wip");
    expect(inputValue(html, "return_to")).toBe("/tags/Fluff/works?include=A&amp;complete=wip");
    expect(html).toContain('name="is_default"');
    expect(textOf(html)).toContain("Make this my default");
  });

  it("offers a guest to log in instead", () => {
    const html = render(null);
    expect(html).not.toContain("<form");
    expect(html).toContain('href="/login?return_to=%2Ftags%2FFluff%2Fworks%3Finclude%3DA%26complete%3Dwip"');
  });
});
