// HTML to blocks: block elements end paragraphs, <br><br> splits, <hr> and decoration lines are
// scene breaks, <dl> rows become "Label: value" lines, inline formatting is kept, scripts dropped.
import { describe, expect, it } from "vitest";
import type { Block } from "./blocks.js";
import { htmlToBlocks } from "./html-blocks.js";

const texts = (blocks: Block[]): string[] => blocks.map((b) => (b.kind === "break" ? "* * *" : b.text));

describe("htmlToBlocks: paragraphs", () => {
  it("ends a paragraph at each block element", () => {
    expect(
      texts(htmlToBlocks("<p>One.</p><p>Two.</p><div>Three.</div><blockquote>Four.</blockquote>")),
    ).toEqual(["One.", "Two.", "Three.", "Four."]);
  });

  it("keeps one <br> as a line break and splits at two", () => {
    expect(htmlToBlocks("<div>Line one<br>Line two<br><br>New paragraph</div>")).toEqual([
      { kind: "p", level: 0, text: "Line one\nLine two", html: "Line one<br />Line two" },
      { kind: "p", level: 0, text: "New paragraph", html: "New paragraph" },
    ]);
  });

  it("splits a page written as one block with <br><br> between paragraphs", () => {
    expect(
      texts(htmlToBlocks("<body>First para.<br/><br/>Second para.<br /><br />Third para.</body>")),
    ).toEqual(["First para.", "Second para.", "Third para."]);
  });

  it("squeezes whitespace and decodes entities", () => {
    expect(htmlToBlocks("<p>  a&amp;b\n   &lt;tag&gt;   caf&eacute;  </p>")).toEqual([
      { kind: "p", level: 0, text: "a&b <tag> café", html: "a&amp;b &lt;tag&gt; café" },
    ]);
  });

  it("reads h1–h6 as headings with their level", () => {
    expect(htmlToBlocks("<h1>Title</h1><h2>Chapter 1</h2><p>Body</p>")).toEqual([
      { kind: "heading", level: 1, text: "Title", html: "Title" },
      { kind: "heading", level: 2, text: "Chapter 1", html: "Chapter 1" },
      { kind: "p", level: 0, text: "Body", html: "Body" },
    ]);
  });

  it("drops empty paragraphs", () => {
    expect(texts(htmlToBlocks("<p></p><p> </p><p>&nbsp;</p><p>Text</p>"))).toEqual(["Text"]);
  });
});

describe("htmlToBlocks: scene breaks", () => {
  it("reads <hr> and decoration paragraphs as breaks", () => {
    expect(
      texts(htmlToBlocks("<p>a</p><hr><p>b</p><p>* * *</p><p>c</p><p>~~~</p><p>d</p><p>oOo</p><p>e</p>")),
    ).toEqual(["a", "* * *", "b", "* * *", "c", "* * *", "d", "* * *", "e"]);
    expect(htmlToBlocks("<hr/>")).toEqual([{ kind: "break", level: 0, text: "", html: "" }]);
  });
});

describe("htmlToBlocks: definition lists", () => {
  it("turns each <dt>/<dd> pair into a 'Label: value' line", () => {
    expect(
      texts(
        htmlToBlocks(
          '<dl class="tags"><dt>Rating:</dt><dd><a href="https://archiveofourown.org/tags/Mature">Mature</a></dd><dt>Fandom:</dt><dd><ul><li>Harry Potter - J. K. Rowling</li></ul></dd><dt>Characters:</dt><dd>Draco Malfoy, Harry Potter</dd></dl>',
        ),
      ),
    ).toEqual([
      "Rating: Mature",
      "Fandom: Harry Potter - J. K. Rowling",
      "Characters: Draco Malfoy, Harry Potter",
    ]);
  });
});

describe("htmlToBlocks: inline formatting", () => {
  it("keeps emphasis and strong text in the HTML and not in the text", () => {
    expect(
      htmlToBlocks("<p>One <em>two</em> <strong>three</strong> <i>four</i> <b>five</b> <u>six</u></p>"),
    ).toEqual([
      {
        kind: "p",
        level: 0,
        text: "One two three four five six",
        html: "One <em>two</em> <strong>three</strong> <i>four</i> <b>five</b> <u>six</u>",
      },
    ]);
  });

  it("keeps http(s) links and images, and drops their other attributes", () => {
    const [block] = htmlToBlocks(
      '<p><a href="https://example.org/a" onclick="x()">link</a> and <img src="https://example.org/i.png" alt="pic" onerror="x()"></p>',
    );
    expect(block).toEqual({
      kind: "p",
      level: 0,
      text: "link and",
      html: '<a href="https://example.org/a">link</a> and <img src="https://example.org/i.png" alt="pic" />',
    });
  });

  it("drops javascript: links but keeps their words", () => {
    const [block] = htmlToBlocks('<p>A <a href="javascript:alert(1)">link</a> here.</p>');
    expect(block!.text).toBe("A link here.");
    expect(block!.html).not.toContain("javascript");
    expect(block!.html).not.toContain("<a");
  });

  it("drops the tags of other elements, keeping their text", () => {
    expect(htmlToBlocks('<p><span style="color:red">red</span> <font face="x">font</font></p>')).toEqual([
      { kind: "p", level: 0, text: "red font", html: "red font" },
    ]);
  });
});

describe("htmlToBlocks: what is not text", () => {
  it("drops script, style, head and forms with their content", () => {
    const blocks = htmlToBlocks(
      "<html><head><title>Page title</title><style>p{color:red}</style></head><body><p>Text<script>alert('x')</script></p><style>.a{}</style><noscript>Enable JS</noscript><form><button>Send</button></form><p>More</p></body></html>",
    );
    expect(texts(blocks)).toEqual(["Text", "More"]);
    expect(blocks.map((b) => b.html).join("")).not.toMatch(/alert|color|Page title|Enable JS|Send/u);
  });
});

describe("htmlToBlocks: malformed HTML", () => {
  it("still reads the text of unclosed tags and garbage", () => {
    expect(
      texts(
        htmlToBlocks(
          "<p>First <i>unclosed <b>bold<div><p>Second</span></td></table><<>>&&& garbage</p><p>Third",
        ),
      ),
    ).toEqual(["First unclosed bold", "Second<<>>&&& garbage", "Third"]);
  });

  it("survives deeply nested elements", () => {
    const html = `${"<div>".repeat(5000)}<p>Deep text</p>${"</div>".repeat(5000)}<p>After</p>`;
    expect(texts(htmlToBlocks(html))).toContain("After");
  });
});
