// The importer's common shape of a document: a flat list of paragraphs, headings and scene breaks,
// each with its plain text and its inline HTML. Every format is read into blocks, and the fic
// conventions (fields, notes, chapters) are read from blocks, whatever the file was.
import { escapeUTF8 } from "entities";
import type { Deadline } from "./deadline.js";

export interface Block {
  kind: "p" | "heading" | "break";
  /** 1–6 for headings; 0 otherwise. */
  level: number;
  /** Plain text; line breaks inside the paragraph are "\n". */
  text: string;
  /** Inline HTML of the paragraph (not yet sanitized). */
  html: string;
  /** Inside a <blockquote> (AO3 puts summaries and notes in one). */
  quoted?: boolean;
}

export const paragraph = (text: string, html = textToInlineHtml(text)): Block => ({
  kind: "p",
  level: 0,
  text,
  html,
});

export const sceneBreak = (): Block => ({ kind: "break", level: 0, text: "", html: "" });

export function textToInlineHtml(text: string): string {
  return text.split("\n").map(escapeUTF8).join("<br />\n");
}

/** A line made only of decoration: "* * *", "~~~", "-----", "oOo", "xXx", "~*~", "###", "o0o". */
const BREAK_LINE =
  /^\s*(?:[*~\-_=#+•·.°^]\s*){3,}$|^\s*(?:o0o|oOo|OoO|xXx|XxX|xox|oxo|~\*~|\*~\*|-{1,2}x-{1,2}|§)\s*$/u;

export function isBreakLine(line: string): boolean {
  return line.length <= 80 && BREAK_LINE.test(line);
}

/**
 * Plain text to blocks. Paragraphs are separated by blank lines; a text with (almost) no blank
 * lines has a paragraph per line. Lines hard-wrapped at a fixed width (FanFicFare's 78 columns,
 * e-mail's 72) are joined back into their paragraph; other line breaks are kept.
 */
export function textToBlocks(text: string, deadline?: Deadline): Block[] {
  const lines = text.split("\n").map((l) => l.replace(/(?<![ \t\u00a0])[ \t\u00a0]+$/u, ""));
  const nonBlank = lines.filter((l) => l.trim() !== "").length;
  const blank = lines.length - nonBlank;
  const wrapWidth = hardWrapWidth(lines);
  const onePerLine = nonBlank > 8 && blank < nonBlank * 0.08 && wrapWidth === 0;
  const blocks: Block[] = [];
  let group: string[] = [];
  const flush = (): void => {
    if (group.length === 0) return;
    blocks.push(...groupToBlocks(group, wrapWidth));
    group = [];
  };
  for (let i = 0; i < lines.length; i++) {
    if ((i & 1023) === 0) deadline?.check();
    const line = lines[i]!;
    if (line.trim() === "") {
      flush();
    } else if (onePerLine) {
      group.push(line);
      flush();
    } else {
      group.push(line);
    }
  }
  flush();
  return blocks;
}

function groupToBlocks(group: string[], wrapWidth: number): Block[] {
  // A decoration line inside a group is its own scene break.
  const blocks: Block[] = [];
  let lines: string[] = [];
  const flush = (): void => {
    if (lines.length === 0) return;
    const trimmed = lines.map((l) => l.replace(/^[ \t\u00a0\u3000]+/u, "").replace(/(?<!\s)\s+$/u, ""));
    const text = wrapWidth > 0 && looksWrapped(lines, wrapWidth) ? trimmed.join(" ") : trimmed.join("\n");
    blocks.push(paragraph(text.replace(/[ \t\u00a0]{2,}/gu, " ")));
    lines = [];
  };
  for (const line of group) {
    if (isBreakLine(line)) {
      flush();
      blocks.push(sceneBreak());
    } else {
      lines.push(line);
    }
  }
  flush();
  return blocks;
}

/**
 * The column a text is hard-wrapped at, or 0 when it isn't: most long lines end within a few
 * columns of the same width, and that width is a typical one (60–100).
 */
function hardWrapWidth(lines: string[]): number {
  const lengths = lines.map((l) => l.length).filter((n) => n > 0);
  if (lengths.length < 12) return 0;
  const histogram = new Map<number, number>();
  for (const n of lengths) histogram.set(n, (histogram.get(n) ?? 0) + 1);
  const max = Math.max(...lengths.filter((n) => n <= 100), 0);
  if (max < 60) return 0;
  const near = lengths.filter((n) => n >= max - 12 && n <= max).length;
  const longLines = lengths.filter((n) => n > 100).length;
  return near >= lengths.length * 0.45 && longLines === 0 ? max : 0;
}

function looksWrapped(lines: string[], width: number): boolean {
  if (lines.length < 2) return false;
  return lines.slice(0, -1).every((l) => l.length >= width - 25);
}

/** Blocks as the importer's plain text: paragraphs separated by a blank line, breaks as "* * *". */
export function blocksToText(blocks: readonly Block[]): string {
  return blocks
    .map((b) => (b.kind === "break" ? "* * *" : b.text))
    .filter((t) => t !== "")
    .join("\n\n");
}

/**
 * Blocks as HTML for saving: paragraphs, headings (as h3) and rules, with nothing between them, as
 * the posting services store paragraphs (so preparing it needs one sanitizer pass, not two).
 */
export function blocksToHtml(blocks: readonly Block[]): string {
  return blocks
    .map((b) =>
      b.kind === "break" ? "<hr />" : b.kind === "heading" ? `<h3>${b.html}</h3>` : `<p>${b.html}</p>`,
    )
    .join("");
}

/** Trims scene breaks and empty paragraphs from both ends. */
export function trimBlocks(blocks: Block[]): Block[] {
  let start = 0;
  let end = blocks.length;
  const empty = (b: Block): boolean => b.kind === "break" || b.text.trim() === "";
  while (start < end && empty(blocks[start]!)) start++;
  while (end > start && empty(blocks[end - 1]!)) end--;
  return blocks.slice(start, end);
}
