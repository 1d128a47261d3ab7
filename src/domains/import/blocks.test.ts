// Plain text to blocks: paragraphs from blank lines, one-per-line texts, hard-wrapped text joined,
// scene breaks; and blocks back to the importer's plain text and HTML.
import { describe, expect, it } from "vitest";
import {
  blocksToHtml,
  blocksToText,
  isBreakLine,
  paragraph,
  sceneBreak,
  textToBlocks,
  textToInlineHtml,
  trimBlocks,
  type Block,
} from "./blocks.js";

const kinds = (blocks: Block[]): string[] => blocks.map((b) => (b.kind === "break" ? "* * *" : b.text));

/** Greedy word wrap at `width` columns, as FanFicFare (78) and e-mail (72) write text. */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") lines.push(line);
  return lines.join("\n");
}

const longParagraph = (n: number): string =>
  Array.from(
    { length: 6 },
    (_, i) =>
      `Sentence ${n}.${i} tells how the rain kept falling on the village while the baker counted loaves and waited for dawn.`,
  ).join(" ");

describe("textToBlocks: paragraphs", () => {
  it("separates paragraphs at blank lines and keeps line breaks inside one", () => {
    expect(kinds(textToBlocks("First line.\nSecond line.\n\nNext paragraph.\n\n\n\nLast."))).toEqual([
      "First line.\nSecond line.",
      "Next paragraph.",
      "Last.",
    ]);
  });

  it("makes every block a paragraph with escaped inline HTML", () => {
    expect(textToBlocks("Tom & Jerry <3\nagain")).toEqual([
      { kind: "p", level: 0, text: "Tom & Jerry <3\nagain", html: "Tom &amp; Jerry &lt;3<br />\nagain" },
    ]);
  });

  it("treats lines of only spaces as blank and drops trailing spaces and indentation", () => {
    expect(kinds(textToBlocks("    Indented first.   \n   \t \n\tSecond.  "))).toEqual([
      "Indented first.",
      "Second.",
    ]);
  });

  it("reads a text with no blank lines as one paragraph per line", () => {
    const lines = Array.from({ length: 12 }, (_, i) => `Line ${i} of the story, said plainly and simply.`);
    expect(kinds(textToBlocks(lines.join("\n")))).toEqual(lines);
  });

  it("keeps a short group of lines without blank lines together (a poem, an address)", () => {
    expect(kinds(textToBlocks("Roses are red,\nViolets are blue.\n\nThe end of the poem came."))).toEqual([
      "Roses are red,\nViolets are blue.",
      "The end of the poem came.",
    ]);
  });

  it("joins text hard-wrapped at 78 columns back into its paragraphs", () => {
    const paragraphs = [longParagraph(1), longParagraph(2), longParagraph(3)];
    const text = paragraphs.map((p) => wrap(p, 78)).join("\n\n");
    expect(text.split("\n").every((l) => l.length <= 78)).toBe(true);
    expect(kinds(textToBlocks(text))).toEqual(paragraphs);
  });

  it("joins text hard-wrapped at 72 columns", () => {
    const paragraphs = [longParagraph(1), longParagraph(2)];
    const text = paragraphs.map((p) => wrap(p, 72)).join("\n\n");
    expect(kinds(textToBlocks(text))).toEqual(paragraphs);
  });

  it("returns nothing for an empty or blank text", () => {
    expect(textToBlocks("")).toEqual([]);
    expect(textToBlocks("\n\n   \n")).toEqual([]);
  });
});

describe("textToBlocks: scene breaks", () => {
  it.each(["* * *", "***", "~~~", "oOo", "xXx", "-----", "###", "~*~", "o0o", "* * * * *", "§"])(
    "reads %j between paragraphs as a scene break",
    (line) => {
      expect(kinds(textToBlocks(`Before the break.\n\n${line}\n\nAfter the break.`))).toEqual([
        "Before the break.",
        "* * *",
        "After the break.",
      ]);
    },
  );

  it("reads a decoration line inside a paragraph group as a break of its own", () => {
    expect(textToBlocks("Para one line\n* * *\nPara two line").map((b) => b.kind)).toEqual([
      "p",
      "break",
      "p",
    ]);
  });
});

describe("isBreakLine", () => {
  it.each(["* * *", "~~~", "oOo", "xXx", "-----", "=====", "~*~", "*~*", "--x--", "o0o"])(
    "%j is a break",
    (line) => {
      expect(isBreakLine(line)).toBe(true);
    },
  );

  it.each(["Hello", "ooo", "* note", "Oh!", "A * B * C", "-- he said", ""])("%j is not a break", (line) => {
    expect(isBreakLine(line)).toBe(false);
  });

  it("is never a long line", () => {
    expect(isBreakLine("*".repeat(81))).toBe(false);
  });
});

describe("blocksToText and blocksToHtml", () => {
  const blocks = [paragraph("First & best."), sceneBreak(), paragraph("Line one\nline two")];

  it("writes paragraphs separated by a blank line, breaks as * * *", () => {
    expect(blocksToText(blocks)).toBe("First & best.\n\n* * *\n\nLine one\nline two");
  });

  it("writes paragraphs, rules and headings as HTML", () => {
    expect(blocksToHtml(blocks)).toBe("<p>First &amp; best.</p><hr /><p>Line one<br />\nline two</p>");
    expect(blocksToHtml([{ kind: "heading", level: 1, text: "Title", html: "Title" }])).toBe(
      "<h3>Title</h3>",
    );
  });

  it("escapes text as inline HTML with <br /> for line breaks", () => {
    expect(textToInlineHtml("a < b\nc")).toBe("a &lt; b<br />\nc");
  });
});

describe("trimBlocks", () => {
  it("drops scene breaks and empty paragraphs at both ends only", () => {
    const middle = [paragraph("x"), sceneBreak(), paragraph("y")];
    expect(trimBlocks([sceneBreak(), paragraph(" "), ...middle, sceneBreak()])).toEqual(middle);
    expect(trimBlocks([sceneBreak()])).toEqual([]);
  });
});
