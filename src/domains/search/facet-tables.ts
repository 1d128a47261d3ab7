// Facet counts kept up to date instead of counted per listing. A big fandom's page would otherwise
// read the filter sets of all its works (a million tag entries at 90,000 works) to count its
// sidebar; a table holds, for the works carrying one tag, how many carry each other tag, and the
// work index adjusts it on every put and remove. One table covers the whole archive (all works);
// others are made for popular tags when their page is first asked for, and the least recently
// used is dropped beyond a few dozen. Pure and synchronous, like the index that owns it.

export interface Facet {
  tag: number;
  count: number;
}

/** The whole archive's table: every listed work. */
export const EVERY_WORK = -1;

/** A tag carried by fewer works than this is counted per listing (that is quick enough). */
export const TABLE_MIN_WORKS = 5_000;
/** Tables kept besides the archive's (each is 4 bytes per tag number). */
export const TABLES_MAX = 32;

interface Table {
  /** Per tag number: listed works carrying this table's tag and that one. */
  all: Int32Array;
  /** The same for restricted works only (few, so kept sparse). */
  restricted: Map<number, number>;
  /** The last top tags computed, by "guest|limit"; dropped on any change. */
  top: Map<string, Map<number, Facet[]>>;
  usedAt: number;
}

/** The `limit` highest counts of each tag type, ties to the lower tag number. */
export class TopFacets {
  private readonly lists = new Map<number, Facet[]>();
  private readonly floors = new Map<number, number>();

  constructor(
    private readonly limit: number,
    private readonly typeOf: (tag: number) => number | undefined,
  ) {}

  offer(tag: number, count: number): void {
    if (count <= 0 || this.limit <= 0) return;
    const type = this.typeOf(tag);
    if (type === undefined) return;
    let list = this.lists.get(type);
    if (!list) {
      list = [];
      this.lists.set(type, list);
    }
    if (list.length === this.limit && count < this.floors.get(type)!) return;
    let at = list.length;
    while (
      at > 0 &&
      (list[at - 1]!.count < count || (list[at - 1]!.count === count && list[at - 1]!.tag > tag))
    )
      at--;
    if (at >= this.limit) return;
    list.splice(at, 0, { tag, count });
    if (list.length > this.limit) list.pop();
    if (list.length === this.limit) this.floors.set(type, list[this.limit - 1]!.count);
  }

  result(): Map<number, Facet[]> {
    return this.lists;
  }
}

export class FacetTables {
  private readonly tables = new Map<number, Table>();
  private capacity: number;
  private clock = 0;

  constructor(
    capacity: number,
    private readonly tablesMax = TABLES_MAX,
    /** Told when a table is dropped to make room. */
    private readonly onDrop: (tag: number) => void = () => undefined,
  ) {
    this.capacity = capacity;
    this.tables.set(EVERY_WORK, this.emptyTable());
  }

  /** Makes room for tag numbers below `capacity`. */
  grow(capacity: number): void {
    if (capacity <= this.capacity) return;
    this.capacity = capacity;
    for (const table of this.tables.values()) {
      const all = new Int32Array(capacity);
      all.set(table.all);
      table.all = all;
    }
  }

  /** Counts a listed work in (delta 1) or out (delta -1) of every table it belongs to. */
  adjust(tags: readonly number[], restricted: boolean, delta: 1 | -1): void {
    this.count(this.tables.get(EVERY_WORK)!, tags, restricted, delta);
    if (this.tables.size === 1) return;
    for (const tag of tags) {
      const table = this.tables.get(tag);
      if (table) this.count(table, tags, restricted, delta);
    }
  }

  has(tag: number): boolean {
    return this.tables.has(tag);
  }

  /** The tags with a kept table among `tags`, and EVERY_WORK. */
  tablesOf(tags: readonly number[]): number[] {
    if (this.tables.size === 1) return [EVERY_WORK];
    return [EVERY_WORK, ...tags.filter((tag) => this.tables.has(tag))];
  }

  /**
   * Makes the table of `tag` from its works (`each` calls back with every listed work's tags and
   * whether it is restricted), dropping the least recently used table when there are too many.
   */
  build(tag: number, each: (visit: (tags: ArrayLike<number>, restricted: boolean) => void) => void): void {
    const table = this.emptyTable();
    each((tags, restricted) => this.count(table, tags, restricted, 1));
    this.tables.set(tag, table);
    if (this.tables.size > this.tablesMax + 1) {
      let oldest: number | null = null;
      let oldestAt = Infinity;
      for (const [key, t] of this.tables)
        if (key !== EVERY_WORK && key !== tag && t.usedAt < oldestAt) {
          oldest = key;
          oldestAt = t.usedAt;
        }
      if (oldest !== null) {
        this.tables.delete(oldest);
        this.onDrop(oldest);
      }
    }
  }

  /** How many listed works the table's tag has (for guests, without restricted ones). */
  total(tag: number, guest: boolean): number {
    if (tag === EVERY_WORK) throw new RangeError("the archive's table has no tag of its own");
    const table = this.used(tag);
    return table.all[tag]! - (guest ? (table.restricted.get(tag) ?? 0) : 0);
  }

  /**
   * Per tag, the table's works (for guests, not restricted ones) less those counted in `counts`,
   * where that leaves any: the counts of the works `counts` did not count.
   */
  less(tag: number, guest: boolean, counts: Int32Array): Map<number, number> {
    const table = this.used(tag);
    const all = table.all;
    const left = new Map<number, number>();
    for (let t = 0; t < all.length; t++) {
      if (all[t] === 0) continue;
      const n = all[t]! - (guest ? (table.restricted.get(t) ?? 0) : 0) - (t < counts.length ? counts[t]! : 0);
      if (n > 0) left.set(t, n);
    }
    return left;
  }

  /**
   * The top tags of each type among the table's works, less those counted in `minus` (per tag
   * number; the caller's scratch counts of works it leaves out, such as blocked ones) and, for
   * guests, less restricted works. Without `minus` the answer is kept until the table changes.
   */
  top(
    tag: number,
    options: {
      guest: boolean;
      limit: number;
      minus: Int32Array | null;
      typeOf: (tag: number) => number | undefined;
    },
  ): Map<number, Facet[]> {
    const table = this.used(tag);
    const key = `${options.guest}|${options.limit}`;
    if (!options.minus) {
      const kept = table.top.get(key);
      if (kept) return kept;
    }
    const restricted = options.guest ? table.restricted : null;
    const minus = options.minus;
    const top = new TopFacets(options.limit, options.typeOf);
    const all = table.all;
    for (let t = 0; t < all.length; t++) {
      let count = all[t]!;
      if (count === 0) continue;
      if (minus !== null && t < minus.length) count -= minus[t]!;
      if (restricted !== null && restricted.size > 0) count -= restricted.get(t) ?? 0;
      top.offer(t, count);
    }
    const result = top.result();
    if (!minus) table.top.set(key, result);
    return result;
  }

  /** The table of `tag`, marked as the most recently used: every read of a table keeps it. */
  private used(tag: number): Table {
    const table = this.tables.get(tag)!;
    table.usedAt = ++this.clock;
    return table;
  }

  private emptyTable(): Table {
    return {
      all: new Int32Array(this.capacity),
      restricted: new Map(),
      top: new Map(),
      usedAt: ++this.clock,
    };
  }

  private count(table: Table, tags: ArrayLike<number>, restricted: boolean, delta: 1 | -1): void {
    const all = table.all;
    for (let i = 0; i < tags.length; i++) {
      const t = tags[i]!;
      if (t < all.length) all[t]! += delta;
      if (restricted) {
        const n = (table.restricted.get(t) ?? 0) + delta;
        if (n === 0) table.restricted.delete(t);
        else table.restricted.set(t, n);
      }
    }
    if (table.top.size > 0) table.top.clear();
  }
}
