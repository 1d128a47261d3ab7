// The Block buttons on a work's page and on every blurb: who sees them, what their forms post,
// where they come back to, and that a work blocked through one leaves the reader's listings.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, fieldError, textOf, type AgentResponse } from "../../../test/support/agent.js";
import { dialects } from "../../../test/support/dialects.js";
import {
  actorFor,
  buildPseud,
  buildUser,
  buildWork,
  loggedInAgent,
  unique,
} from "../../../test/support/factories.js";
import { errorOf } from "../../../test/support/errors.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import { Invalid } from "../../lib/errors.js";
import { tagToParam } from "../tags/tag-name.js";
import { orphanWork } from "../works/work.service.js";
import { blocklistOf } from "./blocklist-entry.repo.js";
import { blockCreator, blockWork, messages } from "./blocklist.service.js";

/** HTML attribute text back to what it says. */
function unescape(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

interface FoundForm {
  action: string;
  fields: Record<string, string>;
  /** The form's text (its button's words, hidden ones included). */
  text: string;
}

/** The forms in `html` that post to the blocklist (adding or removing), with their fields. */
function blockForms(html: string): FoundForm[] {
  return [...html.matchAll(/<form\b[^>]*action="(\/account\/blocklist[^"]*)"[^>]*>([\s\S]*?)<\/form>/g)].map(
    (m) => {
      const fields: Record<string, string> = {};
      for (const input of m[2]!.matchAll(/<input\b[^>]*>/g)) {
        const name = /\sname="([^"]*)"/.exec(input[0])?.[1];
        const value = /\svalue="([^"]*)"/.exec(input[0])?.[1] ?? "";
        if (name) fields[name] = unescape(value);
      }
      return { action: m[1]!, fields, text: textOf(m[2]!) };
    },
  );
}

/** The HTML of the blurb of `workId` on a listing page ("" when it isn't listed). */
function blurbOf(html: string, workId: string): string {
  const start = html.indexOf(`<li class="blurb" id="work-${workId}"`);
  if (start < 0) return "";
  const rest = html.slice(start + 1);
  const next = rest.search(/<li class="blurb" id="work-|<\/ol>/);
  return html.slice(start, next < 0 ? undefined : start + 1 + next);
}

/** The ids of the works listed on a page, in order. */
function listed(html: string): string[] {
  return [...html.matchAll(/<li class="blurb" id="work-([^"]+)"/g)].map((m) => m[1]!);
}

/** The work page's article (the Block buttons are in its preface). */
function articleOf(html: string): string {
  return /<article\b[\s\S]*<\/article>/.exec(html)?.[0] ?? "";
}

/** Submits a form found on a page, as a browser would (the agent adds the CSRF token). */
function submit(agent: Agent, form: FoundForm): Promise<AgentResponse> {
  const { _csrf: _token, ...fields } = form.fields;
  return agent.post(form.action, fields);
}

function only<T>(items: T[], what: string): T {
  if (items.length !== 1) throw new Error(`expected one ${what}, found ${items.length}`);
  return items[0]!;
}

describe.each(dialects)("Block buttons on works on %s", (dialect) => {
  let t: TestApp;
  let writer: Awaited<ReturnType<typeof buildUser>>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    writer = await buildUser(t.ctx);
  });
  afterAll(async () => {
    await t.close();
  });

  it("shows a guest no Block buttons, and sends a guest's post to log in, blocking nothing", async () => {
    const work = await buildWork(t.ctx, writer, { title: `Guest view ${unique()}` });
    const guest = new Agent(t.app);
    const page = await guest.get(`/works/${work.id}`);
    expect(page.status).toBe(200);
    expect(blockForms(page.body)).toEqual([]);
    const list = await guest.get("/works");
    expect(listed(list.body)).toContain(work.id);
    expect(blockForms(list.body)).toEqual([]);

    const post = await guest.post("/account/blocklist", {
      kind: "work",
      work_id: work.id,
      return_to: `/works/${work.id}`,
    });
    expect(post.status).toBe(303);
    expect(post.location).toMatch(/^\/login\?return_to=/);
    const rows = await t.ctx.db
      .selectFrom("blocklist_entries")
      .select("user_id")
      .where("target_id", "=", work.id)
      .execute();
    expect(rows).toEqual([]);
  });

  it("offers a reader Block this work and Block <creator> on a work's page, coming back to it", async () => {
    const work = await buildWork(t.ctx, writer, { title: `Offered ${unique()}` });
    const { agent } = await loggedInAgent(t.app, t.ctx);
    const page = await agent.get(`/works/${work.id}`);
    expect(page.status).toBe(200);
    const forms = blockForms(articleOf(page.body));
    expect(forms.map((f) => f.fields)).toEqual([
      { _csrf: agent.csrfToken, kind: "work", work_id: work.id, return_to: `/works/${work.id}` },
      { _csrf: agent.csrfToken, kind: "user", name: writer.username, return_to: `/works/${work.id}` },
    ]);
    expect(forms.map((f) => f.action)).toEqual(["/account/blocklist", "/account/blocklist"]);
    // Real buttons, whose words say what they block.
    expect(forms[0]!.text).toBe(`Block this work (${work.title})`);
    expect(forms[1]!.text).toBe(`Block ${writer.username}`);
    expect(articleOf(page.body).match(/<button type="submit" class="link-button">/g)).toHaveLength(2);
  });

  it("shows no Block buttons to a work's creator, on its page or its blurbs", async () => {
    const { agent, user } = await loggedInAgent(t.app, t.ctx);
    const own = await buildWork(t.ctx, user, { title: `Mine ${unique()}` });
    const theirs = await buildWork(t.ctx, writer, { title: `Theirs ${unique()}` });
    expect(blockForms((await agent.get(`/works/${own.id}`)).body)).toEqual([]);
    const list = await agent.get("/works");
    expect(listed(list.body)).toEqual(expect.arrayContaining([own.id, theirs.id]));
    expect(blockForms(blurbOf(list.body, own.id))).toEqual([]);
    expect(blockForms(blurbOf(list.body, theirs.id)).length).toBe(2);
    const mine = await agent.get(`/users/${user.username}/works`);
    expect(listed(mine.body)).toEqual([own.id]);
    expect(blockForms(mine.body)).toEqual([]);
  });

  it("refuses to block yourself or your own work, even posted by hand", async () => {
    const { agent, user } = await loggedInAgent(t.app, t.ctx);
    const own = await buildWork(t.ctx, user);
    const self = await agent.post("/account/blocklist", {
      kind: "user",
      name: user.username,
      return_to: `/works/${own.id}`,
    });
    expect(self.status).toBe(422);
    expect(fieldError(self.body, "user-name")).toBe(messages.self);
    const ownWork = await agent.post("/account/blocklist", {
      kind: "work",
      work_id: own.id,
      return_to: "/works",
    });
    expect(ownWork.status).toBe(422);
    expect(fieldError(ownWork.body, "work-id")).toBe(messages.ownWork);
    // The service says no too, whoever calls it.
    const err = await errorOf(blockCreator(t.ctx, actorFor(user), user.username));
    expect(err).toBeInstanceOf(Invalid);
    expect((err as Invalid).fields).toEqual({ name: messages.self });
    expect(((await errorOf(blockWork(t.ctx, actorFor(user), own.id))) as Invalid).fields).toEqual({
      work_id: messages.ownWork,
    });
    expect(await blocklistOf(t.ctx.db, user.id)).toEqual([]);
  });

  it("answers an unknown work with the message on the blocklist page, adding nothing", async () => {
    const { agent, user } = await loggedInAgent(t.app, t.ctx);
    const res = await agent.post("/account/blocklist", {
      kind: "work",
      work_id: "no-such-work",
      return_to: "/works",
    });
    expect(res.status).toBe(422);
    expect(fieldError(res.body, "work-id")).toBe(messages.unknownWork("no-such-work"));
    expect(await blocklistOf(t.ctx.db, user.id)).toEqual([]);
  });

  it("never comes back to another site or an absolute address: the blocklist page instead", async () => {
    const { agent, user } = await loggedInAgent(t.app, t.ctx);
    const work = await buildWork(t.ctx, writer);
    const unsafe = [
      "https://evil.example/works",
      "http://quire.test/works",
      "//evil.example/works",
      "/\\evil.example",
      "/\tevil.example",
      "works",
      "javascript:alert(1)",
    ];
    for (const return_to of unsafe) {
      const add = await agent.post("/account/blocklist", { kind: "work", work_id: work.id, return_to });
      expect(add.status).toBe(303);
      expect(add.location).toBe("/account/blocklist");
      const remove = await agent.post("/account/blocklist/remove", {
        kind: "work",
        target_id: work.id,
        return_to,
      });
      expect(remove.status).toBe(303);
      expect(remove.location).toBe("/account/blocklist");
    }
    expect(await blocklistOf(t.ctx.db, user.id)).toEqual([]);
  });

  it("refuses a Block button's post without the CSRF token", async () => {
    const { agent, user } = await loggedInAgent(t.app, t.ctx);
    const work = await buildWork(t.ctx, writer);
    const res = await agent.post(
      "/account/blocklist",
      { kind: "work", work_id: work.id, return_to: "/works" },
      { csrf: false },
    );
    expect(res.status).toBe(403);
    expect(await blocklistOf(t.ctx.db, user.id)).toEqual([]);
  });

  it("blocks a work from its page: gone from /works and its tag's page, shown as blocked, back after Unblock", async () => {
    const fandom = `Buttoned Fandom ${unique()}`;
    const work = await buildWork(t.ctx, writer, { title: `Unwanted ${unique()}`, fandoms: fandom });
    t.clock.advance(1000);
    const kept = await buildWork(t.ctx, writer, { title: `Wanted ${unique()}`, fandoms: fandom });
    const { agent, user } = await loggedInAgent(t.app, t.ctx);
    const tagPage = `/tags/${tagToParam(fandom)}/works`;
    expect(listed((await agent.get(tagPage)).body)).toEqual([kept.id, work.id]);

    const button = blockForms(articleOf((await agent.get(`/works/${work.id}`)).body)).find(
      (f) => f.fields.kind === "work",
    )!;
    const res = await submit(agent, button);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/works/${work.id}`);
    expect(await blocklistOf(t.ctx.db, user.id)).toMatchObject([{ kind: "work", target_id: work.id }]);

    // The page itself still opens, and says so, with a way back.
    const page = await agent.get(`/works/${work.id}`);
    expect(page.status).toBe(200);
    expect(textOf(page.body)).toContain(`Blocked “${work.title}”: you won't see it in listings.`);
    const forms = blockForms(articleOf(page.body));
    const unblockForm = only(
      forms.filter((f) => f.action === "/account/blocklist/remove"),
      "Unblock form",
    );
    expect(unblockForm.fields).toMatchObject({
      kind: "work",
      target_id: work.id,
      return_to: `/works/${work.id}`,
    });
    expect(unblockForm.text).toBe(`You blocked this work Unblock (${work.title})`);
    // The creator is not blocked: that button is still there.
    expect(forms.filter((f) => f.action === "/account/blocklist").map((f) => f.fields.kind)).toEqual([
      "user",
    ]);

    for (const path of ["/works", tagPage]) {
      const list = await agent.get(path);
      expect(listed(list.body)).toContain(kept.id);
      expect(listed(list.body)).not.toContain(work.id);
      expect(textOf(list.body)).toContain("1 work hidden by your blocklist");
    }
    // Someone else still sees it.
    expect(listed((await new Agent(t.app).get(tagPage)).body)).toEqual([kept.id, work.id]);

    const back = await submit(agent, unblockForm);
    expect(back.status).toBe(303);
    expect(back.location).toBe(`/works/${work.id}`);
    expect(await blocklistOf(t.ctx.db, user.id)).toEqual([]);
    expect(listed((await agent.get(tagPage)).body)).toEqual([kept.id, work.id]);
    expect(listed((await agent.get("/works")).body)).toContain(work.id);
  });

  it("blocks a work from its blurb and comes back to the same listing address", async () => {
    const fandom = `Blurbed Fandom ${unique()}`;
    const work = await buildWork(t.ctx, writer, { title: `Skip me ${unique()}`, fandoms: fandom });
    t.clock.advance(1000);
    const kept = await buildWork(t.ctx, writer, { title: `Keep me ${unique()}`, fandoms: fandom });
    const { agent, user } = await loggedInAgent(t.app, t.ctx);
    const listing = `/tags/${tagToParam(fandom)}/works?sort=title&dir=asc`;
    const before = await agent.get(listing);
    expect(listed(before.body)).toEqual([kept.id, work.id]);

    const blurbForms = blockForms(blurbOf(before.body, work.id));
    expect(blurbForms.map((f) => [f.fields.kind, f.text])).toEqual([
      ["work", `Block work (${work.title})`],
      ["user", `Block ${writer.username}`],
    ]);
    const res = await submit(agent, blurbForms[0]!);
    expect(res.status).toBe(303);
    expect(res.location).toBe(listing);
    expect(await blocklistOf(t.ctx.db, user.id)).toMatchObject([{ kind: "work", target_id: work.id }]);

    const after = await agent.get(res.location!);
    expect(listed(after.body)).toEqual([kept.id]);
    expect(listed((await agent.get("/works")).body)).not.toContain(work.id);

    // Shown this once, the blurb says it is blocked and offers Unblock, back to that address.
    const once = await agent.get(`${listing}&show_blocked=1`);
    const unblockForm = only(
      blockForms(blurbOf(once.body, work.id)).filter((f) => f.action === "/account/blocklist/remove"),
      "Unblock form",
    );
    expect(unblockForm.fields).toMatchObject({
      kind: "work",
      target_id: work.id,
      return_to: `${listing}&show_blocked=1`,
    });
    expect(unblockForm.text).toBe(`Blocked Unblock (${work.title})`);
    const back = await submit(agent, unblockForm);
    expect(back.location).toBe(`${listing}&show_blocked=1`);
    expect(listed((await agent.get(listing)).body)).toEqual([kept.id, work.id]);
  });

  it("blocks a creator from a blurb: all their works (every pseud) leave that reader's listings", async () => {
    const author = await buildUser(t.ctx);
    const pen = await buildPseud(t.ctx, author);
    const fandom = `Creator Fandom ${unique()}`;
    const first = await buildWork(t.ctx, author, { fandoms: fandom });
    const second = await buildWork(t.ctx, author, { fandoms: fandom, pseud_ids: [pen.id] });
    const other = await buildWork(t.ctx, writer, { fandoms: fandom });
    const { agent, user } = await loggedInAgent(t.app, t.ctx);
    const tagPage = `/tags/${tagToParam(fandom)}/works`;
    const page = await agent.get(tagPage);
    expect(listed(page.body)).toHaveLength(3);
    const blockAuthor = blockForms(blurbOf(page.body, second.id)).find((f) => f.fields.kind === "user")!;
    expect(blockAuthor.fields.name).toBe(author.username);
    expect(blockAuthor.text).toBe(`Block ${author.username}`);

    const res = await submit(agent, blockAuthor);
    expect(res.location).toBe(tagPage);
    expect(await blocklistOf(t.ctx.db, user.id)).toMatchObject([{ kind: "user", target_id: author.id }]);
    const after = await agent.get(tagPage);
    expect(listed(after.body)).toEqual([other.id]);
    expect(textOf(after.body)).toContain("2 works hidden by your blocklist");
    expect(listed((await agent.get("/works")).body)).not.toContain(first.id);

    // On the work's own page, the creator shows as blocked, with Unblock.
    const workPage = await agent.get(`/works/${first.id}`);
    const unblockForm = only(
      blockForms(articleOf(workPage.body)).filter((f) => f.action === "/account/blocklist/remove"),
      "Unblock form",
    );
    expect(unblockForm.fields).toMatchObject({ kind: "user", target_id: author.id });
    expect(unblockForm.text).toBe(`You blocked ${author.username} Unblock (${author.username})`);
    await submit(agent, unblockForm);
    expect(listed((await agent.get(tagPage)).body)).toHaveLength(3);
  });

  it("shows a blocked tag as blocked on its works page, with Unblock", async () => {
    const freeform = `Button Trope ${unique()}`;
    const work = await buildWork(t.ctx, writer, { freeforms: freeform });
    const { agent, user } = await loggedInAgent(t.app, t.ctx);
    const tagPage = `/tags/${tagToParam(freeform)}/works`;
    const block = only(
      blockForms((await agent.get(tagPage)).body).filter((f) => f.fields.kind === "tag"),
      "tag form",
    );
    expect(block.text).toBe(`Block this tag (${freeform})`);
    expect((await submit(agent, block)).location).toBe(tagPage);
    const [entry] = await blocklistOf(t.ctx.db, user.id);
    const page = await agent.get(tagPage);
    expect(listed(page.body)).toEqual([]);
    const unblockForm = only(
      blockForms(page.body).filter((f) => f.action === "/account/blocklist/remove"),
      "Unblock form",
    );
    expect(unblockForm.fields).toMatchObject({
      kind: "tag",
      target_id: entry!.target_id,
      return_to: tagPage,
    });
    expect(unblockForm.text).toBe(`You blocked this tag (${freeform}) Unblock (${freeform})`);
    await submit(agent, unblockForm);
    expect(listed((await agent.get(tagPage)).body)).toEqual([work.id]);
  });

  it("offers each co-creator's account once, not the reader's, and no creator on an anonymous or orphaned work", async () => {
    const coAuthor = await buildUser(t.ctx);
    const coPen = await buildPseud(t.ctx, coAuthor);
    const shared = await buildWork(t.ctx, writer);
    // Two pseuds of one co-creator on the byline: one button for their account.
    const coDefault = await t.ctx.db
      .selectFrom("pseuds")
      .select("id")
      .where("user_id", "=", coAuthor.id)
      .where("is_default", "=", 1)
      .executeTakeFirstOrThrow();
    await t.ctx.db
      .insertInto("creatorships")
      .values([
        { work_id: shared.id, pseud_id: coDefault.id, position: 1 },
        { work_id: shared.id, pseud_id: coPen.id, position: 2 },
      ])
      .execute();
    const { agent } = await loggedInAgent(t.app, t.ctx);
    const forms = blockForms(articleOf((await agent.get(`/works/${shared.id}`)).body));
    expect(forms.map((f) => [f.fields.kind, f.fields.name ?? f.fields.work_id])).toEqual([
      ["work", shared.id],
      ["user", writer.username],
      ["user", coAuthor.username],
    ]);
    // The co-creator sees it as their own work: nothing to block.
    const co = await loggedInAgent(t.app, t.ctx, coAuthor);
    expect(blockForms((await co.agent.get(`/works/${shared.id}`)).body)).toEqual([]);

    // A work whose byline shows no one (anonymous): the work can be blocked, nobody else is named.
    const anonymous = await buildWork(t.ctx, coAuthor);
    await t.ctx.db.deleteFrom("creatorships").where("work_id", "=", anonymous.id).execute();
    const anonPage = await agent.get(`/works/${anonymous.id}`);
    expect(textOf(articleOf(anonPage.body))).toContain("by Anonymous");
    expect(blockForms(articleOf(anonPage.body)).map((f) => f.fields.kind)).toEqual(["work"]);
    expect(articleOf(anonPage.body)).not.toContain(coAuthor.username);
    const list = await agent.get("/works");
    expect(blockForms(blurbOf(list.body, anonymous.id)).map((f) => f.fields.kind)).toEqual(["work"]);
    expect(blurbOf(list.body, anonymous.id)).not.toContain(coAuthor.username);

    // An orphaned work: no button to block orphan_account (it would hide every orphaned work).
    const orphaned = await buildWork(t.ctx, coAuthor);
    await orphanWork(t.ctx, actorFor(coAuthor), orphaned.id, { keepPseudName: false });
    const orphanPage = await agent.get(`/works/${orphaned.id}`);
    expect(textOf(articleOf(orphanPage.body))).toContain("by orphan_account");
    expect(blockForms(articleOf(orphanPage.body)).map((f) => f.fields.kind)).toEqual(["work"]);
  });
});
