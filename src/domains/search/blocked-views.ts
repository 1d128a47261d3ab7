// What a reader's blocklist takes out of a listing that has a kept facet table (a popular tag's, or
// every work's): how many of its works are blocked, and how many of those carry each tag. With it,
// the listing's total and sidebar are the table's less these, without reading any work's tags; the
// first listing works it out, and it holds until the table changes (a work in it put or removed),
// which the table's version says. A few dozen are kept, the least recently used dropped first.

export interface BlockedView {
  /** The table's version this was worked out from. */
  version: number;
  /** Blocked works among the table's (for this reader: guests don't see restricted ones). */
  blocked: number;
  /** Tag numbers carried by the blocked works, and how many of them carry each. */
  tags: Int32Array;
  counts: Int32Array;
}

/** Blocklist views kept (each is a few kilobytes: 8 bytes per tag its blocked works carry). */
export const BLOCKED_VIEWS_MAX = 64;

export class BlockedViews {
  private readonly views = new Map<string, BlockedView>();

  constructor(private readonly max = BLOCKED_VIEWS_MAX) {}

  /** The key of one reader's blocklist on one table. */
  static key(
    table: number,
    guest: boolean,
    blockedTags: readonly number[],
    blockedDocs: readonly number[],
  ): string {
    const sorted = (list: readonly number[]) => [...new Set(list)].sort((a, b) => a - b).join(",");
    return `${table}|${guest ? "g" : "u"}|${sorted(blockedTags)}|${sorted(blockedDocs)}`;
  }

  /** The view kept under `key`, if it was worked out from this version of its table. */
  get(key: string, version: number): BlockedView | null {
    const view = this.views.get(key);
    if (!view) return null;
    this.views.delete(key);
    if (view.version !== version) return null;
    this.views.set(key, view);
    return view;
  }

  set(key: string, view: BlockedView): void {
    this.views.delete(key);
    this.views.set(key, view);
    while (this.views.size > this.max) this.views.delete(this.views.keys().next().value!);
  }
}
