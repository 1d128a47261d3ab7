// The in-process work index: for every listed work (posted, not hidden by an admin), its filter
// set, the fields listings filter on, and its sort keys, in typed arrays indexed by the work's doc
// number, with a postings list per tag. It answers a listing — include/exclude tags, ranges,
// visibility, blocklist, sort, page, facet counts — without touching the database; the database
// then serves only the page's 20 works. Pure and synchronous: nothing here awaits, so a query sees
// one consistent state.

import { BlockedViews, type BlockedView } from "./blocked-views.js";
import type { WorkSort } from "./work-filter.js";
import {
  EVERY_WORK,
  FacetTables,
  TABLE_MIN_WORKS,
  TABLES_MAX,
  TopFacets,
  type Facet,
} from "./facet-tables.js";
import { KeyOrder } from "./key-order.js";

/** What the index keeps of one work. */
export interface IndexedWork {
  doc: number;
  restricted: boolean;
  complete: boolean;
  crossover: boolean;
  language: string;
  /** Milliseconds since the epoch. */
  revisedAt: number;
  publishedAt: number;
  words: number;
  kudos: number;
  hits: number;
  comments: number;
  bookmarks: number;
  /** Sort keys: the title without leading articles, and the first creator's name, lower-cased. */
  titleKey: string;
  creatorKey: string;
  /** The filter set: tag numbers. */
  tags: readonly number[];
}

export interface WorkIndexOptions {
  /** A tag on this many works or more gets a kept facet table when its listing is asked for. */
  facetTableMinWorks?: number;
  /** How many tags' facet tables are kept (the least recently used goes first). */
  facetTablesMax?: number;
  /** Works changed before a kept sort order is made again (see KeyOrder). */
  orderChangesMax?: number;
  /** How many readers' blocklist views are kept (see BlockedViews). */
  blockedViewsMax?: number;
}

export interface Range {
  min: number | null;
  max: number | null;
}

export interface IndexQuery {
  /** Only these works (a user's, a series', full-text matches); null: every work. */
  within?: Iterable<number> | null;
  /** Every group must be matched by at least one of its tags (tags of one type OR, groups AND). */
  include?: readonly (readonly number[])[];
  /** None of these tags. */
  exclude?: readonly number[];
  /** Not these works (a search that only excludes words). */
  excludeDocs?: readonly number[];
  /** Guests don't see restricted works. */
  guest: boolean;
  complete?: boolean | null;
  crossover?: "include" | "exclude" | "only";
  language?: string | null;
  words?: Range | null;
  kudos?: Range | null;
  hits?: Range | null;
  comments?: Range | null;
  bookmarks?: Range | null;
  /** Date updated, milliseconds since the epoch, inclusive. */
  revised?: Range | null;
  /** The reader's blocklist: works with these tags, and these works, are hidden and counted apart. */
  blockedTags?: readonly number[];
  blockedDocs?: readonly number[];
  sort: WorkSort;
  direction: "asc" | "desc";
  /** Scores for sort "relevance" (higher first when descending); works without a score sort last. */
  scores?: ReadonlyMap<number, number>;
  offset: number;
  limit: number;
  /** Count facets: the top `facetLimit` tags of each type in the result. */
  facets?: boolean;
  facetLimit?: number;
  /** Stop counting facets after this long (milliseconds); the counts are then partial. */
  facetBudgetMs?: number;
}

export type { Facet } from "./facet-tables.js";

export interface IndexResult {
  docs: number[];
  total: number;
  /** Works that matched but are hidden by the reader's blocklist. */
  blocked: number;
  /** Per tag type (the index's type numbers), the top tags of the result. */
  facets: Map<number, Facet[]>;
  /** The facet budget ran out: counts are from part of the result. */
  facetsPartial: boolean;
}

const RESTRICTED = 1;
const COMPLETE = 2;
const CROSSOVER = 4;
const LISTED = 8;
const EXCLUDED_BIT = 1 << 30;
const BLOCKED_BIT = 1 << 31;

/** A query's field conditions, compiled: flag bits that must match, a language, numeric ranges. */
interface FieldFilter {
  flagMask: number;
  flagValue: number;
  /** The index's language number; 0: any. */
  language: number;
  ranges: { values: Int32Array; min: number; max: number }[];
}

// Sort keys are packed with the doc number into one exact float64: key * 2^26 + doc.
const DOC_BITS = 2 ** 26;
const KEY_MAX = 2 ** 27 - 1;
const MINUTE = 60_000;
/**
 * Marking the works of blocked tags costs a nanosecond or two a work, reading a walked work's tags
 * a couple of hundred (they lie far apart in memory): so marks win up to this many times the walk.
 */
const STAMP_RATIO = 32;

class GrowableInt32 {
  data: Int32Array;
  constructor(size: number) {
    this.data = new Int32Array(size);
  }
  ensure(size: number): void {
    if (size <= this.data.length) return;
    const next = new Int32Array(Math.max(size, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
}

export class WorkIndex {
  private size = 0; // one past the highest doc seen
  private readonly flags = new GrowableInt32(1024);
  private readonly language = new GrowableInt32(1024);
  private readonly revised = new GrowableInt32(1024);
  private readonly published = new GrowableInt32(1024);
  private readonly words = new GrowableInt32(1024);
  private readonly kudos = new GrowableInt32(1024);
  private readonly hits = new GrowableInt32(1024);
  private readonly comments = new GrowableInt32(1024);
  private readonly bookmarks = new GrowableInt32(1024);
  /** Each work's filter set as [start, count] in the tag pool, side by side: one memory read for both. */
  private readonly tagSpans = new GrowableInt32(2048);
  private tagPool = new Int32Array(8192);
  private tagPoolUsed = 0;
  private tagPoolLive = 0;
  private readonly titleKeys: string[] = [];
  private readonly creatorKeys: string[] = [];
  private readonly languages = new Map<string, number>();
  /** Docs carrying each tag (unsorted). */
  private readonly postings: (number[] | undefined)[] = [];
  /** The type number of each tag, for facets. */
  private readonly tagTypes: number[] = [];
  private listedCount = 0;
  private restrictedCount = 0;
  /** Facet counts kept current for the whole archive and for popular tags. */
  private readonly facetTables: FacetTables;
  private readonly facetTableMinWorks: number;
  /** Every listed work by date updated and by date posted, for the pages of plain listings. */
  private readonly orders: Record<"updated" | "posted", KeyOrder>;
  private readonly blockedViews: BlockedViews;

  // Scratch space reused by queries (a query runs to the end before the next starts).
  private docStamp = new Int32Array(1024);
  private stamp = 0;
  private tagMask = new Int32Array(1024);
  private tagCounts = new Int32Array(1024);
  private tagMarked = new Int32Array(1024 / 32);

  constructor(options: WorkIndexOptions = {}) {
    this.facetTableMinWorks = options.facetTableMinWorks ?? TABLE_MIN_WORKS;
    this.facetTables = new FacetTables(1024, options.facetTablesMax ?? TABLES_MAX, (tag) =>
      this.blockedViews.dropTable(tag),
    );
    const key = (values: GrowableInt32) => (doc: number) => Math.min(KEY_MAX, Math.max(0, values.data[doc]!));
    this.orders = {
      updated: new KeyOrder(key(this.revised), options.orderChangesMax),
      posted: new KeyOrder(key(this.published), options.orderChangesMax),
    };
    this.blockedViews = new BlockedViews(options.blockedViewsMax);
  }

  /** How many works are listed. */
  get count(): number {
    return this.listedCount;
  }

  /** Records a tag's type (a small number the caller chooses), for facets. */
  setTagType(tag: number, type: number): void {
    this.tagTypes[tag] = type;
  }

  tagType(tag: number): number | undefined {
    return this.tagTypes[tag];
  }

  has(doc: number): boolean {
    return doc < this.size && (this.flags.data[doc]! & LISTED) !== 0;
  }

  /** Adds or replaces a work. */
  put(work: IndexedWork): void {
    const doc = work.doc;
    if (!Number.isInteger(doc) || doc < 0 || doc >= DOC_BITS) throw new RangeError(`doc ${doc} out of range`);
    this.grow(doc + 1);
    const tags = [...new Set(work.tags)];
    const listed = this.has(doc);
    const old = listed ? this.tagsOf(doc) : [];
    if (listed) {
      const wasRestricted = (this.flags.data[doc]! & RESTRICTED) !== 0;
      this.facetTables.adjust(old, wasRestricted, -1);
      if (this.blockedViews.size > 0)
        this.blockedViews.adjust(this.facetTables.tablesOf(old), doc, old, wasRestricted, -1);
      if (wasRestricted) this.restrictedCount--;
    } else this.listedCount++;
    if (work.restricted) this.restrictedCount++;
    this.orders.updated.touch(doc);
    this.orders.posted.touch(doc);
    for (const tag of old) if (!tags.includes(tag)) this.unpost(tag, doc);
    for (const tag of tags) if (!old.includes(tag)) this.post(tag, doc);
    this.storeTags(doc, tags);
    this.facetTables.adjust(tags, work.restricted, 1);
    if (this.blockedViews.size > 0)
      this.blockedViews.adjust(this.facetTables.tablesOf(tags), doc, tags, work.restricted, 1);
    this.flags.data[doc] =
      LISTED |
      (work.restricted ? RESTRICTED : 0) |
      (work.complete ? COMPLETE : 0) |
      (work.crossover ? CROSSOVER : 0);
    this.language.data[doc] = this.languageNumber(work.language);
    this.revised.data[doc] = Math.floor(work.revisedAt / MINUTE);
    this.published.data[doc] = Math.floor(work.publishedAt / MINUTE);
    this.words.data[doc] = clampCount(work.words);
    this.kudos.data[doc] = clampCount(work.kudos);
    this.hits.data[doc] = clampCount(work.hits);
    this.comments.data[doc] = clampCount(work.comments);
    this.bookmarks.data[doc] = clampCount(work.bookmarks);
    this.titleKeys[doc] = work.titleKey;
    this.creatorKeys[doc] = work.creatorKey;
  }

  /** Updates a listed work's counters (hits, kudos…) only. */
  putCounts(doc: number, counts: Pick<IndexedWork, "kudos" | "hits" | "comments" | "bookmarks">): void {
    if (!this.has(doc)) return;
    this.kudos.data[doc] = clampCount(counts.kudos);
    this.hits.data[doc] = clampCount(counts.hits);
    this.comments.data[doc] = clampCount(counts.comments);
    this.bookmarks.data[doc] = clampCount(counts.bookmarks);
  }

  /** Removes a work (a draft again, hidden, deleted); nothing happens if it isn't there. */
  remove(doc: number): void {
    if (!this.has(doc)) return;
    const tags = this.tagsOf(doc);
    const restricted = (this.flags.data[doc]! & RESTRICTED) !== 0;
    this.facetTables.adjust(tags, restricted, -1);
    if (this.blockedViews.size > 0)
      this.blockedViews.adjust(this.facetTables.tablesOf(tags), doc, tags, restricted, -1);
    if (restricted) this.restrictedCount--;
    this.orders.updated.touch(doc);
    this.orders.posted.touch(doc);
    for (const tag of tags) this.unpost(tag, doc);
    this.storeTags(doc, []);
    this.flags.data[doc] = 0;
    this.titleKeys[doc] = "";
    this.creatorKeys[doc] = "";
    this.listedCount--;
  }

  /** The filter set of a listed work. */
  tagsOf(doc: number): number[] {
    if (doc >= this.size) return [];
    const start = this.tagSpans.data[2 * doc]!;
    return Array.from(this.tagPool.subarray(start, start + this.tagSpans.data[2 * doc + 1]!));
  }

  /** How many listed works carry `tag` (visible to anyone or not). */
  postingCount(tag: number): number {
    return this.postings[tag]?.length ?? 0;
  }

  query(q: IndexQuery): IndexResult {
    const stamp = this.nextStamp();
    const include = (q.include ?? []).filter((g) => g.length > 0).slice(0, 30);
    const exclude = q.exclude ?? [];
    const blockedTags = (q.blockedTags ?? []).filter((tag) => tag >= 0 && tag < this.tagMask.length);
    const fields = this.fieldFilter(q);

    // A listing of one popular tag (or of every work) with no other condition than the reader's
    // blocklist has a kept table: its total and facets are the table's, less what the blocklist
    // takes out (a view worked out by the first such listing, then kept up to date).
    let table: number | null = null;
    if (!q.within && fields === null && exclude.length === 0 && (q.excludeDocs ?? []).length === 0) {
      if (include.length === 0) table = EVERY_WORK;
      else if (include.length === 1 && include[0]!.length === 1) {
        const tag = include[0]![0]!;
        const known = tag >= 0 && tag < this.tagMask.length; // never EVERY_WORK, never past the tables
        if (known && (this.facetTables.has(tag) || this.postingCount(tag) >= this.facetTableMinWorks))
          table = tag;
      }
    }
    if (table !== null && !this.facetTables.has(table)) this.buildFacetTable(table);
    const blocklist = blockedTags.length > 0 || (q.blockedDocs ?? []).length > 0;
    const viewKey =
      table !== null && blocklist ? BlockedViews.key(table, q.guest, blockedTags, q.blockedDocs ?? []) : null;
    const view = viewKey !== null ? this.blockedViews.get(viewKey) : null;
    if (table !== null && (!blocklist || view !== null) && (q.sort === "updated" || q.sort === "posted")) {
      const inOrder = this.pageInOrder(q, table, view, blockedTags);
      if (inOrder) return inOrder;
    }

    // Where to look: the given works, the smallest include group's postings, or every work.
    let walked: readonly number[] | null = null;
    let walkSize = this.size;
    if (q.within) walkSize = Array.isArray(q.within) ? q.within.length : this.size;
    else if (include.length > 0) {
      for (const group of include) {
        const size = group.reduce((n, tag) => n + this.postingCount(tag), 0);
        if (walked === null || size < walkSize) {
          walked = group;
          walkSize = size;
        }
      }
    }

    // Tag marks for this query: bits 0..29 the include groups, bit 30 excluded, bit 31 blocked.
    // A bit per tag says whether it has a mark at all: most tags a work carries have none, and the
    // bits (one 32nd of the marks' size) stay in the processor's cache.
    const mask = this.tagMask;
    const marked = this.tagMarked;
    const touched: number[] = [];
    const mark = (tag: number, bit: number) => {
      if (tag < 0 || tag >= mask.length) return;
      if (mask[tag] === 0) touched.push(tag);
      mask[tag]! |= bit;
      marked[tag >>> 5]! |= 1 << (tag & 31);
    };
    include.forEach((group, i) => group.forEach((tag) => mark(tag, 1 << i)));
    for (const tag of exclude) mark(tag, EXCLUDED_BIT);
    const allGroups = include.length === 0 ? 0 : (2 ** include.length - 1) | 0;
    // Each work's tags need reading only when some tag mark can still decide: another include
    // group, an exclusion or the blocklist. A walked group's own tags are met by every work in it.
    const walkedBits = walked && include.length === 1 ? allGroups : 0;
    const otherMarks = touched.some((tag) => (mask[tag]! & ~walkedBits) !== 0);
    // Blocked tags alone: rather than reading every walked work's tags (a memory read far away for
    // each), mark the works carrying them, when they are not many more than the walk.
    const blockedPostings = blockedTags.reduce((n, tag) => n + this.postingCount(tag), 0);
    const stampBlocked = blockedTags.length > 0 && !otherMarks && blockedPostings <= STAMP_RATIO * walkSize;
    if (!stampBlocked) for (const tag of blockedTags) mark(tag, BLOCKED_BIT);
    const checkTags = otherMarks || (blockedTags.length > 0 && !stampBlocked);
    // A work reached twice (a walked group of several tags, given twice in `within`) is seen once.
    const dedupe = q.within != null || (walked !== null && walked.length > 1);

    const blockedDocStamp = -stamp;
    const docStamp = this.docStamp;
    let stamped = dedupe;
    const stampBlockedDoc = (doc: number) => {
      if (doc >= 0 && doc < this.size) {
        docStamp[doc] = blockedDocStamp;
        stamped = true;
      }
    };
    for (const doc of q.blockedDocs ?? []) stampBlockedDoc(doc);
    if (stampBlocked) {
      for (const tag of blockedTags) {
        const list = this.postings[tag];
        if (list) for (let i = 0; i < list.length; i++) docStamp[list[i]!] = blockedDocStamp;
      }
      stamped = true;
    }
    // An excluded work looks already seen, so it is skipped.
    for (const doc of q.excludeDocs ?? [])
      if (doc >= 0 && doc < this.size) {
        docStamp[doc] = stamp;
        stamped = true;
      }

    // A listing of one tag (or of everything), with no other condition than the reader's
    // blocklist, takes its facets from a kept table, less the blocked works.
    const facetTable = q.facets ? table : null;

    // Facet counting: while walking when the walk reads each work's tags anyway (they are then at
    // hand), otherwise after it. With a kept table the blocked works' tags are counted, to be taken
    // off it (and kept as the reader's view); without one, the result's tags (stopping when the
    // facet budget runs out).
    const facets = new FacetCount(this, q.facetBudgetMs ?? Infinity);
    const countResultsWalking = q.facets === true && facetTable === null;
    const countBlockedWalking = facetTable !== null && checkTags && view === null;
    const blockedList: number[] | null = facetTable !== null && !checkTags && view === null ? [] : null;

    const results: number[] = [];
    let blocked = 0;
    const flags = this.flags.data;
    const tagPool = this.tagPool;
    const spans = this.tagSpans.data;
    const hidden = q.guest ? RESTRICTED : 0;
    const size = this.size;
    const consider = (doc: number) => {
      if (doc < 0 || doc >= size) return;
      const f = flags[doc]!;
      if ((f & LISTED) === 0 || (f & hidden) !== 0) return;
      let docBlocked = false;
      if (stamped) {
        const seen = docStamp[doc]!;
        if (seen === stamp) return;
        docBlocked = seen === blockedDocStamp;
        docStamp[doc] = stamp;
      }
      if (fields !== null && !this.passesFields(doc, f, fields)) return;
      let tagBlocked = false;
      if (checkTags) {
        let groups = walkedBits;
        let excluded = false;
        const start = spans[2 * doc]!;
        const end = start + spans[2 * doc + 1]!;
        for (let i = start; i < end; i++) {
          const tag = tagPool[i]!;
          if ((marked[tag >>> 5]! & (1 << (tag & 31))) === 0) continue;
          const m = mask[tag]!;
          groups |= m;
          if (m & EXCLUDED_BIT) excluded = true;
          if (m & BLOCKED_BIT) tagBlocked = true;
        }
        if (excluded || (groups & allGroups) !== allGroups) return;
      }
      if (docBlocked || tagBlocked) {
        blocked++;
        if (countBlockedWalking) facets.add(doc);
        else if (blockedList) blockedList.push(doc);
        return;
      }
      results.push(doc);
      if (countResultsWalking) facets.addWithinBudget(doc);
    };

    if (q.within) {
      for (const doc of q.within) consider(doc);
    } else if (walked) {
      for (const tag of walked) {
        const list = this.postings[tag];
        if (list) for (let i = 0; i < list.length; i++) consider(list[i]!);
      }
    } else {
      for (let doc = 0; doc < size; doc++) consider(doc);
    }
    for (const tag of touched) {
      mask[tag] = 0;
      marked[tag >>> 5] = 0;
    }

    let facetResult = { facets: new Map<number, Facet[]>(), partial: false };
    if (q.facets && facetTable !== null && view !== null) {
      facetResult = { facets: this.facetsLessView(facetTable, q, view), partial: false };
    } else if (q.facets) {
      let minusBlocked = countBlockedWalking;
      if (blockedList) {
        // Counted now: whichever of the blocked works and the result is the smaller.
        minusBlocked = blockedList.length <= results.length;
        if (minusBlocked) for (const doc of blockedList) facets.add(doc);
        else for (const doc of results) facets.addWithinBudget(doc);
      }
      // The reader's view: the blocked works' counts, or the table's less the result's.
      if (facetTable !== null && viewKey !== null && (minusBlocked || !facets.isPartial)) {
        this.blockedViews.set(viewKey, {
          table: facetTable,
          guest: q.guest,
          blockedTags: new Set(blockedTags),
          blockedDocs: new Set(q.blockedDocs ?? []),
          blocked,
          counts: minusBlocked
            ? facets.countedMap()
            : this.facetTables.less(facetTable, q.guest, facets.countsOf()),
        });
      }
      facetResult =
        facetTable !== null && minusBlocked
          ? facets.fromTable(facetTable, q)
          : facets.top(q.facetLimit ?? 10);
    }
    return {
      docs: this.page(results, q),
      total: results.length,
      blocked,
      facets: facetResult.facets,
      facetsPartial: facetResult.partial,
    };
  }

  /**
   * The page of a plain listing (see query) sorted by date, read from the kept order of that date
   * as far as the page, with its total and facets from the kept table and the reader's view.
   * Null when the page lies so deep that sorting the tag's works is quicker.
   */
  private pageInOrder(
    q: IndexQuery,
    table: number,
    view: BlockedView | null,
    blockedTags: readonly number[],
  ): IndexResult | null {
    const guest = q.guest;
    const listed = table === EVERY_WORK ? this.listedCount : this.postingCount(table);
    const visible =
      table === EVERY_WORK
        ? this.listedCount - (guest ? this.restrictedCount : 0)
        : this.facetTables.total(table, guest);
    const total = visible - (view?.blocked ?? 0);
    const offset = Math.max(0, Math.floor(q.offset));
    const limit = Math.max(0, Math.floor(q.limit));
    const want = Math.min(total, offset + limit);
    // The walk reads about want × (listed works ÷ total) works, each one's tags; the other way
    // reads the table's works, a cheaper step each, then sorts them.
    if (want * this.listedCount > listed * Math.max(total, 1)) return null;

    const docs: number[] = [];
    if (offset < total && limit > 0) {
      const flags = this.flags.data;
      const spans = this.tagSpans.data;
      const tagPool = this.tagPool;
      const marked = this.tagMarked;
      for (const tag of blockedTags) marked[tag >>> 5]! |= 1 << (tag & 31);
      const blockedDocs = view !== null && (q.blockedDocs ?? []).length > 0 ? new Set(q.blockedDocs) : null;
      const hidden = guest ? RESTRICTED : 0;
      const readTags = table !== EVERY_WORK || blockedTags.length > 0;
      let skipped = 0;
      try {
        this.orders[q.sort as "updated" | "posted"].walk(
          this.size,
          (doc) => (flags[doc]! & LISTED) !== 0,
          q.direction === "desc",
          (doc) => {
            if ((flags[doc]! & hidden) !== 0 || blockedDocs?.has(doc)) return true;
            if (readTags) {
              let carries = table === EVERY_WORK;
              const start = spans[2 * doc]!;
              const end = start + spans[2 * doc + 1]!;
              for (let i = start; i < end; i++) {
                const tag = tagPool[i]!;
                if (tag === table) carries = true;
                else if ((marked[tag >>> 5]! & (1 << (tag & 31))) !== 0) return true;
              }
              if (!carries) return true;
            }
            if (skipped < offset) {
              skipped++;
              return true;
            }
            docs.push(doc);
            return docs.length < limit;
          },
        );
      } finally {
        for (const tag of blockedTags) marked[tag >>> 5] = 0;
      }
    }
    return {
      docs,
      total,
      blocked: view?.blocked ?? 0,
      facets: q.facets
        ? view
          ? this.facetsLessView(table, q, view)
          : this.tableFacets(table, guest, q.facetLimit ?? 10, null)
        : new Map(),
      facetsPartial: false,
    };
  }

  /** A kept table's facets less a reader's blocked works (their counts spread on the scratch counts). */
  private facetsLessView(table: number, q: IndexQuery, view: BlockedView): Map<number, Facet[]> {
    const counts = this.tagCounts;
    for (const [tag, n] of view.counts) counts[tag] = n;
    try {
      return this.tableFacets(table, q.guest, q.facetLimit ?? 10, view.counts.size > 0 ? counts : null);
    } finally {
      for (const tag of view.counts.keys()) counts[tag] = 0;
    }
  }

  /** The query's field conditions, or null when it has none. */
  private fieldFilter(q: IndexQuery): FieldFilter | null {
    let flagMask = 0;
    let flagValue = 0;
    if (q.complete === true || q.complete === false) {
      flagMask |= COMPLETE;
      if (q.complete) flagValue |= COMPLETE;
    }
    if (q.crossover === "exclude" || q.crossover === "only") {
      flagMask |= CROSSOVER;
      if (q.crossover === "only") flagValue |= CROSSOVER;
    }
    // An unknown language matches nothing: -1 is no language's number.
    const language = q.language ? (this.languages.get(q.language) ?? -1) : 0;
    const ranges: FieldFilter["ranges"] = [];
    const range = (values: GrowableInt32, r: Range | null | undefined, toKey = (n: number) => n) => {
      if (!r || (r.min === null && r.max === null)) return;
      ranges.push({
        values: values.data,
        min: r.min === null ? -Infinity : toKey(r.min),
        max: r.max === null ? Infinity : toKey(r.max),
      });
    };
    range(this.words, q.words);
    range(this.kudos, q.kudos);
    range(this.hits, q.hits);
    range(this.comments, q.comments);
    range(this.bookmarks, q.bookmarks);
    // Dates are kept to the minute, so a date range is widened to whole minutes.
    range(this.revised, q.revised, (ms) => Math.floor(ms / MINUTE));
    if (flagMask === 0 && language === 0 && ranges.length === 0) return null;
    return { flagMask, flagValue, language, ranges };
  }

  private passesFields(doc: number, f: number, q: FieldFilter): boolean {
    if ((f & q.flagMask) !== q.flagValue) return false;
    if (q.language !== 0 && this.language.data[doc] !== q.language) return false;
    const ranges = q.ranges;
    for (let i = 0; i < ranges.length; i++) {
      const r = ranges[i]!;
      const value = r.values[doc]!;
      if (value < r.min || value > r.max) return false;
    }
    return true;
  }

  private page(results: number[], q: IndexQuery): number[] {
    const offset = Math.max(0, Math.floor(q.offset));
    const limit = Math.max(0, Math.floor(q.limit));
    if (offset >= results.length || limit === 0) return [];
    const desc = q.direction === "desc";
    if (q.sort === "title" || q.sort === "creator") {
      const keys = q.sort === "title" ? this.titleKeys : this.creatorKeys;
      const sign = desc ? -1 : 1;
      // The first three characters of each key as a number find the page's works without sorting
      // every string: only works whose prefix is within the first offset + limit are sorted.
      const k = Math.min(results.length, offset + limit);
      const prefixes = new Float64Array(results.length);
      for (let i = 0; i < results.length; i++) prefixes[i] = sign * prefixKey(keys[results[i]!]!);
      const last = selectSmallest(prefixes.slice(), k)[k - 1]!;
      const candidates = results.filter((_, i) => prefixes[i]! <= last);
      candidates.sort((a, b) => {
        const x = keys[a]!;
        const y = keys[b]!;
        return x < y ? -sign : x > y ? sign : sign * (a - b);
      });
      return candidates.slice(offset, offset + limit);
    }
    const packed = new Float64Array(results.length);
    const keyOf = this.numericKey(q);
    for (let i = 0; i < results.length; i++) {
      const doc = results[i]!;
      const key = Math.min(KEY_MAX, Math.max(0, keyOf(doc)));
      // Ascending packs key and doc as they are; descending packs their complements.
      packed[i] = desc ? (KEY_MAX - key) * DOC_BITS + (DOC_BITS - 1 - doc) : key * DOC_BITS + doc;
    }
    const k = Math.min(results.length, offset + limit);
    const head = selectSmallest(packed, k);
    return Array.from(head.subarray(offset, k), (p) => (desc ? DOC_BITS - 1 - (p % DOC_BITS) : p % DOC_BITS));
  }

  private numericKey(q: IndexQuery): (doc: number) => number {
    switch (q.sort) {
      case "posted":
        return (doc) => this.published.data[doc]!;
      case "words":
        return (doc) => this.words.data[doc]!;
      case "kudos":
        return (doc) => this.kudos.data[doc]!;
      case "hits":
        return (doc) => this.hits.data[doc]!;
      case "comments":
        return (doc) => this.comments.data[doc]!;
      case "bookmarks":
        return (doc) => this.bookmarks.data[doc]!;
      case "relevance": {
        // Scores rank; a work without one ranks lowest. Ranks fit the key's bits, scores may not.
        const scores = q.scores ?? new Map<number, number>();
        const ranked = [...scores.entries()].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
        const rank = new Map(ranked.map(([doc], i) => [doc, i + 1]));
        return (doc) => rank.get(doc) ?? 0;
      }
      default:
        return (doc) => this.revised.data[doc]!;
    }
  }

  /** Scratch counts for facets (zero between queries), and the tag pool: for FacetCount. */
  countingState(): { counts: Int32Array; tagPool: Int32Array; spans: Int32Array } {
    return { counts: this.tagCounts, tagPool: this.tagPool, spans: this.tagSpans.data };
  }

  /** The kept table's top tags of `table`'s works, less what `minus` counted (see FacetCount). */
  tableFacets(table: number, guest: boolean, limit: number, minus: Int32Array | null): Map<number, Facet[]> {
    if (!this.facetTables.has(table)) this.buildFacetTable(table);
    return this.facetTables.top(table, { guest, limit, minus, typeOf: (tag) => this.tagTypes[tag] });
  }

  private buildFacetTable(tag: number): void {
    const flags = this.flags.data;
    const spans = this.tagSpans.data;
    this.facetTables.build(tag, (visit) => {
      for (const doc of this.postings[tag] ?? []) {
        const start = spans[2 * doc]!;
        visit(this.tagPool.subarray(start, start + spans[2 * doc + 1]!), (flags[doc]! & RESTRICTED) !== 0);
      }
    });
  }

  private nextStamp(): number {
    this.stamp++;
    if (this.stamp >= 2 ** 30) {
      this.stamp = 1;
      this.docStamp.fill(0);
    }
    return this.stamp;
  }

  private grow(size: number): void {
    if (size <= this.size) return;
    for (const arr of [
      this.flags,
      this.language,
      this.revised,
      this.published,
      this.words,
      this.kudos,
      this.hits,
      this.comments,
      this.bookmarks,
    ])
      arr.ensure(size);
    this.tagSpans.ensure(2 * size);
    if (this.docStamp.length < size) {
      const next = new Int32Array(Math.max(size, this.docStamp.length * 2));
      next.set(this.docStamp);
      this.docStamp = next;
    }
    this.size = size;
  }

  private ensureTag(tag: number): void {
    if (tag >= this.tagMask.length) {
      const size = Math.max(tag + 1, this.tagMask.length * 2);
      const mask = new Int32Array(size);
      mask.set(this.tagMask);
      this.tagMask = mask;
      this.tagCounts = new Int32Array(size);
      this.tagMarked = new Int32Array(Math.ceil(size / 32));
      this.facetTables.grow(size);
    }
  }

  private post(tag: number, doc: number): void {
    this.ensureTag(tag);
    const list = this.postings[tag];
    if (list) list.push(doc);
    else this.postings[tag] = [doc];
  }

  private unpost(tag: number, doc: number): void {
    const list = this.postings[tag];
    if (!list) return;
    const at = list.lastIndexOf(doc);
    if (at < 0) return;
    list[at] = list[list.length - 1]!;
    list.pop();
  }

  private storeTags(doc: number, tags: readonly number[]): void {
    this.tagPoolLive -= this.tagSpans.data[2 * doc + 1]!;
    if (tags.length === 0) {
      this.tagSpans.data[2 * doc + 1] = 0;
      return;
    }
    if (this.tagPoolUsed + tags.length > this.tagPool.length) this.compactTags(tags.length);
    this.tagPool.set(tags, this.tagPoolUsed);
    this.tagSpans.data[2 * doc] = this.tagPoolUsed;
    this.tagSpans.data[2 * doc + 1] = tags.length;
    this.tagPoolUsed += tags.length;
    this.tagPoolLive += tags.length;
  }

  /** Makes room in the tag pool: drops replaced lists, and doubles it when it is still half full. */
  private compactTags(extra: number): void {
    const needed = this.tagPoolLive + extra;
    const size = Math.max(8192, needed * 2, this.tagPool.length * (needed * 2 > this.tagPool.length ? 2 : 1));
    const next = new Int32Array(size);
    let used = 0;
    for (let doc = 0; doc < this.size; doc++) {
      const count = this.tagSpans.data[2 * doc + 1]!;
      if (count === 0) continue;
      const start = this.tagSpans.data[2 * doc]!;
      next.set(this.tagPool.subarray(start, start + count), used);
      this.tagSpans.data[2 * doc] = used;
      used += count;
    }
    this.tagPool = next;
    this.tagPoolUsed = used;
  }

  private languageNumber(code: string): number {
    let n = this.languages.get(code);
    if (n === undefined) {
      n = this.languages.size + 1;
      this.languages.set(code, n);
    }
    return n;
  }
}

/** One query's facet counting: the tags of the works added, then the top tags of each type. */
class FacetCount {
  private readonly counts: Int32Array;
  private readonly tagPool: Int32Array;
  private readonly spans: Int32Array;
  private readonly counted: number[] = [];
  private readonly started = performance.now();
  private added = 0;
  private partial = false;

  constructor(
    private readonly index: WorkIndex,
    private readonly budgetMs: number,
  ) {
    ({ counts: this.counts, tagPool: this.tagPool, spans: this.spans } = index.countingState());
  }

  add(doc: number): void {
    const counts = this.counts;
    const start = this.spans[2 * doc]!;
    const end = start + this.spans[2 * doc + 1]!;
    for (let i = start; i < end; i++) {
      const tag = this.tagPool[i]!;
      const count = counts[tag]!;
      counts[tag] = count + 1;
      if (count === 0) this.counted.push(tag);
    }
  }

  /** Adds, unless the budget has run out (looked at every 4,096 works); the counts are then partial. */
  addWithinBudget(doc: number): void {
    if (this.partial) return;
    if ((++this.added & 4095) === 0 && performance.now() - this.started > this.budgetMs) {
      this.partial = true;
      return;
    }
    this.add(doc);
  }

  /** The top tags of each type among the works added. */
  top(limit: number): { facets: Map<number, Facet[]>; partial: boolean } {
    const top = new TopFacets(limit, (tag) => this.index.tagType(tag));
    for (const tag of this.counted) top.offer(tag, this.counts[tag]!);
    this.clear();
    return { facets: top.result(), partial: this.partial };
  }

  get isPartial(): boolean {
    return this.partial;
  }

  /** The counts so far, per tag number (scratch: read them before top or fromTable). */
  countsOf(): Int32Array {
    return this.counts;
  }

  /** What has been added, per tag number (for a reader's blocklist view: see BlockedViews). */
  countedMap(): Map<number, number> {
    return new Map(this.counted.map((tag) => [tag, this.counts[tag]!]));
  }

  /** The top tags of each type of a kept table, less the works added. */
  fromTable(table: number, q: IndexQuery): { facets: Map<number, Facet[]>; partial: boolean } {
    const minus = this.counted.length > 0 ? this.counts : null;
    const facets = this.index.tableFacets(table, q.guest, q.facetLimit ?? 10, minus);
    this.clear();
    return { facets, partial: false };
  }

  private clear(): void {
    for (const tag of this.counted) this.counts[tag] = 0;
    this.counted.length = 0;
  }
}

/** A string's first three UTF-16 code units as one number that orders as the strings do. */
function prefixKey(key: string): number {
  return (key.charCodeAt(0) || 0) * 2 ** 32 + (key.charCodeAt(1) || 0) * 2 ** 16 + (key.charCodeAt(2) || 0);
}

function clampCount(n: number): number {
  return Math.min(KEY_MAX, Math.max(0, Math.floor(n) || 0));
}

/** The `k` smallest values of `values`, sorted (partial quickselect, then a sort of the head). */
export function selectSmallest(values: Float64Array, k: number): Float64Array {
  if (k <= 0) return new Float64Array(0);
  if (values.length > 4 * k) {
    let lo = 0;
    let hi = values.length - 1;
    while (lo < hi) {
      const pivot = medianOfThree(values[lo]!, values[(lo + hi) >>> 1]!, values[hi]!);
      let i = lo;
      let j = hi;
      while (i <= j) {
        while (values[i]! < pivot) i++;
        while (values[j]! > pivot) j--;
        if (i <= j) {
          const t = values[i]!;
          values[i] = values[j]!;
          values[j] = t;
          i++;
          j--;
        }
      }
      if (k - 1 <= j) hi = j;
      else if (k - 1 >= i) lo = i;
      else break;
    }
  }
  return values.length > 4 * k ? values.subarray(0, k).sort() : values.sort().subarray(0, k);
}

function medianOfThree(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}
