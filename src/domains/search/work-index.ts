// The in-process work index: for every listed work (posted, not hidden by an admin), its filter
// set, the fields listings filter on, and its sort keys, in typed arrays indexed by the work's doc
// number, with a postings list per tag. It answers a listing — include/exclude tags, ranges,
// visibility, blocklist, sort, page, facet counts — without touching the database; the database
// then serves only the page's 20 works. Pure and synchronous: nothing here awaits, so a query sees
// one consistent state.

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

export type IndexSort =
  | "updated"
  | "posted"
  | "title"
  | "creator"
  | "words"
  | "kudos"
  | "hits"
  | "comments"
  | "bookmarks"
  | "relevance";

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
  excludeDocs?: Iterable<number>;
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
  blockedDocs?: Iterable<number>;
  sort: IndexSort;
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

export interface Facet {
  tag: number;
  count: number;
}

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

// Sort keys are packed with the doc number into one exact float64: key * 2^26 + doc.
const DOC_BITS = 2 ** 26;
const KEY_MAX = 2 ** 27 - 1;
const MINUTE = 60_000;

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
  private readonly tagStart = new GrowableInt32(1024);
  private readonly tagCount = new GrowableInt32(1024);
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

  // Scratch space reused by queries (a query runs to the end before the next starts).
  private docStamp = new Int32Array(1024);
  private stamp = 0;
  private tagMask = new Int32Array(1024);
  private tagCounts = new Int32Array(1024);

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
    const old = this.has(doc) ? this.tagsOf(doc) : [];
    if (!this.has(doc)) this.listedCount++;
    for (const tag of old) if (!tags.includes(tag)) this.unpost(tag, doc);
    for (const tag of tags) if (!old.includes(tag)) this.post(tag, doc);
    this.storeTags(doc, tags);
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
    for (const tag of this.tagsOf(doc)) this.unpost(tag, doc);
    this.storeTags(doc, []);
    this.flags.data[doc] = 0;
    this.titleKeys[doc] = "";
    this.creatorKeys[doc] = "";
    this.listedCount--;
  }

  /** The filter set of a listed work. */
  tagsOf(doc: number): number[] {
    if (doc >= this.size) return [];
    const start = this.tagStart.data[doc]!;
    return Array.from(this.tagPool.subarray(start, start + this.tagCount.data[doc]!));
  }

  /** How many listed works carry `tag` (visible to anyone or not). */
  postingCount(tag: number): number {
    return this.postings[tag]?.length ?? 0;
  }

  query(q: IndexQuery): IndexResult {
    const stamp = this.nextStamp();
    const include = (q.include ?? []).filter((g) => g.length > 0);
    const exclude = q.exclude ?? [];
    const blockedTags = q.blockedTags ?? [];
    // Tag marks for this query: bits 0..29 the include groups, bit 30 excluded, bit 31 blocked.
    const touched: number[] = [];
    const mark = (tag: number, bit: number) => {
      if (tag >= this.tagMask.length) return;
      if (this.tagMask[tag] === 0) touched.push(tag);
      this.tagMask[tag]! |= bit;
    };
    if (include.length > 30) include.length = 30;
    include.forEach((group, i) => group.forEach((tag) => mark(tag, 1 << i)));
    for (const tag of exclude) mark(tag, 1 << 30);
    for (const tag of blockedTags) mark(tag, 1 << 31);
    const allGroups = include.length === 0 ? 0 : (2 ** include.length - 1) | 0;
    const blockedDocStamp = -stamp;
    for (const doc of q.blockedDocs ?? [])
      if (doc >= 0 && doc < this.size) this.docStamp[doc] = blockedDocStamp;
    // An excluded work looks already seen, so it is skipped.
    for (const doc of q.excludeDocs ?? []) if (doc >= 0 && doc < this.size) this.docStamp[doc] = stamp;

    const results: number[] = [];
    let blocked = 0;
    const flagsArr = this.flags.data;
    const need = q.guest ? RESTRICTED : 0;
    const consider = (doc: number) => {
      if (doc < 0 || doc >= this.size) return;
      const f = flagsArr[doc]!;
      if ((f & LISTED) === 0 || (f & need) !== 0) return;
      const seen = this.docStamp[doc]!;
      if (seen === stamp) return;
      const docBlocked = seen === blockedDocStamp;
      this.docStamp[doc] = stamp;
      if (!this.passesFields(doc, f, q)) return;
      let groups = 0;
      let excluded = false;
      let tagBlocked = false;
      const start = this.tagStart.data[doc]!;
      const end = start + this.tagCount.data[doc]!;
      for (let i = start; i < end; i++) {
        const m = this.tagMask[this.tagPool[i]!]!;
        if (m === 0) continue;
        groups |= m & 0x3fffffff;
        if (m & (1 << 30)) excluded = true;
        if (m & (1 << 31)) tagBlocked = true;
      }
      if (excluded || (groups & allGroups) !== allGroups) return;
      if (docBlocked || tagBlocked) {
        blocked++;
        return;
      }
      results.push(doc);
    };

    if (q.within) {
      for (const doc of q.within) consider(doc);
    } else if (include.length > 0) {
      // Walk the smallest include group's postings; the other groups are checked per work.
      let smallest = include[0]!;
      let smallestSize = Infinity;
      for (const group of include) {
        const size = group.reduce((n, tag) => n + this.postingCount(tag), 0);
        if (size < smallestSize) {
          smallest = group;
          smallestSize = size;
        }
      }
      for (const tag of smallest) for (const doc of this.postings[tag] ?? []) consider(doc);
    } else {
      for (let doc = 0; doc < this.size; doc++) consider(doc);
    }
    for (const tag of touched) this.tagMask[tag] = 0;

    const facetResult = q.facets
      ? this.countFacets(results, q.facetLimit ?? 10, q.facetBudgetMs ?? Infinity)
      : { facets: new Map<number, Facet[]>(), partial: false };
    return {
      docs: this.page(results, q),
      total: results.length,
      blocked,
      facets: facetResult.facets,
      facetsPartial: facetResult.partial,
    };
  }

  private passesFields(doc: number, f: number, q: IndexQuery): boolean {
    if (q.complete === true && (f & COMPLETE) === 0) return false;
    if (q.complete === false && (f & COMPLETE) !== 0) return false;
    if (q.crossover === "exclude" && (f & CROSSOVER) !== 0) return false;
    if (q.crossover === "only" && (f & CROSSOVER) === 0) return false;
    if (q.language) {
      const lang = this.languages.get(q.language);
      if (lang === undefined || this.language.data[doc] !== lang) return false;
    }
    return (
      inRange(this.words.data[doc]!, q.words) &&
      inRange(this.kudos.data[doc]!, q.kudos) &&
      inRange(this.hits.data[doc]!, q.hits) &&
      inRange(this.comments.data[doc]!, q.comments) &&
      inRange(this.bookmarks.data[doc]!, q.bookmarks) &&
      inRange(this.revised.data[doc]! * MINUTE, q.revised ? minuteRange(q.revised) : null)
    );
  }

  private page(results: number[], q: IndexQuery): number[] {
    const offset = Math.max(0, Math.floor(q.offset));
    const limit = Math.max(0, Math.floor(q.limit));
    if (offset >= results.length || limit === 0) return [];
    const desc = q.direction === "desc";
    if (q.sort === "title" || q.sort === "creator") {
      const keys = q.sort === "title" ? this.titleKeys : this.creatorKeys;
      const sign = desc ? -1 : 1;
      results.sort((a, b) => {
        const x = keys[a]!;
        const y = keys[b]!;
        return x < y ? -sign : x > y ? sign : sign * (a - b);
      });
      return results.slice(offset, offset + limit);
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

  private countFacets(
    results: readonly number[],
    limit: number,
    budgetMs: number,
  ): { facets: Map<number, Facet[]>; partial: boolean } {
    const counts = this.tagCounts;
    const touched: number[] = [];
    const started = performance.now();
    let partial = false;
    for (let i = 0; i < results.length; i++) {
      if ((i & 4095) === 4095 && performance.now() - started > budgetMs) {
        partial = true;
        break;
      }
      const doc = results[i]!;
      const start = this.tagStart.data[doc]!;
      const end = start + this.tagCount.data[doc]!;
      for (let j = start; j < end; j++) {
        const tag = this.tagPool[j]!;
        const count = counts[tag]!;
        counts[tag] = count + 1;
        if (count === 0) touched.push(tag);
      }
    }
    const byType = new Map<number, Facet[]>();
    for (const tag of touched) {
      const type = this.tagTypes[tag];
      if (type === undefined) continue;
      const list = byType.get(type) ?? [];
      list.push({ tag, count: counts[tag]! });
      byType.set(type, list);
    }
    for (const tag of touched) counts[tag] = 0;
    for (const [type, list] of byType) {
      list.sort((a, b) => b.count - a.count || a.tag - b.tag);
      byType.set(type, list.slice(0, limit));
    }
    return { facets: byType, partial };
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
      this.tagStart,
      this.tagCount,
    ])
      arr.ensure(size);
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
    this.tagPoolLive -= this.tagCount.data[doc]!;
    if (tags.length === 0) {
      this.tagCount.data[doc] = 0;
      return;
    }
    if (this.tagPoolUsed + tags.length > this.tagPool.length) this.compactTags(tags.length);
    this.tagPool.set(tags, this.tagPoolUsed);
    this.tagStart.data[doc] = this.tagPoolUsed;
    this.tagCount.data[doc] = tags.length;
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
      const count = this.tagCount.data[doc]!;
      if (count === 0) continue;
      const start = this.tagStart.data[doc]!;
      next.set(this.tagPool.subarray(start, start + count), used);
      this.tagStart.data[doc] = used;
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

function clampCount(n: number): number {
  return Math.min(KEY_MAX, Math.max(0, Math.floor(n) || 0));
}

function inRange(value: number, range: Range | null | undefined): boolean {
  if (!range) return true;
  return (range.min === null || value >= range.min) && (range.max === null || value <= range.max);
}

/** A date range widened to whole minutes (the index keeps dates to the minute). */
function minuteRange(range: Range): Range {
  return {
    min: range.min === null ? null : Math.floor(range.min / MINUTE) * MINUTE,
    max: range.max === null ? null : Math.floor(range.max / MINUTE) * MINUTE,
  };
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
