import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, textOf } from "../../../test/support/agent.js";
import { dialects } from "../../../test/support/dialects.js";
import { actorFor, buildUser, buildWork, loggedInAgent } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import { addChapter } from "../chapters/chapter.service.js";
import { preferencesOf } from "./preference.service.js";

/** Whether the checkbox named `name` is ticked. */
function isChecked(html: string, name: string): boolean {
  const tag = [...html.matchAll(/<input\b[^>]*>/g)]
    .map((m) => m[0])
    .find((t) => t.includes(` name="${name}"`));
  if (!tag) throw new Error(`no input named ${name}`);
  return /\schecked(?=[\s/>])/.test(tag);
}

describe.each(dialects)("reading preferences on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  const preferenceRows = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom("preferences")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("sends a guest to log in, and a guest's post saves nothing", async () => {
    const agent = new Agent(t.app);
    const page = await agent.get("/account/preferences");
    expect(page.status).toBe(303);
    expect(page.location).toBe(`/login?return_to=${encodeURIComponent("/account/preferences")}`);
    const before = await preferenceRows();
    const res = await agent.post("/account/preferences", { view_adult: "on" });
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/^\/login/);
    expect(await preferenceRows()).toBe(before);
  });

  it("shows the defaults, both unticked", async () => {
    const { agent } = await loggedInAgent(t.app, t.ctx);
    const res = await agent.get("/account/preferences");
    expect(res.status).toBe(200);
    expect(isChecked(res.body, "view_adult")).toBe(false);
    expect(isChecked(res.body, "view_full_works")).toBe(false);
  });

  it("comes back (422) with a message and the boxes as ticked on bad input, saving nothing", async () => {
    const { agent, user } = await loggedInAgent(t.app, t.ctx);
    await agent.get("/account/preferences");
    const res = await agent.post("/account/preferences", { view_adult: "on", font_size: "enormous" });
    expect(res.status).toBe(422);
    expect(textOf(res.body)).toContain('Unexpected field "font_size".');
    expect(isChecked(res.body, "view_adult")).toBe(true);
    expect(isChecked(res.body, "view_full_works")).toBe(false);
    expect(await preferencesOf(t.ctx, actorFor(user))).toEqual({ viewAdult: false, viewFullWorks: false });
  });

  it("saves one user's preferences without touching another's", async () => {
    const { agent, user } = await loggedInAgent(t.app, t.ctx);
    const { agent: otherAgent, user: other } = await loggedInAgent(t.app, t.ctx);
    const res = await agent.post("/account/preferences", { view_adult: "on", view_full_works: "on" });
    expect(res.status).toBe(303);
    expect(res.location).toBe("/account/preferences");
    const page = await agent.get(res.location!);
    expect(textOf(page.body)).toContain("Your preferences were saved.");
    expect(isChecked(page.body, "view_adult")).toBe(true);
    expect(isChecked(page.body, "view_full_works")).toBe(true);
    expect(await preferencesOf(t.ctx, actorFor(user))).toEqual({ viewAdult: true, viewFullWorks: true });
    expect(await preferencesOf(t.ctx, actorFor(other))).toEqual({ viewAdult: false, viewFullWorks: false });
    const theirs = await otherAgent.get("/account/preferences");
    expect(isChecked(theirs.body, "view_adult")).toBe(false);

    await agent.post("/account/preferences", {});
    expect(await preferencesOf(t.ctx, actorFor(user))).toEqual({ viewAdult: false, viewFullWorks: false });
  });

  it("skips the adult content notice once view_adult is saved", async () => {
    const creator = await buildUser(t.ctx);
    const work = await buildWork(t.ctx, creator, {
      rating: "Explicit",
      text: "Explicit words past the notice.",
    });
    const { agent } = await loggedInAgent(t.app, t.ctx);
    const before = await agent.get(`/works/${work.id}`);
    expect(textOf(before.body)).toContain("This work could have adult content");
    expect(before.body).toContain('href="/account/preferences"');
    await agent.post("/account/preferences", { view_adult: "on" });
    const after = await agent.get(`/works/${work.id}`);
    expect(textOf(after.body)).not.toContain("This work could have adult content");
    expect(textOf(after.body)).toContain("Explicit words past the notice.");
  });

  it("opens chaptered works whole once view_full_works is saved, chapter links still one at a time", async () => {
    const creator = await buildUser(t.ctx);
    const work = await buildWork(t.ctx, creator, {
      expected_chapters: "2",
      text: "Words of the first chapter.",
    });
    const second = await addChapter(t.ctx, actorFor(creator), work.id, {
      text: "Words of the second chapter.",
    });
    const { agent } = await loggedInAgent(t.app, t.ctx);
    expect(textOf((await agent.get(`/works/${work.id}`)).body)).not.toContain("Words of the second chapter.");
    await agent.post("/account/preferences", { view_full_works: "on" });
    const whole = textOf((await agent.get(`/works/${work.id}`)).body);
    expect(whole).toContain("Words of the first chapter.");
    expect(whole).toContain("Words of the second chapter.");
    const one = textOf((await agent.get(`/works/${work.id}/chapters/${second.id}`)).body);
    expect(one).toContain("Words of the second chapter.");
    expect(one).not.toContain("Words of the first chapter.");
  });
});
