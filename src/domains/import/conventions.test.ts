// The recognisers of fic conventions in one paragraph (docs/import-format.md, "Conventions read in
// text"): chapter headings, author's notes, end markers, landmarks, title lines and bylines.
import { describe, expect, it } from "vitest";
import {
  asksWhetherToContinue,
  byline,
  chapterHeading,
  endMarker,
  headingTitle,
  landmark,
  noteStart,
  splitAuthors,
  titleLine,
} from "./conventions.js";

describe("chapterHeading: numbered headings", () => {
  it.each([
    "Chapter 1",
    "Chapter 12",
    "Chapter 100",
    "chapter 3",
    "Chapter One",
    "Chapter Twenty-One",
    "Chapter twenty one",
    "CHAPTER I",
    "CHAPTER IV",
    "Chapter XII",
    "Ch. 3",
    "Ch 3",
    "Chap 1",
    "Chap. 2",
    "Part 1",
    "Part 2",
    "Part Two",
    "Part IV",
    "Book 1",
    "Book Three",
    "**Chapter 2**",
  ])("%j is a heading without a title", (line) => {
    expect(chapterHeading(line)).toEqual({ title: null, kind: "numbered" });
  });

  it.each([
    ["Chapter 1 - The Storm", "The Storm"],
    ["Chapter 1: The Storm", "The Storm"],
    ["Chapter 1. The Storm", "The Storm"],
    ["Chapter 1 – The Storm", "The Storm"],
    ["Chapter 1 — The Storm", "The Storm"],
    ["chapter 3: Ashes", "Ashes"],
    ["Chapter Twenty-One: Home Again", "Home Again"],
    ["CHAPTER IV - The Return", "The Return"],
    ["Ch. 3: Fallout", "Fallout"],
    ["Part 2: The Return", "The Return"],
    ['Chapter 1 "The Storm"', "The Storm"],
  ])("%j has the title %j", (line, title) => {
    expect(chapterHeading(line)).toEqual({ title, kind: "numbered" });
  });
});

describe("chapterHeading: named headings", () => {
  it.each(["Prologue", "Epilogue", "Interlude", "Afterword", "Author's Note"])(
    "%j is a heading titled with the whole line",
    (line) => {
      expect(chapterHeading(line)).toEqual({ title: line, kind: "named" });
    },
  );

  it.each(["Prologue: Ashes", "Epilogue - Home", "Interlude: The Long Night"])(
    "%j keeps the whole line as its title",
    (line) => {
      expect(chapterHeading(line)).toEqual({ title: line, kind: "named" });
    },
  );
});

describe("chapterHeading: prose is not a heading", () => {
  it.each([
    "Chapter one of my life was over.",
    "Chapter one of my life was over when the letter came and nothing was ever the same again after that day.",
    "Part of the problem was that nobody listened.",
    "Part of me wanted to stay",
    "Book learning was never his strong suit.",
    "Chapters are hard to write.",
    "Prologue to a disaster, that's what it was, and everyone in the room knew it and nobody said it aloud.",
    "Chapter 1: The storm broke over the hills and he ran and ran until he could not run any more at all.",
    "It was Chapter 1 all over again.",
  ])("%j is not a heading", (line) => {
    expect(chapterHeading(line)).toBeUndefined();
  });

  it("is never a paragraph of several lines", () => {
    expect(chapterHeading("Chapter 1\nIt was dark.")).toBeUndefined();
  });
});

describe("headingTitle", () => {
  it("drops a leading Chapter N from a Markdown/HTML heading", () => {
    expect(headingTitle("Chapter 2: The Storm")).toBe("The Storm");
    expect(headingTitle("Chapter 2")).toBeNull();
    expect(headingTitle("The Storm")).toBe("The Storm");
  });
});

describe("noteStart", () => {
  it.each([
    ["A/N: Thanks for reading!", "Thanks for reading!"],
    ["A/N - Thanks for reading!", "Thanks for reading!"],
    ["a/n: thanks", "thanks"],
    ["AN: thanks", "thanks"],
    ["A.N. thanks", "thanks"],
    ["A.N.: thanks", "thanks"],
    ["Author's Note: thanks", "thanks"],
    ["Author’s Note: thanks", "thanks"],
    ["Authors Note: thanks", "thanks"],
    ["Author Note: thanks", "thanks"],
    ["Author's Notes: thanks", "thanks"],
    ["Note: thanks", "thanks"],
    ["Notes: thanks", "thanks"],
    ["**A/N:** thanks", "thanks"],
    ["**A/N**: thanks", "thanks"],
    ["**Author's Note:** thanks", "thanks"],
  ])("%j is a note whose words are %j", (paragraph, text) => {
    expect(noteStart(paragraph)).toEqual({ text, closer: null, kind: "note" });
  });

  it("reads a note wrapped in brackets and removes them", () => {
    expect(noteStart("(A/N: thanks for reading)")).toEqual({
      text: "thanks for reading",
      closer: null,
      kind: "note",
    });
    expect(noteStart("[AN: sorry for the wait]")).toEqual({
      text: "sorry for the wait",
      closer: null,
      kind: "note",
    });
  });

  it("reports the closing bracket a wrapped note still has to reach", () => {
    expect(noteStart("(A/N: thanks for reading")).toEqual({
      text: "thanks for reading",
      closer: ")",
      kind: "note",
    });
    expect(noteStart("[A/N: a long note begins")).toEqual({
      text: "a long note begins",
      closer: "]",
      kind: "note",
    });
  });

  it("reads a disclaimer", () => {
    expect(noteStart("Disclaimer: I own nothing.")).toEqual({
      text: "I own nothing.",
      closer: null,
      kind: "disclaimer",
    });
    expect(noteStart("(Disclaimer: not mine)")).toEqual({
      text: "not mine",
      closer: null,
      kind: "disclaimer",
    });
  });

  it.each([
    "An hour later, he left.",
    "Notes were passed between them.",
    "Another day, another dollar.",
    "Noted.",
    "Note to self: buy milk",
    "Anyway: the end",
    "A new day: dawn",
    "AN thanks",
    "(He didn't say anything.)",
  ])("%j is not a note", (paragraph) => {
    expect(noteStart(paragraph)).toBeUndefined();
  });
});

describe("endMarker", () => {
  it.each([
    "The End",
    "the end.",
    "THE END!",
    "Fin",
    "Fin.",
    "~Fin~",
    "Finis",
    "End",
    "End.",
    "*~*The End*~*",
    "-The End-",
    "~ The End ~",
  ])("%j marks the work complete", (paragraph) => {
    expect(endMarker(paragraph)).toBe("complete");
  });

  it.each(["TBC", "TBC...", "To be continued", "To be continued…", "To be continued...", "to be continued!"])(
    "%j marks the work in progress",
    (paragraph) => {
      expect(endMarker(paragraph)).toBe("in-progress");
    },
  );

  it("reads FanFicFare's End file.", () => {
    expect(endMarker("End file.")).toBe("end-file");
  });

  it.each([
    "The end of the road was near.",
    "Finally.",
    "Fine.",
    "Endless.",
    "He turned to the end of the book.",
  ])("%j is story", (paragraph) => {
    expect(endMarker(paragraph)).toBeUndefined();
  });
});

describe("asksWhetherToContinue", () => {
  it.each([
    "Tell me if you want another chapter!",
    "Should I continue?",
    "should i continue?",
    "Let me know if I should continue.",
    "let me know if you'd like more chapters",
    "Should I write more?",
  ])("%j asks", (text) => {
    expect(asksWhetherToContinue(text)).toBe(true);
  });

  it.each([
    "I continued walking.",
    "Please review!",
    "Thanks for reading, see you next chapter.",
    "Should I go?",
  ])("%j does not ask", (text) => {
    expect(asksWhetherToContinue(text)).toBe(false);
  });
});

describe("landmark", () => {
  it.each([
    ["Work Header", "work-header"],
    ["Work Text:", "work-text"],
    ["Chapter Text", "chapter-text"],
    ["Summary", "summary"],
    ["Summary:", "summary"],
    ["Notes", "notes"],
    ["Notes:", "notes"],
    ["Chapter Summary", "chapter-summary"],
    ["Chapter Notes", "chapter-notes"],
    ["Chapter End Notes", "chapter-end-notes"],
    ["End Notes", "end-notes"],
    ["(See the end of the chapter for more notes.)", "see-end-notes"],
    ["(See the end of the work for notes and other works inspired by this one.)", "see-end-notes"],
    ["Posted originally on the Archive of Our Own at http://archiveofourown.org/works/123.", "posted-on-ao3"],
    ["Preface", "preface"],
    ["Afterword", "afterword"],
    [
      "Please drop by the archive and comment to let the creator know if you enjoyed their work!",
      "comment-please",
    ],
    ["Works inspired by this one:", "inspired-works"],
    ["Table of Contents", "toc"],
    ["Contents", "toc"],
  ])("%j is the landmark %s", (text, expected) => {
    expect(landmark(text)).toBe(expected);
  });

  it.each([
    "Summary of events was long.",
    "Work was hard.",
    "Chapter 1",
    "Notes were passed.",
    "Preface the talk.",
  ])("%j is not a landmark", (text) => {
    expect(landmark(text)).toBeUndefined();
  });
});

describe("titleLine", () => {
  it.each([
    ["Nobody Knows", "Nobody Knows"],
    ["**Nobody Knows**", "Nobody Knows"],
    ["~ Nobody Knows ~", "Nobody Knows"],
    [
      "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen",
      "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen",
    ],
  ])("%j is a title line", (text, title) => {
    expect(titleLine(text)).toBe(title);
  });

  it.each([
    "Nobody knows.",
    "What Now?",
    "Wait!",
    "The Storm…",
    "Hello,",
    '"Quoted"',
    "He said 'hi'",
    "“Run,” she said",
  ])("refuses %j, which ends or starts like a sentence or dialogue", (text) => {
    expect(titleLine(text)).toBeUndefined();
  });

  it("refuses more than 15 words and more than one line", () => {
    expect(
      titleLine(
        "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen",
      ),
    ).toBeUndefined();
    expect(titleLine("Nobody Knows\nBy inkwell")).toBeUndefined();
  });
});

describe("byline", () => {
  it.each([
    ["by inkwell", ["inkwell"]],
    ["By inkwell", ["inkwell"]],
    ["By: inkwell", ["inkwell"]],
    ["written by inkwell & quill", ["inkwell", "quill"]],
    ["Written by inkwell and quill", ["inkwell", "quill"]],
    ["By inkwell, quill and sparrow", ["inkwell", "quill", "sparrow"]],
  ])("%j names %j", (text, authors) => {
    expect(byline(text)).toEqual(authors);
  });

  it.each(["bystander", "Nobody Knows", "by\ninkwell"])("%j is not a byline", (text) => {
    expect(byline(text)).toBeUndefined();
  });
});

describe("splitAuthors", () => {
  it('splits on ",", "&" and " and "', () => {
    expect(splitAuthors("inkwell, quill & sparrow and wren")).toEqual([
      "inkwell",
      "quill",
      "sparrow",
      "wren",
    ]);
    expect(splitAuthors("inkwell")).toEqual(["inkwell"]);
  });
});
