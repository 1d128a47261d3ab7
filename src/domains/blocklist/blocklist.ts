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

/**
 * The ids on a reader's blocklist, by kind (tag ids, user ids, work ids), for "Block …" buttons
 * to show what is blocked already. Empty for a guest.
 */
export type BlockedTargets = Readonly<Record<BlockKind, ReadonlySet<string>>>;

export const noBlockedTargets: BlockedTargets = { tag: new Set(), user: new Set(), work: new Set() };

/** The archive's shared account that orphaned works are credited to (not someone to block from a byline). */
const ORPHAN_ACCOUNT = "orphan_account";

/**
 * The accounts a reader may block from a work's byline: each user once (whatever pseuds the work
 * credits), never the reader, and not orphan_account, which would hide every orphaned work.
 */
export function blockableCreators<C extends { userId: string; username: string }>(
  creators: readonly C[],
  readerId: string,
): C[] {
  const seen = new Set<string>([readerId]);
  return creators.filter((c) => {
    if (seen.has(c.userId) || c.username === ORPHAN_ACCOUNT) return false;
    seen.add(c.userId);
    return true;
  });
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
