import { describe, expect, it } from "vitest";
import { titleSortKey } from "./title-sort.js";

describe("titleSortKey", () => {
  it.each([
    ["The Hobbit", "hobbit, the"],
    ["A Study in Pink", "study in pink, a"],
    ["An Unexpected Journey", "unexpected journey, an"],
    ["'Tis the Season", "tis the season"],
    ["’Tis the Season", "tis the season"],
    ['"Quoted" Title', 'quoted" title'],
    ["...And Then There Were None", "and then there were none"],
    ["/r/fanfiction", "r/fanfiction"],
    ["221B Baker Street", "00221b baker street"],
    ["7 Minutes in Heaven", "00007 minutes in heaven"],
    ["123456 Words", "123456 words"],
    ["The 100", "00100, the"],
    ["  THE   HOBBIT  ", "hobbit, the"],
    ["Anthem", "anthem"],
    ["Theory of Everything", "theory of everything"],
    ["And So It Begins", "and so it begins"],
    ["The", "the"],
    ["A", "a"],
    ["...", "..."],
    ["Ünïcode Title", "ünïcode title"],
    ["日本語のタイトル", "日本語のタイトル"],
  ])("%j sorts as %j", (title, key) => {
    expect(titleSortKey(title)).toBe(key);
  });

  it("orders a shelf the way AO3 does", () => {
    const titles = ["The Zebra", "A Bear", "10 Things", "2 Fast", "'Apple", "Cat"];
    const sorted = [...titles].sort((a, b) => (titleSortKey(a) < titleSortKey(b) ? -1 : 1));
    expect(sorted).toEqual(["2 Fast", "10 Things", "'Apple", "A Bear", "Cat", "The Zebra"]);
  });
});
