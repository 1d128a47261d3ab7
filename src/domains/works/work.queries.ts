// Reading works: one work with what its page shows, and pages of blurbs for listings. Every answer
// has passed through work.visibility.ts.
import { NotFound, Unauthorized } from "../../lib/errors.js";
import type { Actor } from "../actor.js";
import type { Ctx } from "../context.js";
import * as chapters from "../chapters/chapter.repo.js";
import * as seriesRepo from "../series/series.repo.js";
import * as tagsRepo from "../tags/tag.repo.js";
import { tagTypes, type TagType } from "../tags/tag-types.js";
import type { Chapter, ChapterSummary, SeriesLink, TagsByType, Work, WorkDetail } from "./work.js";
import * as works from "./work.repo.js";
import { listedWorks, visibleChapters, workAccess } from "./work.visibility.js";

export const restrictedMessage = "This work is only available to registered users of the archive.";

export function emptyTags(): TagsByType {
  return Object.fromEntries(tagTypes.map((t) => [t, []])) as unknown as TagsByType;
}

/** Creators, tags and series of each work, in the order given. */
export async function loadDetails(ctx: Ctx, list: readonly Work[]): Promise<WorkDetail[]> {
  const ids = list.map((w) => w.id);
  const [creators, tagRows, series] = await Promise.all([
    works.creatorsOfWorks(ctx.db, ids),
    tagsRepo.tagsOfWorks(ctx.db, ids),
    seriesRepo.seriesOfWorks(ctx.db, ids),
  ]);
  return list.map((work) => {
    const tags = emptyTags();
    for (const row of tagRows.get(work.id) ?? []) {
      tags[row.type as TagType]?.push({
        id: row.id,
        name: row.name,
        type: row.type as TagType,
        canonical: row.canonical === 1,
      });
    }
    return {
      work,
      creators: creators.get(work.id) ?? [],
      tags,
      series: (series.get(work.id) ?? []).map((s) => ({
        id: s.series_id,
        title: s.title,
        position: s.position,
      })),
    };
  });
}

export interface WorkForReading {
  detail: WorkDetail;
  /** The chapters this actor may read, without their text. */
  chapters: ChapterSummary[];
}

/**
 * The work `id` as `actor` may see it, or NotFound (a draft or a missing work: its title is never
 * revealed) or Unauthorized (a restricted work asked for by a guest).
 */
export async function findWorkForReading(ctx: Ctx, actor: Actor, id: string): Promise<WorkForReading> {
  const work = await works.findWorkById(ctx.db, id);
  if (!work) throw new NotFound("We couldn't find that work.");
  const [[detail], all] = await Promise.all([
    loadDetails(ctx, [work]),
    chapters.listChapterSummaries(ctx.db, work.id),
  ]);
  const access = workAccess(actor, work, detail!.creators);
  if (access === "hidden") throw new NotFound("We couldn't find that work.");
  if (access === "log-in") throw new Unauthorized(restrictedMessage);
  return { detail: detail!, chapters: visibleChapters(actor, detail!.creators, all) };
}

/** The work's series with the previous and next works this actor may see. */
export async function seriesNeighbours(ctx: Ctx, actor: Actor, detail: WorkDetail): Promise<SeriesLink[]> {
  const links: SeriesLink[] = [];
  for (const s of detail.series) {
    const members = await seriesRepo.serialWorks(ctx.db, s.id);
    const visible = await visibleWorkTitles(
      ctx,
      actor,
      members.map((m) => m.work_id),
    );
    const ordered = members.filter((m) => visible.has(m.work_id) || m.work_id === detail.work.id);
    const at = ordered.findIndex((m) => m.work_id === detail.work.id);
    const prev = ordered[at - 1];
    const next = ordered[at + 1];
    links.push({
      ...s,
      previous: prev && { id: prev.work_id, title: visible.get(prev.work_id)! },
      next: next && { id: next.work_id, title: visible.get(next.work_id)! },
    });
  }
  return links;
}

/** Titles of the works among `ids` that would appear in a listing for this actor. */
export async function visibleWorkTitles(
  ctx: Ctx,
  actor: Actor,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom("works")
    .select(["id", "title"])
    .where("id", "in", [...ids])
    .where(listedWorks(actor))
    .execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}

export interface WorkPage {
  works: WorkDetail[];
  total: number;
  page: number;
  pages: number;
  perPage: number;
}

/** One page (from 1) of a listing, as blurbs, newest first. */
export async function listWorks(
  ctx: Ctx,
  actor: Actor,
  scope: works.WorkScope,
  page: number,
): Promise<WorkPage> {
  const perPage = ctx.config.worksPerPage;
  const current = Math.min(Math.max(1, Math.floor(page) || 1), Math.floor(Number.MAX_SAFE_INTEGER / perPage));
  const { ids, total } = await works.listWorkIds(ctx.db, actor, scope, {
    limit: perPage,
    offset: (current - 1) * perPage,
  });
  const list = await works.findWorksByIds(ctx.db, ids);
  return {
    works: await loadDetails(ctx, list),
    total,
    page: current,
    pages: Math.max(1, Math.ceil(total / perPage)),
    perPage,
  };
}

/** One chapter of a work the actor is reading, if the actor may read it; NotFound otherwise. */
export async function readChapter(ctx: Ctx, reading: WorkForReading, chapterId: string): Promise<Chapter> {
  const visible = reading.chapters.find((c) => c.id === chapterId);
  const chapter = visible && (await chapters.findChapter(ctx.db, reading.detail.work.id, chapterId));
  if (!visible || !chapter) throw new NotFound("We couldn't find that chapter.");
  return { ...chapter, position: visible.position };
}

/** Every chapter the actor may read, with its text, in order (the entire-work view). */
export async function readAllChapters(ctx: Ctx, reading: WorkForReading): Promise<Chapter[]> {
  const visible = new Map(reading.chapters.map((c) => [c.id, c.position]));
  return (await chapters.listChapters(ctx.db, reading.detail.work.id)).flatMap((c) => {
    const position = visible.get(c.id);
    return position === undefined ? [] : [{ ...c, position }];
  });
}
