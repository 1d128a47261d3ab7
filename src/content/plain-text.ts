// The text of stored HTML for previews, feeds and mail: tags dropped, entities decoded, whitespace squeezed.
// The result is plain text, not HTML: escape it wherever it is put into HTML.
import { scanHtml } from "./html-scan.js";

/** Tags that do not separate words ("<b>wo</b>rd" is "word", "<p>a</p><p>b</p>" is "a b"). */
// prettier-ignore
const INLINE = new Set([
  "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i",
  "ins", "kbd", "mark", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strike", "strong", "sub",
  "sup", "time", "tt", "u", "var", "wbr",
]);

// Runs of whitespace, and single whitespace characters other than the space (replacing every space is slow).
const SPACES = /\s{2,}|[^\S ]/g;

/** The text of an HTML fragment: tags removed, entities decoded, whitespace squeezed to single spaces. */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  scanHtml(html, {
    text(source, start, end) {
      parts.push(source.slice(start, end));
    },
    markup(name) {
      if (name !== "" && !INLINE.has(name)) parts.push(" "); // a comment joins the text around it
    },
  });
  return parts.join("").replace(SPACES, " ").trim();
}
