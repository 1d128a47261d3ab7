import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent } from "../../test/support/agent.js";
import { dialects } from "../../test/support/dialects.js";
import { buildApiToken, buildPseud, buildUser, loggedInAgent } from "../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../test/support/test-app.js";
import { safeReturnPath } from "./route.js";
import { webRoutes } from "./web-routes.js";

describe("safeReturnPath", () => {
  it.each([
    ["/account", "/account"],
    ["/users/a/pseuds?x=1", "/users/a/pseuds?x=1"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["/\t/evil.example", "/"],
    ["/\r\nSet-Cookie: x", "/"],
    ["/%E2%82%AC", "/%E2%82%AC"],
    ["/€", "/"],
    ["https://evil.example", "/"],
    [undefined, "/"],
  ])("turns %j into %j", (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });
});

describe.each(dialects)("request security on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it("refuses every unsafe page request without a valid CSRF token (403), for a logged-in user", async () => {
    const { agent, user } = await loggedInAgent(t.app, t.ctx);
    await buildPseud(t.ctx, user, "Target");
    const posts = webRoutes.filter((r) => r.method === "POST");
    expect(posts.length).toBeGreaterThan(10);
    for (const route of posts) {
      const url = route.url
        .replace(":username", user.username)
        .replace(":pseud", "Target")
        .replace(":token", "x".repeat(43))
        .replace(":id", "00000000-0000-7000-8000-000000000000");
      const res = await agent.post(
        url,
        { name: "Changed", current_password: user.password },
        { csrf: "forged" },
      );
      expect([route.url, res.status]).toEqual([route.url, 403]);
    }
    expect((await agent.get("/account")).status).toBe(200);
    expect((await agent.get(`/users/${user.username}/pseuds/Target`)).status).toBe(200);
  });

  it("does not accept API tokens on pages: a token can't create more tokens", async () => {
    const user = await buildUser(t.ctx);
    const token = await buildApiToken(t.ctx, user);
    const res = await t.app.inject({
      method: "POST",
      url: "/account/tokens",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded" },
      payload: "name=escalated",
    });
    expect(res.statusCode).not.toBe(201);
    const page = await t.app.inject({ url: "/account", headers: { authorization: `Bearer ${token}` } });
    expect(page.statusCode).toBe(303);
    const tokens = await t.ctx.db
      .selectFrom("api_tokens")
      .select("name")
      .where("user_id", "=", user.id)
      .execute();
    expect(tokens.map((r) => r.name)).toEqual(["test"]);
  });

  it("ignores a non-Bearer Authorization header on pages (basic auth in front of the site)", async () => {
    const res = await t.app.inject({ url: "/", headers: { authorization: "Basic dXNlcjpwYXNz" } });
    expect(res.statusCode).toBe(200);
  });

  it("keeps fields a PATCH leaves out", async () => {
    const user = await buildUser(t.ctx);
    const token = await buildApiToken(t.ctx, user);
    const agent = new Agent(t.app);
    const created = await agent.json(
      "POST",
      "/api/v1/me/pseuds",
      { name: "Keeper", description: "keep me" },
      {
        authorization: `Bearer ${token}`,
      },
    );
    const id = created.json<{ id: string }>().id;
    const patched = await agent.json(
      "PATCH",
      `/api/v1/me/pseuds/${id}`,
      { name: "Kept" },
      { authorization: `Bearer ${token}` },
    );
    expect(patched.json()).toMatchObject({ name: "Kept", description: "keep me" });
  });

  it("reserves the pseud name “new”, whose URL is the new-pseud form", async () => {
    const { agent, user } = await loggedInAgent(t.app, t.ctx);
    const res = await agent.post(`/users/${user.username}/pseuds`, { name: "New" });
    expect(res.status).toBe(422);
    expect(res.body).toContain("is reserved");
  });

  it("lets authors' images, audio and allowlisted players load, and nothing else frame the page", async () => {
    const res = await new Agent(t.app).get("/");
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toMatch(/img-src 'self' data: https: http:/);
    expect(csp).toMatch(/media-src 'self' https: http:/);
    expect(csp).toMatch(/frame-src [^;]*https:\/\/www\.youtube-nocookie\.com/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
  });

  it("answers 400 for an address with a NUL byte, and drops NUL from what is posted", async () => {
    expect((await new Agent(t.app).get("/works/a%00b")).status).toBe(400);
    expect((await new Agent(t.app).get("/tags/autocomplete?type=fandom&term=a%00")).status).toBe(400);
    const { agent } = await loggedInAgent(t.app, t.ctx);
    const res = await agent.post("/works", {
      title: "Nul\u0000 Title",
      rating: "General Audiences",
      warnings: "No Archive Warnings Apply",
      fandoms: "Original\u0000 Work",
      text: "Text with a \u0000 NUL byte in it.",
      commit: "post",
    });
    expect(res.status).toBe(303);
    const page = await agent.get(res.location!);
    expect(page.body).toContain("Nul Title");
    expect(page.body).not.toContain("\u0000");
  });
});
