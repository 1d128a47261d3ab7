// The vocabulary tables of docs/import-format.md: ratings, archive warnings, categories, completion
// status and FanFiction.Net's genres.
import { describe, expect, it } from "vitest";
import { categories } from "../tags/fixed-tags.js";
import { categoryWords, mapCategory, mapRating, mapStatus, mapWarnings, splitGenres } from "./vocabulary.js";

describe("mapRating", () => {
  it.each([
    // General Audiences row
    ["General Audiences", "General Audiences"],
    ["G", "General Audiences"],
    ["K", "General Audiences"],
    ["K+", "General Audiences"],
    ["PG", "General Audiences"],
    ["U", "General Audiences"],
    ["All Ages", "General Audiences"],
    ["Everyone", "General Audiences"],
    ["Gen", "General Audiences"],
    // Teen And Up Audiences row
    ["Teen And Up Audiences", "Teen And Up Audiences"],
    ["Teen", "Teen And Up Audiences"],
    ["Teens", "Teen And Up Audiences"],
    ["T", "Teen And Up Audiences"],
    ["PG-13", "Teen And Up Audiences"],
    ["PG-15", "Teen And Up Audiences"],
    ["PG13", "Teen And Up Audiences"],
    ["12", "Teen And Up Audiences"],
    ["12+", "Teen And Up Audiences"],
    ["13+", "Teen And Up Audiences"],
    ["14+", "Teen And Up Audiences"],
    ["15", "Teen And Up Audiences"],
    ["15+", "Teen And Up Audiences"],
    ["Teen+", "Teen And Up Audiences"],
    // Mature row
    ["Mature", "Mature"],
    ["M", "Mature"],
    ["R", "Mature"],
    ["16+", "Mature"],
    ["17+", "Mature"],
    ["R-16", "Mature"],
    ["Mature Audiences", "Mature"],
    // Explicit row
    ["Explicit", "Explicit"],
    ["E", "Explicit"],
    ["MA", "Explicit"],
    ["NC-17", "Explicit"],
    ["NC17", "Explicit"],
    ["NC-18", "Explicit"],
    ["X", "Explicit"],
    ["XXX", "Explicit"],
    ["18", "Explicit"],
    ["18+", "Explicit"],
    ["Adult", "Explicit"],
    ["Adults Only", "Explicit"],
    // Not Rated row
    ["Not Rated", "Not Rated"],
    ["Unrated", "Not Rated"],
    ["NR", "Not Rated"],
    ["None", "Not Rated"],
  ])("maps %j to %j", (written, expected) => {
    expect(mapRating(written)).toBe(expected);
  });

  it.each([
    ["Rated T", "Teen And Up Audiences"],
    ["rated m", "Mature"],
    ["Fiction M", "Mature"],
    ["Fiction MA", "Explicit"],
    ["FICTION K+", "General Audiences"],
    ["Rated: Fiction T", "Teen And Up Audiences"],
    ["Rating: Explicit", "Explicit"],
    ["[M]", "Mature"],
    ["(NC-17)", "Explicit"],
    ["mature", "Mature"],
    ["EXPLICIT", "Explicit"],
  ])("removes Rated, Fiction, Rating and brackets, in any case: %j → %j", (written, expected) => {
    expect(mapRating(written)).toBe(expected);
  });

  it.each(["Spicy", "Lemony", "", "Rated"])("declares no rating for %j", (written) => {
    expect(mapRating(written)).toBeUndefined();
  });
});

describe("mapWarnings", () => {
  it.each([
    ["Major Character Death", "Major Character Death"],
    ["Character Death", "Major Character Death"],
    ["character death", "Major Character Death"],
    ["Death", "Major Character Death"],
    ["MCD", "Major Character Death"],
    ["Deathfic", "Major Character Death"],
    ["Death Fic", "Major Character Death"],
    ["Rape/Non-Con", "Rape/Non-Con"],
    ["Rape", "Rape/Non-Con"],
    ["rape", "Rape/Non-Con"],
    ["Non-Con", "Rape/Non-Con"],
    ["Noncon", "Rape/Non-Con"],
    ["Non Con", "Rape/Non-Con"],
    ["Non-Consensual", "Rape/Non-Con"],
    ["Underage", "Underage Sex"],
    ["Underage Sex", "Underage Sex"],
    ["Underage Sexual Content", "Underage Sex"],
    ["Graphic Depictions Of Violence", "Graphic Depictions Of Violence"],
    ["Violence", "Graphic Depictions Of Violence"],
    ["Graphic Violence", "Graphic Depictions Of Violence"],
    ["Gore", "Graphic Depictions Of Violence"],
    ["Blood and Gore", "Graphic Depictions Of Violence"],
    ["No Archive Warnings Apply", "No Archive Warnings Apply"],
    ["None", "No Archive Warnings Apply"],
    ["none", "No Archive Warnings Apply"],
    ["No Warnings", "No Archive Warnings Apply"],
    ["Creator Chose Not To Use Archive Warnings", "Choose Not To Use Archive Warnings"],
    ["Choose Not To Use Archive Warnings", "Choose Not To Use Archive Warnings"],
    ["Choose Not To Warn", "Choose Not To Use Archive Warnings"],
    ["CNTW", "Choose Not To Use Archive Warnings"],
    ["cntw", "Choose Not To Use Archive Warnings"],
  ])("maps %j to the archive warning %j, with no additional tags", (written, warning) => {
    expect(mapWarnings(written)).toEqual({ warnings: [warning], freeforms: [] });
  });

  it.each(["Dub-Con", "Dubcon", "Dubious Consent", "dub-con"])(
    "maps %j to Rape/Non-Con and adds the additional tag Dubious Consent",
    (written) => {
      expect(mapWarnings(written)).toEqual({ warnings: ["Rape/Non-Con"], freeforms: ["Dubious Consent"] });
    },
  );

  it("does not split Rape/Non-Con on its slash", () => {
    expect(mapWarnings("Rape/Non-Con")).toEqual({ warnings: ["Rape/Non-Con"], freeforms: [] });
    expect(mapWarnings("Rape/Non-Con, fluff")).toEqual({ warnings: ["Rape/Non-Con"], freeforms: ["fluff"] });
  });

  it("splits on commas, semicolons and slashes and keeps unmatched parts as additional tags, as written", () => {
    expect(mapWarnings("character death, Angst")).toEqual({
      warnings: ["Major Character Death"],
      freeforms: ["Angst"],
    });
    expect(mapWarnings("MCD; self-harm")).toEqual({
      warnings: ["Major Character Death"],
      freeforms: ["self-harm"],
    });
    expect(mapWarnings("non-con/violence")).toEqual({
      warnings: ["Rape/Non-Con", "Graphic Depictions Of Violence"],
      freeforms: [],
    });
    expect(mapWarnings("Eating Disorders")).toEqual({ warnings: [], freeforms: ["Eating Disorders"] });
  });

  it("lists each archive warning once", () => {
    expect(mapWarnings("MCD, Character Death, death")).toEqual({
      warnings: ["Major Character Death"],
      freeforms: [],
    });
  });

  it("keeps a minor character's death as an additional tag, not the archive warning", () => {
    expect(mapWarnings("Minor Character Death")).toEqual({
      warnings: [],
      freeforms: ["Minor Character Death"],
    });
  });
});

describe("mapCategory", () => {
  it.each([
    ["Gen", "Gen"],
    ["F/M", "F/M"],
    ["M/M", "M/M"],
    ["F/F", "F/F"],
    ["Multi", "Multi"],
    ["Other", "Other"],
    ["m/m", "M/M"],
    ["f/f", "F/F"],
    ["slash", "M/M"],
    ["femslash", "F/F"],
    ["het", "F/M"],
  ])("maps %j to %j", (written, expected) => {
    expect(mapCategory(written)).toBe(expected);
  });

  it("recognises only the archive's categories", () => {
    expect(mapCategory("Romance")).toBeUndefined();
    expect(mapCategory("Harry Potter")).toBeUndefined();
    // Each of the archive's own category names maps to itself.
    for (const { name } of categories) expect(mapCategory(name)).toBe(name);
  });
});

describe("categoryWords", () => {
  it("finds slash, femslash, het and gen anywhere in a value", () => {
    expect(categoryWords("Romance, slash").map((c) => c.category)).toEqual(["M/M"]);
    expect(categoryWords("a femslash fic").map((c) => c.category)).toEqual(["F/F"]);
    expect(categoryWords("Het, Drama").map((c) => c.category)).toEqual(["F/M"]);
    expect(categoryWords("gen").map((c) => c.category)).toEqual(["Gen"]);
    expect(categoryWords("slash; het; gen; femslash").map((c) => c.category)).toEqual([
      "M/M",
      "F/M",
      "Gen",
      "F/F",
    ]);
  });

  it("does not find the words inside other words", () => {
    expect(categoryWords("General, Slasher film, Generation, Ethel")).toEqual([]);
  });
});

describe("mapStatus", () => {
  it.each(["Complete", "Completed", "Finished", "Done", "Oneshot", "complete", "COMPLETE", "Complete."])(
    "reads %j as complete",
    (written) => {
      expect(mapStatus(written)).toBe(true);
    },
  );

  it.each(["In-Progress", "In Progress", "WIP", "Incomplete", "Ongoing", "Hiatus", "Abandoned", "wip"])(
    "reads %j as in progress",
    (written) => {
      expect(mapStatus(written)).toBe(false);
    },
  );

  it("says nothing for other words", () => {
    expect(mapStatus("Sometimes")).toBeUndefined();
    expect(mapStatus("")).toBeUndefined();
  });
});

describe("splitGenres", () => {
  it("splits on slashes but keeps Hurt/Comfort whole", () => {
    expect(splitGenres("Romance/Hurt/Comfort")).toEqual(["Romance", "Hurt/Comfort"]);
    expect(splitGenres("Hurt/Comfort/Angst")).toEqual(["Hurt/Comfort", "Angst"]);
    expect(splitGenres("Hurt/Comfort")).toEqual(["Hurt/Comfort"]);
    expect(splitGenres("hurt / comfort")).toEqual(["Hurt/Comfort"]);
  });

  it("splits on commas too", () => {
    expect(splitGenres("Drama, Humor")).toEqual(["Drama", "Humor"]);
    expect(splitGenres("Adventure/Drama, Romance")).toEqual(["Adventure", "Drama", "Romance"]);
  });
});
