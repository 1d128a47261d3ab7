// AO3's paragraph maker (lib/paragraph_maker.rb) for text outside block elements: a blank line starts a
// new <p>, a single newline becomes <br>, three or more newlines (or <br>s) leave an empty paragraph,
// loose inline content is wrapped in <p>, and empty paragraphs go. Text inside <p>, headings, lists,
// tables, <pre> and the other SKIP tags is left as written. Runs on sanitized HTML (bounded nesting).
import { parseFragment, serialize, type HtmlNode, type HtmlText } from "./html-tree.js";

/** Tags whose contents are left alone. (AO3's list, plus ruby and summary.) */
// prettier-ignore
const SKIP = new Set([
  "a", "abbr", "acronym", "address", "audio", "button", "dl", "embed", "figure", "h1", "h2", "h3", "h4", "h5",
  "h6", "hr", "iframe", "img", "input", "label", "map", "math", "noscript", "object", "ol", "p", "pre",
  "ruby", "script", "select", "source", "style", "summary", "svg", "table", "textarea", "track", "ul",
  "video",
]);

/** Inline tags that belong inside a paragraph. (AO3's list, plus ruby.) */
// prettier-ignore
const WRAP = new Set([
  "a", "abbr", "acronym", "b", "big", "br", "button", "cite", "code", "del", "dfn", "em", "i", "img", "input",
  "ins", "kbd", "label", "map", "q", "ruby", "s", "samp", "select", "small", "span", "strike", "strong",
  "sub", "sup", "textarea", "tt", "u", "var",
]);

/** Block tags that may not sit inside a paragraph and are lifted out of one. */
// prettier-ignore
const UNWRAP = new Set([
  "audio", "dl", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "ol", "p", "pre", "source", "table",
  "track", "ul", "video",
]);

/** Whitespace next to these tags is not a line break. */
// prettier-ignore
const STRIP = new Set([
  "audio", "blockquote", "br", "center", "dl", "div", "fieldset", "figure", "figcaption", "form", "h1", "h2",
  "h3", "h4", "h5", "h6", "hr", "noscript", "ol", "p", "pre", "script", "source", "style", "table", "track",
  "ul", "video",
]);

/** Where a paragraph ends; `long` leaves an empty paragraph behind (three or more line breaks). */
interface Split {
  type: "split";
  long: boolean;
}
/** An element while paragraphs are made: its children may hold splits until they are resolved. */
interface Element {
  type: "element";
  name: string;
  attrs: Record<string, string>;
  children: Item[];
}
type Item = HtmlText | Element | Split;

// A run of whitespace holding at least one newline. The ideographic space after the last newline is kept:
// CJK writers indent paragraphs with it.
const NEWLINES = /(?<!\s)\s*\n[^\S\u3000]*/g;
const LEADING_SPACE = /^[\t\n\v\f\r ]+/;
const TRAILING_SPACE = /(?<![\t\n\v\f\r ])[\t\n\v\f\r ]+$/;

const nameOf = (item: Item | undefined) => (item?.type === "element" ? item.name : "");
/** Whether `item` is an element named in `names` (not a type guard: false says nothing about its type). */
const isOneOf = (item: Item, names: Set<string>): boolean => item.type === "element" && names.has(item.name);
const br = (): Element => ({ type: "element", name: "br", attrs: {}, children: [] });
const paragraph = (children: Item[]): Element => ({
  type: "element",
  name: "p",
  attrs: {},
  children,
});
/** Anything but ASCII whitespace (a no-break space line is a deliberate blank line). */
const hasContent = (items: readonly Item[]) =>
  items.some((item) => item.type !== "text" || /[^\t\n\f\r ]/.test(item.text));

/** Paragraphs for an HTML fragment (see the header). */
export function addParagraphs(html: string): string {
  const items = wrapChildren(breakLines(parseFragment(html), "#root"));
  // Every split has been resolved by now: removed, or replaced by an empty paragraph.
  return serialize(items as HtmlNode[]);
}

/** Newlines in text become <br>s and splits; runs of <br>s become splits. Recurses below non-SKIP tags. */
function breakLines(children: readonly Item[], parentName: string): Item[] {
  const out: Item[] = [];
  children.forEach((child, i) => {
    if (child.type === "element") {
      if (child.name === "p" && child.children.length === 0) return; // AO3 drops empty paragraphs
      out.push(SKIP.has(child.name) ? child : { ...child, children: breakLines(child.children, child.name) });
      return;
    }
    if (child.type !== "text") {
      out.push(child);
      return;
    }
    let text = child.text;
    if (STRIP.has(nameOf(children[i - 1]) || parentName)) text = text.replace(LEADING_SPACE, "");
    if (STRIP.has(nameOf(children[i + 1]) || parentName)) text = text.replace(TRAILING_SPACE, "");
    let last = 0;
    for (const match of text.matchAll(NEWLINES)) {
      if (match.index > last) out.push({ type: "text", text: text.slice(last, match.index) });
      const newlines = match[0].split("\n").length - 1;
      out.push(newlines === 1 ? br() : { type: "split", long: newlines > 2 });
      last = match.index + match[0].length;
    }
    if (last < text.length) out.push({ type: "text", text: text.slice(last) });
  });
  return mergeBreaks(out);
}

/** Two <br>s in a row end a paragraph; three or more also leave an empty one. */
function mergeBreaks(items: Item[]): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < items.length;) {
    let run = 0;
    while (nameOf(items[i + run]) === "br") run++;
    if (run < 2) out.push(items[i++] as Item);
    else {
      out.push({ type: "split", long: run > 2 });
      i += run;
    }
  }
  return out;
}

/** Wraps runs of inline content in <p> (recursing into block containers) and resolves the splits. */
function wrapChildren(items: readonly Item[]): Item[] {
  const out: Item[] = [];
  let run: Item[] = [];
  const flush = () => {
    if (run.length > 0) out.push(...paragraphsFrom(run));
    run = [];
  };
  for (const item of items) {
    if (item.type === "text" || isOneOf(item, WRAP)) {
      run.push(item);
      continue;
    }
    flush();
    if (item.type === "element" && !SKIP.has(item.name))
      out.push({ ...item, children: wrapChildren(item.children) });
    else out.push(item);
  }
  flush();
  return out.flatMap((item) =>
    item.type === "split" ? (item.long ? [paragraph([{ type: "text", text: "\u00a0" }])] : []) : [item],
  );
}

/** One paragraph's content as paragraphs, with splits and block tags inside it lifted out between them. */
function paragraphsFrom(content: Item[]): Item[] {
  return lift(content).flatMap((piece) =>
    Array.isArray(piece) ? (hasContent(piece) ? [paragraph(piece)] : []) : [piece],
  );
}

/**
 * Splits `children` at every split marker and UNWRAP element, at any depth below non-SKIP tags: the
 * result alternates runs of content (the inline ancestors cloned on each side) and the lifted items.
 */
function lift(children: readonly Item[]): Array<Item[] | Item> {
  const pieces: Array<Item[] | Item> = [];
  let current: Item[] = [];
  const cut = (lifted: Item) => {
    pieces.push(current, lifted);
    current = [];
  };
  for (const child of children) {
    if (child.type === "split" || isOneOf(child, UNWRAP)) cut(child);
    else if (child.type === "element" && !SKIP.has(child.name) && containsLiftable(child)) {
      for (const piece of lift(child.children)) {
        if (!Array.isArray(piece)) cut(piece);
        else if (hasContent(piece)) current.push({ ...child, children: piece });
      }
    } else current.push(child);
  }
  pieces.push(current);
  return pieces;
}

function containsLiftable(element: Element): boolean {
  return element.children.some(
    (child) =>
      child.type === "split" ||
      isOneOf(child, UNWRAP) ||
      (child.type === "element" && !SKIP.has(child.name) && containsLiftable(child)),
  );
}
