// Importing a fic file as a work: read it (read-fic.ts), turn what was read into the posting form's
// fields, and save the work, its chapters and the import's record in one transaction through the
// same services the site posts with, so the same rules, limits and sanitizer apply. The same file
// imported again by the same account (by content hash) is skipped.
import { AppError, Invalid, isUniqueViolation, type FieldErrors } from "../../lib/errors.js";
import { newId, sha256Hex } from "../../lib/ids.js";
import { nowIso } from "../../lib/time.js";
import { requireUser, type Actor } from "../actor.js";
import { addChapter, editChapter } from "../chapters/chapter.service.js";
import * as chapterRepo from "../chapters/chapter.repo.js";
import { inTransaction, type Ctx } from "../context.js";
import * as pseuds from "../users/pseud.repo.js";
import { defaultLanguage, languageByCode, languages } from "../works/languages.js";
import { postWork, recomputeWork } from "../works/work.service.js";
import { importLimits } from "./import-limits.js";
import { ImportRefused } from "./import-refused.js";
import { tagFields, type ImportHtml, type ImportResult, type TitleSource } from "./import-result.js";
import * as repo from "./import.repo.js";
import { readFic } from "./read-fic.js";

export const messages = {
  loginFirst: "Please log in to import works.",
  pseudNotYours: "Choose from your own pseuds.",
};

export interface ImportedFile {
  fileName: string;
  bytes: Uint8Array;
}

export interface ImportOptions {
  /** The pseud to credit; the account's default pseud when left out. */
  pseudId?: string | undefined;
  /** Post at once; otherwise save a draft to review. */
  post: boolean;
  /** false: don't count toward the posting rate limit (the operator's `quire import`). */
  countPosting?: boolean;
}

export type ImportOutcome =
  | { status: "imported"; workId: string; title: string; posted: boolean; diagnostics: string[] }
  | { status: "duplicate"; workId: string };

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

/** Checks that `pseudId` (if given) is one of the actor's own pseuds; Invalid on `pseud_id` otherwise. */
export async function checkImportPseud(ctx: Ctx, actor: Actor, pseudId: string | undefined): Promise<void> {
  const user = requireUser(actor, messages.loginFirst);
  if (pseudId === undefined || pseudId === "") return;
  const pseud = await pseuds.findPseudById(ctx.db, pseudId);
  if (!pseud || pseud.userId !== user.id)
    throw new Invalid({ pseud_id: messages.pseudNotYours }, `Pseud: ${messages.pseudNotYours}`);
}

export function contentHash(bytes: Uint8Array): string {
  return sha256Hex(bytes);
}

/**
 * Imports one fic file as a work of the actor's: a draft, or posted with `post`. Throws
 * ImportRefused when the file can't be read, and Invalid (its message naming the field) when what
 * was read breaks a posting rule; either way nothing is written.
 */
export async function importFile(
  ctx: Ctx,
  actor: Actor,
  file: ImportedFile,
  options: ImportOptions,
): Promise<ImportOutcome> {
  const user = requireUser(actor, messages.loginFirst);
  const hash = contentHash(file.bytes);
  const earlier = await repo.findImportByHash(ctx.db, user.id, hash);
  if (earlier) return { status: "duplicate", workId: earlier.work_id };
  await checkImportPseud(ctx, actor, options.pseudId);

  const { result, html } = await readFic(file.fileName, file.bytes, {
    limits: importLimits(ctx.config),
    fileNameTitle: true,
  });
  const action = options.post ? "post" : "draft";
  try {
    return await inTransaction(ctx, async (tx) => {
      const work = await named(
        () =>
          postWork(tx, actor, workInput(result, html, options.pseudId), action, {
            countPosting: options.countPosting !== false,
            recompute: false,
          }),
        (field) => workFieldLabels[field] ?? field,
      );
      const first = html.chapters[0];
      if (first && (first.summary !== null || first.notes.begin !== null || first.notes.end !== null)) {
        const chapter = await chapterRepo.findChapterAt(tx.db, work.id, 1);
        await named(
          () =>
            editChapter(
              tx,
              actor,
              work.id,
              chapter!.id,
              {
                summary: first.summary ?? "",
                notes: first.notes.begin ?? "",
                endnotes: first.notes.end ?? "",
              },
              { patch: true, recompute: false },
            ),
          (field) => `Chapter 1 ${chapterFieldLabels[field] ?? field}`,
          "chapters.1.",
        );
      }
      for (const [i, chapter] of html.chapters.entries()) {
        if (i === 0) continue;
        const position = i + 1;
        await named(
          () =>
            addChapter(
              tx,
              actor,
              work.id,
              {
                title: result.chapters[i]?.title ?? "",
                summary: chapter.summary ?? "",
                notes: chapter.notes.begin ?? "",
                endnotes: chapter.notes.end ?? "",
                text: chapter.text,
                text_format: "html",
              },
              { countPosting: false, recompute: false },
            ),
          (field) => `Chapter ${position} ${chapterFieldLabels[field] ?? field}`,
          `chapters.${position}.`,
        );
      }
      // The steps above leave the work's counters and index (filter set, search document with the
      // whole text, change log) to this one call, rather than redoing them after every chapter.
      await recomputeWork(tx, work.id);
      await repo.insertImport(tx.db, {
        id: newId(),
        user_id: user.id,
        work_id: work.id,
        content_hash: hash,
        file_name: file.fileName.replace(/^.*[\\/]/u, "").slice(0, 1000),
        format: result.format,
        source: result.source,
        suggestions: JSON.stringify(suggestionsOf(result)),
        created_at: nowIso(tx.now()),
      });
      return {
        status: "imported",
        workId: work.id,
        title: work.title,
        posted: work.posted,
        diagnostics: result.diagnostics,
      };
    });
  } catch (err) {
    // The same file imported at the same moment by another request: that one won.
    if (isUniqueViolation(err)) {
      const winner = await repo.findImportByHash(ctx.db, user.id, hash);
      if (winner) return { status: "duplicate", workId: winner.work_id };
    }
    throw err;
  }
}

/** What the review form marks for a work that came from an import, or undefined. */
export async function importSuggestionsForWork(
  ctx: Ctx,
  workId: string,
): Promise<ImportSuggestions | undefined> {
  const row = await repo.findImportByWork(ctx.db, workId);
  if (!row) return undefined;
  try {
    return JSON.parse(row.suggestions) as ImportSuggestions;
  } catch {
    return undefined;
  }
}

/**
 * Why a file was not imported, in words for the person importing it: the importer's reason, the
 * posting rule it broke (naming the field), or a rate limit. Undefined for anything unexpected,
 * which the caller reports as an internal error.
 */
export function failureReason(err: unknown): string | undefined {
  if (err instanceof ImportRefused || err instanceof AppError) return err.message;
  return undefined;
}

const workFieldLabels: Record<string, string> = {
  title: "Title",
  summary: "Summary",
  notes: "Notes",
  endnotes: "End notes",
  text: "Chapter 1 text",
  chapter_title: "Chapter 1 title",
  rating: "Rating",
  warnings: "Archive warnings",
  categories: "Categories",
  fandoms: "Fandoms",
  relationships: "Relationships",
  characters: "Characters",
  freeforms: "Additional tags",
  language: "Language",
  pseud_ids: "Pseud",
  expected_chapters: "Chapters",
};

const chapterFieldLabels: Record<string, string> = {
  title: "title",
  summary: "summary",
  notes: "notes",
  endnotes: "end notes",
  text: "text",
};

/**
 * Runs a posting step; an Invalid from it comes back with the fields named for people (`label`) in
 * its message, and its field keys prefixed (`chapters.2.`) where a chapter other than the work's
 * form is meant.
 */
async function named<T>(step: () => Promise<T>, label: (field: string) => string, prefix = ""): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (!(err instanceof Invalid)) throw err;
    const fields: FieldErrors = {};
    const lines: string[] = [];
    for (const [field, message] of Object.entries(err.fields)) {
      const top = field.split(".")[0] ?? field;
      fields[`${prefix}${field}`] = message;
      lines.push(top ? `${label(top)}: ${message}` : message);
    }
    throw new Invalid(fields, lines.join(" ") || err.message);
  }
}

/** The posting form's fields for what was read: tags, preface, language, chapter count, chapter 1. */
function workInput(
  result: ImportResult,
  html: ImportHtml,
  pseudId: string | undefined,
): Record<string, unknown> {
  const names = (tags: readonly { name: string }[]) => tags.map((t) => t.name);
  const chapters = Math.max(html.chapters.length, 1);
  const beginNotes = [html.disclaimer, html.notes.begin].filter((n): n is string => n !== null && n !== "");
  return {
    title: result.title ?? result.file,
    pseud_ids: pseudId ? [pseudId] : [],
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
  };
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
