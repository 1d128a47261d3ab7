// Use cases about works: post (or save as a draft), edit, post a draft, delete, orphan. Each runs
// in one transaction and checks who may do it here, not in the handlers.
import { Forbidden, Invalid, NotFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { HOUR, nowIso } from "../../lib/time.js";
import { checkLimit, countEvent } from "../throttle/throttle.service.js";
import { parseInput } from "../../lib/validate.js";
import { requireUser, type Actor } from "../actor.js";
import * as chapters from "../chapters/chapter.repo.js";
import { inTransaction, type Ctx } from "../context.js";
import { forgetWorks, reindexWorks, type ReindexOptions } from "../search/reindex.js";
import * as seriesRepo from "../series/series.repo.js";
import { resolveTags } from "../tags/tag.service.js";
import * as tagsRepo from "../tags/tag.repo.js";
import { userDefinedTagTypes, type TagType } from "../tags/tag-types.js";
import * as pseuds from "../users/pseud.repo.js";
import { pseudNameKey } from "../users/pseud.js";
import * as users from "../users/user.repo.js";
import type { User } from "../users/user.js";
import { contentColumns, noNotes, noteColumns, type PreparedFields } from "./html-columns.js";
import { titleSortKey } from "./title-sort.js";
import type { Creator, Work } from "./work.js";
import { canManageWork, type WorkAction } from "./work.policy.js";
import * as works from "./work.repo.js";
import {
  workEditSchema,
  workPatchSchema,
  workSchema,
  type WorkInput,
  type WorkLimits,
  type WorkPatchInput,
} from "./work.schema.js";

export const messages = {
  notYours: "You can only change works you created.",
  notFound: "We couldn't find that work.",
  pseudNotYours: "Choose from your own pseuds.",
  seriesNotYours: "Choose one of your own series.",
  futureDate: "The publication date can't be in the future.",
  badDate: "Enter a real date, as YYYY-MM-DD.",
  tooManyTags: (max: number, n: number) =>
    `A work can have at most ${max} fandom, relationship, character and additional tags; this one has ${n}.`,
  tooManyPosts: "You have posted a lot in the last hour. Please wait a little before posting more.",
  orphanDraft: "A draft can't be orphaned: post it first, or delete it.",
  fewerExpected: "The expected number of chapters can't be less than the chapters already posted.",
};

/**
 * A schema built once per configuration: building zod schemas costs more than most parses with
 * them (an import validates a work and its chapters per file).
 */
export function schemaFor<S>(
  cache: WeakMap<WorkLimits, S>,
  limits: WorkLimits,
  build: (l: WorkLimits) => S,
): S {
  let schema = cache.get(limits);
  if (schema === undefined) cache.set(limits, (schema = build(limits)));
  return schema;
}

const workSchemas = new WeakMap<WorkLimits, ReturnType<typeof workSchema>>();
const workEditSchemas = new WeakMap<WorkLimits, ReturnType<typeof workEditSchema>>();
const workPatchSchemas = new WeakMap<WorkLimits, ReturnType<typeof workPatchSchema>>();

/** Works and chapters posted or saved by one account per hour (config postsPerHour). */
export async function countPosting(tx: Ctx, user: User): Promise<void> {
  const limit = { bucket: "posting", max: tx.config.postsPerHour, windowMs: HOUR };
  await checkLimit(tx, limit, user.id, messages.tooManyPosts);
  await countEvent(tx, limit, user.id);
}

/** The work with id `id` and its creators, if the actor may `action` it; NotFound or Forbidden otherwise. */
export async function findOwnWork(
  ctx: Ctx,
  actor: Actor,
  id: string,
  action: WorkAction,
): Promise<{ work: Work; creators: Creator[] }> {
  // Inside a transaction on PostgreSQL, the row stays locked until it ends: two writers to one
  // work (two new chapters, say) take turns. SQLite runs one write transaction at a time anyway.
  const work = await works.findWorkById(ctx.db, id, { lock: ctx.dialect === "postgres" });
  if (!work) throw new NotFound(messages.notFound);
  const creators = (await works.creatorsOfWorks(ctx.db, [id])).get(id) ?? [];
  if (!canManageWork(actor, action, creators)) {
    // A draft's existence is not revealed to others; a posted work's is already public.
    if (!work.posted) throw new NotFound(messages.notFound);
    throw new Forbidden(messages.notYours);
  }
  return { work, creators };
}

/** The day (UTC) as YYYY-MM-DD. */
function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

async function chooseCreators(tx: Ctx, user: User, pseudIds: readonly string[]): Promise<string[]> {
  if (pseudIds.length === 0) {
    const def = await pseuds.findDefaultPseud(tx.db, user.id);
    if (!def) throw new Invalid({ pseud_ids: messages.pseudNotYours });
    return [def.id];
  }
  const chosen: string[] = [];
  for (const id of pseudIds) {
    const pseud = await pseuds.findPseudById(tx.db, id);
    if (!pseud || pseud.userId !== user.id) throw new Invalid({ pseud_ids: messages.pseudNotYours });
    if (!chosen.includes(id)) chosen.push(id);
  }
  return chosen;
}

function publicationDate(tx: Ctx, backdate: boolean, publishedOn: string): string {
  const today = dayOf(nowIso(tx.now()));
  if (!backdate || !publishedOn) return nowIso(tx.now());
  const parsed = new Date(`${publishedOn}T00:00:00.000Z`);
  if (Number.isNaN(parsed.getTime()) || dayOf(parsed.toISOString()) !== publishedOn)
    throw new Invalid({ published_on: messages.badDate });
  if (publishedOn > today) throw new Invalid({ published_on: messages.futureDate });
  return parsed.toISOString();
}

type TagFields = Pick<
  WorkInput,
  "rating" | "warnings" | "categories" | "fandoms" | "relationships" | "characters" | "freeforms"
>;

/** Replaces a work's tags (`fresh`: a work just made, which has none yet). */
async function saveTags(tx: Ctx, workId: string, data: TagFields, fresh = false): Promise<void> {
  const byType: [TagType, readonly string[]][] = [
    ["rating", [data.rating]],
    ["archive_warning", data.warnings],
    ["category", data.categories],
    ["fandom", data.fandoms],
    ["relationship", data.relationships],
    ["character", data.characters],
    ["freeform", data.freeforms],
  ];
  const userDefined = byType
    .filter(([type]) => userDefinedTagTypes.includes(type))
    .reduce((n, [, names]) => n + names.length, 0);
  if (userDefined > tx.config.userTagsPerWork)
    throw new Invalid({ freeforms: messages.tooManyTags(tx.config.userTagsPerWork, userDefined) });
  const rows: { work_id: string; tag_id: string; position: number }[] = [];
  for (const [type, names] of byType) {
    for (const tag of await resolveTags(tx, type, names)) {
      if (!rows.some((r) => r.tag_id === tag.id))
        rows.push({ work_id: workId, tag_id: tag.id, position: rows.length });
    }
  }
  if (!fresh) await tagsRepo.deleteWorkTags(tx.db, workId);
  await tagsRepo.insertWorkTags(tx.db, rows);
}

async function saveSeries(
  tx: Ctx,
  user: User,
  workId: string,
  creatorPseudIds: readonly string[],
  data: {
    series_id?: string | undefined;
    series_title?: string | undefined;
    series_position?: number | undefined;
    remove_series_ids?: string[] | undefined;
  },
): Promise<void> {
  const current = (await seriesRepo.seriesOfWorks(tx.db, [workId])).get(workId) ?? [];
  const removing = (data.remove_series_ids ?? []).filter((id) => current.some((s) => s.series_id === id));
  for (const id of removing) {
    await seriesRepo.lockSeries(tx.db, tx.dialect, id);
    await seriesRepo.removeSerialWork(tx.db, id, workId);
    await renumberSeries(tx, id);
  }
  let seriesId = data.series_id ?? "";
  if (!seriesId && data.series_title) {
    const at = nowIso(tx.now());
    seriesId = newId();
    await seriesRepo.insertSeries(
      tx.db,
      {
        id: seriesId,
        title: data.series_title,
        summary: "",
        summary_sv: 0,
        notes: "",
        notes_sv: 0,
        complete: 0,
        created_at: at,
        updated_at: at,
      },
      creatorPseudIds,
    );
  } else if (seriesId) {
    const creators = await seriesRepo.seriesCreators(tx.db, seriesId);
    if (!creators.some((c) => c.userId === user.id))
      throw new Invalid({ series_id: messages.seriesNotYours });
  }
  if (seriesId && !current.some((s) => s.series_id === seriesId && !removing.includes(seriesId))) {
    await seriesRepo.lockSeries(tx.db, tx.dialect, seriesId);
    const order = (await seriesRepo.serialWorks(tx.db, seriesId)).map((m) => m.work_id);
    const at = Math.min(data.series_position ?? order.length + 1, order.length + 1);
    await seriesRepo.addSerialWork(tx.db, seriesId, workId, -(order.length + 1));
    order.splice(at - 1, 0, workId);
    await renumberSeries(tx, seriesId, order);
  }
  await removeEmptySeries(
    tx,
    current.map((s) => s.series_id),
  );
}

/** Numbers a series' works 1..n, in `order` (work ids) or in their present order. */
export async function renumberSeries(tx: Ctx, seriesId: string, order?: readonly string[]): Promise<void> {
  const ids = order ?? (await seriesRepo.serialWorks(tx.db, seriesId)).map((m) => m.work_id);
  // Two passes, so no two works share a position on the way (positions are unique).
  for (const [i, id] of ids.entries()) await seriesRepo.setSerialPosition(tx.db, seriesId, id, -(i + 1));
  for (const [i, id] of ids.entries()) await seriesRepo.setSerialPosition(tx.db, seriesId, id, i + 1);
}

async function removeEmptySeries(tx: Ctx, ids: readonly string[]): Promise<void> {
  for (const id of await seriesRepo.emptySeriesIds(tx.db, ids)) await seriesRepo.deleteSeries(tx.db, id);
}

/**
 * Recomputes a work's counters from its chapters: chapters posted, words, last update, completion
 * (drafts count every chapter, as on AO3); then its filter set, search document and change log.
 */
export async function recomputeWork(tx: Ctx, workId: string, options: ReindexOptions = {}): Promise<void> {
  const work = await works.findWorkById(tx.db, workId);
  if (!work) return;
  const stats = await chapters.chapterStats(tx.db, workId);
  const counted = work.posted ? stats.filter((c) => c.posted === 1) : stats;
  const postedChapters = counted.length;
  let expected = work.expectedChapters;
  if (expected !== null && postedChapters > expected) expected = postedChapters;
  const dates = counted.map((c) => c.published_at).filter((d): d is string => d !== null);
  await works.updateWork(tx.db, workId, {
    posted_chapters: postedChapters,
    expected_chapters: expected,
    complete: expected !== null && postedChapters >= expected ? 1 : 0,
    word_count: counted.reduce((n, c) => n + c.word_count, 0),
    revised_at: dates.length > 0 ? dates.reduce((a, b) => (a > b ? a : b)) : work.revisedAt,
    // The work was published when its first chapter was (as on AO3), also after a reorder.
    published_at: work.posted ? (counted[0]?.published_at ?? work.publishedAt) : work.publishedAt,
  });
  await reindexWorks(tx, [workId], options);
}

/**
 * Posts a new work, or saves it as a draft when `action` is "draft" (also what Preview does).
 * `countPosting: false` leaves the posting rate limit alone (the operator's `quire import`).
 * `recompute: false` leaves the work's counters and index to the caller, which must call
 * recomputeWork in the same transaction (an import, once after all its chapters); the work
 * returned then has no counters yet. `prepared` fields (summary, notes, end notes, text) are used
 * for exactly the input they were prepared from (see html-columns.ts).
 */
export async function postWork(
  ctx: Ctx,
  actor: Actor,
  input: unknown,
  action: "post" | "draft",
  options: { countPosting?: boolean; recompute?: boolean; prepared?: PreparedFields } = {},
): Promise<Work> {
  const user = requireUser(actor, "Please log in to post a work.");
  const data = parseInput(schemaFor(workSchemas, ctx.config, workSchema), input);
  const prepared = options.prepared ?? {};
  return inTransaction(ctx, async (tx) => {
    if (options.countPosting !== false) await countPosting(tx, user);
    const at = nowIso(tx.now());
    const posted = action === "post";
    const publishedAt = publicationDate(tx, data.backdate, data.published_on);
    const creatorIds = await chooseCreators(tx, user, data.pseud_ids);
    const id = newId();
    await works.insertWork(tx.db, {
      id,
      title: data.title,
      title_sort: titleSortKey(data.title),
      ...noNotes,
      ...noteColumns(data, data.text_format, prepared),
      language: data.language,
      expected_chapters: data.expected_chapters,
      posted_chapters: 0,
      complete: 0,
      posted: posted ? 1 : 0,
      restricted: data.restricted ? 1 : 0,
      comment_permissions: data.comment_permissions,
      backdated: data.backdate && data.published_on ? 1 : 0,
      // A backdated draft keeps its date here until it is posted; other drafts have none yet.
      published_at: posted || (data.backdate && data.published_on) ? publishedAt : null,
      revised_at: posted ? publishedAt : null,
      word_count: 0,
      hit_count: 0,
      major_version: 1,
      minor_version: 0,
      created_at: at,
      updated_at: at,
    });
    await works.insertCreators(tx.db, id, creatorIds);
    await chapters.insertChapter(tx.db, {
      id: newId(),
      work_id: id,
      position: 1,
      title: data.chapter_title,
      ...noNotes,
      ...contentColumns(data.text, data.text_format, prepared.text),
      posted: posted ? 1 : 0,
      published_at: posted ? publishedAt : null,
      created_at: at,
      updated_at: at,
    });
    await saveTags(tx, id, data, true);
    // A new work is in no series yet: only one named on the form needs saving.
    if (data.series_id || data.series_title) await saveSeries(tx, user, id, creatorIds, data);
    if (options.recompute !== false) await recomputeWork(tx, id);
    return (await works.findWorkById(tx.db, id))!;
  });
}

/**
 * Edits a work. From the form (`patch` false) every field is replaced, as the form shows them all;
 * through the API (`patch` true) only the fields sent change. `post` also posts a draft.
 */
export async function editWork(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: unknown,
  options: { patch?: boolean; post?: boolean } = {},
): Promise<Work> {
  const user = requireUser(actor, "Please log in to post a work.");
  const data: WorkPatchInput = options.patch
    ? parseInput(schemaFor(workPatchSchemas, ctx.config, workPatchSchema), input)
    : parseInput(schemaFor(workEditSchemas, ctx.config, workEditSchema), input);
  return inTransaction(ctx, async (tx) => {
    const { work, creators } = await findOwnWork(tx, actor, id, "edit");
    const at = nowIso(tx.now());
    const format = data.text_format ?? "html";
    const changes: Parameters<typeof works.updateWork>[2] = { updated_at: at, ...noteColumns(data, format) };
    if (data.title !== undefined) {
      changes.title = data.title;
      changes.title_sort = titleSortKey(data.title);
    }
    if (data.language !== undefined) changes.language = data.language;
    if (data.restricted !== undefined) changes.restricted = data.restricted ? 1 : 0;
    if (data.comment_permissions !== undefined) changes.comment_permissions = data.comment_permissions;
    if (data.expected_chapters !== undefined) {
      if (data.expected_chapters !== null && data.expected_chapters < work.postedChapters && work.posted)
        throw new Invalid({ expected_chapters: messages.fewerExpected });
      changes.expected_chapters = data.expected_chapters;
    }
    const posting = options.post === true && !work.posted;
    const first = await chapters.findChapterAt(tx.db, id, 1);
    if (data.backdate !== undefined || data.published_on !== undefined || posting) {
      const backdate = data.backdate ?? work.backdated;
      const on = data.published_on ?? (work.publishedAt ? dayOf(work.publishedAt) : "");
      if (backdate && on) {
        const date = publicationDate(tx, true, on);
        changes.backdated = 1;
        // A draft keeps the date until it is posted.
        changes.published_at = date;
        if ((work.posted || posting) && first)
          await chapters.updateChapter(tx.db, first.id, { published_at: date });
      } else if (posting) {
        changes.backdated = 0;
        changes.published_at = at;
      } else {
        changes.backdated = 0;
        if (!work.posted) changes.published_at = null;
      }
    }
    if (posting) {
      changes.posted = 1;
      const date = changes.published_at ?? at;
      for (const c of await chapters.listChapterSummaries(tx.db, id)) {
        if (!c.posted)
          await chapters.updateChapter(tx.db, c.id, {
            posted: 1,
            published_at: c.position === 1 ? date : at,
          });
      }
    }
    await works.updateWork(tx.db, id, changes);
    await works.bumpVersion(tx.db, id, posting ? "major" : "minor");

    if (data.pseud_ids !== undefined) {
      const mine = await chooseCreators(tx, user, data.pseud_ids);
      const others = creators.filter((c) => c.userId !== user.id).map((c) => c.pseudId);
      await works.setCreators(tx.db, id, [...mine, ...others]);
    }
    if (first && (data.chapter_title !== undefined || data.text !== undefined)) {
      const chapterChanges: Parameters<typeof chapters.updateChapter>[2] = { updated_at: at };
      if (data.chapter_title !== undefined) chapterChanges.title = data.chapter_title;
      if (data.text !== undefined) Object.assign(chapterChanges, contentColumns(data.text, format));
      await chapters.updateChapter(tx.db, first.id, chapterChanges);
    }
    const tagFieldsSent = (
      ["rating", "warnings", "categories", "fandoms", "relationships", "characters", "freeforms"] as const
    ).some((k) => data[k] !== undefined);
    if (tagFieldsSent) {
      const currentTags = (await tagsRepo.tagsOfWorks(tx.db, [id])).get(id) ?? [];
      const namesOf = (type: TagType) => currentTags.filter((t) => t.type === type).map((t) => t.name);
      await saveTags(tx, id, {
        rating: data.rating ?? namesOf("rating")[0] ?? "Not Rated",
        warnings: data.warnings ?? namesOf("archive_warning"),
        categories: data.categories ?? namesOf("category"),
        fandoms: data.fandoms ?? namesOf("fandom"),
        relationships: data.relationships ?? namesOf("relationship"),
        characters: data.characters ?? namesOf("character"),
        freeforms: data.freeforms ?? namesOf("freeform"),
      });
    }
    const creatorIds = ((await works.creatorsOfWorks(tx.db, [id])).get(id) ?? []).map((c) => c.pseudId);
    await saveSeries(tx, user, id, creatorIds, data);
    await recomputeWork(tx, id);
    return (await works.findWorkById(tx.db, id))!;
  });
}

/** Posts a draft work as it is. */
export async function postDraft(ctx: Ctx, actor: Actor, id: string): Promise<Work> {
  return editWork(ctx, actor, id, {}, { patch: true, post: true });
}

async function deleteWorkIn(tx: Ctx, id: string): Promise<void> {
  const series = (await seriesRepo.seriesOfWorks(tx.db, [id])).get(id) ?? [];
  await forgetWorks(tx, [id]);
  await works.deleteWork(tx.db, id);
  for (const s of series) await renumberSeries(tx, s.series_id);
  await removeEmptySeries(
    tx,
    series.map((s) => s.series_id),
  );
}

/** Deletes a work with its chapters, for good. */
export async function deleteWork(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await findOwnWork(tx, actor, id, "delete");
    await deleteWorkIn(tx, id);
  });
}

/** Deletes the works credited only to `userId`'s pseuds (account deletion). Call inside a transaction. */
export async function deleteSoleWorksOf(tx: Ctx, userId: string): Promise<number> {
  const ids = await works.soleWorkIdsOfUser(tx.db, userId);
  for (const id of ids) await deleteWorkIn(tx, id);
  return ids.length;
}

/** The archive's shared "orphan_account" user. */
async function orphanAccount(tx: Ctx) {
  const row = await users.findUserRowByUsernameKey(tx.db, "orphan_account");
  const pseud = row && (await pseuds.findDefaultPseud(tx.db, row.id));
  if (!row || !pseud) throw new Error("the orphan_account user is missing; run the migrations");
  return { userId: row.id, defaultPseudId: pseud.id };
}

/**
 * Orphans a work: the actor's credits move to orphan_account, under its default pseud or, with
 * `keepPseudName`, under an orphan_account pseud with the same name as the actor's.
 */
export async function orphanWork(
  ctx: Ctx,
  actor: Actor,
  id: string,
  options: { keepPseudName: boolean },
): Promise<void> {
  const user = requireUser(actor, "Please log in to post a work.");
  await inTransaction(ctx, async (tx) => {
    const { work, creators } = await findOwnWork(tx, actor, id, "orphan");
    if (!work.posted) throw new Invalid({ "": messages.orphanDraft }, messages.orphanDraft);
    const orphan = await orphanAccount(tx);
    // Each of the actor's pseuds on the work → the orphan_account pseud that replaces it.
    const replacement = new Map<string, string>();
    for (const creator of creators.filter((c) => c.userId === user.id)) {
      replacement.set(
        creator.pseudId,
        options.keepPseudName
          ? await orphanPseudNamed(tx, orphan.userId, creator.pseudName)
          : orphan.defaultPseudId,
      );
    }
    const result: string[] = [];
    for (const creator of creators) {
      const pseudId = replacement.get(creator.pseudId) ?? creator.pseudId;
      if (!result.includes(pseudId)) result.push(pseudId);
    }
    await works.setCreators(tx.db, id, result);
    await works.updateWork(tx.db, id, { updated_at: nowIso(tx.now()) });
    await reindexWorks(tx, [id]);
    // A series whose works are now all orphaned is orphaned with them, as on AO3.
    for (const s of (await seriesRepo.seriesOfWorks(tx.db, [id])).get(id) ?? []) {
      const memberIds = (await seriesRepo.serialWorks(tx.db, s.series_id)).map((m) => m.work_id);
      const credits = await works.creatorsOfWorks(tx.db, memberIds);
      const stillMine = memberIds.some((w) => (credits.get(w) ?? []).some((c) => c.userId === user.id));
      if (stillMine) continue;
      for (const c of await seriesRepo.seriesCreators(tx.db, s.series_id)) {
        if (c.userId !== user.id) continue;
        const to = options.keepPseudName
          ? await orphanPseudNamed(tx, orphan.userId, c.pseudName)
          : orphan.defaultPseudId;
        await seriesRepo.replaceSeriesCreator(tx.db, s.series_id, c.pseudId, to);
      }
    }
  });
}

/** The orphan_account pseud called `name`, made if it doesn't exist yet. */
async function orphanPseudNamed(tx: Ctx, orphanUserId: string, name: string): Promise<string> {
  const key = pseudNameKey(name);
  const existing = await pseuds.findPseudByName(tx.db, orphanUserId, key);
  if (existing) return existing.id;
  const at = nowIso(tx.now());
  const id = newId();
  await pseuds.insertPseud(tx.db, {
    id,
    user_id: orphanUserId,
    name,
    name_key: key,
    description: "",
    is_default: 0,
    created_at: at,
    updated_at: at,
  });
  return id;
}
