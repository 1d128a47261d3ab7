// Adding to a blocklist, shared by the page's forms, the "Block" buttons and the API.
import { z } from "zod";
import { blockKinds } from "./blocklist.js";

const kindField = z.enum(blockKinds, { error: "Choose what to block: tag, user (a creator) or work." });

/** kind "tag" takes `name` (tag names, comma-separated); "user" a username in `name`; "work" `work_id`. */
export function blockSchema() {
  return z.strictObject({
    kind: kindField,
    name: z.string().max(5000, "That is too long for names.").optional(),
    work_id: z.string().max(2000, "That is too long for a work's address or id.").optional(),
  });
}
export type BlockInput = z.output<ReturnType<typeof blockSchema>>;

export const unblockParams = z.object({ kind: kindField, id: z.string().max(100) });

/** A blocklist entry as the API shows it. */
export const blockedItemResponse = z.object({
  kind: z.enum(blockKinds),
  id: z.string(),
  name: z.string().nullable(),
  synonym_of: z.string().nullable(),
  url: z.string().nullable(),
  created_at: z.string(),
});
