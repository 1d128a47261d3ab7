import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, textOf } from "../../test/support/agent.js";
import { dialects } from "../../test/support/dialects.js";
import { buildUser, loggedInAgent } from "../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../test/support/test-app.js";

describe.each(dialects)("the app on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it("GET /healthz answers 200 while the database is reachable", async () => {
    const res = await t.app.inject({ url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("sends security headers with a CSP that forbids inline script", async () => {
    const res = await t.app.inject({ url: "/" });
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBeDefined();
    expect(res.headers["referrer-policy"]).toBeDefined();
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it("serves the stylesheet", async () => {
    const res = await t.app.inject({ url: "/assets/quire.css" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("prefers-color-scheme: dark");
  });

  it("shows a friendly 404 page, and a problem document under /api/", async () => {
    const page = await t.app.inject({ url: "/no/such/page" });
    expect(page.statusCode).toBe(404);
    expect(page.headers["content-type"]).toMatch(/text\/html/);
    expect(textOf(page.body)).toContain("Page not found");
    const api = await t.app.inject({ url: "/api/v1/nothing" });
    expect(api.statusCode).toBe(404);
    expect(api.headers["content-type"]).toMatch(/application\/problem\+json/);
  });

  it("refuses a log-out without a CSRF token and stays logged in", async () => {
    const { agent } = await loggedInAgent(t.app, t.ctx);
    expect((await agent.post("/logout", {}, { csrf: false })).status).toBe(403);
    expect((await agent.get("/account")).status).toBe(200);
  });

  it("rotates the CSRF cookie at log-in so a token from before no longer works", async () => {
    const user = await buildUser(t.ctx);
    const agent = new Agent(t.app, "127.30.0.1");
    await agent.get("/login");
    const before = agent.csrfToken;
    await agent.post("/login", { login: user.username, password: user.password });
    await agent.get("/account");
    expect(agent.csrfToken).not.toBe(before);
    expect((await agent.post("/logout", {}, { csrf: before })).status).toBe(403);
  });

  describe("the admin area", () => {
    it("sends guests to log in and refuses non-admins", async () => {
      expect((await new Agent(t.app).get("/admin")).status).toBe(303);
      const { agent } = await loggedInAgent(t.app, t.ctx);
      const res = await agent.get("/admin");
      expect(res.status).toBe(403);
      expect(textOf(res.body)).toContain("for admins");
      expect((await agent.get("/admin/users")).status).toBe(403);
    });

    it("shows admins the dashboard and the accounts", async () => {
      const admin = await buildUser(t.ctx, { isAdmin: true });
      const { agent } = await loggedInAgent(t.app, t.ctx, admin);
      const home = await agent.get("/");
      expect(home.body).toContain('href="/admin"');
      expect((await agent.get("/admin")).status).toBe(200);
      const users = await agent.get("/admin/users");
      expect(users.status).toBe(200);
      expect(textOf(users.body)).toContain(admin.email);
    });
  });
});

describe("when something breaks", () => {
  it("shows a 500 page with a request id and no stack trace, and /healthz answers 503", async () => {
    const t = await createTestApp("sqlite");
    const user = await buildUser(t.ctx);
    await t.database.db.close();
    try {
      const page = await t.app.inject({ url: `/users/${user.username}` });
      expect(page.statusCode).toBe(500);
      expect(textOf(page.body)).toContain("Something went wrong on our side");
      expect(page.body).toMatch(/request <code>[A-Za-z0-9_-]+<\/code>/);
      expect(page.body).not.toMatch(/\bat .+:\d+:\d+/);
      expect(page.body).not.toContain("Error:");
      const api = await t.app.inject({ url: "/api/v1/me", headers: { authorization: "Bearer quire_x" } });
      expect(api.statusCode).toBe(500);
      expect(api.json()).toMatchObject({ status: 500, title: "Internal server error" });
      expect(api.body).not.toMatch(/\bat .+:\d+:\d+/);
      expect((await t.app.inject({ url: "/healthz" })).statusCode).toBe(503);
    } finally {
      await t.close();
    }
  });
});
