// The stored form of the HTML fields works, chapters and series share: each field sanitized, with
// its sanitizer version beside it, and a chapter's text with its word count. A field may come
// prepared ahead of time (an import prepares its fields where it reads the file, in a worker
// thread); a prepared field is used only for exactly the input it was prepared from.
import { htmlToText } from "../../content/plain-text.js";
import { SANITIZER_VERSION, type HtmlField } from "../../content/sanitizer.js";
import { prepareHtml, type TextFormat } from "../../content/text-format.js";
import { countWords } from "../../content/word-count.js";

type NoteField = "summary" | "notes" | "endnotes";
export type NoteColumns = Partial<Record<NoteField, string> & Record<`${NoteField}_sv`, number>>;

/** A work's or chapter's summary, notes and end notes when it has none (before noteColumns fills some). */
export const noNotes = {
  summary: "",
  summary_sv: 0,
  notes: "",
  notes_sv: 0,
  endnotes: "",
  endnotes_sv: 0,
} as const;

/** One field as prepareField made it: what it was made from, the stored HTML and what is read off it. */
export interface PreparedField {
  /** The input exactly as typed (or imported), the format and the field it was prepared for. */
  input: string;
  format: TextFormat;
  field: HtmlField;
  html: string;
  sanitizerVersion: number;
  /** countWords(html). */
  words: number;
  /** htmlToText(html): what the search document reads. */
  text: string;
}

/** The prepared fields of a work's form or a chapter's (any may be missing). */
export type PreparedFields = Partial<Record<NoteField | "text", PreparedField>>;

/**
 * Prepares one field's input for storing: everything the posting services compute from it.
 * `inputWords` is countWords(input), when the caller has it (the importer counts each chapter's
 * HTML as it reads it): the stored HTML's count when the stored HTML is the input unchanged.
 */
export function prepareField(
  input: string,
  format: TextFormat,
  field: HtmlField,
  inputWords?: number,
): PreparedField {
  const prepared = prepareHtml(input, format, field);
  const words =
    field !== "content"
      ? 0
      : inputWords !== undefined && prepared.html === input
        ? inputWords
        : countWords(prepared.html);
  return {
    input,
    format,
    field,
    html: prepared.html,
    sanitizerVersion: prepared.sanitizerVersion,
    words,
    text: prepared.html === "" ? "" : htmlToText(prepared.html),
  };
}

/** The prepared field when it was made from this very input (by this sanitizer), else undefined. */
function preparedFor(
  prepared: PreparedField | undefined,
  input: string,
  format: TextFormat,
  field: HtmlField,
): PreparedField | undefined {
  return prepared !== undefined &&
    prepared.input === input &&
    prepared.format === format &&
    prepared.field === field &&
    prepared.sanitizerVersion === SANITIZER_VERSION
    ? prepared
    : undefined;
}

/** The columns for whichever of summary, notes and end notes `data` has (left out: unchanged). */
export function noteColumns(
  data: Partial<Record<NoteField, string | undefined>>,
  format: TextFormat,
  prepared: PreparedFields = {},
): NoteColumns {
  const columns: NoteColumns = {};
  for (const field of ["summary", "notes", "endnotes"] as const) {
    const value = data[field];
    if (value === undefined) continue;
    const kind = field === "summary" ? "summary" : "notes";
    const done = preparedFor(prepared[field], value, format, kind) ?? prepareHtml(value, format, kind);
    columns[field] = done.html;
    columns[`${field}_sv`] = done.sanitizerVersion;
  }
  return columns;
}

/** A chapter's stored text, its sanitizer version and its word count. */
export function contentColumns(
  text: string,
  format: TextFormat,
  prepared?: PreparedField,
): { content: string; content_sv: number; word_count: number } {
  const done = preparedFor(prepared, text, format, "content");
  if (done !== undefined)
    return { content: done.html, content_sv: done.sanitizerVersion, word_count: done.words };
  const fresh = prepareHtml(text, format, "content");
  return { content: fresh.html, content_sv: fresh.sanitizerVersion, word_count: countWords(fresh.html) };
}
