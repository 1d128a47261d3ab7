import { describe, expect, it } from "vitest";
import {
  normaliseTagName,
  splitTagList,
  tagFromParam,
  tagNameKey,
  tagNameProblem,
  tagSortName,
  tagToParam,
} from "./tag-name.js";
import type { TagType } from "./tag-types.js";

const max = 150;

describe("splitTagList", () => {
  it.each([
    ["Angst, Fluff, Hurt/Comfort", ["Angst", "Fluff", "Hurt/Comfort"]],
    ["Angst，Fluff、Hurt/Comfort", ["Angst", "Fluff", "Hurt/Comfort"]],
    ["  Angst ,   Fluff  ", ["Angst", "Fluff"]],
    ["Angst,,, ,Fluff,", ["Angst", "Fluff"]],
    ["Angst, angst, ANGST", ["Angst"]],
    ["fluff, Fluff", ["fluff"]],
    ["Slow  Burn, slow burn", ["Slow Burn"]],
    ["Alternate\u00a0Universe, Alternate Universe", ["Alternate Universe"]],
    ["", []],
    [" , ，、 ", []],
    ["Café, Cafe\u0301", ["Café"]],
  ])("splits %j", (input, expected) => {
    expect(splitTagList(input)).toEqual(expected);
  });

  it("splits each element of an array and dedupes across them", () => {
    expect(splitTagList(["Angst, Fluff", "fluff", "", "Humor"])).toEqual(["Angst", "Fluff", "Humor"]);
  });

  it("dedupes relationship spellings when given the type", () => {
    expect(splitTagList("Batman / The Joker, batman/the joker, A&B, A & B", "relationship")).toEqual([
      "Batman/The Joker",
      "A & B",
    ]);
  });

  it("leaves spacing alone for other types", () => {
    expect(splitTagList("Batman / The Joker, Batman/The Joker")).toEqual([
      "Batman / The Joker",
      "Batman/The Joker",
    ]);
  });
});

describe("normaliseTagName", () => {
  it.each<[string, TagType | undefined, string]>([
    ["  Hurt   Comfort  ", undefined, "Hurt Comfort"],
    ["Tab\there\nnewline", undefined, "Tab here newline"],
    ["NBSP\u00a0and\u2003em\u3000ideographic", undefined, "NBSP and em ideographic"],
    ["Cafe\u0301", undefined, "Café"],
    ["Batman / The Joker", undefined, "Batman / The Joker"],
    ["Batman / The Joker", "relationship", "Batman/The Joker"],
    ["Batman/ The Joker", "relationship", "Batman/The Joker"],
    ["Batman  /The Joker", "relationship", "Batman/The Joker"],
    ["A/B/C", "relationship", "A/B/C"],
    ["A&B", "relationship", "A & B"],
    ["A  &  B", "relationship", "A & B"],
    ["A& B", "relationship", "A & B"],
    ["Rodney McKay & John Sheppard", "relationship", "Rodney McKay & John Sheppard"],
    ["A/B & C", "relationship", "A/B & C"],
    ["A&B", "freeform", "A&B"],
    ["A &", "relationship", "A &"],
  ])("%j (%s) → %j", (input, type, expected) => {
    expect(normaliseTagName(input, type)).toBe(expected);
  });

  it.each(["  A  /  B ", "A&B", "x\u00a0y", "Cafe\u0301"])("is idempotent on %j", (input) => {
    const once = normaliseTagName(input, "relationship");
    expect(normaliseTagName(once, "relationship")).toBe(once);
  });
});

describe("tagNameProblem", () => {
  it.each(["Angst", "Hurt/Comfort", "Rodney McKay & John Sheppard", "Mr. Smith?", "#1 fan", "日本語", "🏳️‍🌈"])(
    "accepts %j",
    (name) => {
      expect(tagNameProblem(name, max)).toBeUndefined();
    },
  );

  it.each(["", " "])("refuses the blank name %j", (name) => {
    expect(tagNameProblem(name, max)).toBe("A tag name can't be blank.");
  });

  it.each([",", "^", "*", "<", ">", "{", "}", "=", "`", "\\", "%", "，", "、"])(
    "refuses %j and names it",
    (c) => {
      expect(tagNameProblem(`Foo${c}`, max)).toBe(`“Foo${c}” can't contain these characters: ${c}`);
    },
  );

  it("lists every offending character once, in order of appearance", () => {
    expect(tagNameProblem("<b>Foo*</b> = *", max)).toBe(
      "“<b>Foo*</b> = *” can't contain these characters: < > * =",
    );
  });

  describe("length (counted in code points, as AO3 does)", () => {
    it.each([
      ["a".repeat(150), undefined],
      ["a".repeat(151), 151],
      ["é".repeat(150), undefined],
      ["😀".repeat(150), undefined],
      ["😀".repeat(151), 151],
    ])("%#: length %s", (name, tooLong) => {
      const problem = tagNameProblem(name, max);
      if (tooLong === undefined) expect(problem).toBeUndefined();
      else expect(problem).toContain(`is too long (${tooLong} characters); a tag can have at most 150.`);
    });

    it("honours the configured limit", () => {
      expect(tagNameProblem("abcdefghijk", 10)).toContain("at most 10");
      expect(tagNameProblem("abcdefghij", 10)).toBeUndefined();
    });

    it("abbreviates the name in the message", () => {
      expect(tagNameProblem("x".repeat(200), max)).toBe(
        `“${"x".repeat(40)}…” is too long (200 characters); a tag can have at most 150. Use commas to separate tags.`,
      );
    });
  });

  it.each(["\u200b", "\u200d\u200c", "\u2060", "\u00ad", "\u200e\u200f"])(
    "refuses the format-only name %j",
    (name) => {
      expect(tagNameProblem(name, max)).toBe(
        "A tag name can't be made only of invisible formatting characters.",
      );
    },
  );

  it("accepts format characters mixed with visible ones", () => {
    expect(tagNameProblem("Zero\u200bWidth", max)).toBeUndefined();
  });

  it.each(["Nul\u0000Byte", "Bell\u0007"])("refuses control characters in %j", (name) => {
    expect(tagNameProblem(name, max)).toContain("can't contain control characters.");
  });

  it("refuses unpaired surrogates", () => {
    expect(tagNameProblem("Broken\ud800", max)).toBe("“Broken\ufffd” contains invalid characters.");
  });
});

describe("tagNameKey", () => {
  it.each([
    ["Angst", "angst"],
    ["  ANGST  ", "angst"],
    ["Slow\u00a0 Burn", "slow burn"],
    ["Cafe\u0301", "café"],
    ["İstanbul", "i̇stanbul"],
    ["ΣΊΣΥΦΟΣ", "σίσυφος"],
  ])("%j → %j", (name, key) => {
    expect(tagNameKey(name)).toBe(key);
  });

  it("makes relationship spellings equal when given the type", () => {
    expect(tagNameKey("Batman / The Joker", "relationship")).toBe(tagNameKey("batman/the joker"));
  });
});

describe("tagSortName", () => {
  it.each([
    ["The Avengers (Marvel Movies)", "avengers (marvel movies)"],
    ["A Song of Ice and Fire", "song of ice and fire"],
    ["An Unexpected Party", "unexpected party"],
    ["the the", "the"],
    ["Theatre", "theatre"],
    ["Anakin Skywalker", "anakin skywalker"],
    ["The", "the"],
    ["Harry Potter - J. K. Rowling", "harry potter - j. k. rowling"],
  ])("%j → %j", (name, sortName) => {
    expect(tagSortName(name)).toBe(sortName);
  });
});

describe("tagToParam / tagFromParam", () => {
  it.each([
    ["Batman/The Joker", "Batman*s*The%20Joker"],
    ["Rodney McKay & John Sheppard", "Rodney%20McKay%20*a*%20John%20Sheppard"],
    ["Mr. Smith?", "Mr*d*%20Smith*q*"],
    ["#1 fan", "*h*1%20fan"],
    [".", "*d*"],
    ["..", "*d**d*"],
    ["Angst", "Angst"],
    ["日本語", "%E6%97%A5%E6%9C%AC%E8%AA%9E"],
  ])("%j ↔ %j", (name, param) => {
    expect(tagToParam(name)).toBe(param);
    expect(tagFromParam(param)).toBe(name);
  });

  it.each([
    "Batman/The Joker",
    "Rodney McKay & John Sheppard",
    "Mr. Smith?",
    "#1 fan",
    "A/B/C & D",
    "Hurt/Comfort",
    "Q&A?",
    "a+b",
    "100 Words",
    "Ünïcode Café",
    "🏳️‍🌈 Pride",
    "Ao3 Tags Are Like Twitter Hashtags...",
    "s*s*",
  ])("round-trips %j, raw or already decoded by the router", (name) => {
    const param = tagToParam(name);
    expect(param).not.toMatch(/[/?#&.]/);
    if (tagNameProblem(name, max) === undefined) {
      expect(tagFromParam(param)).toBe(name);
      expect(tagFromParam(decodeURIComponent(param))).toBe(name);
    }
  });

  it.each(["50% off", "100%", "%E0%A4%A", "%", "*x*", "**"])("doesn't crash on %j", (input) => {
    expect(() => tagFromParam(tagToParam(input))).not.toThrow();
    expect(() => tagFromParam(input)).not.toThrow();
    expect(tagFromParam(tagToParam(input))).toBe(input);
  });

  it("keeps a malformed escape as it is", () => {
    expect(tagFromParam("50% off")).toBe("50% off");
  });

  it("doesn't crash on an unpaired surrogate", () => {
    expect(tagToParam("Broken\ud800")).toBe("Broken%EF%BF%BD");
  });
});
