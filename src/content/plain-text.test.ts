import { describe, expect, it } from "vitest";
import { htmlToText } from "./plain-text.js";

describe("htmlToText", () => {
  it.each([
    ["", ""],
    ["plain text", "plain text"],
    ["<p>One</p><p>Two</p>", "One Two"],
    ["<p>Line<br />break</p><hr /><h2>Head</h2><ul><li>a</li><li>b</li></ul>", "Line break Head a b"],
    [
      "<p><b>Bo</b>ld and <em>emphasis</em>, <a href='https://example.org'>a link</a>.</p>",
      "Bold and emphasis, a link.",
    ],
    ["<table><tr><td>cell</td><td>cell</td></tr></table>", "cell cell"],
    [
      "Fish &amp; chips &lt;3 &quot;quoted&quot; caf&eacute; &#x1F600; &#8212;",
      'Fish & chips <3 "quoted" café 😀 —',
    ],
    ["a&nbsp;b \u00a0 c\n\n\td", "a b c d"],
    ["  <p>  padded  </p>  ", "padded"],
    ["<script>alert('no')</script><style>p{}</style>shown", "shown"],
    ["wo<!-- comment -->rd", "word"],
    ['<img src="https://example.org/a.png" alt="alt"> text', "text"],
    ["<p>unclosed <b>tag", "unclosed tag"],
    ["a < b > c", "a < b > c"],
    ["<p title='x > y'>text</p>", "text"],
  ])("gives the text of %j", (html, expected) => {
    expect(htmlToText(html)).toBe(expected);
  });

  it("returns text, not HTML: markup-like text comes back as typed", () => {
    expect(htmlToText("&lt;script&gt;alert(1)&lt;/script&gt;")).toBe("<script>alert(1)</script>");
  });
});
