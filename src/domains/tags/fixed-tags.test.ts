import { describe, expect, it } from "vitest";
import { archiveWarnings, categories, fixedTagByName, fixedTags, ratings } from "./fixed-tags.js";
import { tagNameProblem } from "./tag-name.js";
import type { TagType } from "./tag-types.js";

describe("fixed tags", () => {
  it("orders ratings by severity and flags the adult ones", () => {
    expect(ratings.map((r) => [r.name, r.symbol, r.adult])).toEqual([
      ["Not Rated", "NR", true],
      ["General Audiences", "G", false],
      ["Teen And Up Audiences", "T", false],
      ["Mature", "M", true],
      ["Explicit", "E", true],
    ]);
  });

  it("lists the archive warnings as AO3's form does", () => {
    expect(archiveWarnings.map((w) => [w.name, w.display, w.symbol])).toEqual([
      ["Choose Not To Use Archive Warnings", "Creator Chose Not To Use Archive Warnings", "choose-not"],
      ["Graphic Depictions Of Violence", "Graphic Depictions Of Violence", "warn"],
      ["Major Character Death", "Major Character Death", "warn"],
      ["No Archive Warnings Apply", "No Archive Warnings Apply", "no-warn"],
      ["Rape/Non-Con", "Rape/Non-Con", "warn"],
      ["Underage Sex", "Underage Sex", "warn"],
    ]);
  });

  it("lists the categories with their help texts", () => {
    expect(categories.map((c) => [c.name, c.symbol])).toEqual([
      ["F/F", "ff"],
      ["F/M", "fm"],
      ["Gen", "gen"],
      ["M/M", "mm"],
      ["Multi", "multi"],
      ["Other", "other"],
    ]);
    for (const c of categories) expect(c.help).toMatch(/\S/);
    expect(categories.find((c) => c.name === "Gen")?.help).toContain("not the main focus of the work");
  });

  it("collects all of them, each typed and valid as a tag name", () => {
    expect(fixedTags).toEqual([...ratings, ...archiveWarnings, ...categories]);
    expect(fixedTags).toHaveLength(17);
    for (const t of ratings) expect(t.type).toBe("rating");
    for (const t of archiveWarnings) expect([t.type, t.adult]).toEqual(["archive_warning", false]);
    for (const t of categories) expect([t.type, t.adult]).toEqual(["category", false]);
    for (const t of fixedTags) expect(tagNameProblem(t.name, 150)).toBeUndefined();
  });

  it.each<[TagType, string, string | undefined]>([
    ["rating", "Explicit", "Explicit"],
    ["rating", "explicit", "Explicit"],
    ["rating", "  TEEN AND UP   audiences ", "Teen And Up Audiences"],
    ["rating", "Not Rated", "Not Rated"],
    ["archive_warning", "Choose Not To Use Archive Warnings", "Choose Not To Use Archive Warnings"],
    ["archive_warning", "Creator Chose Not To Use Archive Warnings", "Choose Not To Use Archive Warnings"],
    ["archive_warning", "creator chose not to use archive warnings", "Choose Not To Use Archive Warnings"],
    ["archive_warning", "rape/non-con", "Rape/Non-Con"],
    ["category", "m/m", "M/M"],
    ["category", "Gen", "Gen"],
    ["category", "Explicit", undefined],
    ["rating", "Gen", undefined],
    ["rating", "PG-13", undefined],
    ["fandom", "Explicit", undefined],
    ["freeform", "Other", undefined],
    ["category", "", undefined],
  ])("fixedTagByName(%s, %j) is %j", (type, name, expected) => {
    expect(fixedTagByName(type, name)?.name).toBe(expected);
  });
});
