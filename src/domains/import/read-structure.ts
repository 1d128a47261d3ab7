// Reads a fic's structure from its blocks: the header (title, byline, "Label: value" fields,
// FanFiction.Net's line, AO3's preface and landmarks, a table of contents), then chapters split at
// their headings, each with its summary, notes, disclaimer and end markers taken out of the story.
// Pure: no tags are resolved here (see assemble.ts).
import { paragraph, textToInlineHtml, trimBlocks, type Block } from "./blocks.js";
import {
  asksWhetherToContinue,
  byline,
  chapterHeading,
  endMarker,
  headingTitle,
  landmark,
  noteStart,
  soundsLikeNote,
  splitAuthors,
  titleLine,
  type EndMarker,
  type Landmark,
} from "./conventions.js";
import type { Deadline } from "./deadline.js";
import {
  parseFfnHeader,
  parseFieldLine,
  splitAo3LabelRun,
  type FfnHeader,
  type HeaderField,
} from "./header-fields.js";
import type { ImportSource, TitleSource } from "./import-result.js";

export interface RawChapter {
  title: string | null;
  summary: Block[];
  notesBegin: Block[];
  notesEnd: Block[];
  body: Block[];
}

export interface RawFic {
  source: ImportSource;
  title: { text: string; source: TitleSource } | null;
  authors: string[];
  fields: HeaderField[];
  ffn: FfnHeader | undefined;
  summary: Block[];
  disclaimer: Block[];
  notesBegin: Block[];
  notesEnd: Block[];
  chapters: RawChapter[];
  /** What the last chapter's end marker said. */
  ending: EndMarker | undefined;
  asksToContinue: boolean;
  diagnostics: string[];
}

export interface StructureOptions {
  deadline?: Deadline;
  /** A title already known from the package (EPUB metadata): a title line matching it is skipped. */
  knownTitle?: string | null;
  /** The producer, when the file's signature already tells it. */
  source?: ImportSource;
  /** The package's summary as plain text: a title-page paragraph repeating it is skipped. */
  knownSummary?: string | null;
}

const SECTION_END: Landmark[] = [
  "work-text",
  "chapter-text",
  "summary",
  "notes",
  "chapter-summary",
  "chapter-notes",
  "chapter-end-notes",
  "end-notes",
  "see-end-notes",
  "afterword",
  "comment-please",
  "inspired-works",
  "work-header",
];

export function readStructure(input: readonly Block[], options: StructureOptions = {}): RawFic {
  // A heading that is one of AO3's landmarks ("Summary:", "Chapter Text") is structure, like the paragraph.
  const blocks = splitStructuralLines(input).map((b) =>
    b.kind === "heading" && landmark(b.text) !== undefined && landmark(b.text) !== "afterword"
      ? { ...b, kind: "p" as const, level: 0 }
      : b,
  );
  const fic: RawFic = {
    source: options.source ?? "generic",
    title: null,
    authors: [],
    fields: [],
    ffn: undefined,
    summary: [],
    disclaimer: [],
    notesBegin: [],
    notesEnd: [],
    chapters: [],
    ending: undefined,
    asksToContinue: false,
    diagnostics: [],
  };
  const known = options.knownTitle?.trim().toLowerCase();
  const summaryKey = options.knownSummary?.replace(/\s+/gu, " ").trim().toLowerCase();
  const { index: bodyStart, toc } = readHeader(blocks, fic, known, summaryKey);
  readBody(blocks.slice(bodyStart), fic, toc, options.deadline);
  return fic;
}

/**
 * A paragraph of several lines where one line is a landmark ("Summary:", "Chapter Text") or a
 * chapter heading is split into a paragraph per line: in copied pages those lines are structure.
 */
function splitStructuralLines(blocks: readonly Block[]): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    if (block.kind !== "p" || !block.text.includes("\n") || block.text.length > 5000) {
      out.push(block);
      continue;
    }
    const lines = block.text.split("\n");
    if (!lines.some((l) => landmark(l) !== undefined || chapterHeading(l) !== undefined)) {
      out.push(block);
      continue;
    }
    for (const line of lines)
      if (line.trim() !== "")
        out.push({ ...paragraph(line.trim()), ...(block.quoted ? { quoted: true } : {}) });
  }
  return out;
}

/** True when a paragraph of the header is a field, byline, FanFiction.Net line or landmark. */
function headerish(block: Block | undefined): boolean {
  if (block === undefined) return false;
  if (block.kind !== "p") return block.kind === "heading";
  const first = block.text.split("\n")[0]!;
  return (
    parseFieldLine(first) !== undefined ||
    parseFfnHeader(first) !== undefined ||
    byline(first) !== undefined ||
    landmark(first) !== undefined ||
    chapterHeading(block.text) !== undefined
  );
}

function readHeader(
  blocks: readonly Block[],
  fic: RawFic,
  known: string | undefined,
  summaryKey: string | undefined,
): { index: number; toc: Set<string> } {
  const toc = new Set<string>();
  let i = 0;
  let contentSeen = 0;
  while (i < blocks.length) {
    const block = blocks[i]!;
    if (block.kind === "break") {
      i++;
      continue;
    }
    if (block.kind === "heading") {
      const headingMark = landmark(block.text);
      if (headingMark === "preface" || headingMark === "work-header") {
        fic.source = "ao3";
        i++;
        continue;
      }
      if (headingMark === "toc") {
        i = skipToc(blocks, i + 1, toc);
        continue;
      }
      // FanFicFare's title page: "<h3>Title by Author</h3>".
      const titleBy =
        fic.source === "fanficfare" && fic.title === null
          ? /^(.+?)(?<!\s)\s+by\s+(.+)$/iu.exec(block.text.trim())
          : null;
      if (titleBy) {
        fic.title = { text: titleBy[1]!, source: "declared" };
        fic.authors.push(...splitAuthors(titleBy[2]!).filter((a) => !fic.authors.includes(a)));
        i++;
        continue;
      }
      // AO3's web page: the byline is a heading of its own right after the title.
      if (
        fic.source === "ao3" &&
        fic.title !== null &&
        fic.authors.length === 0 &&
        blocks[i - 1]?.kind === "heading" &&
        chapterHeading(block.text) === undefined
      ) {
        fic.authors.push(...splitAuthors(block.text));
        i++;
        continue;
      }
      if (fic.title === null && chapterHeading(block.text) === undefined && isTitleHeading(blocks, i)) {
        fic.title = { text: block.text.trim(), source: "heading" };
        contentSeen++;
        i++;
        continue;
      }
      if (
        (known !== undefined && block.text.trim().toLowerCase() === known) ||
        (fic.title !== null && block.text.trim().toLowerCase() === fic.title.text.toLowerCase())
      ) {
        i++;
        continue;
      }
      const knownBy = known === undefined ? null : /^(.+?)(?<!\s)\s+by\s+(.+)$/iu.exec(block.text.trim());
      if (knownBy && knownBy[1]!.toLowerCase() === known) {
        fic.authors.push(...splitAuthors(knownBy[2]!).filter((a) => !fic.authors.includes(a)));
        i++;
        continue;
      }
      break;
    }
    const text = block.text;
    if (
      summaryKey !== undefined &&
      summaryKey !== "" &&
      text.replace(/\s+/gu, " ").trim().toLowerCase() === summaryKey
    ) {
      i++;
      continue;
    }
    const mark = landmark(text);
    if (mark !== undefined) {
      if (mark === "work-text") return { index: i + 1, toc };
      if (mark === "chapter-text" || mark === "chapter-summary" || mark === "chapter-notes") break;
      if (["posted-on-ao3", "work-header", "preface", "see-end-notes"].includes(mark)) {
        fic.source = "ao3";
        i++;
        continue;
      }
      if (mark === "summary" || mark === "notes") {
        const { blocks: captured, next } = captureSection(
          blocks,
          i + 1,
          fic.source === "ao3" || aheadHasLandmark(blocks, i + 1),
          fic.title?.text,
        );
        (mark === "summary" ? fic.summary : fic.notesBegin).push(...captured);
        i = next;
        continue;
      }
      if (mark === "toc") {
        i = skipToc(blocks, i + 1, toc);
        continue;
      }
      break;
    }
    const lines = text.split("\n").flatMap(splitAo3LabelRun);
    const first = lines[0]!;
    const noteField =
      lines.length === 1 && parseFieldLine(first)?.key === "notes" ? noteStart(text) : undefined;
    if (noteField !== undefined) {
      // "Author's Note: …" at the top is a note that may run on over the next paragraphs.
      const { blocks: noteBlocks, next } = collectNote(blocks, i, noteField.closer);
      const end = noteField.closer === null ? extendNote(blocks, next, noteBlocks) : next;
      fic.notesBegin.push(...noteBlocks);
      contentSeen++;
      i = end;
      continue;
    }
    const headerLine = (l: string): boolean =>
      parseFieldLine(l) !== undefined ||
      parseFfnHeader(l) !== undefined ||
      byline(l) !== undefined ||
      /^posted originally on the archive of our own\b/iu.test(l);
    if (
      parseFieldLine(first) !== undefined ||
      parseFfnHeader(first) !== undefined ||
      (lines.length > 1 && lines.some(headerLine))
    ) {
      if (!readHeaderLines(lines, fic, contentSeen === 0)) break;
      contentSeen++;
      i++;
      continue;
    }
    const authors = byline(text);
    if (authors !== undefined) {
      fic.authors.push(...authors);
      contentSeen++;
      i++;
      continue;
    }
    if (/^posted originally on the archive of our own\b/iu.test(first)) {
      fic.source = "ao3";
      i++;
      continue;
    }
    const decorated = /^\*{3,}\s*(.+?)\s*\*{3,}$/u.exec(text.trim());
    if (decorated && fic.title === null) {
      fic.title = { text: decorated[1]!, source: "declared" };
      contentSeen++;
      i++;
      continue;
    }
    if (fic.title !== null && text.trim().toLowerCase() === fic.title.text.toLowerCase()) {
      i++;
      continue;
    }
    const note = noteStart(text);
    if (note !== undefined) {
      const { blocks: noteBlocks, next } = collectNote(blocks, i, note.closer);
      const end = note.closer === null ? extendNote(blocks, next, noteBlocks) : next;
      (note.kind === "disclaimer" ? fic.disclaimer : fic.notesBegin).push(...noteBlocks);
      contentSeen++;
      i = end;
      continue;
    }
    if (chapterHeading(text) !== undefined) break;
    // FanFiction.Net exports: title, byline, then the summary without a label, then the "Rated:" line.
    const after = blocks[nextContent(blocks, i + 1)];
    if (
      (fic.title !== null || fic.authors.length > 0) &&
      fic.summary.length === 0 &&
      after !== undefined &&
      after.text.split("\n").some((l) => parseFfnHeader(l) !== undefined)
    ) {
      fic.summary.push(block);
      i++;
      continue;
    }
    if (known !== undefined && text.trim().toLowerCase() === known) {
      contentSeen++;
      i++;
      continue;
    }
    // AO3 copies: after the tag lines, the title line, then the creators' line.
    if (
      fic.source === "ao3" &&
      (fic.fields.length > 0 || fic.title !== null) &&
      !text.includes("\n") &&
      text.length <= 150
    ) {
      if (fic.title === null && titleLine(text) !== undefined) {
        fic.title = { text: titleLine(text)!, source: "declared" };
        i++;
        continue;
      }
      if (
        fic.title !== null &&
        fic.authors.length === 0 &&
        fic.summary.length === 0 &&
        !/[.!?]$/u.test(text.trim())
      ) {
        fic.authors.push(...splitAuthors(text));
        i++;
        continue;
      }
    }
    if (
      fic.title === null &&
      fic.notesBegin.length === 0 &&
      titleLine(text) !== undefined &&
      i + 1 < blocks.length
    ) {
      const next = nextContent(blocks, i + 1);
      const nextBlock = blocks[next];
      const storyFollows =
        nextBlock !== undefined && nextBlock.kind === "p" && nextBlock.text.length > text.length;
      if (
        headerish(nextBlock) ||
        storyFollows ||
        nextBlock?.kind === "break" ||
        noteStart(nextBlock?.text ?? "") !== undefined
      ) {
        fic.title = { text: titleLine(text)!, source: "heading" };
        contentSeen++;
        i++;
        continue;
      }
    }
    break;
  }
  return { index: i, toc };
}

/** A heading is the work's title when no later heading is at its level, or all those are chapter headings. */
function isLastHeading(blocks: readonly Block[], i: number): boolean {
  return !blocks.slice(i + 1).some((b) => b.kind === "heading" && b.level <= blocks[i]!.level);
}

function isTitleHeading(blocks: readonly Block[], i: number): boolean {
  const level = blocks[i]!.level;
  const later = blocks.slice(i + 1).filter((b) => b.kind === "heading" && b.level <= level);
  return later.length === 0 || later.every((b) => chapterHeading(b.text) !== undefined);
}

function nextContent(blocks: readonly Block[], from: number): number {
  let j = from;
  while (j < blocks.length && blocks[j]!.kind === "break") j++;
  return j;
}

function aheadHasLandmark(blocks: readonly Block[], from: number): boolean {
  for (let j = from; j < Math.min(blocks.length, from + 40); j++) {
    const mark = landmark(blocks[j]!.text);
    if (mark !== undefined && SECTION_END.includes(mark)) return true;
  }
  return false;
}

/** The paragraphs after a "Summary:"/"Notes:" landmark: up to the next landmark, or one paragraph. */
function captureSection(
  blocks: readonly Block[],
  from: number,
  untilLandmark: boolean,
  stopAt?: string,
): { blocks: Block[]; next: number } {
  const captured: Block[] = [];
  let j = from;
  if (blocks[from]?.quoted === true) {
    // An AO3 download: the section is the blockquote after its label.
    while (j < blocks.length && blocks[j]!.quoted === true) captured.push(blocks[j++]!);
    return { blocks: trimBlocks(captured), next: j };
  }
  while (j < blocks.length) {
    const block = blocks[j]!;
    if (block.kind === "heading") break;
    const mark = landmark(block.text);
    if (mark !== undefined && (SECTION_END.includes(mark) || mark === "posted-on-ao3")) break;
    if (chapterHeading(block.text) !== undefined && captured.length > 0) break;
    if (captured.length > 0 && parseFieldLine(block.text.split("\n")[0]!) !== undefined) break;
    if (stopAt !== undefined && block.text.trim().toLowerCase() === stopAt.toLowerCase()) break;
    captured.push(block);
    j++;
    if (!untilLandmark) break;
  }
  return { blocks: trimBlocks(captured), next: j };
}

function skipToc(blocks: readonly Block[], from: number, toc: Set<string>): number {
  let j = from;
  while (j < blocks.length) {
    const block = blocks[j]!;
    if (block.kind === "break") {
      j++;
      if (toc.size > 0) break;
      continue;
    }
    if (block.kind === "heading") break;
    const lines = block.text.split("\n").map((l) => l.trim());
    if (lines.some((l) => l.length > 120)) break;
    const entries = lines.map(tocEntry);
    if (entries.some((e) => toc.has(e.toLowerCase()))) break;
    const heading = lines.length === 1 ? chapterHeading(lines[0]!) : undefined;
    if (heading !== undefined && toc.size > 0) {
      if (heading.title !== null && toc.has(heading.title.toLowerCase())) break;
      if (![...toc].some((e) => chapterHeading(e) !== undefined)) break;
    }
    if (lines.length === 1 && toc.size > 0 && /[.!?"”]$/u.test(lines[0]!) && !/^\d+\.\s/u.test(lines[0]!))
      break;
    for (const e of entries) toc.add(e.toLowerCase());
    j++;
  }
  return j;
}

/** "1. Prologue" → "Prologue"; "Chapter 1" stays. */
function tocEntry(line: string): string {
  return line.replace(/^\d+\.\s+/u, "").trim();
}

/** Reads a header paragraph's lines; false when a line is story, not header. */
function readHeaderLines(lines: string[], fic: RawFic, mayHoldTitle: boolean): boolean {
  let last: HeaderField | undefined;
  const consumed: HeaderField[] = [];
  let titleCandidate: string | undefined;
  let authors: string[] = [];
  let ffn: FfnHeader | undefined;
  for (const [n, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const ffnLine = parseFfnHeader(line);
    if (ffnLine !== undefined) {
      ffn = ffnLine;
      last = undefined;
      continue;
    }
    const field = parseFieldLine(line);
    if (field !== undefined) {
      consumed.push(field);
      last = field;
      continue;
    }
    const by = byline(line);
    if (by !== undefined) {
      authors.push(...by);
      continue;
    }
    if (n === 0 && mayHoldTitle && titleLine(line) !== undefined) {
      titleCandidate = titleLine(line);
      continue;
    }
    if (/^posted originally on the archive of our own\b/iu.test(line)) {
      fic.source = "ao3";
      continue;
    }
    if (last !== undefined) {
      const previous = last.value;
      last.value =
        previous === "" ? line.trim() : `${previous}${previous.length >= 60 ? " " : "\n"}${line.trim()}`;
      continue;
    }
    return false;
  }
  if (titleCandidate !== undefined && fic.title === null)
    fic.title = { text: titleCandidate, source: "heading" };
  if (ffn !== undefined) {
    fic.ffn = ffn;
    fic.source = "ffn";
  }
  for (const field of consumed) {
    if (field.key === "disclaimer" && field.value !== "" && fic.disclaimer.length === 0) {
      fic.disclaimer.push(paragraph(field.value));
    } else if (field.key === "title" && field.value !== "") {
      fic.title = { text: field.value, source: "declared" };
    } else if (field.key === "author") {
      authors.push(...splitAuthors(field.value));
    } else {
      fic.fields.push(field);
    }
  }
  authors = authors.filter((a) => !fic.authors.includes(a));
  fic.authors.push(...authors);
  return true;
}

/** A note starting at `from`; a wrapped one runs to its closing bracket (at most 30 paragraphs). */
function collectNote(
  blocks: readonly Block[],
  from: number,
  closer: string | null,
): { blocks: Block[]; next: number } {
  const first = blocks[from]!;
  const start = noteStart(first.text)!;
  const noteBlocks: Block[] = [withText(first, start.text)];
  let j = from + 1;
  if (closer !== null) {
    while (j < blocks.length && j < from + 30) {
      const block = blocks[j]!;
      j++;
      const t = block.text.trimEnd();
      if (t.endsWith(closer)) {
        noteBlocks.push(withText(block, t.slice(0, -1)));
        return { blocks: trimBlocks(noteBlocks), next: j };
      }
      noteBlocks.push(block);
    }
    // No closing bracket: only the first paragraph was the note.
    return { blocks: [withText(first, start.text)], next: from + 1 };
  }
  return { blocks: trimBlocks(noteBlocks), next: j };
}

/**
 * An unwrapped note at the start runs on through paragraphs that talk to the reader, or through
 * anything up to a scene break close by; returns where the story starts (after that break).
 */
function extendNote(blocks: readonly Block[], from: number, noteBlocks: Block[]): number {
  const continues = (b: Block, firstPerson: boolean): boolean =>
    b.kind === "p" &&
    noteStart(b.text) === undefined &&
    chapterHeading(b.text) === undefined &&
    landmark(b.text) === undefined &&
    parseFieldLine(b.text.split("\n")[0]!) === undefined &&
    soundsLikeNote(b.text, firstPerson);
  const breakAt = blocks.slice(from, from + 6).findIndex((b) => b.kind === "break" || b.kind === "heading");
  if (
    breakAt > 0 &&
    blocks[from + breakAt]!.kind === "break" &&
    blocks.slice(from, from + breakAt).every((b) => continues(b, true))
  ) {
    noteBlocks.push(...blocks.slice(from, from + breakAt));
    return from + breakAt + 1;
  }
  let j = from;
  while (j < blocks.length && j < from + 12 && continues(blocks[j]!, false)) {
    noteBlocks.push(blocks[j]!);
    j++;
  }
  if (j > from && blocks[j]?.kind === "break") return j + 1;
  return j;
}

/** The block with new text (the label or a bracket removed); its HTML is remade from the text. */
function withText(block: Block, text: string): Block {
  if (text === block.text) return block;
  const html = stripHtmlPrefix(block.html, block.text, text);
  return { ...block, text, html };
}

/** Removes from inline HTML the characters removed from the text (a label, brackets). */
function stripHtmlPrefix(html: string, before: string, after: string): string {
  const at = before.indexOf(after);
  if (at < 0 || after === "") return textToInlineHtml(after);
  const removedStart = before.slice(0, at);
  const removedEnd = before.slice(at + after.length);
  let out = html;
  out = removeLeadingChars(out, removedStart.replace(/\s/gu, "").length);
  out = removeTrailingChars(out, removedEnd.replace(/\s/gu, "").length);
  return out.replace(/^(\s|<br \/>)+/u, "");
}

/** Drops `count` visible non-space characters from the start of inline HTML, keeping its tags. */
function removeLeadingChars(html: string, count: number): string {
  let remaining = count;
  let out = "";
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === "<") {
      const end = html.indexOf(">", i);
      out += html.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (remaining > 0) {
      if (ch === "&") {
        const end = html.indexOf(";", i);
        i = end + 1;
        remaining--;
        continue;
      }
      if (!/\s/u.test(ch)) remaining--;
      i++;
      continue;
    }
    out += html.slice(i);
    break;
  }
  return out;
}

function removeTrailingChars(html: string, count: number): string {
  let remaining = count;
  let end = html.length;
  let tail = "";
  while (end > 0 && remaining > 0) {
    const ch = html[end - 1]!;
    if (ch === ">") {
      const start = html.lastIndexOf("<", end - 1);
      tail = html.slice(start, end) + tail;
      end = start;
      continue;
    }
    if (ch === ";") {
      const amp = html.lastIndexOf("&", end - 1);
      if (amp >= 0 && end - amp < 12) {
        end = amp;
        remaining--;
        continue;
      }
    }
    if (!/\s/u.test(ch)) remaining--;
    end--;
  }
  return html.slice(0, end) + tail;
}

interface Section {
  title: string | null;
  blocks: Block[];
  heading: boolean;
}

function readBody(blocks: readonly Block[], fic: RawFic, toc: Set<string>, deadline?: Deadline): void {
  const titleKey = fic.title?.text.trim().toLowerCase();
  const headingLevels = blocks
    .filter(
      (b) =>
        b.kind === "heading" && landmark(b.text) === undefined && b.text.trim().toLowerCase() !== titleKey,
    )
    .map((b) => b.level);
  const chapterLevel = headingLevels.length > 0 ? Math.min(...headingLevels) : 0;
  const sections: Section[] = [{ title: null, blocks: [], heading: false }];
  let afterword: "no" | "skip" | "notes" = "no";
  const afterwordNotes: Block[] = [];
  const title = fic.title?.text.trim().toLowerCase();
  let headingsSeen = 0;
  for (let i = 0; i < blocks.length; i++) {
    if ((i & 511) === 0) deadline?.check();
    const block = blocks[i]!;
    const mark = block.kind !== "break" ? landmark(block.text) : undefined;
    if (
      (mark === "afterword" &&
        (fic.source === "ao3" ||
          (block.kind === "heading" &&
            block.level === chapterLevel &&
            isLastHeading(blocks, i) &&
            blocks.slice(i).some((b) => landmark(b.text) === "end-notes")))) ||
      mark === "inspired-works" ||
      mark === "comment-please"
    ) {
      afterword = "skip";
      continue;
    }
    if (mark === "end-notes" && (afterword !== "no" || fic.source === "ao3")) {
      afterword = "notes";
      continue;
    }
    if (afterword !== "no") {
      if (afterword === "notes" && block.kind === "p" && mark === undefined) afterwordNotes.push(block);
      continue;
    }
    if (block.kind === "heading" && (mark === "preface" || mark === "toc")) continue;
    if (
      block.kind === "heading" &&
      headingsSeen === 0 &&
      title !== undefined &&
      block.text.trim().toLowerCase() === title &&
      sections[0]!.blocks.every((b) => b.kind === "break")
    ) {
      headingsSeen++;
      continue;
    }
    const asHeading =
      (block.kind === "heading" && block.level === chapterLevel) ||
      (block.kind === "p" &&
        (chapterHeading(block.text) !== undefined ||
          (toc.size > 0 && !block.text.includes("\n") && toc.has(block.text.trim().toLowerCase()))));
    if (asHeading) {
      headingsSeen++;
      const heading = block.kind === "heading" ? undefined : chapterHeading(block.text);
      const title =
        block.kind === "heading"
          ? headingTitle(block.text)
          : heading !== undefined
            ? heading.title
            : block.text.trim();
      sections.push({ title, blocks: [], heading: true });
      continue;
    }
    sections.at(-1)!.blocks.push(block);
  }
  const [preamble, ...chapters] = sections;
  const read = chapters.map((s) => readChapter(s.title, s.blocks, fic));
  const pre = readChapter(null, preamble!.blocks, fic);
  const preHasStory = pre.chapter.body.some((b) => b.kind !== "break");
  if (preHasStory || read.length === 0) {
    read.unshift(pre);
  } else {
    fic.notesBegin.push(...pre.chapter.notesBegin, ...pre.chapter.notesEnd);
    if (fic.summary.length === 0) fic.summary.push(...pre.chapter.summary);
  }
  if (read.length === 0) return;
  const last = read.at(-1)!;
  fic.ending = last.ending ?? read.map((r) => r.ending).findLast((e) => e !== undefined);
  fic.asksToContinue = read.some((r) => r.asks);
  fic.chapters = read.map((r) => r.chapter);
  if (fic.chapters.length === 1) {
    const only = fic.chapters[0]!;
    fic.notesBegin.push(...only.notesBegin);
    fic.notesEnd.push(...only.notesEnd, ...last.afterEnd);
    only.notesBegin = [];
    only.notesEnd = [];
    if (fic.summary.length === 0) fic.summary.push(...only.summary);
    only.summary = [];
  } else {
    fic.notesEnd.push(...last.afterEnd);
  }
  fic.notesEnd.push(...afterwordNotes);
}

interface ReadChapter {
  chapter: RawChapter;
  ending: EndMarker | undefined;
  /** Notes after the end marker ("The End"), which close the whole work. */
  afterEnd: Block[];
  asks: boolean;
}

function readChapter(title: string | null, all: Block[], fic: RawFic): ReadChapter {
  const chapter: RawChapter = { title, summary: [], notesBegin: [], notesEnd: [], body: [] };
  let blocks = [...all];
  let ending: EndMarker | undefined;
  const afterEnd: Block[] = [];

  // AO3's "Chapter End Notes" / "End Notes" landmark: what follows is the chapter's end notes.
  const endNotesAt = blocks.findIndex((b) => b.kind === "p" && landmark(b.text) === "chapter-end-notes");
  if (endNotesAt >= 0) {
    chapter.notesEnd.push(
      ...trimBlocks(blocks.slice(endNotesAt + 1).filter((b) => landmark(b.text) === undefined)),
    );
    blocks = blocks.slice(0, endNotesAt);
  }

  // Leading: landmarks, summary fields, notes and disclaimers.
  let i = 0;
  while (i < blocks.length) {
    const block = blocks[i]!;
    if (block.kind === "break") {
      i++;
      continue;
    }
    if (block.kind === "heading") break;
    const mark = landmark(block.text);
    if (mark === "chapter-text" || mark === "work-text") {
      i++;
      break;
    }
    if (mark === "chapter-summary" || mark === "summary" || mark === "chapter-notes" || mark === "notes") {
      const { blocks: captured, next } = captureSection(blocks, i + 1, true);
      (mark.endsWith("summary") ? chapter.summary : chapter.notesBegin).push(...captured);
      i = next;
      continue;
    }
    if (mark === "see-end-notes") {
      i++;
      continue;
    }
    const field = parseFieldLine(block.text.split("\n")[0]!);
    if (field !== undefined && field.key === "summary" && field.value !== "") {
      chapter.summary.push(withText(block, block.text.slice(block.text.indexOf(field.value))));
      i++;
      continue;
    }
    const note = noteStart(block.text);
    if (note === undefined) break;
    const { blocks: noteBlocks, next } = collectNote(blocks, i, note.closer);
    const end = note.closer === null ? extendNote(blocks, next, noteBlocks) : next;
    if (note.kind === "disclaimer") {
      if (fic.disclaimer.length === 0) fic.disclaimer.push(...noteBlocks);
      else chapter.notesBegin.push(...noteBlocks);
    } else {
      chapter.notesBegin.push(...noteBlocks);
    }
    i = end;
  }
  blocks = blocks.slice(i);

  // AO3's page: a "Notes:" section after the text is the chapter's end notes.
  const trailingNotesAt = blocks.findLastIndex(
    (b) => b.kind === "p" && (landmark(b.text) === "notes" || landmark(b.text) === "end-notes"),
  );
  if (trailingNotesAt >= 0) {
    chapter.notesEnd.push(
      ...trimBlocks(blocks.slice(trailingNotesAt + 1).filter((b) => landmark(b.text) === undefined)),
    );
    blocks = blocks.slice(0, trailingNotesAt);
  }

  // Trailing: end markers and notes, in any order.
  let changed = true;
  while (changed) {
    changed = false;
    blocks = trimBlocks(blocks);
    const lastBlock = blocks.at(-1);
    if (lastBlock === undefined) break;
    const marker = lastBlock.kind === "p" ? endMarker(lastBlock.text) : undefined;
    if (marker !== undefined) {
      ending ??= marker;
      blocks = blocks.slice(0, -1);
      // Notes already taken from after the marker close the work.
      afterEnd.unshift(...chapter.notesEnd);
      chapter.notesEnd = [];
      changed = true;
      continue;
    }
    const noteAt = trailingNoteStart(blocks);
    if (noteAt !== undefined) {
      const start = noteStart(blocks[noteAt]!.text)!;
      const noteBlocks = [withText(blocks[noteAt]!, start.text), ...blocks.slice(noteAt + 1)];
      const closer = start.closer;
      if (closer !== null) {
        const lastNote = noteBlocks.at(-1)!;
        if (lastNote.text.trimEnd().endsWith(closer))
          noteBlocks[noteBlocks.length - 1] = withText(lastNote, lastNote.text.trimEnd().slice(0, -1));
      }
      chapter.notesEnd.unshift(
        ...trimBlocks(noteBlocks.filter((b) => b.kind !== "p" || endMarker(b.text) === undefined)),
      );
      const markerInside = noteBlocks.find((b) => b.kind === "p" && endMarker(b.text) !== undefined);
      if (markerInside !== undefined) ending ??= endMarker(markerInside.text);
      blocks = blocks.slice(0, noteAt);
      changed = true;
    }
  }

  // Notes in the middle of the story are moved to the end notes.
  const body: Block[] = [];
  const moved: Block[] = [];
  for (let j = 0; j < blocks.length; j++) {
    const block = blocks[j]!;
    const note = block.kind === "p" ? noteStart(block.text) : undefined;
    if (note !== undefined && note.kind === "note") {
      const { blocks: noteBlocks, next } = collectNote(blocks, j, note.closer);
      moved.push(...noteBlocks);
      j = next - 1;
      continue;
    }
    body.push(block);
  }
  if (moved.length > 0) {
    chapter.notesEnd.push(...moved);
    fic.diagnostics.push(
      `An author's note in the middle of ${title === null ? "the story" : `“${title}”`} was moved to the end notes.`,
    );
  }
  chapter.body = trimBlocks(body);
  const asks = [...chapter.notesEnd, ...afterEnd, ...chapter.body.slice(-2)].some((b) =>
    asksWhetherToContinue(b.text),
  );
  return { chapter, ending, afterEnd, asks };
}

/** Where a note at the end of the blocks starts: a labelled paragraph among the last few, or a wrapped note's opening. */
function trailingNoteStart(blocks: readonly Block[]): number | undefined {
  const last = blocks.at(-1)!;
  const lastText = last.text.trimEnd();
  // A wrapped note ending here: find its opening within 30 paragraphs.
  if (/[)\]]$/u.test(lastText)) {
    for (let j = blocks.length - 1; j >= Math.max(0, blocks.length - 30); j--) {
      const start = noteStart(blocks[j]!.text);
      if (start !== undefined) {
        if (start.closer !== null || j === blocks.length - 1) return j;
        break;
      }
    }
  }
  for (let j = blocks.length - 1; j >= Math.max(0, blocks.length - 8); j--) {
    const block = blocks[j]!;
    if (block.kind === "break") return undefined;
    const start = block.kind === "p" ? noteStart(block.text) : undefined;
    const after = blocks.slice(j + 1);
    const runsToEnd = after.every(
      (b) =>
        b.kind === "p" &&
        (soundsLikeNote(b.text, true) || endMarker(b.text) !== undefined || noteStart(b.text) !== undefined),
    );
    if (start !== undefined && start.kind === "note" && runsToEnd) {
      // The earliest of consecutive labelled notes.
      let k = j;
      while (k - 1 >= 0 && blocks[k - 1]!.kind === "p" && noteStart(blocks[k - 1]!.text)?.kind === "note")
        k--;
      return k;
    }
  }
  return undefined;
}
