// End to end: a reader blocks a tag on the blocklist page, and works with it leave the listings
// they see (and only theirs), with the "hidden by your blocklist" note and its "show them once" link.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, textOf } from "../../../test/support/agent.js";
import { dialects } from "../../../test/support/dialects.js";
import { buildUser, buildWork, loggedInAgent, unique } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import { tagToParam } from "../tags/tag-name.js";

/** The ids of the works listed on a page, in order. */
function listed(html: string): string[] {
  return [...html.matchAll(/<li class="blurb" id="work-([^"]+)"/g)].map((m) => m[1]!);
}

describe.each(dialects)("a blocked tag in listings on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it("hides works with the tag from /works and the fandom's page for that reader only", async () => {
    const writer = await buildUser(t.ctx);
    const fandom = `Blocktest Fandom ${unique()}`;
    const blockedTag = `Unwanted Trope ${unique()}`;
    const hidden = await buildWork(t.ctx, writer, {
      title: `Hidden ${unique()}`,
      fandoms: fandom,
      freeforms: blockedTag,
    });
    t.clock.advance(1000);
    const kept = await buildWork(t.ctx, writer, { title: `Kept ${unique()}`, fandoms: fandom });

    const { agent } = await loggedInAgent(t.app, t.ctx);
    const other = (await loggedInAgent(t.app, t.ctx)).agent;
    const fandomWorks = `/tags/${tagToParam(fandom)}/works`;
    expect(listed((await agent.get(fandomWorks)).body)).toEqual([kept.id, hidden.id]);

    const block = await agent.post("/account/blocklist", { kind: "tag", name: blockedTag });
    expect(block.status).toBe(303);

    for (const path of ["/works", fandomWorks]) {
      const page = await agent.get(path);
      expect(page.status).toBe(200);
      expect(listed(page.body)).toContain(kept.id);
      expect(listed(page.body)).not.toContain(hidden.id);
      expect(page.body).not.toContain(hidden.title);
      expect(textOf(page.body)).toContain("1 work hidden by your blocklist");

      const once = await agent.get(`${path}?show_blocked=1`);
      expect(listed(once.body)).toContain(hidden.id);
      expect(textOf(once.body)).not.toContain("hidden by your blocklist");

      // Another reader, and a guest, still see it.
      const theirs = await other.get(path);
      expect(listed(theirs.body)).toContain(hidden.id);
      expect(textOf(theirs.body)).not.toContain("hidden by your blocklist");
      expect(listed((await new Agent(t.app).get(path)).body)).toContain(hidden.id);
    }
    expect(listed((await agent.get(fandomWorks)).body)).toEqual([kept.id]);
    expect((await agent.get(fandomWorks)).body).toMatch(/show_blocked=1/);
  });

  it("says there is nothing to show, not that the tag has no works, when the blocklist hides them all", async () => {
    const writer = await buildUser(t.ctx);
    const blockedTag = `Everywhere Trope ${unique()}`;
    await buildWork(t.ctx, writer, { title: `All Hidden ${unique()}`, freeforms: blockedTag });
    const { agent } = await loggedInAgent(t.app, t.ctx);
    const tagWorks = `/tags/${tagToParam(blockedTag)}/works`;
    await agent.post("/account/blocklist", { kind: "tag", name: blockedTag, return_to: tagWorks });
    const page = textOf((await agent.get(tagWorks)).body);
    expect(page).toContain("No works to show. · 1 work hidden by your blocklist");
    expect(page).not.toContain("No works with this tag yet.");
    expect(textOf((await new Agent(t.app).get(tagWorks)).body)).not.toContain("No works to show.");
  });
});
