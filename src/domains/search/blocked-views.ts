// What a reader's blocklist takes out of a listing that has a kept facet table (a popular tag's, or
// every work's): how many of its works are blocked, and how many of those carry each tag. With it,
// the listing's total and sidebar are the table's less these, without reading any work's tags; the
// first listing works it out, and it holds until the table changes (a work in it put or removed),
// which the table's version says. A few dozen are kept, the least recently used dropped first, and
// fewer when they are large (a view of every work can hold a count for every tag in the archive).

export interface BlockedView {
  /** The table's version this was worked out from. */
  version: number;
  /** Blocked works among the table's (for this reader: guests don't see restricted ones). */
  blocked: number;
  /** Tag numbers carried by the blocked works, and how many of them carry each. */
  tags: Int32Array;
  counts: Int32Array;
}

/** Blocklist views kept (each is 8 bytes per tag it counts: kilobytes for a tag, up to MB for all works). */
export const BLOCKED_VIEWS_MAX = 64;
/** Tag counts kept across all views (8 bytes each: 32 MB). */
export const BLOCKED_VIEW_COUNTS_MAX = 4_000_000;

export class BlockedViews {
  private readonly views = new Map<string, BlockedView>();
  private counts = 0;

  constructor(
    private readonly max = BLOCKED_VIEWS_MAX,
    private readonly countsMax = BLOCKED_VIEW_COUNTS_MAX,
  ) {}

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
    this.drop(key);
    if (view.version !== version) return null;
    this.set(key, view);
    return view;
  }

  set(key: string, view: BlockedView): void {
    this.drop(key);
    if (view.tags.length > this.countsMax) return;
    this.views.set(key, view);
    this.counts += view.tags.length;
    while (this.views.size > this.max || this.counts > this.countsMax)
      this.drop(this.views.keys().next().value!);
  }

  private drop(key: string): void {
    const view = this.views.get(key);
    if (!view) return;
    this.views.delete(key);
    this.counts -= view.tags.length;
  }
}
