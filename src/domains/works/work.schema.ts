// A work's fields, shared by the posting form, the edit form and the API (which also takes arrays
// where the form sends comma-separated names). Limits come from the configuration.
import { z } from "zod";
import type { Config } from "../../config/config.js";
import { htmlToText } from "../../content/plain-text.js";
import { fixedTagByName } from "../tags/fixed-tags.js";
import { splitTagList, tagNameProblem } from "../tags/tag-name.js";
import { languageByCode } from "./languages.js";
import { commentPermissions } from "./work.js";

export type WorkLimits = Pick<
  Config,
  "titleMax" | "summaryMax" | "notesMax" | "chapterMin" | "chapterMax" | "tagNameMax" | "userTagsPerWork"
>;

/** A form's checkbox or an API boolean. */
export const flag = z.preprocess(
  (v) => v === true || v === "on" || v === "1" || v === "true",
  z.boolean(),
) as unknown as z.ZodType<boolean, unknown>;

/** One value or a list of them (a form sends a lone checkbox as a string, an API a list). */
const oneOrMany = (max: number, error?: string) =>
  z
    .union(
      [z.string().max(max), z.array(z.string().max(max)).max(1000, "Too many values.")],
      error ? { error } : undefined,
    )
    .transform((v) => (Array.isArray(v) ? v : v === "" ? [] : [v]));

/** An optional list: left out, it is empty. */
const many = (max: number) =>
  oneOrMany(max)
    .optional()
    .transform((v) => v ?? []);

/** A tag field: comma-separated names or an array of names, normalised, each checked. */
const tagList = (
  l: WorkLimits,
  type: "fandom" | "relationship" | "character" | "freeform",
  required?: string,
) => {
  const names = z.union([z.string().max(100_000), z.array(z.string().max(10_000)).max(10_000)], {
    error: required ?? "Enter tag names separated by commas.",
  });
  return (required ? names : names.optional()).transform((v, ctx) => {
    const list = splitTagList(v ?? "", type);
    for (const name of list) {
      const problem = tagNameProblem(name, l.tagNameMax);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }
    if (required && list.length === 0) ctx.addIssue({ code: "custom", message: required });
    return list;
  });
};

const fixedOne = (type: "rating", what: string) =>
  z.union([z.string(), z.array(z.string())], { error: `Choose a ${what}.` }).transform((v, ctx) => {
    const values = (Array.isArray(v) ? v : [v]).filter((s) => s !== "");
    if (values.length === 0) {
      ctx.addIssue({ code: "custom", message: `Choose a ${what}.` });
      return z.NEVER;
    }
    if (values.length > 1) {
      ctx.addIssue({ code: "custom", message: `Only one ${what} is allowed.` });
      return z.NEVER;
    }
    const tag = fixedTagByName(type, values[0]!);
    if (!tag) {
      ctx.addIssue({ code: "custom", message: `“${values[0]}” is not a ${what}.` });
      return z.NEVER;
    }
    return tag.name;
  });

/** Archive warnings (at least one: required) or categories (any: optional). */
function fixedMany(type: "archive_warning" | "category", what: string, required: boolean) {
  const pick = (values: string[], ctx: z.RefinementCtx) => {
    const names: string[] = [];
    for (const value of values) {
      const tag = fixedTagByName(type, value);
      if (!tag) ctx.addIssue({ code: "custom", message: `“${value}” is not ${what}.` });
      else if (!names.includes(tag.name)) names.push(tag.name);
    }
    if (required && names.length === 0)
      ctx.addIssue({ code: "custom", message: `Choose at least one ${what}.` });
    return names;
  };
  return required
    ? oneOrMany(200, `Choose at least one ${what}.`).transform(pick)
    : many(200).transform(pick);
}

/**
 * Characters a reader sees: limits count the text, not the markup, so the stored HTML (with its
 * added <p> tags and entities) fits again when the edit form sends it back unchanged.
 */
export function visibleLength(value: string): number {
  return htmlToText(value).length;
}

/** A summary or notes field: at most `max` visible characters. */
export const limited = (max: number, label: string) =>
  z
    .string()
    .refine(
      // Markup only adds characters, so a short value needs no parsing.
      (s) => s.length <= max || visibleLength(s) <= max,
      `${label} must be at most ${max} characters long.`,
    )
    .meta({ maxLength: max, description: `HTML, plain text or Markdown; at most ${max} characters of text` });
const text = (max: number, label: string) => limited(max, label).optional().default("");

/** "?" or blank: unknown; otherwise a whole number of chapters. */
const expectedChapters = z.preprocess(
  (v) =>
    v === "" || v === "?" || v === undefined || v === null ? null : typeof v === "string" ? Number(v) : v,
  z
    .number({ error: "Enter a number of chapters, or ? if you don't know yet." })
    .int("Enter a whole number of chapters.")
    .min(1, "A work has at least one chapter.")
    .max(100_000, "That is too many chapters.")
    .nullable(),
);

const optionalInt = z.preprocess(
  (v) => (v === "" || v === undefined || v === null ? undefined : typeof v === "string" ? Number(v) : v),
  z.number({ error: "Enter a number." }).int("Enter a whole number.").min(1).max(100_000).optional(),
);

/** The chapter text with the limits AO3 sets (counted on what was typed). */
export function chapterText(l: WorkLimits) {
  return z
    .string({ error: "Enter the text of the chapter." })
    .superRefine((s, ctx) => {
      // Counted as the reader will see it: markup alone ("<script>…</script>") is not a chapter.
      const length = visibleLength(s);
      if (length > l.chapterMax)
        ctx.addIssue({
          code: "custom",
          message: `A chapter must be at most ${l.chapterMax.toLocaleString("en")} characters long.`,
        });
      else if (length < l.chapterMin)
        ctx.addIssue({
          code: "custom",
          message: `A chapter must be at least ${l.chapterMin} characters long.`,
        });
    })
    .meta({
      minLength: l.chapterMin,
      maxLength: l.chapterMax,
      description: "HTML, plain text or Markdown; the limits count the text a reader sees",
    });
}

export const textFormat = z.enum(["html", "markdown"]).optional().default("html");

/** A language code from the list, stored in its canonical form. */
const language = z
  .string()
  .max(50)
  .transform((code, ctx) => {
    const found = languageByCode(code);
    if (!found) {
      ctx.addIssue({ code: "custom", message: "Choose a language from the list." });
      return z.NEVER;
    }
    return found.code;
  });

function workShape(l: WorkLimits) {
  return {
    title: z
      .string({ error: "Enter a title." })
      .trim()
      .min(1, "Enter a title.")
      .max(l.titleMax, `A title must be at most ${l.titleMax} characters long.`),
    pseud_ids: many(100),
    rating: fixedOne("rating", "rating"),
    warnings: fixedMany("archive_warning", "archive warning", true),
    categories: fixedMany("category", "category", false),
    fandoms: tagList(l, "fandom", "Add at least one fandom."),
    relationships: tagList(l, "relationship"),
    characters: tagList(l, "character"),
    freeforms: tagList(l, "freeform"),
    summary: text(l.summaryMax, "A summary"),
    notes: text(l.notesMax, "Notes"),
    endnotes: text(l.notesMax, "End notes"),
    language: language.optional().default("en"),
    series_id: z.string().max(100).optional().default(""),
    series_title: z
      .string()
      .trim()
      .max(l.titleMax, `A series title must be at most ${l.titleMax} characters long.`)
      .optional()
      .default(""),
    series_position: optionalInt,
    remove_series_ids: many(100),
    expected_chapters: expectedChapters.optional().default(1),
    chapter_title: z
      .string()
      .trim()
      .max(l.titleMax, `A chapter title must be at most ${l.titleMax} characters long.`)
      .optional()
      .default(""),
    backdate: flag.optional().default(false),
    published_on: z
      .string()
      .regex(/^$|^\d{4}-\d{2}-\d{2}$/, "Enter the date as YYYY-MM-DD.")
      .optional()
      .default(""),
    restricted: flag.optional().default(false),
    comment_permissions: z
      .enum(commentPermissions as [string, ...string[]], { error: "Choose who may comment." })
      .optional()
      .default("users"),
    text_format: textFormat,
  };
}

/** Posting a new work: every field, with the first chapter's text. */
export function workSchema(l: WorkLimits) {
  return z.strictObject({ ...workShape(l), text: chapterText(l) });
}
export type WorkInput = z.output<ReturnType<typeof workSchema>>;

/**
 * Editing a work from its form: the same fields; the text and the first chapter's title only when
 * the form shows them (a chaptered work's form has neither, and they stay as they are).
 */
export function workEditSchema(l: WorkLimits) {
  const shape = workShape(l);
  return z.strictObject({
    ...shape,
    chapter_title: shape.chapter_title.removeDefault(),
    text: chapterText(l).optional(),
  });
}
export type WorkEditInput = z.output<ReturnType<typeof workEditSchema>>;

/** Editing through the API: any subset of the fields; what is left out stays as it is. */
export function workPatchSchema(l: WorkLimits) {
  const shape = workShape(l);
  return z.strictObject({
    title: shape.title.optional(),
    pseud_ids: z.array(z.string().max(100)).max(100).optional(),
    rating: shape.rating.optional(),
    warnings: fixedMany("archive_warning", "archive warning", true).optional(),
    categories: fixedMany("category", "category", false).optional(),
    fandoms: tagList(l, "fandom", "Add at least one fandom.").optional(),
    relationships: tagList(l, "relationship").optional(),
    characters: tagList(l, "character").optional(),
    freeforms: tagList(l, "freeform").optional(),
    summary: limited(l.summaryMax, "A summary").optional(),
    notes: limited(l.notesMax, "Notes").optional(),
    endnotes: limited(l.notesMax, "End notes").optional(),
    language: language.optional(),
    series_id: z.string().max(100).optional(),
    series_title: z.string().trim().max(l.titleMax).optional(),
    series_position: optionalInt,
    remove_series_ids: z.array(z.string().max(100)).max(100).optional(),
    expected_chapters: expectedChapters.optional(),
    chapter_title: z.string().trim().max(l.titleMax).optional(),
    backdate: z.boolean().optional(),
    published_on: z
      .string()
      .regex(/^$|^\d{4}-\d{2}-\d{2}$/, "Enter the date as YYYY-MM-DD.")
      .optional(),
    restricted: z.boolean().optional(),
    comment_permissions: z
      .enum(commentPermissions as [string, ...string[]], { error: "Choose who may comment." })
      .optional(),
    text_format: z.enum(["html", "markdown"]).optional(),
    text: chapterText(l).optional(),
  });
}
export type WorkPatchInput = z.output<ReturnType<typeof workPatchSchema>>;
