// What a reader's blocklist takes out of a listing that has a kept facet table (a popular tag's, or
// every work's): how many of its works are blocked, and how many of those carry each tag. With it,
// the listing's total and sidebar are the table's less these, without reading any work's tags. The
// first listing works it out; after that the work index adjusts it as works come into the table or
// leave it, as it adjusts the table itself, so posting in a busy fandom doesn't send its readers
// back to counting. A few dozen are kept, the least recently used dropped first, and fewer when
// they are large (a view of every work can hold a count for every tag in the archive).

export interface BlockedView {
  /** The kept table this is a view of (a tag number, or EVERY_WORK). */
  table: number;
  /** A guest's view leaves restricted works out, as guests never see them. */
  guest: boolean;
  blockedTags: ReadonlySet<number>;
  blockedDocs: ReadonlySet<number>;
  /** Blocked works among the table's. */
  blocked: number;
  /** Per tag number, how many of the blocked works carry it (tags none of them carry left out). */
  counts: Map<number, number>;
}

/** Blocklist views kept (each is about 30 bytes per tag it counts: kilobytes for a tag, MB for all works). */
export const BLOCKED_VIEWS_MAX = 64;
/** Tag counts kept across all views, when a view is kept (about 30 bytes each in a Map: 60 MB). */
export const BLOCKED_VIEW_COUNTS_MAX = 2_000_000;

export class BlockedViews {
  private readonly views = new Map<string, BlockedView>();
  /** The keys of the views of each table. */
  private readonly byTable = new Map<number, Set<string>>();
  /** Each view's count of tags when it was kept, and their sum (for the budget). */
  private readonly sizes = new Map<string, number>();
  private counts = 0;

  constructor(
    private readonly max = BLOCKED_VIEWS_MAX,
    private readonly countsMax = BLOCKED_VIEW_COUNTS_MAX,
  ) {}

  /** Whether any view is kept (when none is, there is nothing to adjust). */
  get size(): number {
    return this.views.size;
  }

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

  /** The view kept under `key`, now the most recently used. */
  get(key: string): BlockedView | null {
    const view = this.views.get(key);
    if (!view) return null;
    this.views.delete(key);
    this.views.set(key, view);
    return view;
  }

  set(key: string, view: BlockedView): void {
    this.drop(key);
    if (view.counts.size > this.countsMax) return;
    this.views.set(key, view);
    let keys = this.byTable.get(view.table);
    if (!keys) this.byTable.set(view.table, (keys = new Set()));
    keys.add(key);
    this.sizes.set(key, view.counts.size);
    this.counts += view.counts.size;
    while (this.views.size > this.max || this.counts > this.countsMax)
      this.drop(this.views.keys().next().value!);
  }

  /** Forgets the views of a table (dropped from the kept tables: nothing adjusts them any more). */
  dropTable(table: number): void {
    for (const key of [...(this.byTable.get(table) ?? [])]) this.drop(key);
  }

  /**
   * A work counted into (delta 1) or out of (-1) the kept tables `tables`, with its tags and whether
   * it is restricted: the views of those tables that block it follow.
   */
  adjust(
    tables: readonly number[],
    doc: number,
    tags: readonly number[],
    restricted: boolean,
    delta: 1 | -1,
  ): void {
    if (this.views.size === 0) return;
    for (const table of tables) {
      const keys = this.byTable.get(table);
      if (!keys) continue;
      for (const key of keys) {
        const view = this.views.get(key)!;
        if (view.guest && restricted) continue;
        if (!view.blockedDocs.has(doc) && !tags.some((tag) => view.blockedTags.has(tag))) continue;
        view.blocked += delta;
        for (const tag of tags) {
          const n = (view.counts.get(tag) ?? 0) + delta;
          if (n === 0) view.counts.delete(tag);
          else view.counts.set(tag, n);
        }
      }
    }
  }

  private drop(key: string): void {
    const view = this.views.get(key);
    if (!view) return;
    this.views.delete(key);
    this.byTable.get(view.table)?.delete(key);
    if (this.byTable.get(view.table)?.size === 0) this.byTable.delete(view.table);
    this.counts -= this.sizes.get(key) ?? 0;
    this.sizes.delete(key);
  }
}
