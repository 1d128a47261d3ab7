// Header field lines ("Label: value"), AO3's run-together labels and FanFiction.Net's one-line
// header, as docs/import-format.md ("Header fields") describes them.
import { describe, expect, it } from "vitest";
import {
  isoDate,
  parseFfnHeader,
  parseFieldLine,
  splitAo3LabelRun,
  usDate,
  type FieldKey,
} from "./header-fields.js";

describe("parseFieldLine: the shape of a field line", () => {
  it.each([
    "Title: Nobody Knows",
    "TITLE: Nobody Knows",
    "title: Nobody Knows",
    "Title - Nobody Knows",
    "title - Nobody Knows",
    "Title:Nobody Knows",
    "  Title:   Nobody Knows  ",
    "**Title:** Nobody Knows",
    "**Title**: Nobody Knows",
    "__Title:__ Nobody Knows",
    "<b>Title:</b> Nobody Knows",
    "<strong>Title:</strong> Nobody Knows",
  ])("reads %j as the title Nobody Knows", (line) => {
    expect(parseFieldLine(line)).toMatchObject({ key: "title", value: "Nobody Knows" });
  });

  it("accepts an en or em dash as the separator", () => {
    expect(parseFieldLine("Rating – Teen")).toMatchObject({ key: "rating", value: "Teen" });
    expect(parseFieldLine("rating — Teen")).toMatchObject({ key: "rating", value: "Teen" });
  });

  it("keeps the label as written and the value trimmed", () => {
    expect(parseFieldLine("PAIRING:  Draco/Harry ")).toEqual({
      key: "relationships",
      label: "PAIRING",
      value: "Draco/Harry",
    });
  });

  it("reads a label with an empty value (the value may follow on the next lines)", () => {
    expect(parseFieldLine("Summary:")).toEqual({ key: "summary", label: "Summary", value: "" });
  });
});

describe("parseFieldLine: every label family of the spec's table", () => {
  const families: [FieldKey, string[]][] = [
    ["title", ["Title"]],
    ["author", ["Author", "Authors", "By", "Written by", "Writer", "Pseud"]],
    ["rating", ["Rating", "Rated"]],
    ["relationships", ["Pairing", "Pairings", "Relationship", "Relationships", "Ship", "Ships"]],
    ["characters", ["Character", "Characters"]],
    ["fandoms", ["Fandom", "Fandoms", "Category", "Categories"]],
    [
      "warnings",
      ["Warning", "Warnings", "Archive Warning", "Archive Warnings", "Content Warning", "Content Warnings"],
    ],
    ["genre", ["Genre", "Genres"]],
    ["freeforms", ["Additional Tags", "Tags", "Freeform", "Freeforms"]],
    ["summary", ["Summary", "Description"]],
    ["disclaimer", ["Disclaimer"]],
    ["notes", ["Notes", "Note", "A/N", "AN", "Author's Note", "Author's Notes", "Author’s Note"]],
    ["words", ["Words", "Word Count"]],
    ["chapters", ["Chapters"]],
    ["stats", ["Stats"]],
    ["status", ["Status"]],
    ["noteLine", ["Spoilers", "Beta", "Beta'd by", "Beta reader"]],
    ["language", ["Language"]],
    ["series", ["Series"]],
    ["published", ["Published", "Posted", "Date"]],
  ];
  const cases = families.flatMap(([key, labels]) => labels.map((label) => [label, key] as const));

  it.each(cases)("reads %j as the %s field", (label, key) => {
    expect(parseFieldLine(`${label}: some value`)).toEqual({ key, label, value: "some value" });
  });

  it.each(cases)("reads %j in upper case and with ' - ' as the %s field", (label, key) => {
    expect(parseFieldLine(`${label.toUpperCase()} - some value`)).toMatchObject({ key, value: "some value" });
  });

  it("reads Updated as a date field", () => {
    expect(parseFieldLine("Updated: 2016-01-01")).toMatchObject({ key: "updated", value: "2016-01-01" });
  });
});

describe("parseFieldLine: prose is not a field", () => {
  it.each([
    "By the time he woke, it was dark.",
    "Part of me wanted to stay",
    "Notes were passed around the classroom.",
    "Date-night was fun.",
    "Title fights were his favourite thing to watch.",
    "Rating the stars from one to ten, she picked the brightest.",
    "Summary judgement came swiftly.",
    "Status quo, he thought.",
    "Anyway, he said, it was time to go.",
    "She said: come here.",
    "",
  ])("%j is not a field", (line) => {
    expect(parseFieldLine(line)).toBeUndefined();
  });

  it("needs a value after By", () => {
    expect(parseFieldLine("By:")).toBeUndefined();
  });

  it("ignores very long lines", () => {
    expect(parseFieldLine(`Summary: ${"word ".repeat(500)}`)).toBeUndefined();
  });
});

describe("splitAo3LabelRun", () => {
  it("splits AO3's labels run together on one line", () => {
    expect(
      splitAo3LabelRun(
        "Rating: Mature Archive Warning: No Archive Warnings Apply Category: M/M Fandom: Harry Potter - J. K. Rowling Relationship: Draco Malfoy/Harry Potter Characters: Draco Malfoy, Harry Potter Additional Tags: Fluff Language: English Stats: Published: 2015-06-05 Words: 4210 Chapters: 3/3",
      ),
    ).toEqual([
      "Rating: Mature",
      "Archive Warning: No Archive Warnings Apply",
      "Category: M/M",
      "Fandom: Harry Potter - J. K. Rowling",
      "Relationship: Draco Malfoy/Harry Potter",
      "Characters: Draco Malfoy, Harry Potter",
      "Additional Tags: Fluff",
      "Language: English",
      "Stats:",
      "Published: 2015-06-05",
      "Words: 4210",
      "Chapters: 3/3",
    ]);
  });

  it("gives each split line to parseFieldLine as a field", () => {
    const lines = splitAo3LabelRun("Rating: Mature Archive Warning: No Archive Warnings Apply Category: M/M");
    expect(lines.map((l) => parseFieldLine(l))).toEqual([
      { key: "rating", label: "Rating", value: "Mature" },
      { key: "warnings", label: "Archive Warning", value: "No Archive Warnings Apply" },
      { key: "fandoms", label: "Category", value: "M/M" },
    ]);
  });

  it("leaves a line with one label unchanged", () => {
    expect(splitAo3LabelRun("Rating: Mature")).toEqual(["Rating: Mature"]);
  });

  it("leaves prose that merely contains labels unchanged", () => {
    const prose = "He said Rating: Mature Category: M/M and laughed.";
    expect(splitAo3LabelRun(prose)).toEqual([prose]);
  });
});

describe("parseFfnHeader", () => {
  it("reads FanFiction.Net's line: rating, language, genres, [pairing], chapters, words, status, dates", () => {
    expect(
      parseFfnHeader(
        "Rated: Fiction T - English - Romance/Hurt/Comfort - [Harry P., Draco M.] Hermione G. - Chapters: 3 - Words: 4,210 - Reviews: 12 - Favs: 3 - Follows: 4 - Updated: 3/1/2011 - Published: 2/10/2010 - Status: Complete - id: 123",
      ),
    ).toEqual({
      rating: "T",
      language: "English",
      genres: ["Romance", "Hurt/Comfort"],
      characters: ["Harry P.", "Draco M.", "Hermione G."],
      pairings: [["Harry P.", "Draco M."]],
      chapters: 3,
      words: 4210,
      complete: true,
      published: "2010-02-10",
    });
  });

  it("reads the M and MA ratings and a bare Complete", () => {
    expect(parseFfnHeader("Rated: Fiction M - Spanish - Drama - Complete")).toMatchObject({
      rating: "M",
      language: "Spanish",
      genres: ["Drama"],
      complete: true,
    });
    expect(parseFfnHeader("Rated: Fiction MA - English - Romance")).toMatchObject({ rating: "MA" });
    expect(parseFfnHeader("Rated: Fiction K - English - Humor")).toMatchObject({
      rating: "K",
      genres: ["Humor"],
    });
  });

  it("reads the K+ and K ratings", () => {
    expect(
      parseFfnHeader("Rated: Fiction K+ - English - Humor - Chapters: 1 - Words: 500 - Status: Complete"),
    ).toMatchObject({
      rating: "K+",
      language: "English",
      genres: ["Humor"],
      chapters: 1,
      words: 500,
      complete: true,
    });
    expect(parseFfnHeader("Rated: K+ - English - Humor")).toMatchObject({ rating: "K+" });
  });

  it("reads characters without brackets as characters, not a pairing", () => {
    expect(
      parseFfnHeader("Rated: Fiction T - English - Drama - Harry P., Draco M. - Words: 500"),
    ).toMatchObject({
      characters: ["Harry P.", "Draco M."],
      pairings: [],
      words: 500,
      complete: undefined,
    });
  });

  it("is not an ordinary Rated field", () => {
    expect(parseFfnHeader("Rated: M")).toBeUndefined();
    expect(parseFfnHeader("Rated: R - English")).toBeUndefined();
    expect(parseFfnHeader("The film was rated T for teens.")).toBeUndefined();
  });
});

describe("dates", () => {
  it("reads FanFiction.Net's month/day/year", () => {
    expect(usDate("2/10/2010")).toBe("2010-02-10");
    expect(usDate("12/31/2009")).toBe("2009-12-31");
  });

  it("reads a YYYY-MM-DD date inside a value", () => {
    expect(isoDate("Published: 2015-06-05 Updated: 2016-01-01")).toBe("2015-06-05");
    expect(usDate("2015-06-05")).toBe("2015-06-05");
    expect(isoDate("sometime in June")).toBeUndefined();
  });
});
