// A fast, allocation-light walk over HTML for counting words and extracting text: it reports the text
// between tags (entities decoded) and each tag, comment or other markup that separates text nodes.
// Tags and comments are read as the HTML tokenizer reads them; the contents of script, style and other
// raw-text elements are skipped. It builds no tree, so it cannot be made to recurse or nest deeply.
import { decodeHTML } from "entities";

export interface HtmlScanHandler {
  /** Part of a text node: `source.slice(start, end)`, entities decoded. Consecutive parts are one node. */
  text(source: string, start: number, end: number): void;
  /** Markup between text nodes: `name` is the lower-case tag name, "" for a comment or declaration. */
  markup(name: string, closing: boolean): void;
}

// prettier-ignore
const RAW_TEXT = new Set([
  "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
]);

const isAlpha = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

/** Walks `html`, calling `on` for every text piece and every piece of markup, in document order. */
export function scanHtml(html: string, on: HtmlScanHandler): void {
  const n = html.length;
  let nextAmp = -2; // position of the next "&" at or after the current text, -1 when there is none
  let i = 0;
  while (i < n) {
    const lt = html.indexOf("<", i);
    const end = lt === -1 ? n : lt;
    while (i < end) {
      if (nextAmp !== -1 && nextAmp < i) nextAmp = html.indexOf("&", i);
      if (nextAmp === -1 || nextAmp >= end) {
        on.text(html, i, end);
        break;
      }
      if (nextAmp > i) on.text(html, i, nextAmp);
      i = decodeEntity(html, nextAmp, on);
    }
    if (lt === -1) return;
    i = scanMarkup(html, lt, on);
  }
}

const ENTITY = /&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*);?/y;

/** Reports the character reference at `amp` (or a lone "&") as text; returns the index after it. */
function decodeEntity(html: string, amp: number, on: HtmlScanHandler): number {
  ENTITY.lastIndex = amp;
  const match = ENTITY.exec(html);
  if (match === null) {
    on.text(html, amp, amp + 1);
    return amp + 1;
  }
  const decoded = decodeHTML(match[0]);
  on.text(decoded, 0, decoded.length);
  return amp + match[0].length;
}

/** Reads the markup starting with the "<" at `lt`; returns the index after it. */
function scanMarkup(html: string, lt: number, on: HtmlScanHandler): number {
  const n = html.length;
  const c = html.charCodeAt(lt + 1);
  if (isAlpha(c)) {
    const nameEnd = tagNameEnd(html, lt + 1);
    const name = html.slice(lt + 1, nameEnd).toLowerCase();
    const after = skipAttributes(html, nameEnd);
    on.markup(name, false);
    if (!RAW_TEXT.has(name) || after >= n) return after;
    const close = rawTextEnd(html, after, name);
    on.markup(name, true);
    return close;
  }
  if (c === SLASH) {
    const d = html.charCodeAt(lt + 2);
    if (isAlpha(d)) {
      const nameEnd = tagNameEnd(html, lt + 2);
      on.markup(html.slice(lt + 2, nameEnd).toLowerCase(), true);
      return skipAttributes(html, nameEnd);
    }
    if (d === GT) return lt + 3;
    if (lt + 2 >= n) {
      on.text(html, lt, n);
      return n;
    }
    return bogusComment(html, lt + 2, on);
  }
  if (c === 0x21 /* ! */) {
    if (!html.startsWith("<!--", lt)) return bogusComment(html, lt + 2, on);
    on.markup("", false);
    if (html.startsWith(">", lt + 4)) return lt + 5;
    if (html.startsWith("->", lt + 4)) return lt + 6;
    const end = html.indexOf("-->", lt + 4);
    return end === -1 ? n : end + 3;
  }
  if (c === 0x3f /* ? */) return bogusComment(html, lt + 2, on);
  on.text(html, lt, lt + 1); // a "<" that starts no markup is text
  return lt + 1;
}

function tagNameEnd(html: string, i: number): number {
  while (i < html.length) {
    const c = html.charCodeAt(i);
    if (isSpace(c) || c === SLASH || c === GT) break;
    i++;
  }
  return i;
}

/** Skips a tag's attributes, honouring quoted values; returns the index after ">" (or the end). */
function skipAttributes(html: string, i: number): number {
  const n = html.length;
  while (i < n) {
    let c = html.charCodeAt(i);
    if (isSpace(c) || c === SLASH) {
      i++;
      continue;
    }
    if (c === GT) return i + 1;
    i++; // the attribute name's first character may be "="
    while (i < n && !isSpace((c = html.charCodeAt(i))) && c !== SLASH && c !== GT && c !== EQUALS) i++;
    while (i < n && isSpace(html.charCodeAt(i))) i++;
    if (html.charCodeAt(i) !== EQUALS) continue;
    i++;
    while (i < n && isSpace(html.charCodeAt(i))) i++;
    c = html.charCodeAt(i);
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      const close = html.indexOf(c === DOUBLE_QUOTE ? '"' : "'", i + 1);
      if (close === -1) return n;
      i = close + 1;
    } else {
      while (i < n && !isSpace((c = html.charCodeAt(i))) && c !== GT) i++;
    }
  }
  return n;
}

/** The index after the end tag that closes raw-text element `name` (or the end of the input). */
function rawTextEnd(html: string, from: number, name: string): number {
  for (let i = html.indexOf("</", from); i !== -1; i = html.indexOf("</", i + 2)) {
    const after = i + 2 + name.length;
    const c = html.charCodeAt(after);
    if (html.slice(i + 2, after).toLowerCase() === name && (isSpace(c) || c === SLASH || c === GT)) {
      return skipAttributes(html, after);
    }
  }
  return html.length;
}

function bogusComment(html: string, from: number, on: HtmlScanHandler): number {
  on.markup("", false);
  const end = html.indexOf(">", from);
  return end === -1 ? html.length : end + 1;
}
