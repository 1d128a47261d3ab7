import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects } from "../../../test/support/dialects.js";
import { errorOf } from "../../../test/support/errors.js";
import { actorFor, buildUser } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import { Forbidden, Invalid, NotFound } from "../../lib/errors.js";
import { guest } from "../actor.js";
import type { Ctx } from "../context.js";
import * as savedFilters from "./saved-filter.service.js";
import { describeFilter, filterOfQuery, normaliseFilterQuery, savedFilterLimits } from "./saved-filter.js";

describe.each(dialects)("saved filters on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  const fieldsOf = async (p: Promise<unknown>) => {
    const err = await errorOf(p);
    expect(err).toBeInstanceOf(Invalid);
    return (err as Invalid).fields;
  };

  async function reader() {
    const user = await buildUser(t.ctx);
    return { user, actor: actorFor(user) };
  }

  it("saves filters under a name, normalising the query", async () => {
    const { actor } = await reader();
    const { savedFilter, replaced } = await savedFilters.saveFilter(t.ctx, actor, {
      name: "  Long   fluff ",
      query: "?page=3&complete=complete&include=Fluff&junk=1&sort=nonsense&words_from=1,000&show_blocked=1",
    });
    expect(replaced).toBe(false);
    expect(savedFilter).toMatchObject({
      name: "Long fluff",
      query: "include=Fluff&complete=complete&words_from=1000",
      isDefault: false,
    });
    expect((await savedFilters.listSavedFilters(t.ctx, actor)).map((f) => f.name)).toEqual(["Long fluff"]);
  });

  it("takes a pasted listing address", async () => {
    const { actor } = await reader();
    const { savedFilter } = await savedFilters.saveFilter(t.ctx, actor, {
      name: "Pasted",
      query: "https://fic.example.org/tags/Fluff/works?exclude=Angst&sort=kudos#top",
    });
    expect(savedFilter.query).toBe("exclude=Angst&sort=kudos");
  });

  it("refuses a blank or long name, and filters with nothing usable in them", async () => {
    const { actor } = await reader();
    expect(
      await fieldsOf(savedFilters.saveFilter(t.ctx, actor, { name: "  ", query: "include=A" })),
    ).toHaveProperty("name");
    expect(
      await fieldsOf(savedFilters.saveFilter(t.ctx, actor, { name: "n".repeat(101), query: "include=A" })),
    ).toHaveProperty("name");
    await savedFilters.saveFilter(t.ctx, actor, { name: "n".repeat(100), query: "include=A" });
    expect(
      await fieldsOf(savedFilters.saveFilter(t.ctx, actor, { name: "Junk", query: "page=2&foo=bar" })),
    ).toEqual({
      query: savedFilters.messages.nothingToSave,
    });
    expect(
      await fieldsOf(savedFilters.saveFilter(t.ctx, actor, { name: "Bell\u0007", query: "include=A" })),
    ).toHaveProperty("name");
  });

  it("replaces the filters of a name saved again in another case, and says so", async () => {
    const { actor } = await reader();
    const first = await savedFilters.saveFilter(t.ctx, actor, { name: "Mine", query: "include=A" });
    const again = await savedFilters.saveFilter(t.ctx, actor, { name: "MINE", query: "include=B" });
    expect(again.replaced).toBe(true);
    expect(again.savedFilter).toMatchObject({ id: first.savedFilter.id, name: "MINE", query: "include=B" });
    expect(await savedFilters.listSavedFilters(t.ctx, actor)).toHaveLength(1);
  });

  it("lets another user use the same name", async () => {
    const a = await reader();
    const b = await reader();
    await savedFilters.saveFilter(t.ctx, a.actor, { name: "Shared name", query: "include=A" });
    const other = await savedFilters.saveFilter(t.ctx, b.actor, { name: "Shared name", query: "include=B" });
    expect(other.replaced).toBe(false);
  });

  it("keeps at most savedFiltersMax, though replacing one still works at the limit", async () => {
    const ctx: Ctx = { ...t.ctx, config: { ...t.ctx.config, savedFiltersMax: 2 } };
    const { actor } = await reader();
    await savedFilters.saveFilter(ctx, actor, { name: "One", query: "include=A" });
    await savedFilters.saveFilter(ctx, actor, { name: "Two", query: "include=B" });
    expect(
      await fieldsOf(savedFilters.saveFilter(ctx, actor, { name: "Three", query: "include=C" })),
    ).toEqual({
      name: savedFilters.messages.tooMany(2),
    });
    expect((await savedFilters.saveFilter(ctx, actor, { name: "two", query: "include=D" })).replaced).toBe(
      true,
    );
  });

  it("keeps at most one default: setting one unsets the others", async () => {
    const { user, actor } = await reader();
    const a = (
      await savedFilters.saveFilter(t.ctx, actor, { name: "A", query: "include=A", is_default: true })
    ).savedFilter;
    expect(a.isDefault).toBe(true);
    const b = (
      await savedFilters.saveFilter(t.ctx, actor, { name: "B", query: "include=B", is_default: true })
    ).savedFilter;
    const defaults = async () =>
      (await savedFilters.listSavedFilters(t.ctx, actor)).filter((f) => f.isDefault).map((f) => f.id);
    expect(await defaults()).toEqual([b.id]);
    expect((await savedFilters.defaultFilterOf(t.ctx, user.id))?.id).toBe(b.id);

    await savedFilters.editSavedFilter(t.ctx, actor, a.id, { is_default: true });
    expect(await defaults()).toEqual([a.id]);
    // Saving again without the box ticked leaves the default as it was.
    await savedFilters.saveFilter(t.ctx, actor, { name: "a", query: "include=Z" });
    expect(await defaults()).toEqual([a.id]);

    await savedFilters.editSavedFilter(t.ctx, actor, a.id, { is_default: false });
    expect(await defaults()).toEqual([]);
    expect(await savedFilters.defaultFilterOf(t.ctx, user.id)).toBeUndefined();
  });

  it("lists the default first, then by name", async () => {
    const { actor } = await reader();
    await savedFilters.saveFilter(t.ctx, actor, { name: "beta", query: "include=B" });
    await savedFilters.saveFilter(t.ctx, actor, { name: "Alpha", query: "include=A" });
    await savedFilters.saveFilter(t.ctx, actor, { name: "Zed", query: "include=Z", is_default: true });
    expect((await savedFilters.listSavedFilters(t.ctx, actor)).map((f) => f.name)).toEqual([
      "Zed",
      "Alpha",
      "beta",
    ]);
  });

  it("renames and changes the filters of a saved filter, refusing a name already used", async () => {
    const { actor } = await reader();
    const one = (await savedFilters.saveFilter(t.ctx, actor, { name: "One", query: "include=A" }))
      .savedFilter;
    await savedFilters.saveFilter(t.ctx, actor, { name: "Two", query: "include=B" });
    const renamed = await savedFilters.editSavedFilter(t.ctx, actor, one.id, {
      name: "Uno",
      query: "complete=wip&page=4",
    });
    expect(renamed).toMatchObject({ id: one.id, name: "Uno", query: "complete=wip" });
    expect(await fieldsOf(savedFilters.editSavedFilter(t.ctx, actor, one.id, { name: "two" }))).toEqual({
      name: savedFilters.messages.nameTaken,
    });
    // Its own name in another case is fine.
    expect((await savedFilters.editSavedFilter(t.ctx, actor, one.id, { name: "UNO" })).name).toBe("UNO");
    expect(
      await fieldsOf(savedFilters.editSavedFilter(t.ctx, actor, one.id, { query: "nothing=here" })),
    ).toEqual({
      query: savedFilters.messages.nothingToSave,
    });
    expect(
      await fieldsOf(savedFilters.editSavedFilter(t.ctx, actor, one.id, { colour: "red" })),
    ).toHaveProperty("colour");
  });

  it("deletes a saved filter; deleting the default leaves none", async () => {
    const { user, actor } = await reader();
    const f = (
      await savedFilters.saveFilter(t.ctx, actor, { name: "Gone", query: "include=A", is_default: true })
    ).savedFilter;
    expect((await savedFilters.deleteSavedFilter(t.ctx, actor, f.id)).name).toBe("Gone");
    expect(await savedFilters.listSavedFilters(t.ctx, actor)).toEqual([]);
    expect(await savedFilters.defaultFilterOf(t.ctx, user.id)).toBeUndefined();
    expect(await errorOf(savedFilters.deleteSavedFilter(t.ctx, actor, f.id))).toBeInstanceOf(NotFound);
  });

  it("lets only the owner see, change or delete a saved filter", async () => {
    const owner = await reader();
    const intruder = await reader();
    const f = (await savedFilters.saveFilter(t.ctx, owner.actor, { name: "Private", query: "include=A" }))
      .savedFilter;
    expect(await errorOf(savedFilters.findOwnSavedFilter(t.ctx, intruder.actor, f.id))).toBeInstanceOf(
      NotFound,
    );
    expect(
      await errorOf(savedFilters.editSavedFilter(t.ctx, intruder.actor, f.id, { name: "Mine now" })),
    ).toBeInstanceOf(NotFound);
    expect(
      await errorOf(savedFilters.editSavedFilter(t.ctx, intruder.actor, f.id, { is_default: true })),
    ).toBeInstanceOf(NotFound);
    expect(await errorOf(savedFilters.deleteSavedFilter(t.ctx, intruder.actor, f.id))).toBeInstanceOf(
      NotFound,
    );
    expect(await savedFilters.listSavedFilters(t.ctx, intruder.actor)).toEqual([]);
    for (const call of [
      savedFilters.listSavedFilters(t.ctx, guest),
      savedFilters.saveFilter(t.ctx, guest, { name: "x", query: "include=A" }),
      savedFilters.editSavedFilter(t.ctx, guest, f.id, { name: "x" }),
      savedFilters.deleteSavedFilter(t.ctx, guest, f.id),
    ]) {
      expect(await errorOf(call)).toBeInstanceOf(Forbidden);
    }
    expect(await savedFilters.listSavedFilters(t.ctx, owner.actor)).toMatchObject([{ name: "Private" }]);
  });
});

describe("saved filter queries", () => {
  const limits = savedFilterLimits({ filterTagsMax: 3, searchQueryMax: 50, listingPagesMax: 100 });

  it("writes parameters in the listing's order and drops what a listing can't use", () => {
    expect(normaliseFilterQuery("sort=title&include=B&include=A&crossover=sideways&dir=asc", limits)).toBe(
      "include=B&include=A&sort=title&dir=asc",
    );
    expect(normaliseFilterQuery("include=A,B,C,D", limits)).toBe("include=A&include=B&include=C");
    expect(normaliseFilterQuery(`q=${"x".repeat(51)}`, limits)).toBe("");
    expect(normaliseFilterQuery("", limits)).toBe("");
  });

  it("describes a filter in words", () => {
    expect(
      describeFilter(
        filterOfQuery(
          "include=Fluff&exclude=Angst&complete=complete&words_from=1000&crossover=exclude&language=fr&q=tea&sort=kudos",
          limits,
        ),
      ),
    ).toEqual([
      "Including Fluff",
      "Excluding Angst",
      "No crossovers",
      "Complete works only",
      "At least 1,000 words",
      "In Français",
      "Search: “tea”",
      "Sorted by kudos",
    ]);
  });
});
