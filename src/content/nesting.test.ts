import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { capNesting } from "./nesting.js";

/** The deepest htmlparser2's Parser nests elements while reading `html`. */
function parserDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  const parser = new Parser({
    onopentag: () => (deepest = Math.max(deepest, ++depth)),
    onclosetag: () => depth--,
  });
  parser.write(html);
  parser.end();
  return deepest;
}

describe("capNesting", () => {
  it.each([
    "<p>Plain <em>text</em> with a <a href='https://example.org'>link</a>.</p>",
    "<p>one<p>two<p>three<ul><li>a<li>b</ul><table><tr><td>x<td>y<tr><td>z</table>",
    "<b><i>misnested</b></i><div><p>unclosed<div>inside</p></div></div>",
    "<svg><path d='M0'/><g><rect/></g></svg><math><mi>x</mi></math>",
    "<script>if (a < b) { document.write('<b>'.repeat(999)); }</script><style>b{}</style>",
    "<dl><dt>a<dd>b<dt>c<dd>d</dl><select><option>1<option>2<optgroup><option>3</select>",
  ])("leaves ordinary markup alone: %j", (html) => {
    const repeated = html.repeat(200);
    expect(capNesting(repeated, 20)).toBe(repeated);
  });

  it.each([
    ["unclosed inline tags", "<b>"],
    ["unclosed blocks", "<div><blockquote>"],
    ["stray end tags", "<b></i>"],
    ["an end tag for an implicitly closed element", "<p><div></p>"],
    ["nested tables", "<table><tr><td>"],
    ["nested lists", "<ul><li>"],
    ["self-closing tags in svg", "<svg><path/><b></path>"],
    ["self-closing script tags", "<script/>"],
    ["self-closing title tags", "<title/><b>"],
    ["integration points", "<mtext><desc>"],
    ["a tag cut off by the end", "<b><i x='"],
  ])("keeps the parser within the cap for %s", (_name, unit) => {
    const html = unit.repeat(500) + "text";
    expect(parserDepth(html)).toBeGreaterThan(50);
    expect(parserDepth(capNesting(html, 50))).toBeLessThanOrEqual(51);
  });

  it("caps svg and math left open inside closed elements", () => {
    // The parser's stack stays shallow here, but its separate list of svg/math contexts grows.
    const capped = capNesting("<b><svg></b>".repeat(500), 50);
    expect(capped.match(/<svg>/g)?.length).toBe(49);
  });

  it("keeps raw-text elements whole, so their contents stay text", () => {
    const html = "<b>".repeat(10) + "<style><b><b><b></style><textarea><i></textarea>after";
    const kept = "<style><b><b><b></style><textarea><i></textarea>after";
    expect(capNesting(html, 5)).toBe("<b>".repeat(5) + "<!---->".repeat(5) + kept);
  });

  it("puts an empty comment where a tag was, so text around it cannot form a new tag", () => {
    expect(capNesting("<b><<b>b>x", 1)).toBe("<b><<!---->b>x");
    expect(parserDepth(capNesting("<b><<b>b>x", 1))).toBe(1);
  });
});
