import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderToString } from "preact-render-to-string";
import { h } from "preact";
import { Agent, fieldError, inputValue, textOf } from "../../../test/support/agent.js";
import { dialects } from "../../../test/support/dialects.js";
import { actorFor, buildUser, buildWork, loggedInAgent, unique } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import { PageCtx } from "../../http/views/page-context.js";
import type { User } from "../users/user.js";
import { blocklistOf } from "./blocklist-entry.repo.js";
import { blockCreator, listBlocklist } from "./blocklist.service.js";
import { BlockButton, type BlockButtonProps } from "./views/block-button.js";

describe.each(dialects)("/account/blocklist on %s", (dialect) => {
  let t: TestApp;
  let writer: Awaited<ReturnType<typeof buildUser>>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    writer = await buildUser(t.ctx);
  });
  afterAll(async () => {
    await t.close();
  });

  it("sends a guest to log in from every route, changing nothing", async () => {
    const agent = new Agent(t.app);
    const res = await agent.get("/account/blocklist");
    expect(res.status).toBe(303);
    expect(res.location).toBe("/login?return_to=%2Faccount%2Fblocklist");
    for (const [url, form] of [
      ["/account/blocklist", { kind: "user", name: writer.username }],
      ["/account/blocklist/remove", { kind: "user", target_id: writer.id }],
    ] as const) {
      const post = await agent.post(url, form);
      expect(post.status).toBe(303);
      expect(post.location).toMatch(/^\/login/);
    }
  });

  it("shows three sections with add forms, the tag field with autocomplete", async () => {
    const { agent } = await loggedInAgent(t.app, t.ctx);
    const res = await agent.get("/account/blocklist");
    expect(res.status).toBe(200);
    const text = textOf(res.body);
    for (const s of [
      "Tags",
      "Creators",
      "Works",
      "You haven't blocked any tags.",
      "0 of at most 1,000 entries.",
    ])
      expect(text).toContain(s);
    expect(res.body).toMatch(/<input[^>]*id="field-tag-name"[^>]*data-autocomplete="any"/);
    expect(res.body).toContain('id="field-user-name"');
    expect(res.body).toContain('id="field-work-id"');
    expect((await agent.get("/account")).body).toContain('href="/account/blocklist"');
  });

  it("blocks a tag, a creator and a work, listing each with a Remove button", async () => {
    const { agent, user } = await loggedInAgent(t.app, t.ctx);
    const tag = `Whump ${unique()}`;
    const work = await buildWork(t.ctx, writer, { title: `Blockable ${unique()}`, freeforms: tag });
    const added = await agent.post("/account/blocklist", { kind: "tag", name: `${tag}, ` });
    expect(added.status).toBe(303);
    expect(added.location).toBe("/account/blocklist");
    expect(textOf((await agent.get("/account/blocklist")).body)).toContain(
      `Blocked “${tag}”: you won't see it in listings.`,
    );
    expect((await agent.post("/account/blocklist", { kind: "user", name: writer.username })).status).toBe(
      303,
    );
    expect(
      (await agent.post("/account/blocklist", { kind: "work", work_id: `/works/${work.id}` })).status,
    ).toBe(303);
    const again = await agent.post("/account/blocklist", { kind: "user", name: writer.username });
    expect(again.status).toBe(303);
    const page = await agent.get("/account/blocklist");
    const text = textOf(page.body);
    expect(text).toContain(`“${writer.username}” was on your blocklist already.`);
    expect(text).toContain(tag);
    expect(text).toContain(writer.username);
    expect(text).toContain(work.title);
    expect(text).toContain("3 of at most 1,000 entries.");
    expect(page.body).toContain(`href="/works/${work.id}"`);
    expect(page.body.match(/action="\/account\/blocklist\/remove"/g)).toHaveLength(3);
    expect(await blocklistOf(t.ctx.db, user.id)).toHaveLength(3);
  });

  it("comes back with the message beside the field and what was typed", async () => {
    const { agent, user } = await loggedInAgent(t.app, t.ctx);
    const tag = await agent.post("/account/blocklist", { kind: "tag", name: "No <Such> Tag" });
    expect(tag.status).toBe(422);
    expect(fieldError(tag.body, "tag-name")).toBe("We couldn't find a tag called “No <Such> Tag”.");
    expect(inputValue(tag.body, "name")).toBe("No &lt;Such> Tag");
    expect(tag.body).toContain('href="#field-tag-name"');

    const self = await agent.post("/account/blocklist", { kind: "user", name: user.username });
    expect(self.status).toBe(422);
    expect(fieldError(self.body, "user-name")).toBe("You can't block yourself.");
    expect(self.body).toContain(`value="${user.username}"`);

    const own = await buildWork(t.ctx, user);
    const ownWork = await agent.post("/account/blocklist", { kind: "work", work_id: own.id });
    expect(ownWork.status).toBe(422);
    expect(fieldError(ownWork.body, "work-id")).toBe("You can't block your own work.");
    expect(inputValue(ownWork.body, "work_id")).toBe(own.id);

    const kind = await agent.post("/account/blocklist", { kind: "planet", name: "Mars" });
    expect(kind.status).toBe(422);
    expect(textOf(kind.body)).toContain("Choose what to block");
    expect(await blocklistOf(t.ctx.db, user.id)).toEqual([]);
  });

  it("comes back to a same-site return_to (a Block button), never elsewhere", async () => {
    const { agent } = await loggedInAgent(t.app, t.ctx);
    const work = await buildWork(t.ctx, writer);
    const back = await agent.post("/account/blocklist", {
      kind: "work",
      work_id: work.id,
      return_to: `/works/${work.id}`,
    });
    expect(back.location).toBe(`/works/${work.id}`);
    const away = await agent.post("/account/blocklist", {
      kind: "user",
      name: writer.username,
      return_to: "https://evil.example/",
    });
    expect(away.location).toBe("/account/blocklist");
  });

  it("removes an entry; another user's entries can't be touched (404)", async () => {
    const { agent, user } = await loggedInAgent(t.app, t.ctx);
    const other = await buildUser(t.ctx);
    await blockCreator(t.ctx, actorFor(user), writer.username);
    await blockCreator(t.ctx, actorFor(other), writer.username);
    const res = await agent.post("/account/blocklist/remove", { kind: "user", target_id: writer.id });
    expect(res.status).toBe(303);
    expect(textOf((await agent.get("/account/blocklist")).body)).toContain(
      `Removed “${writer.username}” from your blocklist.`,
    );
    expect(await blocklistOf(t.ctx.db, user.id)).toEqual([]);
    // Removing again, or what only someone else blocked, is not found; theirs stays.
    expect(
      (await agent.post("/account/blocklist/remove", { kind: "user", target_id: writer.id })).status,
    ).toBe(404);
    expect((await listBlocklist(t.ctx, actorFor(other))).creators).toHaveLength(1);
    expect(
      (await agent.post("/account/blocklist/remove", { kind: "nope", target_id: writer.id })).status,
    ).toBe(400);
    const nul = await agent.post("/account/blocklist/remove", { kind: "user", target_id: "\u0000" });
    expect(nul.status).toBe(404);
  });

  it("shows a blocked work that became invisible without its title", async () => {
    const { agent } = await loggedInAgent(t.app, t.ctx);
    const work = await buildWork(t.ctx, writer, { title: `Vanishing ${unique()}` });
    await agent.post("/account/blocklist", { kind: "work", work_id: work.id });
    expect(textOf((await agent.get("/account/blocklist")).body)).toContain(work.title);
    await t.ctx.db.updateTable("works").set({ hidden_by_admin: 1 }).where("id", "=", work.id).execute();
    const page = await agent.get("/account/blocklist");
    expect(page.body).not.toContain(work.title);
    expect(textOf(page.body)).toContain("a work you can't see any more");
  });

  it("refuses a post without the CSRF token", async () => {
    const { agent, user } = await loggedInAgent(t.app, t.ctx);
    const res = await agent.post(
      "/account/blocklist",
      { kind: "user", name: writer.username },
      { csrf: false },
    );
    expect(res.status).toBe(403);
    expect(await blocklistOf(t.ctx.db, user.id)).toEqual([]);
  });
});

describe("BlockButton", () => {
  const reader: User = {
    id: "u",
    username: "me",
    email: "me@example.org",
    isAdmin: false,
    createdAt: "",
    passwordChangedAt: "",
  };
  const render = (props: BlockButtonProps, user: User | null = reader) =>
    renderToString(
      h(
        PageCtx.Provider,
        {
          value: {
            actor: user ? actorFor(user) : { kind: "guest" },
            csrfToken: "tok",
            siteName: "Quire",
            flash: undefined,
            path: "/",
          },
        },
        h(BlockButton, props),
      ),
    );

  it("posts the target to the blocklist with the CSRF token and where to come back", () => {
    const work = render({ kind: "work", target: "w1", returnTo: "/works/w1", label: "A Title" });
    expect(work).toContain('action="/account/blocklist"');
    expect(inputValue(work, "_csrf")).toBe("tok");
    expect(inputValue(work, "kind")).toBe("work");
    expect(inputValue(work, "work_id")).toBe("w1");
    expect(inputValue(work, "return_to")).toBe("/works/w1");
    expect(textOf(work)).toBe("Block this work (A Title)");
    const tag = render({ kind: "tag", target: "Angst", returnTo: "/tags/Angst" });
    expect(inputValue(tag, "name")).toBe("Angst");
    expect(textOf(tag)).toBe("Block this tag (Angst)");
    expect(textOf(render({ kind: "user", target: "someone", returnTo: "/" }))).toBe(
      "Block this creator (someone)",
    );
  });

  it("shows a blocked target's state and an Unblock button that removes it, coming back", () => {
    const tag = render({ kind: "tag", target: "Angst", returnTo: "/tags/Angst/works", blockedId: "t1" });
    expect(tag).toContain('action="/account/blocklist/remove"');
    expect(tag).not.toContain('action="/account/blocklist"');
    expect(inputValue(tag, "_csrf")).toBe("tok");
    expect(inputValue(tag, "kind")).toBe("tag");
    expect(inputValue(tag, "target_id")).toBe("t1");
    expect(inputValue(tag, "return_to")).toBe("/tags/Angst/works");
    expect(textOf(tag)).toBe("You blocked this tag (Angst) Unblock (Angst)");
    const work = render({
      kind: "work",
      target: "w1",
      returnTo: "/works",
      label: "A Title",
      blockedId: "w1",
      blockedText: "Blocked",
    });
    expect(textOf(work)).toBe("Blocked Unblock (A Title)");
  });

  it("takes other words for the button, naming the target only once", () => {
    const user = render({ kind: "user", target: "someone", returnTo: "/", text: "Block someone" });
    expect(textOf(user)).toBe("Block someone");
    expect(inputValue(user, "name")).toBe("someone");
    const work = render({ kind: "work", target: "w1", returnTo: "/", text: "Block work", label: "T" });
    expect(textOf(work)).toBe("Block work (T)");
  });

  it("shows nothing to a guest", () => {
    expect(render({ kind: "tag", target: "Angst", returnTo: "/" }, null)).toBe("");
  });
});
