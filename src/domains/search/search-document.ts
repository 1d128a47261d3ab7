// What full-text search reads of a work: its fields as plain text. Only posted chapters are read,
// so a draft chapter's words never find a work.
import { htmlToText } from "../../content/plain-text.js";

export interface SearchDocument {
  doc: number;
  title: string;
  creators: string;
  summary: string;
  notes: string;
  tags: string;
  fandoms: string;
  body: string;
}

export interface SearchSource {
  doc: number;
  title: string;
  summary: string;
  notes: string;
  endnotes: string;
  creators: readonly string[];
  /** Names of the work's tags and of the tags they file under (canonical and meta tags), not fandoms. */
  tagNames: readonly string[];
  fandomNames: readonly string[];
  chapters: readonly { title: string; summary: string; notes: string; endnotes: string; content: string }[];
}

/**
 * The search document of a work. `textOf` may answer htmlToText for HTML whose text is already
 * known (an import read it off each field as it prepared it); it must answer exactly that or
 * undefined.
 */
export function searchDocument(
  source: SearchSource,
  textOf?: (html: string) => string | undefined,
): SearchDocument {
  const text = (html: string) => (html ? (textOf?.(html) ?? htmlToText(html)) : "");
  const join = (parts: readonly string[]) => parts.filter((p) => p !== "").join("\n");
  return {
    doc: source.doc,
    title: source.title,
    creators: join(source.creators),
    summary: join([text(source.summary), ...source.chapters.map((c) => text(c.summary))]),
    notes: join([
      text(source.notes),
      text(source.endnotes),
      ...source.chapters.flatMap((c) => [text(c.notes), text(c.endnotes)]),
    ]),
    tags: join([...new Set(source.tagNames)]),
    fandoms: join([...new Set(source.fandomNames)]),
    body: join(source.chapters.flatMap((c) => [c.title, text(c.content)])),
  };
}
