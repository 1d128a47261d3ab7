// A pseud's fields, shared by the pseud forms and the API.
import { z } from "zod";
import type { Config } from "../../config/config.js";

export type PseudLimits = Pick<Config, "pseudNameMax" | "pseudDescriptionMax">;

/** Creating or editing a pseud (AO3: 1–40 characters of letters, digits, spaces, _ and -). */
export function pseudSchema(l: PseudLimits) {
  return z.strictObject({
    name: z
      .string({ error: "Enter a name for the pseud." })
      .trim()
      .overwrite((s) => s.replace(/\s+/g, " "))
      .min(1, "Enter a name for the pseud.")
      .max(l.pseudNameMax, `A pseud name must be at most ${l.pseudNameMax} characters long.`)
      .regex(/^[\p{L}\p{M}\p{N}_ -]+$/u, "Use only letters, digits, spaces, underscores and hyphens.")
      .regex(/[\p{L}\p{N}]/u, "A pseud name needs at least one letter or digit.")
      .refine((name) => name.toLowerCase() !== "new", "“new” is reserved; choose another name."),
    description: z
      .string()
      .max(l.pseudDescriptionMax, `A description must be at most ${l.pseudDescriptionMax} characters long.`)
      .optional()
      .default(""),
  });
}
export type PseudInput = z.output<ReturnType<typeof pseudSchema>>;

/** Editing through the API: any of the fields, plus becoming the default. */
export function pseudPatchSchema(l: PseudLimits) {
  // No defaults here: a field left out of a PATCH stays as it is.
  const full = pseudSchema(l).shape;
  return z.strictObject({
    name: full.name.optional(),
    description: z
      .string()
      .max(l.pseudDescriptionMax, `A description must be at most ${l.pseudDescriptionMax} characters long.`)
      .optional(),
    is_default: z.literal(true).optional(),
  });
}

/** A pseud as the API shows it. */
export const pseudResponse = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  is_default: z.boolean(),
  created_at: z.string(),
  url: z.string(),
});
