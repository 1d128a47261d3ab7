// The half of an import that needs no database: read the file, turn what was read into the posting
// forms' inputs, and prepare every HTML field as the posting services would (sanitized, with
// paragraphs, its word count and its plain text). Pure, so it can run in a worker thread
// (read-pool.ts) while the importing thread saves the files before it.
import { prepareField, type PreparedFields } from "../works/html-columns.js";
import { defaultLanguage, languageByCode, languages } from "../works/languages.js";
import {
  tagFields,
  type ImportedFic,
  type ImportFormat,
  type ImportResult,
  type ImportSource,
  type TitleSource,
} from "./import-result.js";
import { readFic, type ReadFicOptions } from "./read-fic.js";

/** A form field the importer filled from the text rather than from a declared field. */
export type SuggestedField = "rating" | (typeof tagFields)[number];

export interface SuggestedTag {
  name: string;
  evidence: string;
  confidence: number;
}

/** What the review form marks: the inferred tags per field, and where the title came from. */
export interface ImportSuggestions {
  titleSource: TitleSource | null;
  tags: Partial<Record<SuggestedField, SuggestedTag[]>>;
}

/** Chapter 1's own summary and notes, which the posting form has no fields for. */
export interface FirstChapterInput {
  summary: string;
  notes: string;
  endnotes: string;
}

/**
 * A file read and ready to save: the posting services' inputs and their fields prepared. (Not the
 * whole ImportedFic: what saving doesn't use stays in the thread that read it.)
 */
export interface PreparedImport {
  format: ImportFormat;
  source: ImportSource;
  diagnostics: string[];
  /** The posting form (postWork) without its pseud, which the importing account chooses. */
  work: Record<string, unknown>;
  /** Chapter 1's summary and notes (editChapter), or null when it has none. */
  firstChapter: FirstChapterInput | null;
  /** Chapters 2…n (addChapters). */
  chapters: Record<string, unknown>[];
  prepared: { work: PreparedFields; firstChapter: PreparedFields; chapters: PreparedFields[] };
  suggestions: ImportSuggestions;
  /** The series the file names (AO3's "Part 2 of …"): joined, or begun, by title when saving. */
  series: { title: string; part: number | null } | null;
}

/** Reads a fic file (readFic) and prepares it for saving; throws ImportRefused as readFic does. */
export async function readAndPrepare(
  fileName: string,
  bytes: Uint8Array,
  options: ReadFicOptions,
): Promise<PreparedImport> {
  return prepareImport(await readFic(fileName, bytes, options));
}

/** The posting services' inputs for what was read, with every HTML field prepared. */
export function prepareImport(fic: ImportedFic): PreparedImport {
  const { result, html } = fic;
  const work = workInput(result, fic.html);
  const first = html.chapters[0];
  const firstChapter =
    first && (first.summary !== null || first.notes.begin !== null || first.notes.end !== null)
      ? { summary: first.summary ?? "", notes: first.notes.begin ?? "", endnotes: first.notes.end ?? "" }
      : null;
  const chapters = html.chapters.slice(1).map((chapter, i) => ({
    title: result.chapters[i + 1]?.title ?? "",
    summary: chapter.summary ?? "",
    notes: chapter.notes.begin ?? "",
    endnotes: chapter.notes.end ?? "",
    text: chapter.text,
    text_format: "html",
  }));
  return {
    format: result.format,
    source: result.source,
    diagnostics: result.diagnostics,
    work,
    firstChapter,
    chapters,
    prepared: {
      work: prepareFields(
        work as Partial<Record<"summary" | "notes" | "endnotes" | "text", string>>,
        result.chapters[0]?.words,
      ),
      firstChapter: firstChapter === null ? {} : prepareFields(firstChapter),
      chapters: chapters.map((chapter, i) => prepareFields(chapter, result.chapters[i + 1]?.words)),
    },
    suggestions: suggestionsOf(result),
    series: result.series,
  };
}

/**
 * Every HTML field of a form's input, prepared as the posting services prepare them (HTML format);
 * `words` is what the reading counted in its text.
 */
function prepareFields(
  input: Partial<Record<"summary" | "notes" | "endnotes" | "text", string>>,
  words?: number,
): PreparedFields {
  const fields: PreparedFields = {};
  if (input.summary !== undefined) fields.summary = prepareField(input.summary, "html", "summary");
  if (input.notes !== undefined) fields.notes = prepareField(input.notes, "html", "notes");
  if (input.endnotes !== undefined) fields.endnotes = prepareField(input.endnotes, "html", "notes");
  if (input.text !== undefined) fields.text = prepareField(input.text, "html", "content", words);
  return fields;
}

/**
 * The posting form's fields for what was read: tags, preface, language, chapter count, chapter 1,
 * and the date it was first published (backdated) when the file gives one that has passed.
 */
function workInput(result: ImportResult, html: ImportedFic["html"]): Record<string, unknown> {
  const names = (tags: readonly { name: string }[]) => tags.map((t) => t.name);
  const chapters = Math.max(html.chapters.length, 1);
  const beginNotes = [html.disclaimer, html.notes.begin].filter((n): n is string => n !== null && n !== "");
  return {
    title: result.title ?? result.file,
    rating: result.rating?.name ?? "Not Rated",
    warnings: result.warnings.length > 0 ? names(result.warnings) : ["Choose Not To Use Archive Warnings"],
    categories: names(result.categories),
    fandoms: result.fandoms.length > 0 ? names(result.fandoms) : ["No Fandom"],
    relationships: names(result.relationships),
    characters: names(result.characters),
    freeforms: names(result.freeforms),
    summary: html.summary ?? "",
    notes: beginNotes.join("\n"),
    endnotes: html.notes.end ?? "",
    language: languageCode(result.language),
    expected_chapters: result.complete === true ? String(chapters) : "?",
    chapter_title: result.chapters[0]?.title ?? "",
    text: html.chapters[0]?.text ?? "",
    text_format: "html",
    ...(realDay(result.published) ? { backdate: true, published_on: result.published } : {}),
  };
}

/** Whether `date` (YYYY-MM-DD) is a real day (one still to come is dropped when saving: formFields). */
function realDay(date: string | null): boolean {
  if (date === null) return false;
  const at = new Date(`${date}T00:00:00.000Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === date;
}

const englishNames = new Intl.DisplayNames(["en"], { type: "language" });

/**
 * The archive's language code for a language name as the importer gives it ("English", "Brazilian
 * Portuguese", "Deutsch", or a code); the default language when none matches.
 */
export function languageCode(name: string | null): string {
  if (name === null || name.trim() === "") return defaultLanguage;
  const wanted = name.trim().toLocaleLowerCase("en");
  const candidates = languages.map((l) => ({
    code: l.code,
    names: [l.name.toLocaleLowerCase("en"), (englishNames.of(l.code) ?? l.code).toLocaleLowerCase("en")],
  }));
  const exact = candidates.find((c) => c.names.includes(wanted));
  if (exact) return exact.code;
  const byCode = languageByCode(name);
  if (byCode) return byCode.code;
  // "American English", "Swiss German": a known language's name as a word of the one given.
  const words = wanted.split(/[\s,()-]+/u);
  const within = candidates.find((c) => words.includes(c.names[1]!));
  return within?.code ?? defaultLanguage;
}

/** The inferred tags of each field (with their evidence) and the title's source, for the review form. */
export function suggestionsOf(result: ImportResult): ImportSuggestions {
  const tags: ImportSuggestions["tags"] = {};
  const inferred = (list: readonly ImportResult["fandoms"][number][]) =>
    list
      .filter((t) => t.source === "inferred")
      .map((t) => ({ name: t.name, evidence: t.evidence, confidence: t.confidence }));
  if (result.rating) {
    const rating = inferred([result.rating]);
    if (rating.length > 0) tags.rating = rating;
  }
  for (const field of tagFields) {
    const list = inferred(result[field]);
    if (list.length > 0) tags[field] = list;
  }
  return { titleSource: result.titleSource, tags };
}
