// Parses input with a zod schema and turns the failures into one message per field, the shape that
// forms (messages next to fields) and problem documents (errors[].field) both use.
import type { z } from "zod";
import { Invalid, type FieldErrors } from "./errors.js";

/** Field errors from a zod error: the first message for each field path ("" for the whole input). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) fields[[...issue.path, key].join(".")] ??= `Unexpected field "${key}".`;
      continue;
    }
    const key = issue.path.map(String).join(".");
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Returns the parsed value or throws Invalid with every field's message. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new Invalid(fieldErrorsOf(result.error));
  return result.data;
}
