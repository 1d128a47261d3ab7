import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent } from "../../../test/support/agent.js";
import { dialects } from "../../../test/support/dialects.js";
import { buildApiToken, buildPseud, buildUser, loggedInAgent } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import { revokeApiToken } from "../api-tokens/api-token.service.js";
import { listPseuds } from "./pseud.service.js";

describe.each(dialects)("/api/v1 users and pseuds on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  describe("authentication", () => {
    it("answers 401 with a problem document without a token", async () => {
      const res = await new Agent(t.app).json("GET", "/api/v1/me");
      expect(res.status).toBe(401);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.headers["www-authenticate"]).toMatch(/^Bearer/);
      expect(res.json()).toMatchObject({ status: 401, title: "Unauthorized", instance: "/api/v1/me" });
    });

    it("answers 401 for a wrong or revoked token", async () => {
      const user = await buildUser(t.ctx);
      const token = await buildApiToken(t.ctx, user);
      const agent = new Agent(t.app);
      expect((await agent.json("GET", "/api/v1/me", undefined, bearer("quire_wrong"))).status).toBe(401);
      expect((await agent.json("GET", "/api/v1/me", undefined, bearer(token))).status).toBe(200);
      const [summary] = await t.ctx.db
        .selectFrom("api_tokens")
        .select("id")
        .where("user_id", "=", user.id)
        .execute();
      await revokeApiToken(t.ctx, { kind: "user", user, via: "session" }, summary!.id);
      expect((await agent.json("GET", "/api/v1/me", undefined, bearer(token))).status).toBe(401);
      expect((await agent.json("GET", "/api/v1/me", undefined, { authorization: "Basic abc" })).status).toBe(
        401,
      );
    });

    it("never falls back to the session cookie when a bad token is sent", async () => {
      const { agent } = await loggedInAgent(t.app, t.ctx);
      expect((await agent.json("GET", "/api/v1/me")).status).toBe(200);
      expect((await agent.json("GET", "/api/v1/me", undefined, bearer("quire_nope"))).status).toBe(401);
    });
  });

  it("GET /api/v1/me shows the current user", async () => {
    const user = await buildUser(t.ctx);
    const res = await new Agent(t.app).json(
      "GET",
      "/api/v1/me",
      undefined,
      bearer(await buildApiToken(t.ctx, user)),
    );
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({
      id: user.id,
      username: user.username,
      email: user.email,
      is_admin: false,
      created_at: user.createdAt,
      default_pseud: user.username,
      url: `http://quire.test/users/${user.username}`,
    });
    expect(res.body).not.toContain("password");
  });

  it("GET /api/v1/me/pseuds lists the pseuds, default first", async () => {
    const user = await buildUser(t.ctx);
    await buildPseud(t.ctx, user, "Another");
    const res = await new Agent(t.app).json(
      "GET",
      "/api/v1/me/pseuds",
      undefined,
      bearer(await buildApiToken(t.ctx, user)),
    );
    const body = res.json<{ pseuds: { name: string; is_default: boolean }[] }>();
    expect(body.pseuds.map((p) => [p.name, p.is_default])).toEqual([
      [user.username, true],
      ["Another", false],
    ]);
  });

  describe("POST /api/v1/me/pseuds", () => {
    it("creates a pseud (201)", async () => {
      const user = await buildUser(t.ctx);
      const res = await new Agent(t.app).json(
        "POST",
        "/api/v1/me/pseuds",
        { name: "Api Pen", description: "made by a script" },
        bearer(await buildApiToken(t.ctx, user)),
      );
      expect(res.status).toBe(201);
      expect(res.json()).toMatchObject({
        name: "Api Pen",
        description: "made by a script",
        is_default: false,
      });
    });

    it("answers 400 naming an over-long field", async () => {
      const user = await buildUser(t.ctx);
      const res = await new Agent(t.app).json(
        "POST",
        "/api/v1/me/pseuds",
        { name: "x".repeat(41), description: "d".repeat(501) },
        bearer(await buildApiToken(t.ctx, user)),
      );
      expect(res.status).toBe(400);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      const problem = res.json<{ errors: { field: string; message: string }[] }>();
      expect(problem.errors.map((e) => e.field).sort()).toEqual(["description", "name"]);
      expect(await listPseuds(t.ctx, user.id)).toHaveLength(1);
    });

    it("answers 400 naming an unexpected field", async () => {
      const user = await buildUser(t.ctx);
      const res = await new Agent(t.app).json(
        "POST",
        "/api/v1/me/pseuds",
        { name: "Fine", is_admin: true },
        bearer(await buildApiToken(t.ctx, user)),
      );
      expect(res.status).toBe(400);
      expect(res.json<{ errors: unknown[] }>().errors).toEqual([
        { field: "is_admin", message: 'Unexpected field "is_admin".' },
      ]);
    });

    it("answers 400 for a body that is not JSON", async () => {
      const user = await buildUser(t.ctx);
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/me/pseuds",
        payload: "{not json",
        headers: { "content-type": "application/json", ...bearer(await buildApiToken(t.ctx, user)) },
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.body).not.toMatch(/at .*\.js/);
    });

    it("needs the CSRF header when called with a session cookie, but not with a token", async () => {
      const { agent, user } = await loggedInAgent(t.app, t.ctx);
      expect((await agent.json("POST", "/api/v1/me/pseuds", { name: "No Header" })).status).toBe(403);
      expect(
        (
          await agent.json(
            "POST",
            "/api/v1/me/pseuds",
            { name: "With Header" },
            { "x-csrf-token": agent.csrfToken },
          )
        ).status,
      ).toBe(201);
      expect((await listPseuds(t.ctx, user.id)).map((p) => p.name)).toEqual([user.username, "With Header"]);
    });
  });

  describe("PATCH and DELETE /api/v1/me/pseuds/:id", () => {
    it("renames, makes default and deletes the user's own pseud", async () => {
      const user = await buildUser(t.ctx);
      const token = await buildApiToken(t.ctx, user);
      const pseud = await buildPseud(t.ctx, user, "Patchable");
      const agent = new Agent(t.app);
      const patched = await agent.json(
        "PATCH",
        `/api/v1/me/pseuds/${pseud.id}`,
        { name: "Patched", is_default: true },
        bearer(token),
      );
      expect(patched.status).toBe(200);
      expect(patched.json()).toMatchObject({ name: "Patched", is_default: true });
      const [original] = (await listPseuds(t.ctx, user.id)).filter((p) => !p.isDefault);
      expect(
        (await agent.json("DELETE", `/api/v1/me/pseuds/${original!.id}`, undefined, bearer(token))).status,
      ).toBe(204);
      const refused = await agent.json("DELETE", `/api/v1/me/pseuds/${pseud.id}`, undefined, bearer(token));
      expect(refused.status).toBe(400);
      expect(refused.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe("pseud");
    });

    it("answers 404 for another user's pseud and changes nothing", async () => {
      const owner = await buildUser(t.ctx);
      const pseud = await buildPseud(t.ctx, owner, "Not Yours");
      const intruderToken = await buildApiToken(t.ctx, await buildUser(t.ctx));
      const agent = new Agent(t.app);
      expect(
        (await agent.json("GET", `/api/v1/me/pseuds/${pseud.id}`, undefined, bearer(intruderToken))).status,
      ).toBe(404);
      expect(
        (
          await agent.json(
            "PATCH",
            `/api/v1/me/pseuds/${pseud.id}`,
            { name: "Mine Now" },
            bearer(intruderToken),
          )
        ).status,
      ).toBe(404);
      expect(
        (await agent.json("DELETE", `/api/v1/me/pseuds/${pseud.id}`, undefined, bearer(intruderToken)))
          .status,
      ).toBe(404);
      expect((await listPseuds(t.ctx, owner.id)).map((p) => p.name)).toContain("Not Yours");
    });
  });

  describe("GET /api/v1/openapi.json", () => {
    it("documents every API route with schemas generated from the validators", async () => {
      const res = await new Agent(t.app).json("GET", "/api/v1/openapi.json");
      expect(res.status).toBe(200);
      const doc = res.json<{
        openapi: string;
        paths: Record<
          string,
          Record<
            string,
            {
              requestBody?: {
                content: Record<
                  string,
                  {
                    schema: {
                      properties: Record<string, { maxLength?: number }>;
                      additionalProperties?: boolean;
                    };
                  }
                >;
              };
            }
          >
        >;
      }>();
      expect(doc.openapi).toBe("3.1.0");
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(["/api/v1/me", "/api/v1/me/pseuds", "/api/v1/me/pseuds/{id}"]),
      );
      expect(Object.keys(doc.paths["/api/v1/me/pseuds/{id}"]!).sort()).toEqual(["delete", "get", "patch"]);
      const schema = doc.paths["/api/v1/me/pseuds"]!.post!.requestBody!.content["application/json"]!.schema;
      expect(schema.properties.name!.maxLength).toBe(t.config.pseudNameMax);
      expect(schema.properties.description!.maxLength).toBe(t.config.pseudDescriptionMax);
      expect(schema.additionalProperties).toBe(false);
    });
  });
});
