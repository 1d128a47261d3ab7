import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, fieldError, textOf } from "../../../test/support/agent.js";
import { dialects } from "../../../test/support/dialects.js";
import { buildApiToken, buildUser, loggedInAgent } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";

describe.each(dialects)("/account/tokens on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it("sends a guest to log in", async () => {
    const agent = new Agent(t.app);
    expect((await agent.get("/account/tokens")).status).toBe(303);
    expect((await agent.post("/account/tokens", { name: "x" })).status).toBe(303);
  });

  it("creates a token shown once, which then works on the API", async () => {
    const { agent, user } = await loggedInAgent(t.app, t.ctx);
    const page = await agent.post("/account/tokens", { name: "my e-reader" });
    expect(page.status).toBe(201);
    const token = /<code class="token-value">([^<]+)<\/code>/.exec(page.body)?.[1];
    expect(token).toMatch(/^quire_/);
    const me = await new Agent(t.app).json("GET", "/api/v1/me", undefined, {
      authorization: `Bearer ${token}`,
    });
    expect(me.json()).toMatchObject({ username: user.username });
    const later = await agent.get("/account/tokens");
    expect(later.body).not.toContain(token!);
    expect(textOf(later.body)).toContain("my e-reader");
    const row = await t.ctx.db
      .selectFrom("api_tokens")
      .selectAll()
      .where("user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).not.toBe(token);
  });

  it("asks for a name", async () => {
    const { agent } = await loggedInAgent(t.app, t.ctx);
    const res = await agent.post("/account/tokens", { name: "  " });
    expect(res.status).toBe(422);
    expect(fieldError(res.body, "name")).toContain("Give the token a name");
  });

  it("revokes the user's own token, after which the API answers 401", async () => {
    const { agent, user } = await loggedInAgent(t.app, t.ctx);
    const token = await buildApiToken(t.ctx, user);
    const { id } = await t.ctx.db
      .selectFrom("api_tokens")
      .select("id")
      .where("user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect((await agent.post(`/account/tokens/${id}/revoke`)).status).toBe(303);
    expect(
      (await new Agent(t.app).json("GET", "/api/v1/me", undefined, { authorization: `Bearer ${token}` }))
        .status,
    ).toBe(401);
  });

  it("cannot revoke another user's token (404), which keeps working", async () => {
    const owner = await buildUser(t.ctx);
    const token = await buildApiToken(t.ctx, owner);
    const { id } = await t.ctx.db
      .selectFrom("api_tokens")
      .select("id")
      .where("user_id", "=", owner.id)
      .executeTakeFirstOrThrow();
    const { agent } = await loggedInAgent(t.app, t.ctx);
    expect((await agent.post(`/account/tokens/${id}/revoke`)).status).toBe(404);
    expect(
      (await new Agent(t.app).json("GET", "/api/v1/me", undefined, { authorization: `Bearer ${token}` }))
        .status,
    ).toBe(200);
  });
});
