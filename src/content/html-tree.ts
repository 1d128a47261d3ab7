// A minimal tree for HTML that has already been sanitized: parsed with htmlparser2 (the parser the
// sanitizer uses, so both read the markup alike) and written back out. Used by the paragraph maker.
import { Parser } from "htmlparser2";

export interface HtmlElement {
  type: "element";
  name: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
}

export interface HtmlText {
  type: "text";
  text: string;
}

export type HtmlNode = HtmlElement | HtmlText;

const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);

/** The nodes of an HTML fragment, entities decoded; adjacent text is one node. */
export function parseFragment(html: string): HtmlNode[] {
  const root: HtmlElement = { type: "element", name: "#root", attrs: {}, children: [] };
  const open: HtmlElement[] = [root];
  const current = () => open[open.length - 1] ?? root;
  const parser = new Parser({
    onopentag(name, attrs) {
      const element: HtmlElement = { type: "element", name, attrs: { ...attrs }, children: [] };
      current().children.push(element);
      open.push(element);
    },
    ontext(text) {
      const siblings = current().children;
      const last = siblings[siblings.length - 1];
      if (last?.type === "text") last.text += text;
      else siblings.push({ type: "text", text });
    },
    onclosetag() {
      if (open.length > 1) open.pop();
    },
  });
  parser.write(html);
  parser.end();
  return root.children;
}

const escapeText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttribute = (value: string) => escapeText(value).replace(/"/g, "&quot;");

/** HTML for `nodes`; text and attribute values escaped. */
export function serialize(nodes: readonly HtmlNode[]): string {
  let html = "";
  for (const node of nodes) {
    if (node.type === "text") {
      html += escapeText(node.text);
      continue;
    }
    html += `<${node.name}`;
    for (const [name, value] of Object.entries(node.attrs)) {
      html += value === "" ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`;
    }
    html += VOID.has(node.name) ? " />" : `>${serialize(node.children)}</${node.name}>`;
  }
  return html;
}
