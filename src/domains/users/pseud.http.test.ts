import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, fieldError, inputValue, textOf } from "../../../test/support/agent.js";
import { dialects } from "../../../test/support/dialects.js";
import { buildPseud, buildUser, loggedInAgent } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import { listPseuds } from "./pseud.service.js";

describe.each(dialects)("profile and pseud pages on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it("shows a public profile listing the user's pseuds to a guest", async () => {
    const user = await buildUser(t.ctx);
    await buildPseud(t.ctx, user, "Second Voice");
    const res = await new Agent(t.app).get(`/users/${user.username}`);
    expect(res.status).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain(user.username);
    expect(text).toContain("Second Voice");
    expect(text).toContain("Default");
    expect(text).not.toContain("New pseud");
    expect(text).not.toContain(user.email);
  });

  it("answers 404 for an unknown user or pseud", async () => {
    const user = await buildUser(t.ctx);
    expect((await new Agent(t.app).get("/users/nobody_at_all")).status).toBe(404);
    expect((await new Agent(t.app).get(`/users/${user.username}/pseuds/Nope`)).status).toBe(404);
  });

  it("shows one pseud's page with its description, escaped", async () => {
    const user = await buildUser(t.ctx);
    const { agent } = await loggedInAgent(t.app, t.ctx, user);
    await agent.get(`/users/${user.username}/pseuds/new`);
    await agent.post(`/users/${user.username}/pseuds`, {
      name: "Escaped",
      description: "<script>alert(1)</script>",
    });
    const res = await new Agent(t.app).get(`/users/${user.username}/pseuds/Escaped`);
    expect(res.status).toBe(200);
    expect(res.body).not.toContain("<script>alert(1)</script>");
    expect(res.body).toContain("&lt;script>alert(1)&lt;/script>");
  });

  describe("adding a pseud", () => {
    it("sends a guest to log in", async () => {
      const user = await buildUser(t.ctx);
      const agent = new Agent(t.app);
      expect((await agent.get(`/users/${user.username}/pseuds/new`)).status).toBe(303);
      const res = await agent.post(`/users/${user.username}/pseuds`, { name: "Guest Pseud" });
      expect(res.status).toBe(303);
      expect(res.location).toMatch(/^\/login/);
      expect(await listPseuds(t.ctx, user.id)).toHaveLength(1);
    });

    it("refuses another user (403) and adds nothing", async () => {
      const owner = await buildUser(t.ctx);
      const { agent } = await loggedInAgent(t.app, t.ctx);
      expect((await agent.get(`/users/${owner.username}/pseuds/new`)).status).toBe(403);
      expect((await agent.post(`/users/${owner.username}/pseuds`, { name: "Sneaky" })).status).toBe(403);
      expect(await listPseuds(t.ctx, owner.id)).toHaveLength(1);
    });

    it("comes back with a message and the typed values on bad input", async () => {
      const { agent, user } = await loggedInAgent(t.app, t.ctx);
      await agent.get(`/users/${user.username}/pseuds/new`);
      const res = await agent.post(`/users/${user.username}/pseuds`, {
        name: "Bad<Name>",
        description: "kept text",
      });
      expect(res.status).toBe(422);
      expect(fieldError(res.body, "name")).toContain("Use only letters");
      expect(inputValue(res.body, "name")).toBe("Bad&lt;Name>");
      expect(res.body).toContain("kept text");
      const long = await agent.post(`/users/${user.username}/pseuds`, { name: "n".repeat(41) });
      expect(fieldError(long.body, "name")).toContain("at most 40");
      const dup = await agent.post(`/users/${user.username}/pseuds`, { name: user.username.toUpperCase() });
      expect(fieldError(dup.body, "name")).toBe("You already have a pseud with that name.");
    });

    it("adds the pseud and lists it", async () => {
      const { agent, user } = await loggedInAgent(t.app, t.ctx);
      await agent.get(`/users/${user.username}/pseuds/new`);
      const res = await agent.post(`/users/${user.username}/pseuds`, {
        name: "Midnight Quill",
        description: "",
      });
      expect(res.status).toBe(303);
      const list = await agent.get(res.location!);
      expect(textOf(list.body)).toContain("Pseud Midnight Quill was added.");
      expect(textOf(list.body)).toContain("Midnight Quill");
    });
  });

  describe("editing, making default and deleting", () => {
    it("renames a pseud for its owner", async () => {
      const { agent, user } = await loggedInAgent(t.app, t.ctx);
      await buildPseud(t.ctx, user, "Before");
      expect((await agent.get(`/users/${user.username}/pseuds/Before/edit`)).status).toBe(200);
      const res = await agent.post(`/users/${user.username}/pseuds/Before`, {
        name: "After",
        description: "new words",
      });
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/users/${user.username}/pseuds/After`);
      expect(textOf((await agent.get(res.location!)).body)).toContain("new words");
    });

    it("keeps the edit form's input on error", async () => {
      const { agent, user } = await loggedInAgent(t.app, t.ctx);
      await buildPseud(t.ctx, user, "Stays");
      await agent.get(`/users/${user.username}/pseuds/Stays/edit`);
      const res = await agent.post(`/users/${user.username}/pseuds/Stays`, {
        name: "",
        description: "typed description",
      });
      expect(res.status).toBe(422);
      expect(res.body).toContain("typed description");
    });

    it("refuses another user's edit, default and delete URLs, changing nothing", async () => {
      const owner = await buildUser(t.ctx);
      await buildPseud(t.ctx, owner, "Guarded");
      const { agent } = await loggedInAgent(t.app, t.ctx);
      const base = `/users/${owner.username}/pseuds/Guarded`;
      expect((await agent.get(`${base}/edit`)).status).toBe(403);
      expect((await agent.post(base, { name: "Hijacked" })).status).toBe(403);
      expect((await agent.post(`${base}/default`)).status).toBe(403);
      expect((await agent.get(`${base}/delete`)).status).toBe(403);
      expect((await agent.post(`${base}/delete`)).status).toBe(403);
      const pseuds = await listPseuds(t.ctx, owner.id);
      expect(pseuds.map((p) => [p.name, p.isDefault])).toEqual([
        [owner.username, true],
        ["Guarded", false],
      ]);
    });

    it("makes another pseud the default, then deletes the old one after confirmation", async () => {
      const { agent, user } = await loggedInAgent(t.app, t.ctx);
      await buildPseud(t.ctx, user, "Successor");
      await agent.get(`/users/${user.username}/pseuds`);
      const blocked = await agent.get(`/users/${user.username}/pseuds/${user.username}/delete`);
      expect(textOf(blocked.body)).toContain("You can't delete your default pseud");
      expect((await agent.post(`/users/${user.username}/pseuds/${user.username}/delete`)).status).toBe(422);
      expect((await agent.post(`/users/${user.username}/pseuds/Successor/default`)).status).toBe(303);
      const confirm = await agent.get(`/users/${user.username}/pseuds/${user.username}/delete`);
      expect(textOf(confirm.body)).toContain(`Yes, delete ${user.username}`);
      expect((await agent.post(`/users/${user.username}/pseuds/${user.username}/delete`)).status).toBe(303);
      const left = await listPseuds(t.ctx, user.id);
      expect(left.map((p) => [p.name, p.isDefault])).toEqual([["Successor", true]]);
      const last = await agent.get(`/users/${user.username}/pseuds/Successor/delete`);
      expect(textOf(last.body)).toContain("You can't delete your only pseud");
    });
  });
});
