import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "../../../test/support/agent.js";
import { dialects } from "../../../test/support/dialects.js";
import { loggedInAgent } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import { messages } from "./work.service.js";

describe.each(dialects)("the posting rate limit on the forms, on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { postsPerHour: 1 });
  });
  afterAll(async () => {
    await t.close();
  });

  const form = (text: string) => ({
    title: "Limited",
    rating: "General Audiences",
    warnings: "No Archive Warnings Apply",
    fandoms: "Original Work",
    text,
    commit: "post",
  });

  it("answers 429 with the form again, keeping the text, once the hour's posts are used", async () => {
    const { agent } = await loggedInAgent(t.app, t.ctx);
    const first = await agent.post("/works", form("The first work is fine and posted."));
    expect(first.status).toBe(303);
    const long = "A long chapter that must not be lost. ".repeat(500);
    const res = await agent.post("/works", form(long));
    expect(res.status).toBe(429);
    expect(textOf(res.body)).toContain(messages.tooManyPosts);
    expect(res.body).toContain(long.trim());

    const chapter = await agent.post(`${first.location}/chapters`, { text: long, commit: "post" });
    expect(chapter.status).toBe(429);
    expect(chapter.body).toContain(long.trim());
  });
});
