// What the importer reads out of a fic file: the document `quire import --dry-run --json` prints and
// docs/import-format.md describes. Plain text for people and the fidelity score; `html` beside it for saving.

export type ImportFormat = "txt" | "md" | "html" | "epub" | "docx";
export type ImportSource = "ao3" | "ffn" | "fanficfare" | "efiction" | "generic";
export type TitleSource = "declared" | "heading" | "filename";

export interface ImportTag {
  /** The archive's canonical name where one is known, otherwise the name as written (normalised). */
  name: string;
  source: "declared" | "inferred";
  /** 1 for declared tags; below 1 for inferred ones. */
  confidence: number;
  /** The words that gave the tag: the declared field, or what was found in the text. */
  evidence: string;
}

export interface ImportNotes {
  begin: string | null;
  end: string | null;
}

export interface ImportChapter {
  title: string | null;
  summary: string | null;
  notes: ImportNotes;
  /** Plain text: paragraphs separated by a blank line. */
  text: string;
  words: number;
}

export interface ImportResult {
  file: string;
  format: ImportFormat;
  source: ImportSource;
  title: string | null;
  titleSource: TitleSource | null;
  authors: string[];
  summary: string | null;
  disclaimer: string | null;
  notes: ImportNotes;
  rating: ImportTag | null;
  warnings: ImportTag[];
  categories: ImportTag[];
  fandoms: ImportTag[];
  relationships: ImportTag[];
  characters: ImportTag[];
  freeforms: ImportTag[];
  language: string | null;
  complete: boolean | null;
  series: { title: string; part: number | null } | null;
  published: string | null;
  chapters: ImportChapter[];
  words: number;
  diagnostics: string[];
}

/** The same work as HTML (unsanitized here; the import sanitizes it like any posted text). */
export interface ImportHtml {
  summary: string | null;
  notes: ImportNotes;
  disclaimer: string | null;
  chapters: { summary: string | null; notes: ImportNotes; text: string }[];
}

export interface ImportedFic {
  result: ImportResult;
  html: ImportHtml;
}

export const tagFields = [
  "warnings",
  "categories",
  "fandoms",
  "relationships",
  "characters",
  "freeforms",
] as const;
export type TagField = (typeof tagFields)[number];
