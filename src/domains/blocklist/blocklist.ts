// A reader's blocklist: tags, creators and single works they never want to see. Listings leave
// out works with a blocked tag (a synonym is blocked as its canonical tag), by a blocked creator,
// or blocked themselves, and say how many they left out.
import type { BlockKind } from "./blocklist-entry.repo.js";

export type { BlockKind };

export const blockKinds = ["tag", "user", "work"] as const satisfies readonly BlockKind[];

export function isBlockKind(value: string): value is BlockKind {
  return (blockKinds as readonly string[]).includes(value);
}

/** One entry of a blocklist as the reader sees it. */
export interface BlockedItem {
  kind: BlockKind;
  targetId: string;
  /**
   * The tag's name, the creator's username or the work's title; null when it is gone, or (a work)
   * when the reader can no longer see it: a draft's title is never shown.
   */
  name: string | null;
  /** For a blocked synonym: the canonical tag whose works are hidden with it. */
  synonymOf: string | null;
  createdAt: string;
}

export interface Blocklist {
  tags: BlockedItem[];
  creators: BlockedItem[];
  works: BlockedItem[];
  count: number;
  max: number;
}

/** What to call an entry in a sentence. */
export function blockedLabel(item: BlockedItem): string {
  if (item.name !== null) return `“${item.name}”`;
  if (item.kind === "work") return "a work you can't see any more";
  if (item.kind === "tag") return "a tag that no longer exists";
  return "an account that no longer exists";
}

/** The work id in what a reader typed: an id, or a work's (or chapter's) address. */
export function workIdFrom(input: string): string {
  const trimmed = input.trim();
  const inPath = /\/works\/([^/?#\s]+)/.exec(trimmed);
  return inPath ? inPath[1]! : trimmed;
}
