import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, fieldError, inputValue, textOf } from "../../../test/support/agent.js";
import { dialects } from "../../../test/support/dialects.js";
import { buildUser, buildWork, loggedInAgent } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import type { User } from "../users/user.js";
import { findWorkForReading } from "../works/work.queries.js";
import { guest } from "../actor.js";
import { blockWork } from "../blocklist/blocklist.service.js";
import * as seriesRepo from "./series.repo.js";

/** The ids of the works listed on a page, in order. */
function listed(html: string): string[] {
  return [...html.matchAll(/<li class="blurb" id="work-([^"]+)"/g)].map((m) => m[1]!);
}

/** The stats of a series page as label → value. */
function statsOf(html: string): Record<string, string> {
  const stats = /<dl class="stats">([\s\S]*?)<\/dl>/.exec(html)?.[1] ?? "";
  return Object.fromEntries(
    [...stats.matchAll(/<dt>([^<]*):<\/dt>\s*<dd>([\s\S]*?)<\/dd>/g)].map((m) => [m[1]!, textOf(m[2]!)]),
  );
}

/** Whether the checkbox named `name` is ticked. */
function isChecked(html: string, name: string): boolean {
  const tag = [...html.matchAll(/<input\b[^>]*>/g)]
    .map((m) => m[0])
    .find((t) => t.includes(` name="${name}"`));
  return tag !== undefined && /\schecked(?=[\s/>])/.test(tag);
}

/** The text inside the <textarea name="…"> of a page, entities decoded. */
function textareaValue(html: string, name: string): string | undefined {
  const m = new RegExp(`<textarea\\b[^>]*\\sname="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  return m?.[1]
    ?.replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

describe.each(dialects)("series pages on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  /** A series started from a work's form, with more works added in order; answers its id and the works. */
  async function seriesOf(user: User, works: Record<string, unknown>[]) {
    const title = `Series ${Math.random().toString(36).slice(2, 8)}`;
    const [first, ...rest] = works;
    const one = await buildWork(t.ctx, user, { ...first, series_title: title });
    const [link] = (await findWorkForReading(t.ctx, { kind: "user", user, via: "session" }, one.id)).detail
      .series;
    const all = [one];
    for (const { draft, ...fields } of rest) {
      all.push(await buildWork(t.ctx, user, { ...fields, series_id: link!.id }, draft ? "draft" : "post"));
    }
    return { id: link!.id, title, works: all };
  }

  const storedSeries = (id: string) => seriesRepo.findSeriesById(t.ctx.db, id);
  const order = async (id: string) => (await seriesRepo.serialWorks(t.ctx.db, id)).map((m) => m.work_id);

  describe("the series page", () => {
    it("shows a guest the posted, unrestricted works in order, and counts only those", async () => {
      const user = await buildUser(t.ctx);
      const s = await seriesOf(user, [
        { title: "Saga One", text: "One two three four five six seven eight nine ten." },
        {
          title: "Saga Locked",
          restricted: true,
          text: "Locked words that are not counted for guests here.",
        },
        {
          title: "Saga Two",
          text: "Eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty.",
        },
        { title: "Saga Draft", draft: true },
      ]);
      const [one, locked, two, draft] = s.works;
      const res = await new Agent(t.app).get(`/series/${s.id}`);
      expect(res.status).toBe(200);
      expect(textOf(res.body)).toContain(s.title);
      expect(listed(res.body)).toEqual([one!.id, two!.id]);
      expect(res.body).not.toContain(locked!.title);
      expect(res.body).not.toContain(draft!.title);
      expect(statsOf(res.body)).toMatchObject({
        Works: "2",
        Words: "20",
        Complete: "No",
        Creators: user.username,
      });
      expect(textOf(res.body)).toContain(`Part 3 of ${s.title}`);
      expect(res.body).not.toContain(`/series/${s.id}/edit`);

      const part3 = await new Agent(t.app).get(`/works/${two!.id}`);
      expect(part3.body).toContain(`href="/works/${one!.id}" rel="prev"`);
      expect(part3.body).not.toContain(locked!.id);
      expect(part3.body).not.toContain(draft!.id);
      expect(part3.body).not.toContain('rel="next"');

      const { agent } = await loggedInAgent(t.app, t.ctx);
      const member = await agent.get(`/series/${s.id}`);
      const part2 = await agent.get(`/works/${two!.id}`);
      expect(part2.body).toContain(`href="/works/${locked!.id}" rel="prev"`);
      expect(listed(member.body)).toEqual([one!.id, locked!.id, two!.id]);
      expect(statsOf(member.body)).toMatchObject({ Works: "3" });
      expect(member.body).not.toContain(draft!.title);

      const { agent: own } = await loggedInAgent(t.app, t.ctx, user);
      const mine = await own.get(`/series/${s.id}`);
      expect(listed(mine.body)).toEqual([one!.id, locked!.id, two!.id, draft!.id]);
      expect(mine.body).toContain(`href="/series/${s.id}/edit"`);
      expect(mine.body).toContain(`href="/series/${s.id}/manage"`);
    });

    it("keeps a reader's blocked part in its place, showing it as blocked with Unblock", async () => {
      const user = await buildUser(t.ctx);
      const s = await seriesOf(user, [{ title: "Blocked Saga One" }, { title: "Blocked Saga Two" }]);
      const [one, two] = s.works;
      const { agent, user: reader } = await loggedInAgent(t.app, t.ctx);
      const before = await agent.get(`/series/${s.id}`);
      expect(textOf(before.body)).not.toContain("Blocked Unblock");
      await blockWork(t.ctx, { kind: "user", user: reader, via: "session" }, two!.id);
      const after = await agent.get(`/series/${s.id}`);
      expect(listed(after.body)).toEqual([one!.id, two!.id]);
      const blurbOf = (html: string, id: string) =>
        textOf(
          new RegExp(`<li class="blurb" id="work-${id}"[\\s\\S]*?</li>\\s*(?=<li class="blurb"|</ol>)`).exec(
            html,
          )?.[0] ?? "",
        );
      expect(blurbOf(after.body, two!.id)).toContain("Blocked Unblock");
      expect(blurbOf(after.body, one!.id)).toContain("Block work");
      expect(blurbOf(after.body, one!.id)).not.toContain("Unblock");
    });

    it("asks a guest to log in when every work is restricted, without showing the series", async () => {
      const user = await buildUser(t.ctx);
      const s = await seriesOf(user, [{ title: "Hidden Saga Work", restricted: true }]);
      const res = await new Agent(t.app).get(`/series/${s.id}`);
      expect(res.status).toBe(401);
      expect(res.body).not.toContain(s.title);
      expect(res.body).not.toContain("Hidden Saga Work");
      expect(res.body).toContain(`href="/login?return_to=${encodeURIComponent(`/series/${s.id}`)}"`);
      const { agent } = await loggedInAgent(t.app, t.ctx);
      expect((await agent.get(`/series/${s.id}`)).status).toBe(200);
    });

    it("answers 404 for a series of drafts to anyone but its creator, and for an unknown series", async () => {
      const user = await buildUser(t.ctx);
      const s = await seriesOf(user, [{ title: "Only A Draft" }]);
      await t.ctx.db.updateTable("works").set({ posted: 0 }).where("id", "=", s.works[0]!.id).execute();
      const res = await new Agent(t.app).get(`/series/${s.id}`);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain(s.title);
      const { agent } = await loggedInAgent(t.app, t.ctx);
      expect((await agent.get(`/series/${s.id}`)).status).toBe(404);
      expect((await new Agent(t.app).get("/series/01900000-0000-7000-8000-000000000000")).status).toBe(404);
    });
  });

  describe("editing a series", () => {
    it("sends a guest to log in and changes nothing", async () => {
      const user = await buildUser(t.ctx);
      const s = await seriesOf(user, [{}]);
      const agent = new Agent(t.app);
      const page = await agent.get(`/series/${s.id}/edit`);
      expect(page.status).toBe(303);
      expect(page.location).toBe(`/login?return_to=${encodeURIComponent(`/series/${s.id}/edit`)}`);
      const res = await agent.post(`/series/${s.id}`, { title: "Guest Title" });
      expect(res.status).toBe(303);
      expect(res.location).toMatch(/^\/login/);
      expect((await storedSeries(s.id))?.title).toBe(s.title);
    });

    it("refuses another user (403) and changes nothing", async () => {
      const user = await buildUser(t.ctx);
      const s = await seriesOf(user, [{}]);
      const { agent } = await loggedInAgent(t.app, t.ctx);
      expect((await agent.get(`/series/${s.id}/edit`)).status).toBe(403);
      expect((await agent.post(`/series/${s.id}`, { title: "Taken", complete: "on" })).status).toBe(403);
      expect(await storedSeries(s.id)).toMatchObject({ title: s.title, complete: false });
    });

    it("comes back with messages and what was typed on bad input", async () => {
      const user = await buildUser(t.ctx);
      const s = await seriesOf(user, [{}]);
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const form = await agent.get(`/series/${s.id}/edit`);
      expect(form.status).toBe(200);
      expect(inputValue(form.body, "title")).toBe(s.title);
      expect(isChecked(form.body, "complete")).toBe(false);
      const res = await agent.post(`/series/${s.id}`, {
        title: "",
        summary: "A description that stays.",
        notes: "N".repeat(5001),
        complete: "on",
      });
      expect(res.status).toBe(422);
      expect(fieldError(res.body, "title")).toBe("Enter a title.");
      expect(fieldError(res.body, "notes")).toBe("Notes must be at most 5000 characters long.");
      expect(textareaValue(res.body, "summary")).toBe("A description that stays.");
      expect(textareaValue(res.body, "notes")).toBe("N".repeat(5001));
      expect(isChecked(res.body, "complete")).toBe(true);
      expect(await storedSeries(s.id)).toMatchObject({ title: s.title, complete: false });
    });

    it("changes the title, description, notes and completion, and the page shows them", async () => {
      const user = await buildUser(t.ctx);
      const s = await seriesOf(user, [{ title: "Member Work" }]);
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const res = await agent.post(`/series/${s.id}`, {
        title: "The Renamed Series",
        summary: "The series description.",
        notes: "The series notes.",
        complete: "on",
      });
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/series/${s.id}`);
      const page = await new Agent(t.app).get(`/series/${s.id}`);
      const text = textOf(page.body);
      expect(text).toContain("The Renamed Series");
      expect(text).toContain("The series description.");
      expect(text).toContain("The series notes.");
      expect(statsOf(page.body).Complete).toBe("Yes");
      expect(textOf((await agent.get(`/series/${s.id}`)).body)).toContain("The series was updated.");
      expect(textOf((await new Agent(t.app).get(`/works/${s.works[0]!.id}`)).body)).toContain(
        "Part 1 of The Renamed Series",
      );

      expect(isChecked((await agent.get(`/series/${s.id}/edit`)).body, "complete")).toBe(true);
      await agent.post(`/series/${s.id}`, { title: "The Renamed Series", summary: "", notes: "" });
      expect(await storedSeries(s.id)).toMatchObject({ complete: false, summary: "", notes: "" });
    });
  });

  describe("reordering a series", () => {
    it("sends a guest to log in and reorders nothing", async () => {
      const user = await buildUser(t.ctx);
      const s = await seriesOf(user, [{}, {}]);
      const agent = new Agent(t.app);
      const page = await agent.get(`/series/${s.id}/manage`);
      expect(page.status).toBe(303);
      expect(page.location).toBe(`/login?return_to=${encodeURIComponent(`/series/${s.id}/manage`)}`);
      const [a, b] = s.works;
      const res = await agent.post(`/series/${s.id}/manage`, {
        [`pos_${a!.id}`]: "2",
        [`pos_${b!.id}`]: "1",
      });
      expect(res.location).toMatch(/^\/login/);
      expect(await order(s.id)).toEqual([a!.id, b!.id]);
    });

    it("refuses another user (403) and reorders nothing", async () => {
      const user = await buildUser(t.ctx);
      const s = await seriesOf(user, [{}, {}]);
      const [a, b] = s.works;
      const { agent } = await loggedInAgent(t.app, t.ctx);
      expect((await agent.get(`/series/${s.id}/manage`)).status).toBe(403);
      const res = await agent.post(`/series/${s.id}/manage`, {
        [`pos_${a!.id}`]: "2",
        [`pos_${b!.id}`]: "1",
      });
      expect(res.status).toBe(403);
      expect(await order(s.id)).toEqual([a!.id, b!.id]);
    });

    it.each([
      ["zero", "0"],
      ["a word", "last"],
      ["a number past the last work", "4"],
      ["nothing", ""],
    ])("refuses %s as a part number (422) and reorders nothing", async (_what, bad) => {
      const user = await buildUser(t.ctx);
      const s = await seriesOf(user, [{}, {}, {}]);
      const [a, b, c] = s.works;
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const res = await agent.post(`/series/${s.id}/manage`, {
        [`pos_${a!.id}`]: bad,
        [`pos_${b!.id}`]: "1",
        [`pos_${c!.id}`]: "2",
      });
      expect(res.status).toBe(422);
      expect(textOf(res.body)).toContain("Give every work a number from 1 to 3.");
      expect(await order(s.id)).toEqual([a!.id, b!.id, c!.id]);
    });

    it("shows each work's part number and saves a new order", async () => {
      const user = await buildUser(t.ctx);
      const s = await seriesOf(user, [
        { title: "Alpha Part" },
        { title: "Beta Part" },
        { title: "Gamma Part" },
      ]);
      const [a, b, c] = s.works;
      const { agent } = await loggedInAgent(t.app, t.ctx, user);
      const page = await agent.get(`/series/${s.id}/manage`);
      expect(page.status).toBe(200);
      expect([a, b, c].map((w) => inputValue(page.body, `pos_${w!.id}`))).toEqual(["1", "2", "3"]);
      const res = await agent.post(`/series/${s.id}/manage`, {
        [`pos_${a!.id}`]: "3",
        [`pos_${b!.id}`]: "1",
        [`pos_${c!.id}`]: "2",
      });
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/series/${s.id}`);
      const shown = await agent.get(res.location!);
      expect(textOf(shown.body)).toContain("The series was reordered.");
      expect(listed(shown.body)).toEqual([b!.id, c!.id, a!.id]);
      expect(await order(s.id)).toEqual([b!.id, c!.id, a!.id]);
      const work = textOf((await new Agent(t.app).get(`/works/${a!.id}`)).body);
      expect(work).toContain(`Part 3 of ${s.title}`);
      expect((await findWorkForReading(t.ctx, guest, b!.id)).detail.series[0]?.position).toBe(1);
    });
  });
});
