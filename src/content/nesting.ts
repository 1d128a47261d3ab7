// Keeps hostile nesting away from htmlparser2. Its Parser (used by sanitize-html) keeps open elements in
// an array it unshifts, so each start tag costs as much as the current depth: 500 KB of unclosed <b>
// takes seconds. This pass follows the Parser's rules for opening and closing elements (htmlparser2 10,
// Parser.ts) with its Tokenizer, in linear time, and removes any start tag that would open an element
// deeper than the cap. The sanitizer drops everything nested deeper than 100 anyway, so input within the
// cap comes out of this pass unchanged.
import { Tokenizer, type TokenizerCallbacks } from "htmlparser2";

export const MAX_OPEN_ELEMENTS = 256;

// From htmlparser2's Parser: the elements a start tag closes implicitly, void elements, and the
// elements that switch self-closing syntax on (svg, math) and off again.
const P = ["p"];
const FORM = ["input", "option", "optgroup", "select", "button", "datalist", "textarea"];
// prettier-ignore
const IMPLIES_CLOSE = new Map<string, Set<string>>(
  Object.entries({
    tr: ["tr", "th", "td"], th: ["th"], td: ["thead", "th", "td"], body: ["head", "link", "script"],
    li: ["li"], p: P, h1: P, h2: P, h3: P, h4: P, h5: P, h6: P, select: FORM, input: FORM, output: FORM,
    button: FORM, datalist: FORM, textarea: FORM, option: ["option"], optgroup: ["optgroup", "option"],
    dd: ["dd", "dt"], dt: ["dd", "dt"], address: P, article: P, aside: P, blockquote: P, details: P, div: P,
    dl: P, fieldset: P, figcaption: P, figure: P, footer: P, form: P, header: P, hr: P, main: P, nav: P,
    ol: P, pre: P, section: P, table: P, ul: P, rt: ["rt", "rp"], rp: ["rt", "rp"], tbody: ["thead", "tbody"],
    tfoot: ["thead", "tbody"],
  }).map(([name, closes]) => [name, new Set(closes)]),
);
// prettier-ignore
const VOID = new Set([
  "area", "base", "basefont", "br", "col", "command", "embed", "frame", "hr", "img", "input", "isindex",
  "keygen", "link", "meta", "param", "source", "track", "wbr",
]);
const FOREIGN = new Set(["math", "svg"]);
// prettier-ignore
const INTEGRATION = new Set([
  "mi", "mo", "mn", "ms", "mtext", "annotation-xml", "foreignobject", "desc", "title",
]);
// The Tokenizer reads these elements' contents as text; removing their start tag would change that.
const RAW_TEXT = new Set(["script", "style", "title", "textarea", "xmp"]);
// What a removed start tag becomes: a comment cannot combine with the text around it into a new tag.
const REMOVED = "<!---->";

/** `html` without the start tags that would nest more than `max` elements deep in htmlparser2. */
export function capNesting(html: string, max = MAX_OPEN_ELEMENTS): string {
  if (!mayExceed(html, max)) return html;
  const open: string[] = []; // htmlparser2's stack, innermost last
  const foreign: boolean[] = [false]; // whether self-closing syntax counts, innermost last
  const removed: Array<[number, number]> = [];
  // The start tag being read: where it starts, its name, the depth left after the elements it closes,
  // and whether opening it would go over the cap.
  let tagStart = -1;
  let tagName = "";
  let depth = 0;
  let over = false;
  const lower = (start: number, end: number) => html.slice(start, end).toLowerCase();
  const opensForeign = (name: string) => FOREIGN.has(name) || INTEGRATION.has(name);
  const openTag = () => {
    open.length = depth;
    if (VOID.has(tagName)) return;
    open.push(tagName);
    if (opensForeign(tagName)) foreign.push(FOREIGN.has(tagName));
  };
  const callbacks: TokenizerCallbacks = {
    onopentagname(start, end) {
      tagStart = start - 1;
      tagName = lower(start, end);
      const closes = IMPLIES_CLOSE.get(tagName);
      depth = open.length;
      while (closes && depth > 0 && closes.has(open[depth - 1] as string)) depth--;
      over = !VOID.has(tagName) && (depth >= max || (opensForeign(tagName) && foreign.length >= max));
    },
    onopentagend(end) {
      // A raw-text element stays: its contents were read as text. It cannot hold further elements.
      if (over && !RAW_TEXT.has(tagName)) removed.push([tagStart, end + 1]);
      else openTag();
      tagName = "";
    },
    onselfclosingtag(end) {
      if (over) removed.push([tagStart, end + 1]);
      else {
        openTag();
        if (foreign[foreign.length - 1] && open[open.length - 1] === tagName) open.pop();
      }
      tagName = "";
    },
    onclosetag(start, end) {
      const name = lower(start, end);
      if (opensForeign(name)) foreign.pop();
      if (VOID.has(name)) return;
      const at = open.lastIndexOf(name);
      if (at !== -1) open.length = at;
    },
    onend() {
      if (tagName !== "" && over) removed.push([tagStart, html.length]);
    },
    onattribdata() {},
    onattribentity() {},
    onattribend() {},
    onattribname() {},
    oncdata() {},
    oncomment() {},
    ondeclaration() {},
    onprocessinginstruction() {},
    ontext() {},
    ontextentity() {},
  };
  const tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);
  tokenizer.write(html);
  tokenizer.end();
  if (removed.length === 0) return html;
  let out = "";
  let from = 0;
  for (const [start, end] of removed) {
    out += html.slice(from, start) + REMOVED;
    from = end;
  }
  return out + html.slice(from);
}

/** Whether `html` has more than `max` start tags at all (if not, it cannot nest deeper). */
function mayExceed(html: string, max: number): boolean {
  let count = 0;
  for (let i = html.indexOf("<"); i !== -1; i = html.indexOf("<", i + 1)) {
    if (++count > max) return true;
  }
  return false;
}
