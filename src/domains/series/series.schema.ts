// A series' own fields (its works are added from the work form), and the order of its works.
import { z } from "zod";
import type { Config } from "../../config/config.js";
import { flag, limited, textFormat } from "../works/work.schema.js";

export type SeriesLimits = Pick<Config, "titleMax" | "summaryMax" | "notesMax">;

export function seriesSchema(l: SeriesLimits) {
  return z.strictObject({
    title: z
      .string({ error: "Enter a title." })
      .trim()
      .min(1, "Enter a title.")
      .max(l.titleMax, `A title must be at most ${l.titleMax} characters long.`),
    summary: limited(l.summaryMax, "A summary").optional().default(""),
    notes: limited(l.notesMax, "Notes").optional().default(""),
    complete: flag.optional().default(false),
    text_format: textFormat,
  });
}

export const seriesOrderSchema = z.strictObject({
  work_ids: z.array(z.string().max(100)).min(1, "List every work.").max(10_000),
});
