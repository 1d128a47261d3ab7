// The only SQL about the chapters table.
import type { Kysely, Selectable, Updateable } from "kysely";
import type { ChaptersTable, Database } from "../../db/schema.js";
import type { Chapter, ChapterSummary } from "../works/work.js";

type Db = Kysely<Database>;
export type ChapterRow = Selectable<ChaptersTable>;

const summaryColumns = [
  "id",
  "work_id",
  "position",
  "title",
  "posted",
  "published_at",
  "word_count",
] as const;

function summaryFromRow(row: Pick<ChapterRow, (typeof summaryColumns)[number]>): ChapterSummary {
  return {
    id: row.id,
    workId: row.work_id,
    position: row.position,
    title: row.title,
    posted: row.posted === 1,
    publishedAt: row.published_at,
    wordCount: row.word_count,
  };
}

export function chapterFromRow(row: ChapterRow): Chapter {
  return {
    ...summaryFromRow(row),
    summary: row.summary,
    notes: row.notes,
    endnotes: row.endnotes,
    content: row.content,
  };
}

/** A work's chapters in order, without their text. */
export async function listChapterSummaries(db: Db, workId: string): Promise<ChapterSummary[]> {
  const rows = await db
    .selectFrom("chapters")
    .select([...summaryColumns])
    .where("work_id", "=", workId)
    .orderBy("position")
    .execute();
  return rows.map(summaryFromRow);
}

/** A work's chapters in order, with their text (the entire-work view). */
export async function listChapters(db: Db, workId: string): Promise<Chapter[]> {
  const rows = await db
    .selectFrom("chapters")
    .selectAll()
    .where("work_id", "=", workId)
    .orderBy("position")
    .execute();
  return rows.map(chapterFromRow);
}

export async function findChapter(db: Db, workId: string, id: string): Promise<Chapter | undefined> {
  const row = await db
    .selectFrom("chapters")
    .selectAll()
    .where("work_id", "=", workId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row && chapterFromRow(row);
}

export async function findChapterAt(db: Db, workId: string, position: number): Promise<Chapter | undefined> {
  const row = await db
    .selectFrom("chapters")
    .selectAll()
    .where("work_id", "=", workId)
    .where("position", "=", position)
    .executeTakeFirst();
  return row && chapterFromRow(row);
}

export async function insertChapter(db: Db, row: ChapterRow): Promise<void> {
  await db.insertInto("chapters").values(row).execute();
}

/** Inserts many chapters, a few hundred rows per statement (within both databases' parameter limits). */
export async function insertChapters(db: Db, rows: readonly ChapterRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("chapters")
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export async function updateChapter(db: Db, id: string, changes: Updateable<ChaptersTable>): Promise<void> {
  await db.updateTable("chapters").set(changes).where("id", "=", id).execute();
}

export async function deleteChapter(db: Db, id: string): Promise<void> {
  await db.deleteFrom("chapters").where("id", "=", id).execute();
}

export async function setChapterPosition(db: Db, id: string, position: number): Promise<void> {
  await db.updateTable("chapters").set({ position }).where("id", "=", id).execute();
}

/** What a work's own counters are computed from: each chapter's state and word count. */
export async function chapterStats(
  db: Db,
  workId: string,
): Promise<{ posted: number; published_at: string | null; word_count: number; position: number }[]> {
  return db
    .selectFrom("chapters")
    .select(["posted", "published_at", "word_count", "position"])
    .where("work_id", "=", workId)
    .orderBy("position")
    .execute();
}

/** The posted chapters of the works `workIds`, in order, with their text (what search reads). */
export async function postedChapterTexts(
  db: Db,
  workIds: readonly string[],
): Promise<
  Map<string, { title: string; summary: string; notes: string; endnotes: string; content: string }[]>
> {
  const result = new Map<
    string,
    { title: string; summary: string; notes: string; endnotes: string; content: string }[]
  >();
  if (workIds.length === 0) return result;
  const rows = await db
    .selectFrom("chapters")
    .select(["work_id", "title", "summary", "notes", "endnotes", "content"])
    .where("work_id", "in", [...workIds])
    .where("posted", "=", 1)
    .orderBy("work_id")
    .orderBy("position")
    .execute();
  for (const { work_id, ...chapter } of rows) {
    const list = result.get(work_id) ?? [];
    list.push(chapter);
    result.set(work_id, list);
  }
  return result;
}
