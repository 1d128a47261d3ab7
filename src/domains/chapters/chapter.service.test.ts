import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects } from "../../../test/support/dialects.js";
import { storedWork } from "../../../test/support/stored-work.js";
import { errorOf } from "../../../test/support/errors.js";
import { actorFor, buildUser, buildWork } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import { Invalid, NotFound } from "../../lib/errors.js";
import type { Ctx } from "../context.js";
import { prepareField } from "../works/html-columns.js";
import { addChapter, addChapters } from "./chapter.service.js";

const inputs = [
  {
    title: "Thaw",
    summary: "Spring, *at last*.",
    text: "The ice broke on the river.\n\nEveryone came out to watch.",
  },
  {
    title: "Bells",
    notes: "<p>For the choir.</p>",
    endnotes: "Thanks!",
    text: "<p>The bells rang at midnight, and the whole town woke.</p>",
    text_format: "html",
  },
  { title: "", text: "A short one: the lantern went out, and nobody minded.", text_format: "markdown" },
];

/** A work's row and its chapters as stored, without what differs between two works. */
async function stored(ctx: Ctx, workId: string) {
  const { work, chapters } = await storedWork(ctx, workId, ["title", "title_sort"]);
  return { work, chapters };
}

describe.each(dialects)("addChapters on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(["post", "draft"] as const)(
    "leaves the rows addChapter leaves, called for each in turn (a %s work)",
    async (action) => {
      const user = await buildUser(t.ctx);
      const one = await buildWork(t.ctx, user, {}, action);
      const all = await buildWork(t.ctx, user, {}, action);
      for (const input of inputs)
        await addChapter(t.ctx, actorFor(user), one.id, input, { countPosting: false });
      await addChapters(t.ctx, actorFor(user), all.id, inputs, { countPosting: false });
      const byOne = await stored(t.ctx, one.id);
      expect(byOne.chapters).toHaveLength(4);
      expect(byOne.work.posted_chapters).toBe(4);
      expect(await stored(t.ctx, all.id)).toEqual(byOne);
    },
  );

  it("uses prepared fields for exactly the input they were prepared from, and prepares the rest", async () => {
    const user = await buildUser(t.ctx);
    const work = await buildWork(t.ctx, user);
    const text = "<p>Prepared ahead.</p>";
    // Marked (99 words) to show it is what was stored, not prepared again.
    const prepared = { ...prepareField(text, "html", "content"), words: 99 };
    // A field prepared from other words is not used for these.
    const stale = {
      ...prepareField("<p>Something else.</p>", "html", "content"),
      input: "<p>Other words.</p>",
    };
    await addChapters(
      t.ctx,
      actorFor(user),
      work.id,
      [
        { text, text_format: "html" },
        { text: "<p>Other words, long enough.</p>", text_format: "html" },
      ],
      { prepared: [{ text: prepared }, { text: stale }] },
    );
    const chapters = (await stored(t.ctx, work.id)).chapters;
    expect(chapters.map((c) => c.content)).toEqual([
      "<p>Once upon a time there was a story with enough words in it.</p>",
      "<p>Prepared ahead.</p>",
      "<p>Other words, long enough.</p>",
    ]);
    expect(chapters.map((c) => c.word_count)).toEqual([13, 99, 4]);
  });

  it("checks every input before writing any, and names the bad one through `invalid`", async () => {
    const user = await buildUser(t.ctx);
    const work = await buildWork(t.ctx, user);
    const err = await errorOf(
      addChapters(t.ctx, actorFor(user), work.id, [inputs[0], { text: "Ha." }], {
        invalid: (index, e) =>
          new Invalid({ [`chapters.${index}`]: Object.values(e.fields)[0]! }, `input ${index}`),
      }),
    );
    expect(err).toBeInstanceOf(Invalid);
    expect((err as Invalid).message).toBe("input 1");
    expect((err as Invalid).fields["chapters.1"]).toMatch(/at least/u);
    expect((await stored(t.ctx, work.id)).chapters).toHaveLength(1);
  });

  it("adds nothing to someone else's work", async () => {
    const work = await buildWork(t.ctx, await buildUser(t.ctx), {}, "draft");
    const err = await errorOf(addChapters(t.ctx, actorFor(await buildUser(t.ctx)), work.id, inputs));
    expect(err).toBeInstanceOf(NotFound);
    expect((await stored(t.ctx, work.id)).chapters).toHaveLength(1);
  });
});
