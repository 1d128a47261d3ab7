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
import { countPosting, findOwnWork, recomputeWork } from "../works/work.service.js";
import { contentColumns, noteColumns } from "../works/html-columns.js";
import * as chapters from "./chapter.repo.js";
import {
  chapterOrderSchema,
  chapterPatchSchema,
  chapterSchema,
  type ChapterPatchInput,
} from "./chapter.schema.js";

export const messages = {
  notFound: "We couldn't find that chapter.",
  onlyChapter: "You can't delete the only chapter of a work. Delete the work instead.",
  onlyPostedChapter:
    "You can't delete the only posted chapter of a work. Post another chapter first, or delete the work instead.",
  orderMismatch: "The new order must list every chapter of the work exactly once.",
};

async function setExpected(tx: Ctx, workId: string, expected: number | null | undefined): Promise<void> {
  if (expected === undefined) return;
  await works.updateWork(tx.db, workId, { expected_chapters: expected });
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
  options: { draft?: boolean; countPosting?: boolean; recompute?: boolean } = {},
): Promise<Chapter> {
  const data = parseInput(chapterSchema(ctx.config), input);
  return inTransaction(ctx, async (tx) => {
    const { work } = await findOwnWork(tx, actor, workId, "addChapter");
    if (actor.kind === "user" && options.countPosting !== false) await countPosting(tx, actor.user);
    const at = nowIso(tx.now());
    const existing = await chapters.listChapterSummaries(tx.db, workId);
    // In a draft work every chapter waits for the work to be posted.
    const posted = !options.draft && work.posted;
    const id = newId();
    await chapters.insertChapter(tx.db, {
      id,
      work_id: workId,
      position: existing.length + 1,
      title: data.title,
      summary: "",
      summary_sv: 0,
      notes: "",
      notes_sv: 0,
      endnotes: "",
      endnotes_sv: 0,
      ...noteColumns(data, data.text_format),
      ...contentColumns(data.text, data.text_format),
      posted: posted ? 1 : 0,
      published_at: posted ? at : null,
      created_at: at,
      updated_at: at,
    });
    await setExpected(tx, workId, data.expected_chapters);
    await works.updateWork(tx.db, workId, { updated_at: at });
    if (posted) await works.bumpVersion(tx.db, workId, "major");
    if (options.recompute !== false) await recomputeWork(tx, workId);
    return (await chapters.findChapter(tx.db, workId, id))!;
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
 * `post` posts a draft chapter. `recompute: false` as for addChapter.
 */
export async function editChapter(
  ctx: Ctx,
  actor: Actor,
  workId: string,
  chapterId: string,
  input: unknown,
  options: { patch?: boolean; post?: boolean; recompute?: boolean } = {},
): Promise<Chapter> {
  const data: ChapterPatchInput = options.patch
    ? parseInput(chapterPatchSchema(ctx.config), input)
    : parseInput(chapterSchema(ctx.config), input);
  return inTransaction(ctx, async (tx) => {
    const { work, chapter } = await findOwnChapter(tx, actor, workId, chapterId);
    const at = nowIso(tx.now());
    const format = data.text_format ?? "html";
    const changes: Parameters<typeof chapters.updateChapter>[2] = {
      updated_at: at,
      ...noteColumns(data, format),
      ...(data.text !== undefined ? contentColumns(data.text, format) : {}),
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
