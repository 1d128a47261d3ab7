import { describe, expect, it } from "vitest";
import { prng } from "../../../test/support/prng.js";
import { workSorts } from "./work-filter.js";
import {
  selectSmallest,
  WorkIndex,
  type IndexedWork,
  type IndexQuery,
  type Range,
  type WorkIndexOptions,
} from "./work-index.js";

const DAY = 86_400_000;
const start = Date.UTC(2020, 0, 1);

function randomWork(random: () => number, doc: number, tagCount: number): IndexedWork {
  const tags = new Set<number>();
  const n = 1 + Math.floor(random() * 8);
  // Skewed: low tag numbers are common.
  while (tags.size < n) tags.add(Math.floor(random() ** 2 * tagCount));
  return {
    doc,
    restricted: random() < 0.2,
    complete: random() < 0.6,
    crossover: random() < 0.1,
    language: random() < 0.8 ? "en" : "fr",
    revisedAt: start + Math.floor(random() * 400) * DAY + Math.floor(random() * 1000) * 60_000,
    publishedAt: start + Math.floor(random() * 400) * DAY,
    words: Math.floor(random() * 100_000),
    kudos: Math.floor(random() * 50),
    hits: Math.floor(random() * 1000),
    comments: Math.floor(random() * 10),
    bookmarks: Math.floor(random() * 10),
    titleKey: `t${Math.floor(random() * 50)}`,
    creatorKey: `c${Math.floor(random() * 20)}`,
    tags: [...tags],
  };
}

function inRange(v: number, r: Range | null | undefined) {
  return !r || ((r.min === null || v >= r.min) && (r.max === null || v <= r.max));
}

/** What the index must answer, computed the slow, obvious way. */
function oracle(works: Map<number, IndexedWork>, q: IndexQuery) {
  const within = q.within ? new Set(q.within) : null;
  const blockedDocs = new Set(q.blockedDocs ?? []);
  const matched = [...works.values()].filter((w) => {
    if (within && !within.has(w.doc)) return false;
    if (q.guest && w.restricted) return false;
    if (q.complete === true && !w.complete) return false;
    if (q.complete === false && w.complete) return false;
    if (q.crossover === "exclude" && w.crossover) return false;
    if (q.crossover === "only" && !w.crossover) return false;
    if (q.language && w.language !== q.language) return false;
    if (!inRange(w.words, q.words) || !inRange(w.kudos, q.kudos)) return false;
    if (q.revised && !inRange(Math.floor(w.revisedAt / 60_000) * 60_000, q.revised)) return false;
    if ((q.include ?? []).some((g) => g.length > 0 && !g.some((t) => w.tags.includes(t)))) return false;
    if ((q.exclude ?? []).some((t) => w.tags.includes(t))) return false;
    return true;
  });
  const isBlocked = (w: IndexedWork) =>
    blockedDocs.has(w.doc) || (q.blockedTags ?? []).some((t) => w.tags.includes(t));
  const visible = matched.filter((w) => !isBlocked(w));
  const key = (w: IndexedWork): number | string =>
    ({
      updated: Math.floor(w.revisedAt / 60_000),
      posted: Math.floor(w.publishedAt / 60_000),
      words: w.words,
      kudos: w.kudos,
      hits: w.hits,
      comments: w.comments,
      bookmarks: w.bookmarks,
      title: w.titleKey,
      creator: w.creatorKey,
      relevance: q.scores?.get(w.doc) ?? -Infinity,
    })[q.sort];
  const sign = q.direction === "desc" ? -1 : 1;
  visible.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -sign : x > y ? sign : sign * (a.doc - b.doc);
  });
  const counts = new Map<number, number>();
  for (const w of visible) for (const t of w.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
  return {
    docs: visible.slice(q.offset, q.offset + q.limit).map((w) => w.doc),
    total: visible.length,
    blocked: matched.length - visible.length,
    counts,
  };
}

/** A random corpus in an index and in a map, and random changes to both. */
function randomArchive(random: () => number, options: WorkIndexOptions, tagCount: number, skew = 1) {
  const index = new WorkIndex(options);
  const works = new Map<number, IndexedWork>();
  for (let t = 0; t < tagCount; t++) index.setTagType(t, t % 7);
  for (let doc = 1; doc <= 1500; doc++) {
    const w = randomWork(random, doc, tagCount);
    index.put(w);
    works.set(doc, w);
  }
  // Updates (new tags, new dates, restricted or not) and removals; with a skew, low docs change often.
  const change = () => {
    const doc = 1 + Math.floor(random() ** skew * 1600);
    if (random() < 0.3) {
      index.remove(doc);
      works.delete(doc);
    } else {
      const w = randomWork(random, doc, tagCount);
      index.put(w);
      works.set(doc, w);
    }
  };
  for (let i = 0; i < 400; i++) change();
  return { index, works, change };
}

function expectOracle(index: WorkIndex, works: Map<number, IndexedWork>, q: IndexQuery): void {
  const got = index.query(q);
  const want = oracle(works, q);
  expect({ total: got.total, blocked: got.blocked, docs: got.docs }).toEqual({
    total: want.total,
    blocked: want.blocked,
    docs: want.docs,
  });
  const facetCounts = new Map([...got.facets.values()].flat().map((f) => [f.tag, f.count]));
  expect(facetCounts).toEqual(q.facets ? want.counts : new Map());
}

describe("WorkIndex", () => {
  it.each([
    ["counted per query", {}],
    ["kept in facet tables (a table per tag, three at most)", { facetTableMinWorks: 1, facetTablesMax: 3 }],
  ] as const)(
    "answers like a brute-force oracle on a random corpus, through updates and removals, with facets %s",
    (_, options) => {
      const random = prng(20261121);
      const tagCount = 60;
      const { index, works, change } = randomArchive(random, options, tagCount);
      expect(index.count).toBe(works.size);
      const sorts = workSorts;
      const pick = () => Math.floor(random() ** 2 * tagCount);
      for (let i = 0; i < 300; i++) {
        // Changes between queries, so kept facet tables must follow them.
        for (let j = Math.floor(random() * 4); j > 0; j--) change();
        const scores = new Map<number, number>();
        for (let j = 0; j < 200; j++) scores.set(1 + Math.floor(random() * 1500), random());
        const base = {
          guest: random() < 0.5,
          blockedTags: random() < 0.3 ? [pick(), pick(), pick()] : [],
          blockedDocs: random() < 0.3 ? [1, 2, 3, 50, 51, 700] : [],
          sort: sorts[Math.floor(random() * sorts.length)]!,
          direction: random() < 0.5 ? ("asc" as const) : ("desc" as const),
          scores,
          offset: random() < 0.3 ? Math.floor(random() * 100) : 0,
          limit: 20,
          facets: true,
          facetLimit: 100,
        };
        // A third are a tag's (or every work's) listing with nothing but the blocklist.
        const q: IndexQuery =
          random() < 0.33
            ? { ...base, include: random() < 0.8 ? [[pick()]] : [] }
            : {
                ...base,
                include: random() < 0.7 ? [[pick()], ...(random() < 0.5 ? [[pick(), pick()]] : [])] : [],
                exclude: random() < 0.5 ? [pick(), pick()] : [],
                complete: random() < 0.3 ? random() < 0.5 : null,
                crossover: (["include", "exclude", "only"] as const)[Math.floor(random() * 3)],
                language: random() < 0.2 ? "fr" : null,
                words: random() < 0.3 ? { min: 1000, max: 50_000 } : null,
                kudos: random() < 0.1 ? { min: 10, max: null } : null,
                revised: random() < 0.2 ? { min: start + 100 * DAY, max: start + 300 * DAY } : null,
                within: random() < 0.2 ? [...scores.keys()] : null,
              };
        expectOracle(index, works, q);
      }
    },
  );

  it("answers plain listings by date from its kept orders and readers' blocklist views like the oracle, through changes", () => {
    const random = prng(1121);
    const tagCount = 40;
    // A few changes remake an order; not every table and view is kept, so some are dropped and
    // worked out again.
    const { index, works, change } = randomArchive(
      random,
      { facetTableMinWorks: 1, facetTablesMax: 4, orderChangesMax: 6, blockedViewsMax: 12 },
      tagCount,
      4,
    );
    // Listings of a few tags, so tables and views are used again.
    const pick = () => [0, 1, 3, 7, 12][Math.floor(random() * 5)]!;
    // Readers come back with the same blocklists, so their views are used.
    const blocklists = [
      { blockedTags: [], blockedDocs: [] },
      { blockedTags: [3, 11], blockedDocs: [] },
      { blockedTags: [0], blockedDocs: [5, 6, 7, 900] },
      { blockedTags: [], blockedDocs: [10, 20, 30] },
      { blockedTags: [2, 5, 8, 13, 21], blockedDocs: [] },
    ];
    for (let i = 0; i < 1000; i++) {
      if (random() < 0.3) for (let j = Math.floor(random() * 4); j > 0; j--) change();
      const q: IndexQuery = {
        ...blocklists[Math.floor(random() * blocklists.length)]!,
        include: random() < 0.8 ? [[pick()]] : [],
        guest: random() < 0.5,
        sort: random() < 0.5 ? "updated" : "posted",
        direction: random() < 0.7 ? "desc" : "asc",
        offset: random() < 0.5 ? 0 : Math.floor(random() * 400),
        limit: random() < 0.9 ? 20 : Math.floor(random() * 3),
        facets: random() < 0.8,
        facetLimit: 100,
      };
      expectOracle(index, works, q);
    }
  });

  it("finds nothing for a tag number it doesn't know, whatever the sort (not every work)", () => {
    const random = prng(5);
    const { index } = randomArchive(random, { facetTableMinWorks: 0 }, 10);
    for (const tag of [-1, -2, 99_999])
      for (const sort of ["updated", "title"] as const) {
        const got = index.query({
          include: [[tag]],
          guest: false,
          sort,
          direction: "desc",
          offset: 0,
          limit: 20,
          facets: true,
        });
        expect({ tag, sort, docs: got.docs, total: got.total }).toEqual({ tag, sort, docs: [], total: 0 });
      }
  });

  it("keeps facets to the top tags of each type, most used first", () => {
    const index = new WorkIndex();
    index.setTagType(1, 0);
    index.setTagType(2, 0);
    index.setTagType(3, 0);
    index.setTagType(9, 1);
    const base = {
      restricted: false,
      complete: true,
      crossover: false,
      language: "en",
      revisedAt: start,
      publishedAt: start,
      words: 1,
      kudos: 0,
      hits: 0,
      comments: 0,
      bookmarks: 0,
      titleKey: "a",
      creatorKey: "a",
    };
    index.put({ ...base, doc: 1, tags: [1, 2, 9] });
    index.put({ ...base, doc: 2, tags: [2, 3] });
    index.put({ ...base, doc: 3, tags: [2] });
    const result = index.query({
      guest: false,
      sort: "updated",
      direction: "desc",
      offset: 0,
      limit: 20,
      facets: true,
      facetLimit: 2,
    });
    expect(result.facets.get(0)).toEqual([
      { tag: 2, count: 3 },
      { tag: 1, count: 1 },
    ]);
    expect(result.facets.get(1)).toEqual([{ tag: 9, count: 1 }]);
  });

  it("pages past the end to nothing, and stays stable on equal keys (newest work first)", () => {
    const index = new WorkIndex();
    for (let doc = 1; doc <= 50; doc++)
      index.put({
        doc,
        restricted: false,
        complete: false,
        crossover: false,
        language: "en",
        revisedAt: start,
        publishedAt: start,
        words: 100,
        kudos: 0,
        hits: 0,
        comments: 0,
        bookmarks: 0,
        titleKey: "same",
        creatorKey: "same",
        tags: [],
      });
    const page = (offset: number) =>
      index.query({ guest: true, sort: "updated", direction: "desc", offset, limit: 20 }).docs;
    expect(page(0)).toEqual(Array.from({ length: 20 }, (_, i) => 50 - i));
    expect(page(40)).toEqual(Array.from({ length: 10 }, (_, i) => 10 - i));
    expect(page(60)).toEqual([]);
  });

  it("stops counting facets when the budget runs out, and says so", () => {
    const index = new WorkIndex();
    index.setTagType(1, 0);
    for (let doc = 1; doc <= 30_000; doc++)
      index.put({
        doc,
        restricted: false,
        complete: false,
        crossover: false,
        language: "en",
        revisedAt: start,
        publishedAt: start,
        words: 100,
        kudos: 0,
        hits: 0,
        comments: 0,
        bookmarks: 0,
        titleKey: "",
        creatorKey: "",
        tags: [1],
      });
    const result = index.query({
      guest: true,
      sort: "updated",
      direction: "desc",
      offset: 0,
      limit: 1,
      facets: true,
      facetBudgetMs: -1,
      // A condition, so facets are counted (every work's listing takes them from a kept table).
      complete: false,
    });
    expect(result.facetsPartial).toBe(true);
    expect(result.total).toBe(30_000);
    expect(result.facets.get(0)![0]!.count).toBeLessThan(30_000);
  });
});

describe("selectSmallest", () => {
  it("returns the k smallest, sorted, for any size", () => {
    const random = prng(7);
    for (const n of [0, 1, 5, 100, 10_000]) {
      for (const k of [1, 3, 20, 1000]) {
        const values = Float64Array.from({ length: n }, () => Math.floor(random() * 1e9));
        const want = Array.from(values)
          .sort((a, b) => a - b)
          .slice(0, k);
        expect(Array.from(selectSmallest(values, k))).toEqual(want);
      }
    }
  });
});
