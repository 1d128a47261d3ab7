// Use cases about chapters: add (post or save as draft), edit, post a draft chapter, delete (never
// the only one), reorder. Each recomputes the work's counters and index in the same transaction,
// unless a caller doing several at once (an import) asks to do that once itself.
import { Invalid, NotFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { nowIso } from "../../lib/time.js";
import { parseInput } from "../../lib/validate.js";
import type { Actor } from "../actor.js";
import { inTransaction, type Ctx } from "../context.js";
import type { Chapter, ChapterSummary, Work } from "../works/work.js";
import * as works from "../works/work.repo.js";
import type { WorkLimits } from "../works/work.schema.js";
import { countPosting, findOwnWork, recomputeWork, schemaFor } from "../works/work.service.js";
import { contentColumns, noNotes, noteColumns, type PreparedFields } from "../works/html-columns.js";
import * as chapters from "./chapter.repo.js";
import {
  chapterOrderSchema,
  chapterPatchSchema,
  chapterSchema,
  type ChapterInput,
  type ChapterPatchInput,
} from "./chapter.schema.js";

export const messages = {
  notFound: "We couldn't find that chapter.",
  onlyChapter: "You can't delete the only chapter of a work. Delete the work instead.",
  onlyPostedChapter:
    "You can't delete the only posted chapter of a work. Post another chapter first, or delete the work instead.",
  orderMismatch: "The new order must list every chapter of the work exactly once.",
};

const chapterSchemas = new WeakMap<WorkLimits, ReturnType<typeof chapterSchema>>();
const chapterPatchSchemas = new WeakMap<WorkLimits, ReturnType<typeof chapterPatchSchema>>();

async function setExpected(tx: Ctx, workId: string, expected: number | null | undefined): Promise<void> {
  if (expected === undefined) return;
  await works.updateWork(tx.db, workId, { expected_chapters: expected });
}

export interface AddChapterOptions {
  /** Save as a draft chapter even in a posted work. */
  draft?: boolean;
  /** false: don't count toward the posting rate limit (an imported work's chapters counted once). */
  countPosting?: boolean;
  /** false: leave the work's counters and index to the caller (see addChapter). */
  recompute?: boolean;
}

/** A chapter's row as addChapter writes it, at `position`. */
function newChapterRow(
  workId: string,
  position: number,
  data: ChapterInput,
  posted: boolean,
  at: string,
  prepared: PreparedFields = {},
): chapters.ChapterRow {
  return {
    id: newId(),
    work_id: workId,
    position,
    title: data.title,
    ...noNotes,
    ...noteColumns(data, data.text_format, prepared),
    ...contentColumns(data.text, data.text_format, prepared.text),
    posted: posted ? 1 : 0,
    published_at: posted ? at : null,
    created_at: at,
    updated_at: at,
  };
}

/**
 * Adds a chapter at the end of a work; posted unless `draft`. `countPosting: false` leaves the
 * posting rate limit alone (the chapters of an imported work, which counted once as a whole).
 * `recompute: false` leaves the work's counters and index to the caller, which must call
 * recomputeWork in the same transaction (an import, once after all its chapters).
 */
export async function addChapter(
  ctx: Ctx,
  actor: Actor,
  workId: string,
  input: unknown,
  options: AddChapterOptions = {},
): Promise<Chapter> {
  const data = parseInput(schemaFor(chapterSchemas, ctx.config, chapterSchema), input);
  return inTransaction(ctx, async (tx) => {
    const { work } = await findOwnWork(tx, actor, workId, "addChapter");
    if (actor.kind === "user" && options.countPosting !== false) await countPosting(tx, actor.user);
    const at = nowIso(tx.now());
    const existing = await chapters.listChapterSummaries(tx.db, workId);
    // In a draft work every chapter waits for the work to be posted.
    const posted = !options.draft && work.posted;
    const row = newChapterRow(workId, existing.length + 1, data, posted, at);
    await chapters.insertChapter(tx.db, row);
    await setExpected(tx, workId, data.expected_chapters);
    await works.updateWork(tx.db, workId, { updated_at: at });
    if (posted) await works.bumpVersion(tx.db, workId, "major");
    if (options.recompute !== false) await recomputeWork(tx, workId);
    return (await chapters.findChapter(tx.db, workId, row.id))!;
  });
}

/**
 * Adds several chapters at the end of a work, leaving the rows addChapter leaves when called for
 * each in turn at the same moment, but checking the work once and inserting them in one statement
 * (an import's chapters 2…n). Every input is checked before anything is written; `invalid` may
 * rename the Invalid of the input at `index` (the import names the chapter). The posting rate limit
 * counts each chapter unless `countPosting` is false. `prepared[i]` are the fields of input i
 * prepared ahead of time (see html-columns.ts).
 */
export async function addChapters(
  ctx: Ctx,
  actor: Actor,
  workId: string,
  inputs: readonly unknown[],
  options: AddChapterOptions & {
    prepared?: readonly (PreparedFields | undefined)[];
    invalid?: (index: number, err: Invalid) => Error;
  } = {},
): Promise<void> {
  const schema = schemaFor(chapterSchemas, ctx.config, chapterSchema);
  const list = inputs.map((input, index) => {
    try {
      return parseInput(schema, input);
    } catch (err) {
      if (err instanceof Invalid && options.invalid) throw options.invalid(index, err);
      throw err;
    }
  });
  if (list.length === 0) return;
  await inTransaction(ctx, async (tx) => {
    const { work } = await findOwnWork(tx, actor, workId, "addChapter");
    if (actor.kind === "user" && options.countPosting !== false)
      for (let i = 0; i < list.length; i++) await countPosting(tx, actor.user);
    const at = nowIso(tx.now());
    const existing = await chapters.listChapterSummaries(tx.db, workId);
    const posted = !options.draft && work.posted;
    const rows = list.map((data, i) =>
      newChapterRow(workId, existing.length + 1 + i, data, posted, at, options.prepared?.[i]),
    );
    await chapters.insertChapters(tx.db, rows);
    // As addChapter in turn: the last expected count given wins; a version per posted chapter.
    const expected = list.findLast((data) => data.expected_chapters !== undefined)?.expected_chapters;
    await setExpected(tx, workId, expected);
    await works.updateWork(tx.db, workId, { updated_at: at });
    if (posted) for (let i = 0; i < list.length; i++) await works.bumpVersion(tx.db, workId, "major");
    if (options.recompute !== false) await recomputeWork(tx, workId);
  });
}

async function findOwnChapter(tx: Ctx, actor: Actor, workId: string, chapterId: string) {
  const owned = await findOwnWork(tx, actor, workId, "edit");
  const chapter = await chapters.findChapter(tx.db, workId, chapterId);
  if (!chapter) throw new NotFound(messages.notFound);
  return { ...owned, chapter };
}

/**
 * Edits a chapter: every field from the form, or only those sent through the API (`patch`).
 * `post` posts a draft chapter. `recompute: false` as for addChapter; `prepared` as for addChapters.
 */
export async function editChapter(
  ctx: Ctx,
  actor: Actor,
  workId: string,
  chapterId: string,
  input: unknown,
  options: { patch?: boolean; post?: boolean; recompute?: boolean; prepared?: PreparedFields } = {},
): Promise<Chapter> {
  const data: ChapterPatchInput = options.patch
    ? parseInput(schemaFor(chapterPatchSchemas, ctx.config, chapterPatchSchema), input)
    : parseInput(schemaFor(chapterSchemas, ctx.config, chapterSchema), input);
  const prepared = options.prepared ?? {};
  return inTransaction(ctx, async (tx) => {
    const { work, chapter } = await findOwnChapter(tx, actor, workId, chapterId);
    const at = nowIso(tx.now());
    const format = data.text_format ?? "html";
    const changes: Parameters<typeof chapters.updateChapter>[2] = {
      updated_at: at,
      ...noteColumns(data, format, prepared),
      ...(data.text !== undefined ? contentColumns(data.text, format, prepared.text) : {}),
    };
    if (data.title !== undefined) changes.title = data.title;
    const posting = options.post === true && !chapter.posted && work.posted;
    if (posting) {
      changes.posted = 1;
      changes.published_at = at;
    }
    await chapters.updateChapter(tx.db, chapterId, changes);
    await setExpected(tx, workId, data.expected_chapters);
    await works.updateWork(tx.db, workId, { updated_at: at });
    await works.bumpVersion(tx.db, workId, posting ? "major" : "minor");
    if (options.recompute !== false) await recomputeWork(tx, workId);
    return (await chapters.findChapter(tx.db, workId, chapterId))!;
  });
}

/**
 * Why a chapter may not be deleted, or undefined: never the only chapter, nor the only posted one of
 * a posted work (readers would be left with a work and no chapter).
 */
export function deleteRefusal(
  work: Pick<Work, "posted">,
  all: readonly Pick<ChapterSummary, "id" | "posted">[],
  chapterId: string,
): string | undefined {
  if (all.length <= 1) return messages.onlyChapter;
  const chapter = all.find((c) => c.id === chapterId);
  if (work.posted && chapter?.posted && all.filter((c) => c.posted).length <= 1)
    return messages.onlyPostedChapter;
  return undefined;
}

/** Deletes a chapter (never the only one, nor a posted work's only posted one) and renumbers the rest. */
export async function deleteChapter(
  ctx: Ctx,
  actor: Actor,
  workId: string,
  chapterId: string,
): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const { work } = await findOwnChapter(tx, actor, workId, chapterId);
    const all = await chapters.listChapterSummaries(tx.db, workId);
    const refusal = deleteRefusal(work, all, chapterId);
    if (refusal) throw new Invalid({ chapter: refusal });
    await chapters.deleteChapter(tx.db, chapterId);
    await renumber(
      tx,
      all.filter((c) => c.id !== chapterId).map((c) => c.id),
    );
    await works.updateWork(tx.db, workId, { updated_at: nowIso(tx.now()) });
    await recomputeWork(tx, workId);
  });
}

async function renumber(tx: Ctx, ids: readonly string[]): Promise<void> {
  // Two passes, so no two chapters share a position on the way.
  for (const [i, id] of ids.entries()) await chapters.setChapterPosition(tx.db, id, -(i + 1));
  for (const [i, id] of ids.entries()) await chapters.setChapterPosition(tx.db, id, i + 1);
}

/** Puts a work's chapters in the order given (every chapter id, once). */
export async function reorderChapters(ctx: Ctx, actor: Actor, workId: string, input: unknown): Promise<void> {
  const data = parseInput(chapterOrderSchema, input);
  await inTransaction(ctx, async (tx) => {
    await findOwnWork(tx, actor, workId, "edit");
    const all = await chapters.listChapterSummaries(tx.db, workId);
    const ids = data.chapter_ids;
    if (
      ids.length !== all.length ||
      new Set(ids).size !== ids.length ||
      !all.every((c) => ids.includes(c.id))
    )
      throw new Invalid({ chapter_ids: messages.orderMismatch });
    await renumber(tx, ids);
    await works.updateWork(tx.db, workId, { updated_at: nowIso(tx.now()) });
    await recomputeWork(tx, workId);
  });
}
