// A chapter's fields, shared by the chapter forms and the API.
import { z } from "zod";
import { chapterText, limited, textFormat, type WorkLimits } from "../works/work.schema.js";

const expected = z.preprocess(
  (v) => (v === "?" ? null : v === "" || v === undefined ? undefined : typeof v === "string" ? Number(v) : v),
  z
    .number({ error: "Enter a number of chapters, or ? if you don't know yet." })
    .int("Enter a whole number of chapters.")
    .min(1, "A work has at least one chapter.")
    .max(100_000)
    .nullable()
    .optional(),
);

function chapterShape(l: WorkLimits) {
  return {
    title: z
      .string()
      .trim()
      .max(l.titleMax, `A chapter title must be at most ${l.titleMax} characters long.`)
      .optional()
      .default(""),
    summary: limited(l.summaryMax, "A summary").optional().default(""),
    notes: limited(l.notesMax, "Notes").optional().default(""),
    endnotes: limited(l.notesMax, "End notes").optional().default(""),
    text_format: textFormat,
    expected_chapters: expected,
  };
}

/** Adding or editing a chapter from its form (every field). */
export function chapterSchema(l: WorkLimits) {
  return z.strictObject({ ...chapterShape(l), text: chapterText(l) });
}
export type ChapterInput = z.output<ReturnType<typeof chapterSchema>>;

/** Editing a chapter through the API: any subset of the fields. */
export function chapterPatchSchema(l: WorkLimits) {
  const s = chapterShape(l);
  return z.strictObject({
    title: s.title.removeDefault(),
    summary: limited(l.summaryMax, "A summary").optional(),
    notes: limited(l.notesMax, "Notes").optional(),
    endnotes: limited(l.notesMax, "End notes").optional(),
    text_format: z.enum(["html", "markdown"]).optional(),
    expected_chapters: expected,
    text: chapterText(l).optional(),
  });
}
export type ChapterPatchInput = z.output<ReturnType<typeof chapterPatchSchema>>;

/** New positions for a work's chapters: chapter id → position from 1. */
export const chapterOrderSchema = z.strictObject({
  chapter_ids: z.array(z.string().max(100)).min(1, "List every chapter.").max(100_000),
});
