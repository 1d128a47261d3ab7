import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent } from "../../../test/support/agent.js";
import { dialects } from "../../../test/support/dialects.js";
import { actorFor, buildApiToken, buildUser, buildWork, unique } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import { blocklistOf } from "./blocklist-entry.repo.js";
import { listBlocklist } from "./blocklist.service.js";

interface Problem {
  errors: { field: string; message: string }[];
}

describe.each(dialects)("/api/v1/me/blocklist on %s", (dialect) => {
  let t: TestApp;
  let writer: Awaited<ReturnType<typeof buildUser>>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    writer = await buildUser(t.ctx);
  });
  afterAll(async () => {
    await t.close();
  });

  async function client() {
    const user = await buildUser(t.ctx);
    const token = await buildApiToken(t.ctx, user);
    const agent = new Agent(t.app);
    const call = (method: "GET" | "POST" | "DELETE", url: string, body?: unknown) =>
      agent.json(method, url, body, { authorization: `Bearer ${token}` });
    return { user, call };
  }

  it("answers 401 to a guest on every route", async () => {
    const agent = new Agent(t.app);
    expect((await agent.json("GET", "/api/v1/me/blocklist")).status).toBe(401);
    expect((await agent.json("POST", "/api/v1/me/blocklist", { kind: "tag", name: "Gen" })).status).toBe(401);
    expect((await agent.json("DELETE", `/api/v1/me/blocklist/user/${writer.id}`)).status).toBe(401);
  });

  it("blocks tags, a creator and a work, lists them and removes them", async () => {
    const { user, call } = await client();
    const [a, b] = [`Api Tag ${unique()}`, `Api Tag ${unique()}`];
    const work = await buildWork(t.ctx, writer, { freeforms: `${a}, ${b}` });
    const tags = await call("POST", "/api/v1/me/blocklist", { kind: "tag", name: `${a}, ${b}` });
    expect(tags.status).toBe(201);
    expect(tags.json<{ entries: unknown[] }>().entries).toMatchObject([
      { kind: "tag", name: a, added: true, synonym_of: null },
      { kind: "tag", name: b, added: true },
    ]);
    const creator = await call("POST", "/api/v1/me/blocklist", { kind: "user", name: writer.username });
    expect(creator.json()).toMatchObject({
      entries: [
        {
          kind: "user",
          id: writer.id,
          name: writer.username,
          url: `http://quire.test/users/${writer.username}`,
          added: true,
        },
      ],
    });
    const blockedWork = await call("POST", "/api/v1/me/blocklist", { kind: "work", work_id: work.id });
    expect(blockedWork.json()).toMatchObject({
      entries: [{ kind: "work", id: work.id, name: work.title, url: `http://quire.test/works/${work.id}` }],
    });
    const again = await call("POST", "/api/v1/me/blocklist", { kind: "work", work_id: work.id });
    expect(again.json()).toMatchObject({ entries: [{ added: false }] });

    const list = await call("GET", "/api/v1/me/blocklist");
    expect(list.status).toBe(200);
    const body = list.json<{ entries: { kind: string }[]; count: number; max: number }>();
    expect(body.count).toBe(4);
    expect(body.max).toBe(t.config.blocklistMax);
    expect(body.entries.map((e) => e.kind)).toEqual(["tag", "tag", "user", "work"]);

    expect((await call("DELETE", `/api/v1/me/blocklist/work/${work.id}`)).status).toBe(204);
    expect((await call("DELETE", `/api/v1/me/blocklist/work/${work.id}`)).status).toBe(404);
    expect(await blocklistOf(t.ctx.db, user.id)).toHaveLength(3);
  });

  it("answers 400 naming the field", async () => {
    const { user, call } = await client();
    const unknownTag = await call("POST", "/api/v1/me/blocklist", {
      kind: "tag",
      name: "Not A Tag Anywhere",
    });
    expect(unknownTag.status).toBe(400);
    expect(unknownTag.json<Problem>().errors).toEqual([
      { field: "name", message: "We couldn't find a tag called “Not A Tag Anywhere”." },
    ]);
    const self = await call("POST", "/api/v1/me/blocklist", { kind: "user", name: user.username });
    expect(self.json<Problem>().errors).toEqual([{ field: "name", message: "You can't block yourself." }]);
    const missingWork = await call("POST", "/api/v1/me/blocklist", { kind: "work", work_id: "nope" });
    expect(missingWork.json<Problem>().errors).toMatchObject([{ field: "work_id" }]);
    const kind = await call("POST", "/api/v1/me/blocklist", { kind: "pseud", name: "x" });
    expect(kind.status).toBe(400);
    expect(kind.json<Problem>().errors).toMatchObject([{ field: "kind" }]);
    const badKind = await call("DELETE", `/api/v1/me/blocklist/pseud/${writer.id}`);
    expect(badKind.status).toBe(400);
    expect(badKind.json<Problem>().errors).toMatchObject([{ field: "kind" }]);
    expect(await blocklistOf(t.ctx.db, user.id)).toEqual([]);
  });

  it("never touches another user's blocklist", async () => {
    const owner = await client();
    await owner.call("POST", "/api/v1/me/blocklist", { kind: "user", name: writer.username });
    const other = await client();
    expect((await other.call("DELETE", `/api/v1/me/blocklist/user/${writer.id}`)).status).toBe(404);
    expect((await other.call("GET", "/api/v1/me/blocklist")).json()).toMatchObject({ entries: [], count: 0 });
    expect((await listBlocklist(t.ctx, actorFor(owner.user))).creators).toHaveLength(1);
  });

  it("is described in the OpenAPI document", async () => {
    const doc = (await new Agent(t.app).get("/api/v1/openapi.json")).json<{
      paths: Record<string, object>;
    }>();
    expect(Object.keys(doc.paths["/api/v1/me/blocklist"]!)).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/api/v1/me/blocklist/{kind}/{id}"]!)).toEqual(["delete"]);
  });
});
