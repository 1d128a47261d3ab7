// HTML (pages, EPUB chapters, DOCX through mammoth, Markdown through markdown-it) to blocks: block
// elements end paragraphs, h1–h6 are headings, <hr> and decoration lines are scene breaks, two
// <br>s in a row end a paragraph, and inline formatting is kept as inline HTML.
import type { AnyNode, Document, Element } from "domhandler";
import { escapeAttribute, escapeUTF8 } from "entities";
import { parseDocument } from "htmlparser2";
import { isBreakLine, paragraph, sceneBreak, type Block } from "./blocks.js";
import type { Deadline } from "./deadline.js";

export function parseHtml(html: string): Document {
  return parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
}

const SKIPPED = new Set([
  "script",
  "style",
  "head",
  "title",
  "noscript",
  "template",
  "svg",
  "math",
  "iframe",
  "object",
  "form",
  "button",
  "select",
  "textarea",
]);

const BLOCK = new Set([
  "p",
  "div",
  "section",
  "article",
  "blockquote",
  "li",
  "pre",
  "center",
  "tr",
  "table",
  "ul",
  "ol",
  "dl",
  "header",
  "footer",
  "main",
  "body",
  "html",
  "figure",
  "figcaption",
  "aside",
  "nav",
  "address",
  "details",
  "summary",
]);

const INLINE_KEPT = new Set([
  "em",
  "i",
  "strong",
  "b",
  "u",
  "s",
  "strike",
  "del",
  "ins",
  "sub",
  "sup",
  "small",
  "big",
  "code",
  "abbr",
  "cite",
  "q",
  "mark",
]);

class BlockWriter {
  readonly blocks: Block[] = [];
  private text = "";
  private html = "";
  private pendingBreaks = 0;
  quoteDepth = 0;
  inlineLists = 0;

  hasText(): boolean {
    return this.text.trim() !== "" && !/[:,]\s*$/u.test(this.text);
  }

  constructor(private readonly deadline?: Deadline) {}

  addText(raw: string, pre: boolean): void {
    const value = pre ? raw : raw.replace(/[\s\u00a0]+/gu, " ");
    if (value === "") return;
    this.applyBreaks();
    this.text += value;
    this.html += escapeUTF8(value);
  }

  addHtml(open: string): void {
    this.html += open;
  }

  lineBreak(): void {
    this.pendingBreaks++;
  }

  private applyBreaks(): void {
    if (this.pendingBreaks === 0) return;
    if (this.pendingBreaks >= 2 && this.text.trim() !== "") {
      this.flush();
    } else if (this.text.trim() !== "") {
      this.text += "\n";
      this.html += "<br />";
    }
    this.pendingBreaks = 0;
  }

  flush(heading = 0): void {
    this.pendingBreaks = 0;
    const text = this.text
      .split("\n")
      .map((l) => l.replace(/[ \t]{2,}/gu, " ").replace(/^[ \t]+|(?<![ \t])[ \t]+$/gu, ""))
      .join("\n")
      .replace(/^\n+|(?<!\n)\n+$/gu, "");
    const html = this.html.replace(/^(\s|<br \/>)+|(?<!\s|<br \/>)(\s|<br \/>)+$/gu, "");
    this.text = "";
    this.html = "";
    if (text.trim() === "") return;
    this.deadline?.check();
    if (heading > 0)
      this.blocks.push({ kind: "heading", level: heading, text: text.replace(/\n/gu, " "), html });
    else if (isBreakLine(text)) this.blocks.push(sceneBreak());
    else
      this.blocks.push(
        this.quoteDepth > 0 ? { ...paragraph(text, html), quoted: true } : paragraph(text, html),
      );
  }

  rule(): void {
    this.flush();
    this.blocks.push(sceneBreak());
  }
}

/** The blocks of a parsed document or of some of its nodes. */
export function nodesToBlocks(nodes: readonly AnyNode[], deadline?: Deadline): Block[] {
  const writer = new BlockWriter(deadline);
  for (const node of nodes) walk(node, writer, false, 0);
  writer.flush();
  return writer.blocks;
}

export function htmlToBlocks(html: string, deadline?: Deadline): Block[] {
  return nodesToBlocks(parseHtml(html).children, deadline);
}

function walk(node: AnyNode, writer: BlockWriter, pre: boolean, depth: number): void {
  if (node.type === "text") {
    writer.addText((node as unknown as { data: string }).data, pre);
    return;
  }
  if (node.type === "cdata" || node.type === "root") {
    for (const child of (node as unknown as { children: AnyNode[] }).children)
      walk(child, writer, pre, depth + 1);
    return;
  }
  if (node.type !== "tag") return;
  const element = node as Element;
  const name = element.name.replace(/^[a-z]+:/u, "");
  if (SKIPPED.has(name) || depth > 400) return;
  if (name === "br") {
    writer.lineBreak();
    return;
  }
  if (name === "hr") {
    writer.rule();
    return;
  }
  const heading = /^h([1-6])$/u.exec(name);
  if (heading) {
    writer.flush();
    for (const child of element.children) walk(child, writer, pre, depth + 1);
    writer.flush(Number(heading[1]));
    return;
  }
  if (name === "img") {
    const src = element.attribs["src"] ?? "";
    if (/^https?:\/\//iu.test(src)) {
      writer.addHtml(
        `<img src="${escapeAttribute(src)}" alt="${escapeAttribute(element.attribs["alt"] ?? "")}" />`,
      );
    }
    return;
  }
  if (name === "dt") {
    // "Rating:" and its <dd> value make one "Label: value" line.
    writer.flush();
    for (const child of element.children) walk(child, writer, pre, depth + 1);
    writer.addText(" ", false);
    return;
  }
  if (name === "dd") {
    writer.inlineLists++;
    for (const child of element.children) walk(child, writer, pre, depth + 1);
    writer.inlineLists--;
    writer.flush();
    return;
  }
  if (name === "td" || name === "th") {
    // Table cells of a row make one line ("<b>Category:</b>" | "Naruto").
    writer.addText(" ", false);
    for (const child of element.children) walk(child, writer, pre, depth + 1);
    writer.addText(" ", false);
    return;
  }
  if (writer.inlineLists > 0 && (name === "ul" || name === "ol" || name === "li")) {
    // AO3's tag lists inside <dd>: "<li>A</li><li>B</li>" reads "A, B".
    if (name === "li" && writer.hasText()) writer.addText(", ", false);
    for (const child of element.children) walk(child, writer, pre, depth + 1);
    return;
  }
  const block = BLOCK.has(name);
  if (block) writer.flush();
  const keep = INLINE_KEPT.has(name)
    ? name
    : name === "a" && /^https?:\/\//iu.test(element.attribs["href"] ?? "")
      ? "a"
      : undefined;
  if (keep === "a") writer.addHtml(`<a href="${escapeAttribute(element.attribs["href"]!)}">`);
  else if (keep !== undefined) writer.addHtml(`<${keep}>`);
  const inPre = pre || name === "pre";
  if (name === "blockquote") writer.quoteDepth++;
  for (const child of element.children) walk(child, writer, inPre, depth + 1);
  if (name === "blockquote") {
    writer.flush();
    writer.quoteDepth--;
  }
  if (keep !== undefined) writer.addHtml(`</${keep}>`);
  if (block) writer.flush();
}
