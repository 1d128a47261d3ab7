import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent } from "../../../test/support/agent.js";
import { dialects } from "../../../test/support/dialects.js";
import { actorFor, buildApiToken, buildUser, loggedInAgent } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import { listSavedFilters } from "./saved-filter.service.js";

describe.each(dialects)("/api/v1/me/filters on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  async function client() {
    const user = await buildUser(t.ctx);
    const token = await buildApiToken(t.ctx, user);
    const agent = new Agent(t.app);
    const call = (method: "GET" | "POST" | "PATCH" | "DELETE", url: string, body?: unknown) =>
      agent.json(method, url, body, { authorization: `Bearer ${token}` });
    return { user, call };
  }

  it("answers 401 to a guest on every route", async () => {
    const agent = new Agent(t.app);
    for (const [method, url] of [
      ["GET", "/api/v1/me/filters"],
      ["POST", "/api/v1/me/filters"],
      ["PATCH", "/api/v1/me/filters/x"],
      ["DELETE", "/api/v1/me/filters/x"],
    ] as const) {
      const res = await agent.json(method, url, method === "GET" || method === "DELETE" ? undefined : {});
      expect(res.status).toBe(401);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    }
  });

  it("saves, lists, edits and deletes saved filters", async () => {
    const { user, call } = await client();
    const created = await call("POST", "/api/v1/me/filters", {
      name: "Complete fluff",
      query: "complete=complete&include=Fluff&page=9",
      is_default: true,
    });
    expect(created.status).toBe(201);
    const body = created.json<{ id: string }>();
    expect(body).toMatchObject({
      name: "Complete fluff",
      query: "include=Fluff&complete=complete",
      is_default: true,
      replaced: false,
      url: "http://quire.test/works?include=Fluff&complete=complete",
    });
    const replaced = await call("POST", "/api/v1/me/filters", {
      name: "complete FLUFF",
      query: "include=Fluff",
    });
    expect(replaced.json()).toMatchObject({ id: body.id, replaced: true, is_default: true });

    const list = await call("GET", "/api/v1/me/filters");
    expect(list.status).toBe(200);
    expect(list.json<{ filters: unknown[] }>().filters).toMatchObject([
      { id: body.id, query: "include=Fluff" },
    ]);

    const patched = await call("PATCH", `/api/v1/me/filters/${body.id}`, {
      name: "Renamed",
      query: "exclude=Angst",
      is_default: false,
    });
    expect(patched.status).toBe(200);
    expect(patched.json()).toMatchObject({ name: "Renamed", query: "exclude=Angst", is_default: false });

    expect((await call("DELETE", `/api/v1/me/filters/${body.id}`)).status).toBe(204);
    expect(await listSavedFilters(t.ctx, actorFor(user))).toEqual([]);
    expect((await call("DELETE", `/api/v1/me/filters/${body.id}`)).status).toBe(404);
  });

  it("answers 400 naming each bad field", async () => {
    const { call } = await client();
    const res = await call("POST", "/api/v1/me/filters", { name: "", query: "nothing=1", is_default: "yes" });
    expect(res.status).toBe(400);
    const fields = res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["name", "is_default"]));
    const extra = await call("POST", "/api/v1/me/filters", { name: "x", query: "include=A", colour: "red" });
    expect(extra.status).toBe(400);
    expect(extra.json<{ errors: { field: string }[] }>().errors).toMatchObject([{ field: "colour" }]);
    const empty = await call("POST", "/api/v1/me/filters", { name: "x", query: "page=2" });
    expect(empty.json<{ errors: { field: string }[] }>().errors).toMatchObject([{ field: "query" }]);
  });

  it("answers 404 for another user's saved filter, leaving it alone", async () => {
    const owner = await client();
    const { id } = (
      await owner.call("POST", "/api/v1/me/filters", { name: "Mine", query: "include=A" })
    ).json<{
      id: string;
    }>();
    const other = await client();
    expect((await other.call("PATCH", `/api/v1/me/filters/${id}`, { name: "Theirs" })).status).toBe(404);
    expect((await other.call("DELETE", `/api/v1/me/filters/${id}`)).status).toBe(404);
    expect((await other.call("GET", "/api/v1/me/filters")).json()).toEqual({ filters: [] });
    expect(await listSavedFilters(t.ctx, actorFor(owner.user))).toMatchObject([{ name: "Mine" }]);
  });

  it("works with the session cookie and CSRF header, as a page script would", async () => {
    const { agent } = await loggedInAgent(t.app, t.ctx);
    const refused = await agent.json("POST", "/api/v1/me/filters", { name: "x", query: "include=A" });
    expect(refused.status).toBe(403);
    const ok = await agent.json(
      "POST",
      "/api/v1/me/filters",
      { name: "x", query: "include=A" },
      { "x-csrf-token": agent.csrfToken },
    );
    expect(ok.status).toBe(201);
  });

  it("is described in the OpenAPI document", async () => {
    const doc = (await new Agent(t.app).get("/api/v1/openapi.json")).json<{
      paths: Record<string, object>;
    }>();
    expect(Object.keys(doc.paths["/api/v1/me/filters"]!)).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/api/v1/me/filters/{id}"]!)).toEqual(["patch", "delete"]);
  });
});
