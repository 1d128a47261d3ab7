// Importing a fic file as a work: read it and prepare its fields (import-prepare.ts, here or in a
// worker thread of read-pool.ts), and save the work, its chapters and the import's record in one
// transaction through the same services the site posts with, so the same rules, limits and
// sanitizer apply. The same file imported again by the same account (by content hash) is skipped.
import { AppError, Invalid, isUniqueViolation, type FieldErrors } from "../../lib/errors.js";
import { newId, sha256Hex } from "../../lib/ids.js";
import { nowIso } from "../../lib/time.js";
import { requireUser, type Actor } from "../actor.js";
import { addChapters, editChapter } from "../chapters/chapter.service.js";
import * as chapterRepo from "../chapters/chapter.repo.js";
import { inTransaction, type Ctx } from "../context.js";
import * as seriesRepo from "../series/series.repo.js";
import * as pseuds from "../users/pseud.repo.js";
import * as users from "../users/user.repo.js";
import { postWork, recomputeWork } from "../works/work.service.js";
import { importLimits } from "./import-limits.js";
import { readAndPrepare, type ImportSuggestions, type PreparedImport } from "./import-prepare.js";
import { ImportRefused } from "./import-refused.js";
import * as repo from "./import.repo.js";

export {
  languageCode,
  suggestionsOf,
  type ImportSuggestions,
  type SuggestedField,
  type SuggestedTag,
} from "./import-prepare.js";

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
 * The posting form's series fields for the series a file names: the importing user's own series of
 * that title when they have one (parts imported one by one come together; of two, the older), else
 * a new one. With a part number, the work goes before the first work of the series imported as a
 * later part.
 */
async function seriesFields(
  ctx: Ctx,
  userId: string,
  series: PreparedImport["series"],
): Promise<Record<string, unknown>> {
  if (series === null || series.title === "") return {};
  const title = series.title.slice(0, ctx.config.titleMax).trim();
  const key = title.toLocaleLowerCase("en");
  // Until this transaction ends, another import of the user's waits here, then finds the series
  // this one begins rather than beginning its own.
  await users.lockUser(ctx.db, ctx.dialect, userId);
  const [own] = (await seriesRepo.listSeriesOfUser(ctx.db, userId))
    .filter((s) => s.title.trim().toLocaleLowerCase("en") === key)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  if (!own) return { series_title: title };
  const part = seriesPart(series);
  if (part === null) return { series_id: own.id };
  const members = await seriesRepo.serialWorks(ctx.db, own.id);
  const parts = await repo.seriesPartsOfWorks(
    ctx.db,
    members.map((m) => m.work_id),
  );
  const later = members.findIndex((m) => (parts.get(m.work_id) ?? -Infinity) > part);
  return { series_id: own.id, ...(later >= 0 ? { series_position: String(later + 1) } : {}) };
}

/** The part number a file gave, when it is one a series can have (1 to 100,000). */
function seriesPart(series: PreparedImport["series"]): number | null {
  const part = series?.part ?? null;
  return part !== null && Number.isInteger(part) && part >= 1 && part <= 100_000 ? part : null;
}

/** The posting form's fields as read, less a backdate the archive's clock hasn't reached. */
function formFields(ctx: Ctx, work: Record<string, unknown>): Record<string, unknown> {
  const on = work.published_on;
  if (typeof on !== "string" || on <= nowIso(ctx.now()).slice(0, 10)) return work;
  const { backdate: _backdate, published_on: _publishedOn, ...rest } = work;
  return rest;
}

/** The work an earlier import of the same bytes (`hash`) by the actor made, if any. */
export async function findEarlierImport(ctx: Ctx, actor: Actor, hash: string): Promise<string | undefined> {
  const user = requireUser(actor, messages.loginFirst);
  return (await repo.findImportByHash(ctx.db, user.id, hash))?.work_id;
}

/**
 * Imports one fic file as a work of the actor's: a draft, or posted with `post`. Throws
 * ImportRefused when the file can't be read, and Invalid (its message naming the field) when what
 * was read breaks a posting rule; either way nothing is written. `read` is the file already read
 * and prepared (readAndPrepare, in a worker thread of a ReadPool); otherwise it is read in the
 * context's reader (the site's) or here.
 */
export async function importFile(
  ctx: Ctx,
  actor: Actor,
  file: ImportedFile,
  options: ImportOptions,
  read?: PreparedImport,
): Promise<ImportOutcome> {
  const user = requireUser(actor, messages.loginFirst);
  const hash = contentHash(file.bytes);
  const earlier = await repo.findImportByHash(ctx.db, user.id, hash);
  if (earlier) return { status: "duplicate", workId: earlier.work_id };
  await checkImportPseud(ctx, actor, options.pseudId);

  const prepared =
    read ??
    (await (ctx.reader
      ? ctx.reader.read(file.fileName, file.bytes)
      : readAndPrepare(file.fileName, file.bytes, {
          limits: importLimits(ctx.config),
          fileNameTitle: true,
        })));
  const action = options.post ? "post" : "draft";
  try {
    return await inTransaction(ctx, async (tx) => {
      const series = await seriesFields(tx, user.id, prepared.series);
      const work = await named(
        () =>
          postWork(
            tx,
            actor,
            {
              ...formFields(tx, prepared.work),
              ...series,
              pseud_ids: options.pseudId ? [options.pseudId] : [],
            },
            action,
            {
              countPosting: options.countPosting !== false,
              recompute: false,
              prepared: prepared.prepared.work,
            },
          ),
        (field) => workFieldLabels[field] ?? field,
      );
      if (prepared.firstChapter !== null) {
        const chapter = await chapterRepo.findChapterAt(tx.db, work.id, 1);
        await named(
          () =>
            editChapter(tx, actor, work.id, chapter!.id, prepared.firstChapter, {
              patch: true,
              recompute: false,
              prepared: prepared.prepared.firstChapter,
            }),
          (field) => `Chapter 1 ${chapterFieldLabels[field] ?? field}`,
          "chapters.1.",
        );
      }
      await addChapters(tx, actor, work.id, prepared.chapters, {
        countPosting: false,
        recompute: false,
        prepared: prepared.prepared.chapters,
        invalid: (index, err) => {
          const position = index + 2;
          return renamed(
            err,
            (field) => `Chapter ${position} ${chapterFieldLabels[field] ?? field}`,
            `chapters.${position}.`,
          );
        },
      });
      // The steps above leave the work's counters and index (filter set, search document with the
      // whole text, change log) to this one call, rather than redoing them after every chapter.
      // The search document takes each field's text as it was read off while preparing it.
      await recomputeWork(tx, work.id, { textOf: knownTexts(prepared.prepared) });
      await repo.insertImport(tx.db, {
        id: newId(),
        user_id: user.id,
        work_id: work.id,
        content_hash: hash,
        file_name: file.fileName.replace(/^.*[\\/]/u, "").slice(0, 1000),
        format: prepared.format,
        source: prepared.source,
        suggestions: JSON.stringify(prepared.suggestions),
        series_part: seriesPart(prepared.series),
        created_at: nowIso(tx.now()),
      });
      return {
        status: "imported",
        workId: work.id,
        title: work.title,
        posted: work.posted,
        diagnostics: prepared.diagnostics,
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

/** htmlToText of every prepared field's HTML, by that HTML (what the search document reads). */
function knownTexts(prepared: PreparedImport["prepared"]): (html: string) => string | undefined {
  const texts = new Map<string, string>();
  for (const fields of [prepared.work, prepared.firstChapter, ...prepared.chapters])
    for (const field of Object.values(fields)) texts.set(field.html, field.text);
  return (html) => texts.get(html);
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
    throw renamed(err, label, prefix);
  }
}

function renamed(err: Invalid, label: (field: string) => string, prefix: string): Invalid {
  const fields: FieldErrors = {};
  const lines: string[] = [];
  for (const [field, message] of Object.entries(err.fields)) {
    const top = field.split(".")[0] ?? field;
    fields[`${prefix}${field}`] = message;
    lines.push(top ? `${label(top)}: ${message}` : message);
  }
  return new Invalid(fields, lines.join(" ") || err.message);
}
