// A work as the rest of the code sees it: its own fields, who made it, its tags by type, its
// chapters and the series it belongs to.
import type { TagType } from "../tags/tag-types.js";

export type CommentPermission = "anyone" | "users" | "none";
export const commentPermissions: readonly CommentPermission[] = ["anyone", "users", "none"];

export interface Work {
  id: string;
  /** The work's small number (the work index, search). */
  doc: number;
  title: string;
  summary: string;
  notes: string;
  endnotes: string;
  language: string;
  /** null when the creator doesn't know yet (shown as "?"). */
  expectedChapters: number | null;
  postedChapters: number;
  complete: boolean;
  /** false: a draft, seen only by its creators. */
  posted: boolean;
  restricted: boolean;
  commentPermissions: CommentPermission;
  backdated: boolean;
  publishedAt: string | null;
  revisedAt: string | null;
  wordCount: number;
  hitCount: number;
  kudosCount: number;
  commentCount: number;
  bookmarkCount: number;
  /** Hidden by an admin: listed nowhere, counted nowhere. */
  hiddenByAdmin: boolean;
  crossover: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Creator {
  pseudId: string;
  pseudName: string;
  userId: string;
  username: string;
}

export interface WorkTag {
  id: string;
  name: string;
  type: TagType;
  canonical: boolean;
}

export type TagsByType = Record<TagType, WorkTag[]>;

export interface SeriesLink {
  id: string;
  title: string;
  position: number;
  previous?: { id: string; title: string } | undefined;
  next?: { id: string; title: string } | undefined;
}

export interface ChapterSummary {
  id: string;
  workId: string;
  position: number;
  title: string;
  posted: boolean;
  publishedAt: string | null;
  wordCount: number;
}

export interface Chapter extends ChapterSummary {
  summary: string;
  notes: string;
  endnotes: string;
  content: string;
}

/** A work with everything its page or blurb shows (chapters are those the viewer may see). */
export interface WorkDetail {
  work: Work;
  creators: Creator[];
  tags: TagsByType;
  series: SeriesLink[];
}

/** "3/5" or "3/?": the chapter count as AO3 shows it. */
export function chapterCount(work: Pick<Work, "postedChapters" | "expectedChapters">): string {
  return `${work.postedChapters}/${work.expectedChapters ?? "?"}`;
}

/** "Chapter 2: The Storm", or "Chapter 2" when untitled. */
export function chapterHeading(chapter: Pick<ChapterSummary, "position" | "title">): string {
  return chapter.title ? `Chapter ${chapter.position}: ${chapter.title}` : `Chapter ${chapter.position}`;
}
