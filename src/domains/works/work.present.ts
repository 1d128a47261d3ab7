// The JSON shapes of works and chapters: every field a work page shows, tags grouped by type, and
// the chapters the caller may read with their word counts.
import { z } from "zod";
import { tagTypes } from "../tags/tag-types.js";
import { chapterCount, type Chapter, type ChapterSummary, type WorkDetail } from "./work.js";
import { chapterPath, workPath } from "./views/paths.js";

const chapterSummaryResponse = z.object({
  id: z.string(),
  position: z.number().int(),
  title: z.string(),
  posted: z.boolean(),
  published_at: z.string().nullable(),
  word_count: z.number().int(),
  url: z.string(),
});

export const chapterResponse = chapterSummaryResponse.extend({
  summary: z.string(),
  notes: z.string(),
  endnotes: z.string(),
  content: z.string().describe("Sanitized HTML"),
});

const tagsResponse = z.object(
  Object.fromEntries(tagTypes.map((t) => [t, z.array(z.string())])) as Record<
    (typeof tagTypes)[number],
    z.ZodArray<z.ZodString>
  >,
);

export const workResponse = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string(),
  creators: z.array(z.object({ pseud: z.string(), username: z.string() })),
  tags: tagsResponse,
  summary: z.string().describe("Sanitized HTML"),
  notes: z.string(),
  endnotes: z.string(),
  language: z.string(),
  series: z.array(z.object({ id: z.string(), title: z.string(), position: z.number().int() })),
  posted: z.boolean(),
  restricted: z.boolean(),
  comment_permissions: z.enum(["anyone", "users", "none"]),
  backdated: z.boolean(),
  published_at: z.string().nullable(),
  revised_at: z.string().nullable(),
  complete: z.boolean(),
  expected_chapters: z.number().int().nullable(),
  posted_chapters: z.number().int(),
  chapter_count: z.string().describe('"3/5", or "3/?" when the total is unknown'),
  word_count: z.number().int(),
  hits: z.number().int(),
  kudos: z.number().int(),
  comments: z.number().int(),
  bookmarks: z.number().int(),
  chapters: z.array(chapterSummaryResponse),
});

export const workListResponse = z.object({
  works: z.array(workResponse.omit({ chapters: true })),
  total: z.number().int(),
  page: z.number().int(),
  pages: z.number().int(),
});

export function presentChapterSummary(
  c: ChapterSummary,
  baseUrl: string,
): z.infer<typeof chapterSummaryResponse> {
  return {
    id: c.id,
    position: c.position,
    title: c.title,
    posted: c.posted,
    published_at: c.publishedAt,
    word_count: c.wordCount,
    url: `${baseUrl}${chapterPath(c.workId, c.id)}`,
  };
}

export function presentChapter(c: Chapter, baseUrl: string): z.infer<typeof chapterResponse> {
  return {
    ...presentChapterSummary(c, baseUrl),
    summary: c.summary,
    notes: c.notes,
    endnotes: c.endnotes,
    content: c.content,
  };
}

export function presentWorkBlurb(
  d: WorkDetail,
  baseUrl: string,
): Omit<z.infer<typeof workResponse>, "chapters"> {
  const w = d.work;
  return {
    id: w.id,
    title: w.title,
    url: `${baseUrl}${workPath(w.id)}`,
    creators: d.creators.map((c) => ({ pseud: c.pseudName, username: c.username })),
    tags: Object.fromEntries(tagTypes.map((t) => [t, d.tags[t].map((tag) => tag.name)])) as z.infer<
      typeof tagsResponse
    >,
    summary: w.summary,
    notes: w.notes,
    endnotes: w.endnotes,
    language: w.language,
    series: d.series.map((s) => ({ id: s.id, title: s.title, position: s.position })),
    posted: w.posted,
    restricted: w.restricted,
    comment_permissions: w.commentPermissions,
    backdated: w.backdated,
    published_at: w.publishedAt,
    revised_at: w.revisedAt,
    complete: w.complete,
    expected_chapters: w.expectedChapters,
    posted_chapters: w.postedChapters,
    chapter_count: chapterCount(w),
    word_count: w.wordCount,
    hits: w.hitCount,
    kudos: 0,
    comments: 0,
    bookmarks: 0,
  };
}

export function presentWork(
  d: WorkDetail,
  chapters: readonly ChapterSummary[],
  baseUrl: string,
): z.infer<typeof workResponse> {
  return {
    ...presentWorkBlurb(d, baseUrl),
    chapters: chapters.map((c) => presentChapterSummary(c, baseUrl)),
  };
}
