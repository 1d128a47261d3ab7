// The stored form of the HTML fields works, chapters and series share: each field sanitized, with
// its sanitizer version beside it, and a chapter's text with its word count.
import { prepareHtml, type TextFormat } from "../../content/text-format.js";
import { countWords } from "../../content/word-count.js";

type NoteField = "summary" | "notes" | "endnotes";
export type NoteColumns = Partial<Record<NoteField, string> & Record<`${NoteField}_sv`, number>>;

/** The columns for whichever of summary, notes and end notes `data` has (left out: unchanged). */
export function noteColumns(
  data: Partial<Record<NoteField, string | undefined>>,
  format: TextFormat,
): NoteColumns {
  const columns: NoteColumns = {};
  for (const field of ["summary", "notes", "endnotes"] as const) {
    const value = data[field];
    if (value === undefined) continue;
    const prepared = prepareHtml(value, format, field === "summary" ? "summary" : "notes");
    columns[field] = prepared.html;
    columns[`${field}_sv`] = prepared.sanitizerVersion;
  }
  return columns;
}

/** A chapter's stored text, its sanitizer version and its word count. */
export function contentColumns(
  text: string,
  format: TextFormat,
): { content: string; content_sv: number; word_count: number } {
  const prepared = prepareHtml(text, format, "content");
  return {
    content: prepared.html,
    content_sv: prepared.sanitizerVersion,
    word_count: countWords(prepared.html),
  };
}
