// What an author typed → the HTML stored for a field. Markdown goes through markdown-it first; either way
// the result is sanitized, given AO3-style paragraphs (paragraphs.ts), and sanitized again, so stored HTML
// is always exactly what sanitizeHtml returns for it. When the paragraphs were all there already (the
// paragraph maker changes nothing, as for an import's HTML), the second pass is skipped: sanitizing the
// sanitizer's output changes nothing.
import MarkdownIt from "markdown-it";
import { cleanText } from "./clean-text.js";
import { addParagraphs } from "./paragraphs.js";
import { SANITIZER_VERSION, sanitizeHtml, type HtmlField } from "./sanitizer.js";

/** "html" covers the rich text editor and pasted HTML or plain text. */
export type TextFormat = "html" | "markdown";

// Inline HTML is kept (and sanitized later); single newlines are line breaks, as in the HTML editor.
// Bare http(s):// addresses become links, but not every word with a dot in it. Indented lines
// are not code blocks: prose is often indented. Fenced code blocks still work.
const markdown = new MarkdownIt({ html: true, breaks: true, linkify: true, typographer: false }).disable(
  "code",
);
markdown.linkify.set({ fuzzyLink: false, fuzzyEmail: false });

// Whitespace at either end, except the ideographic space (U+3000) that indents a CJK first paragraph.
const OUTER_SPACE = /^[^\S\u3000]+|(?<![^\S\u3000])[^\S\u3000]+$/g;

/** The sanitized HTML to store for `input`, and the sanitizer version it was made with. */
export function prepareHtml(
  input: string,
  format: TextFormat,
  field: HtmlField,
): { html: string; sanitizerVersion: number } {
  const text = cleanText(typeof input === "string" ? input : "").replace(OUTER_SPACE, "");
  const html = format === "markdown" ? markdown.render(text) : text;
  const clean = sanitizeHtml(html, field);
  const paragraphs = addParagraphs(clean);
  return {
    html: paragraphs === clean ? clean : sanitizeHtml(paragraphs, field),
    sanitizerVersion: SANITIZER_VERSION,
  };
}
