// A saved filter's fields, shared by the pages and the API.
import { z } from "zod";
import { SAVED_FILTER_NAME_MAX, SAVED_FILTER_QUERY_MAX } from "./saved-filter.js";

const nameField = z
  .string({ error: "Give the filter a name." })
  .trim()
  .overwrite((s) => s.replace(/\s+/g, " "))
  .min(1, "Give the filter a name.")
  .max(SAVED_FILTER_NAME_MAX, `A filter's name must be at most ${SAVED_FILTER_NAME_MAX} characters long.`)
  .regex(/^[^\p{Cc}\p{Cs}]*$/u, "A filter's name can't contain control characters.");

const queryField = z
  .string({ error: "Choose the filters to save." })
  .max(SAVED_FILTER_QUERY_MAX, `The filters must be at most ${SAVED_FILTER_QUERY_MAX} characters long.`);

/** Saving the current filters under a name (an existing name is replaced). */
export function savedFilterSchema() {
  return z.strictObject({
    name: nameField,
    query: queryField,
    is_default: z.boolean({ error: "is_default is true or false." }).optional().default(false),
  });
}
export type SavedFilterInput = z.output<ReturnType<typeof savedFilterSchema>>;

/** Editing: any of the fields. A field left out stays as it is; is_default false unsets the default. */
export function savedFilterPatchSchema() {
  return z.strictObject({
    name: nameField.optional(),
    query: queryField.optional(),
    is_default: z.boolean({ error: "is_default is true or false." }).optional(),
  });
}
export type SavedFilterPatch = z.output<ReturnType<typeof savedFilterPatchSchema>>;

/** A saved filter as the API shows it. */
export const savedFilterResponse = z.object({
  id: z.string(),
  name: z.string(),
  query: z.string(),
  is_default: z.boolean(),
  url: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
