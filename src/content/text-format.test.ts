import { describe, expect, it } from "vitest";
import { addParagraphs } from "./paragraphs.js";
import { SANITIZER_VERSION, sanitizeHtml } from "./sanitizer.js";
import { prepareHtml, type TextFormat } from "./text-format.js";

const MARKDOWN: Array<[string, string]> = [
  ["*em* and **strong** and ~~struck~~", "<p><em>em</em> and <strong>strong</strong> and <s>struck</s></p>"],
  ["# Title\n\n## Sub", "<h1>Title</h1><h2>Sub</h2>"],
  [
    "- one\n- two\n\n1. first\n2. second",
    "<ul>\n<li>one</li>\n<li>two</li>\n</ul><ol>\n<li>first</li>\n<li>second</li>\n</ol>",
  ],
  ["[a link](https://example.org)", '<p><a href="https://example.org/" rel="nofollow">a link</a></p>'],
  [
    "Visit https://example.org/page today, not example.org",
    '<p>Visit <a href="https://example.org/page" rel="nofollow">https://example.org/page</a> today, not example.org</p>',
  ],
  ["![alt](https://example.org/a.png)", '<p><img src="https://example.org/a.png" alt="alt" /></p>'],
  ["Raw <script>alert(1)</script> html", "<p>Raw  html</p>"],
  ["<script>\nalert(1)\n</script>\n\nafter", "<p>after</p>"],
  ["[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>"],
  ["line one\nline two", "<p>line one<br />\nline two</p>"],
  ["First.\n\nSecond.", "<p>First.</p><p>Second.</p>"],
  ["> quoted\n> more", "<blockquote><p>quoted<br />\nmore</p></blockquote>"],
  ["    indented prose, not code", "<p>indented prose, not code</p>"],
  ["```\ncode <b>\n```", "<pre><code>code &lt;b&gt;\n</code></pre>"],
  ["Tom &amp; Jerry & co <3", "<p>Tom &amp; Jerry &amp; co &lt;3</p>"],
  [
    'A <span class="spoiler">secret</span> word\n\n<div align="center">centered\n\ntwo paras</div>',
    '<p>A <span>secret</span> word</p><div align="center"><p>centered</p><p>two paras</p></div>',
  ],
];

const HTML: Array<[string, string]> = [
  ["First paragraph.\n\nSecond paragraph.", "<p>First paragraph.</p><p>Second paragraph.</p>"],
  ["Line one\nLine two", "<p>Line one<br />Line two</p>"],
  ["A\n\n\n\nB", "<p>A</p><p>\u00a0</p><p>B</p>"],
  ["\r\nWindows\r\n\r\nlines\r\n", "<p>Windows</p><p>lines</p>"],
  ["  leading and trailing  \n\n", "<p>leading and trailing</p>"],
  ["Fish & chips < 3", "<p>Fish &amp; chips &lt; 3</p>"],
  ["\u3000\u3000第一段\n\n\u3000\u3000第二段", "<p>\u3000\u3000第一段</p><p>\u3000\u3000第二段</p>"],
  ["<p>One\ntwo</p>\n\n<p>Three</p>", "<p>One\ntwo</p><p>Three</p>"],
  ["<p>One</p>\nLoose text\n<p>Two</p>", "<p>One</p><p>Loose text</p><p>Two</p>"],
  ["<p>One</p><p></p><p>Two</p>", "<p>One</p><p>Two</p>"],
  ["<ul>\n<li>a</li>\n</ul>", "<ul>\n<li>a</li>\n</ul>"],
  ["<pre>  keep\n\n  this</pre>", "<pre>  keep\n\n  this</pre>"],
  ["<table><tr><td>a\n\nb</td></tr></table>", "<table><tr><td>a\n\nb</td></tr></table>"],
  [
    "Some <em>emphasis</em>\n\nand <strong>bold\ntext</strong>",
    "<p>Some <em>emphasis</em></p><p>and <strong>bold<br />text</strong></p>",
  ],
  ["<b>Bold across\n\nparagraphs</b>", "<p><b>Bold across</b></p><p><b>paragraphs</b></p>"],
  [
    "Intro\n<blockquote>Quote\n\nmore</blockquote>\nOutro",
    "<p>Intro</p><blockquote><p>Quote</p><p>more</p></blockquote><p>Outro</p>",
  ],
  ["<div>\n<p>para</p>\nloose\n</div>", "<div><p>para</p><p>loose</p></div>"],
  ["text<br><br>after<br />\n<br/>\n<br>end", "<p>text</p><p>after</p><p>\u00a0</p><p>end</p>"],
  ["Text <h2>Heading</h2> more", "<p>Text</p><h2>Heading</h2><p>more</p>"],
  ["x\n<hr>\ny", "<p>x</p><hr /><p>y</p>"],
  [
    "<span>in <ul><li>list</li></ul> out</span>",
    "<p><span>in</span></p><ul><li>list</li></ul><p><span>out</span></p>",
  ],
  [
    "<details><summary>Spoiler</summary>Hidden\n\ntext</details>",
    "<details><summary>Spoiler</summary><p>Hidden</p><p>text</p></details>",
  ],
  [
    "漢<ruby>字<rp>(</rp><rt>ji</rt><rp>)</rp></ruby>です\nnext",
    "<p>漢<ruby>字<rp>(</rp><rt>ji</rt><rp>)</rp></ruby>です<br />next</p>",
  ],
  ['<a name="fn1"></a>Footnote', '<p><a name="fn1"></a>Footnote</p>'],
  [
    'Watch <iframe src="https://www.youtube.com/embed/a"></iframe> this',
    '<p>Watch </p><iframe src="https://www.youtube.com/embed/a"></iframe><p> this</p>',
  ],
];

describe("prepareHtml", () => {
  it.each(MARKDOWN)("converts Markdown %j", (input, expected) => {
    expect(prepareHtml(input, "markdown", "content")).toEqual({
      html: expected,
      sanitizerVersion: SANITIZER_VERSION,
    });
  });

  it.each(HTML)("makes paragraphs of HTML and plain text %j", (input, expected) => {
    expect(prepareHtml(input, "html", "content")).toEqual({
      html: expected,
      sanitizerVersion: SANITIZER_VERSION,
    });
  });

  it.each([...MARKDOWN, ...HTML])(
    "stores what the sanitizer would keep, and keeps it when edited again: %j",
    (input) => {
      for (const format of ["html", "markdown"] as TextFormat[]) {
        const { html } = prepareHtml(input, format, "content");
        expect(sanitizeHtml(html, "content")).toBe(html);
        expect(prepareHtml(html, "html", "content").html).toBe(html);
      }
    },
  );

  it("applies the field's allowlist", () => {
    const input =
      'Watch <iframe src="https://www.youtube.com/embed/a"></iframe> <span class="x1">this</span>';
    expect(prepareHtml(input, "html", "summary").html).toBe("<p>Watch  <span>this</span></p>");
    expect(prepareHtml(input, "markdown", "notes").html).toBe("<p>Watch  <span>this</span></p>");
  });

  it("gives empty HTML for empty or blank input", () => {
    for (const input of ["", "   ", "\n\n\n", "<p></p>", "<script>x</script>"]) {
      expect(prepareHtml(input, "html", "content").html).toBe("");
      expect(prepareHtml(input, "markdown", "content").html).toBe("");
    }
  });

  it("treats an unknown format as HTML", () => {
    expect(prepareHtml("*a*\n\nb", "rtf" as TextFormat, "content").html).toBe("<p>*a*</p><p>b</p>");
  });
});

describe("prepareHtml with its paragraphs already made", () => {
  // Sanitize, make paragraphs, sanitize again: what prepareHtml stores for HTML, always.
  const twoPasses = (input: string) => sanitizeHtml(addParagraphs(sanitizeHtml(input, "content")), "content");
  const already = (input: string) => {
    const once = sanitizeHtml(input, "content");
    return addParagraphs(once) === once;
  };
  const made = [
    "<p>One.</p><p>Two &amp; three.</p>",
    "<p>“We can&apos;t stay,” she said.</p><hr /><h3>Chapter 2</h3><p>Line<br />\nbreak</p>",
    '<p><em>Quiet</em> <a href="https://example.org/a?b=1&amp;c=2">link</a> "quoted" 5 &lt; 6</p>',
    "<p>\u00a0</p><p>x</p>",
  ];
  const notYet = [
    "One.\n\nTwo.",
    "<p>One.</p>\n<p>Two.</p>",
    "<b>unclosed <i>tags",
    "<p></p><p>x</p>",
    "a<br><br>b",
  ];

  it.each([...made, ...notYet])("stores what sanitizing twice stores: %j", (input) => {
    expect(prepareHtml(input, "html", "content").html).toBe(twoPasses(input));
  });

  it("covers both cases: paragraphs made already, and paragraphs still to make", () => {
    expect(made.every(already)).toBe(true);
    expect(notYet.some(already)).toBe(false);
  });
});
