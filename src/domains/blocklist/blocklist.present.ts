// The JSON shape of blocklist entries (no internal columns).
import type { z } from "zod";
import { tagToParam } from "../tags/tag-name.js";
import type { blockedItemResponse } from "./blocklist.schema.js";
import type { BlockedItem } from "./blocklist.js";

/** The page a blocklist entry names, or null when there is none to show. */
export function blockedItemPath(item: BlockedItem): string | null {
  if (item.name === null) return null;
  if (item.kind === "tag") return `/tags/${tagToParam(item.name)}`;
  if (item.kind === "user") return `/users/${encodeURIComponent(item.name)}`;
  return `/works/${encodeURIComponent(item.targetId)}`;
}

export function presentBlockedItem(item: BlockedItem, baseUrl: string): z.infer<typeof blockedItemResponse> {
  const path = blockedItemPath(item);
  return {
    kind: item.kind,
    id: item.targetId,
    name: item.name,
    synonym_of: item.synonymOf,
    url: path === null ? null : `${baseUrl}${path}`,
    created_at: item.createdAt,
  };
}
