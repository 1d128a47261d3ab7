// Finding works: one listing (all works, a tag's, a creator's, a series', a language's) with the
// reader's filters, full-text search, blocklist, sort and facet counts. The work index answers
// which works and how many; full-text search (when there is a query) narrows it first; the
// database then loads the one page shown. Visibility is the index's: only posted works not hidden
// by an admin are in it, and guests skip restricted ones.
import type { Actor } from "../actor.js";
import { blockedNumbers } from "../blocklist/blocklist-entry.repo.js";
import type { Ctx } from "../context.js";
import * as seriesRepo from "../series/series.repo.js";
import { findShownTagsByKeys } from "../tags/tag.queries.js";
import { findTagsByIds, findTagsByNums } from "../tags/tag.repo.js";
import type { Tag } from "../tags/tag.js";
import { tagNameKey } from "../tags/tag-name.js";
import { tagTypes, type TagType } from "../tags/tag-types.js";
import type { WorkDetail } from "../works/work.js";
import { loadDetails } from "../works/work.queries.js";
import * as works from "../works/work.repo.js";
import { matchDocs } from "./search-index.repo.js";
import { excludedOnly, parseSearchQuery, QueryError, type QueryNode } from "./search-query.js";
import { snippetsFor } from "./search-snippets.js";
import type { SnippetPart } from "./snippet.js";
import { defaultDirection, type FilterProblem, type WorkFilter, type WorkSort } from "./work-filter.js";
import type { Facet, IndexQuery, IndexResult, Range } from "./work-index.js";
import { tagTypeNumber } from "./work-finder.js";

export type ListingScope =
  | { kind: "all" }
  | { kind: "tag"; tag: Tag }
  | { kind: "user"; userId: string }
  | { kind: "pseud"; pseudId: string }
  | { kind: "series"; seriesId: string }
  | { kind: "language"; language: string };

export interface FacetTag {
  name: string;
  count: number;
}

export interface WorkSearchResult {
  works: WorkDetail[];
  total: number;
  page: number;
  pages: number;
  perPage: number;
  sort: WorkSort;
  direction: "asc" | "desc";
  /** Per tag type, the top tags of the result with their counts. */
  facets: { type: TagType; tags: FacetTag[] }[];
  /** Counting facets ran out of time: the counts are from part of the result. */
  facetsPartial: boolean;
  /** Works the reader's blocklist hides from this listing (0 when shown anyway). */
  blocked: number;
  /** What the reader should know about their filters: unknown tags, contradictions, limits. */
  notes: string[];
  /** Parameters that could not be used, each with why. */
  problems: FilterProblem[];
  /** Matched excerpts by work id, when there is a search query. */
  snippets: Map<string, SnippetPart[]>;
  /** The excluded names that are tags (as typed), with their types: where the sidebar lists them. */
  excludedTags: { name: string; type: TagType }[];
}

/** Where a tag's works are found: its canonical tag when it is a synonym. */
function filterNum(tag: Tag, canonical: Map<string, Tag>): number {
  return tag.mergerId ? (canonical.get(tag.mergerId)?.num ?? tag.num) : tag.num;
}

async function scopeDocs(ctx: Ctx, scope: ListingScope): Promise<number[] | null> {
  switch (scope.kind) {
    case "user":
      return works.docsOfUser(ctx.db, scope.userId);
    case "pseud":
      return works.docsOfPseud(ctx.db, scope.pseudId);
    case "series":
      return seriesRepo.docsOfSeries(ctx.db, scope.seriesId);
    default:
      return null;
  }
}

function intersect(a: number[] | null, b: number[] | null): number[] | null {
  if (a === null) return b;
  if (b === null) return a;
  const set = new Set(b);
  return a.filter((doc) => set.has(doc));
}

function mergeRange(a: Range | null, b: Range | null): Range | null {
  if (!a) return b;
  if (!b) return a;
  const max = (x: number | null, y: number | null) => (x === null ? y : y === null ? x : Math.max(x, y));
  const min = (x: number | null, y: number | null) => (x === null ? y : y === null ? x : Math.min(x, y));
  return { min: max(a.min, b.min), max: min(a.max, b.max) };
}

const DAY_MS = 86_400_000;

/** One page of works for a listing, filtered and sorted as asked, with facets. */
export async function findWorks(
  ctx: Ctx,
  actor: Actor,
  scope: ListingScope,
  filter: WorkFilter,
  problems: FilterProblem[] = [],
): Promise<WorkSearchResult> {
  const notes: string[] = [];
  const perPage = ctx.config.worksPerPage;
  problems = [...problems];

  // The search query, and its shortcuts (words>1000, sort:kudos).
  let text: QueryNode | null = null;
  let highlights: { text: string; prefix: boolean }[] = [];
  let words: Range | null =
    filter.wordsFrom !== null || filter.wordsTo !== null
      ? { min: filter.wordsFrom, max: filter.wordsTo }
      : null;
  const counts: Pick<IndexQuery, "kudos" | "hits" | "comments" | "bookmarks"> = {};
  let sort = filter.sort;
  let direction = filter.direction;
  if (filter.query) {
    try {
      const parsed = parseSearchQuery(filter.query, {
        maxLength: ctx.config.searchQueryMax,
        maxDepth: ctx.config.searchDepthMax,
        maxTerms: ctx.config.searchTermsMax,
      });
      text = parsed.text;
      highlights = parsed.highlights;
      words = mergeRange(words, parsed.words);
      Object.assign(counts, {
        kudos: parsed.kudos,
        hits: parsed.hits,
        comments: parsed.comments,
        bookmarks: parsed.bookmarks,
      });
      sort ??= parsed.sort;
      direction ??= parsed.direction;
    } catch (err) {
      if (!(err instanceof QueryError)) throw err;
      problems.push({ param: "q", message: err.message });
    }
  }
  sort ??= text ? "relevance" : "updated";
  if (sort === "relevance" && !text) sort = "updated";
  direction ??= defaultDirection(sort);

  // Tags, by name: a synonym finds its canonical tag's works; an unknown name is looked for in
  // works' tags as text (as AO3 does), and said. A name the reader may not know about (typed only
  // on drafts or restricted works) is unknown to them too, so the notes can't tell it exists.
  const named = await findShownTagsByKeys(
    ctx,
    actor,
    [...filter.include, ...filter.exclude].map((n) => tagNameKey(n)),
  );
  const mergerIds = [...named.values()].flatMap((t) => (t.mergerId ? [t.mergerId] : []));
  const canonical = await findTagsByIds(ctx.db, mergerIds);
  const ratingGroup: number[] = [];
  const include: number[][] = [];
  const textTags: QueryNode[] = [];
  for (const name of filter.include) {
    const tag = named.get(tagNameKey(name));
    if (!tag) {
      notes.push(`No tag is called “${name}”; works with it in their tags' text are shown instead.`);
      textTags.push({ kind: "phrase", text: name.toLowerCase(), field: "tag" });
      continue;
    }
    if (tag.type === "rating") ratingGroup.push(filterNum(tag, canonical));
    else include.push([filterNum(tag, canonical)]);
  }
  if (ratingGroup.length > 0) include.push(ratingGroup);
  const exclude: number[] = [];
  const excludedTags: { name: string; type: TagType }[] = [];
  for (const name of filter.exclude) {
    const tag = named.get(tagNameKey(name));
    if (!tag) {
      notes.push(`No tag is called “${name}”, so excluding it changes nothing.`);
      continue;
    }
    exclude.push(filterNum(tag, canonical));
    excludedTags.push({ name, type: tag.type });
  }
  if (scope.kind === "tag") include.push([scope.tag.num]);
  const contradictions = include
    .filter((group) => group.length === 1 && exclude.includes(group[0]!))
    .map((group) => group[0]!);
  if (contradictions.length > 0) {
    const names = (await findTagsByNums(ctx.db, contradictions)).values();
    for (const tag of names) notes.push(`“${tag.name}” is both included and excluded, so no work can match.`);
  }

  // What doesn't depend on the search is asked for at once, beside it (on PostgreSQL these are
  // round trips that can overlap): the scope's works, the reader's blocklist, the index's changes.
  const scoped = scopeDocs(ctx, scope);
  // The reader's blocklist, unless they asked to see what it hides this once.
  const blockedList =
    actor.kind === "user" && !filter.showBlocked ? blockedNumbers(ctx.db, actor.user.id) : null;
  const current = ctx.finder.current(ctx.db);
  // Settled here too, so a failure while the search runs is not left unhandled.
  for (const p of [scoped, blockedList, current]) p?.catch(() => undefined);

  // Full-text search narrows the listing to its matches first.
  let within = await scoped;
  let excludeDocs: number[] = [];
  let scores: Map<number, number> | undefined;
  const textNode: QueryNode | null =
    textTags.length === 0 ? text : { kind: "and", children: [...(text ? [text] : []), ...textTags] };
  if (textNode) {
    const matches = await matchDocs(ctx.db, ctx.dialect, textNode, {
      limit: ctx.config.searchMatchesMax,
      scores: sort === "relevance",
      budgetMs: ctx.config.searchBudgetMs,
    }).catch((err: unknown) => {
      if (isTimeout(err)) {
        notes.push("The search took too long and was stopped; try rarer words or fewer of them.");
        return { docs: [], scores: null, excludeDocs: [], truncated: false };
      }
      throw err;
    });
    if (matches.truncated)
      notes.push(
        `The search matched more than ${ctx.config.searchMatchesMax.toLocaleString("en")} works; only that many were considered. Add words or filters to narrow it.`,
      );
    if (excludedOnly(textNode)) {
      excludeDocs = matches.excludeDocs;
    } else {
      within = intersect(within, matches.docs);
    }
    scores = matches.scores ?? undefined;
  }

  const blocked = await blockedList;
  const index = await current;
  const offset = (filter.page - 1) * perPage;
  const updated: Range | null =
    filter.updatedFrom || filter.updatedTo
      ? {
          min: filter.updatedFrom ? Date.parse(`${filter.updatedFrom}T00:00:00Z`) : null,
          max: filter.updatedTo ? Date.parse(`${filter.updatedTo}T00:00:00Z`) + DAY_MS - 1 : null,
        }
      : null;
  const result: IndexResult =
    contradictions.length > 0
      ? { docs: [], total: 0, blocked: 0, facets: new Map(), facetsPartial: false }
      : index.query({
          within,
          excludeDocs,
          include,
          exclude,
          guest: actor.kind !== "user",
          complete: filter.complete === "all" ? null : filter.complete === "complete",
          crossover: filter.crossover,
          language: scope.kind === "language" ? scope.language : filter.language,
          words,
          ...counts,
          revised: updated,
          blockedTags: blocked?.tagNums ?? [],
          blockedDocs: blocked?.docs ?? [],
          sort,
          direction,
          ...(scores ? { scores } : {}),
          offset,
          limit: perPage,
          facets: true,
          facetLimit: ctx.config.facetsPerType,
          facetBudgetMs: ctx.config.facetBudgetMs,
        });

  const facetNums = [...result.facets.values()].flat().map((f) => f.tag);
  const [details, facetTags] = await Promise.all([
    works.findWorksByDocs(ctx.db, actor, result.docs).then((page) => loadDetails(ctx, page)),
    findTagsByNums(ctx.db, facetNums),
  ]);
  const facets = tagTypes.map((type) => ({
    type,
    tags: (result.facets.get(tagTypeNumber(type)) ?? []).flatMap((f: Facet) => {
      const tag = facetTags.get(f.tag);
      return tag ? [{ name: tag.name, count: f.count }] : [];
    }),
  }));
  const pages = Math.max(1, Math.ceil(result.total / perPage));
  if (filter.page > pages && result.total > 0)
    notes.push(`There are only ${pages.toLocaleString("en")} pages of works here.`);
  return {
    works: details,
    total: result.total,
    page: filter.page,
    pages,
    perPage,
    sort,
    direction,
    facets,
    facetsPartial: result.facetsPartial,
    blocked: result.blocked,
    notes,
    problems,
    snippets: highlights.length > 0 ? await snippetsFor(ctx, details, highlights) : new Map(),
    excludedTags,
  };
}

function isTimeout(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "57014";
}
