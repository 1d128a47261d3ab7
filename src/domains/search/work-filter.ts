// A listing's filters and sort, as they travel in its URL: parsed from query parameters (with a
// problem named per bad parameter, never an exception) and written back in one canonical order, so
// a link reproduces the listing. The same parameters serve the pages and GET /api/v1/works.
import type { Config } from "../../config/config.js";

export const workSorts = [
  "updated",
  "posted",
  "title",
  "creator",
  "words",
  "kudos",
  "hits",
  "comments",
  "bookmarks",
  "relevance",
] as const;
export type WorkSort = (typeof workSorts)[number];

export const sortLabels: Record<WorkSort, string> = {
  updated: "Date updated",
  posted: "Date posted",
  title: "Title",
  creator: "Creator",
  words: "Word count",
  kudos: "Kudos",
  hits: "Hits",
  comments: "Comments",
  bookmarks: "Bookmarks",
  relevance: "Best match",
};

/** Title and creator read A→Z by default; everything else newest or largest first. */
export function defaultDirection(sort: WorkSort): "asc" | "desc" {
  return sort === "title" || sort === "creator" ? "asc" : "desc";
}

export interface WorkFilter {
  /** Tag names to include (each type's names are alternatives for ratings; all others must match). */
  include: string[];
  exclude: string[];
  crossover: "include" | "exclude" | "only";
  complete: "all" | "complete" | "wip";
  wordsFrom: number | null;
  wordsTo: number | null;
  /** YYYY-MM-DD, inclusive. */
  updatedFrom: string | null;
  updatedTo: string | null;
  language: string | null;
  /** "Search within results": the search query language. */
  query: string;
  sort: WorkSort | null;
  direction: "asc" | "desc" | null;
  page: number;
  /** Show, this once, what the reader's blocklist hides. */
  showBlocked: boolean;
}

export interface FilterProblem {
  param: string;
  message: string;
}

export interface FilterLimits {
  /** The most tags one listing may include or exclude, together. */
  maxTags: number;
  maxQueryLength: number;
  maxPage: number;
}

/** The limits from the configuration. The query may be longer than a search allows here, so that
 *  the search itself says why it is too long. */
export function filterLimits(config: Config): FilterLimits {
  return {
    maxTags: config.filterTagsMax,
    maxQueryLength: config.searchQueryMax * 10,
    maxPage: config.listingPagesMax,
  };
}

export function emptyFilter(): WorkFilter {
  return {
    include: [],
    exclude: [],
    crossover: "include",
    complete: "all",
    wordsFrom: null,
    wordsTo: null,
    updatedFrom: null,
    updatedTo: null,
    language: null,
    query: "",
    sort: null,
    direction: null,
    page: 1,
    showBlocked: false,
  };
}

type Params = Record<string, unknown>;

function values(params: Params, name: string): string[] {
  const v = params[name];
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => String(x));
}

function single(params: Params, name: string): string {
  return (values(params, name)[0] ?? "").trim();
}

/** Tag names from repeated parameters and comma-separated "other tags" fields, without repeats. */
function tagNames(params: Params, ...names: string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    for (const value of values(params, name)) {
      for (const part of value.split(",")) {
        const tag = part.replace(/\s+/g, " ").trim();
        const key = tag.toLowerCase();
        if (tag && !seen.has(key)) {
          seen.add(key);
          out.push(tag);
        }
      }
    }
  }
  return out;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Reads a listing's parameters; bad ones are left at their defaults and named in `problems`. */
export function parseWorkFilter(
  params: Params,
  limits: FilterLimits,
): { filter: WorkFilter; problems: FilterProblem[] } {
  const filter = emptyFilter();
  const problems: FilterProblem[] = [];
  const problem = (param: string, message: string) => problems.push({ param, message });

  filter.include = tagNames(params, "include", "include_other");
  filter.exclude = tagNames(params, "exclude", "exclude_other");
  if (filter.include.length + filter.exclude.length > limits.maxTags) {
    problem("include", `A listing can include and exclude at most ${limits.maxTags} tags together.`);
    filter.include = filter.include.slice(0, limits.maxTags);
    filter.exclude = filter.exclude.slice(0, Math.max(0, limits.maxTags - filter.include.length));
  }

  const crossover = single(params, "crossover");
  if (crossover === "include" || crossover === "exclude" || crossover === "only")
    filter.crossover = crossover;
  else if (crossover) problem("crossover", "Crossovers can be include, exclude or only.");

  const complete = single(params, "complete");
  if (complete === "all" || complete === "complete" || complete === "wip") filter.complete = complete;
  else if (complete) problem("complete", "Completion can be all, complete or wip.");

  for (const [param, key] of [
    ["words_from", "wordsFrom"],
    ["words_to", "wordsTo"],
  ] as const) {
    const raw = single(params, param).replace(/[,._ ]/g, "");
    if (!raw) continue;
    if (/^\d{1,9}$/.test(raw)) filter[key] = Number(raw);
    else problem(param, `“${single(params, param).slice(0, 40)}” is not a word count.`);
  }
  if (filter.wordsFrom !== null && filter.wordsTo !== null && filter.wordsFrom > filter.wordsTo)
    problem("words_to", "The word count “to” is less than “from”, so nothing can match.");

  for (const [param, key] of [
    ["updated_from", "updatedFrom"],
    ["updated_to", "updatedTo"],
  ] as const) {
    const raw = single(params, param);
    if (!raw) continue;
    if (isRealDate(raw)) filter[key] = raw;
    else problem(param, `“${raw.slice(0, 40)}” is not a date; use YYYY-MM-DD.`);
  }
  if (filter.updatedFrom && filter.updatedTo && filter.updatedFrom > filter.updatedTo)
    problem("updated_to", "The date “to” is before “from”, so nothing can match.");

  const language = single(params, "language");
  if (language) {
    if (/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language) && language.length <= 20)
      filter.language = language;
    else problem("language", `“${language.slice(0, 40)}” is not a language code.`);
  }

  const query = values(params, "q")[0] ?? "";
  if (query.length > limits.maxQueryLength) {
    problem("q", `The search is too long: at most ${limits.maxQueryLength} characters.`);
  } else {
    filter.query = query.trim();
  }

  const sort = single(params, "sort");
  if ((workSorts as readonly string[]).includes(sort)) filter.sort = sort as WorkSort;
  else if (sort)
    problem(
      "sort",
      `Works can't be sorted by “${sort.slice(0, 40)}”; choose one of ${workSorts.join(", ")}.`,
    );

  const direction = single(params, "dir");
  if (direction === "asc" || direction === "desc") filter.direction = direction;
  else if (direction) problem("dir", "The direction can be asc or desc.");

  const page = single(params, "page");
  if (page) {
    if (/^\d{1,9}$/.test(page) && Number(page) >= 1 && Number(page) <= limits.maxPage)
      filter.page = Number(page);
    else problem("page", `“${page.slice(0, 40)}” is not a page number (1 to ${limits.maxPage}).`);
  }

  filter.showBlocked = single(params, "show_blocked") === "1";
  return { filter, problems };
}

/** The filter as query parameters, in a fixed order, leaving out defaults (and the page unless asked). */
export function filterParams(filter: WorkFilter, options: { page?: boolean } = {}): URLSearchParams {
  const p = new URLSearchParams();
  for (const name of filter.include) p.append("include", name);
  for (const name of filter.exclude) p.append("exclude", name);
  if (filter.crossover !== "include") p.set("crossover", filter.crossover);
  if (filter.complete !== "all") p.set("complete", filter.complete);
  if (filter.wordsFrom !== null) p.set("words_from", String(filter.wordsFrom));
  if (filter.wordsTo !== null) p.set("words_to", String(filter.wordsTo));
  if (filter.updatedFrom) p.set("updated_from", filter.updatedFrom);
  if (filter.updatedTo) p.set("updated_to", filter.updatedTo);
  if (filter.language) p.set("language", filter.language);
  if (filter.query) p.set("q", filter.query);
  if (filter.sort) p.set("sort", filter.sort);
  if (filter.direction) p.set("dir", filter.direction);
  if (filter.showBlocked) p.set("show_blocked", "1");
  if (options.page && filter.page > 1) p.set("page", String(filter.page));
  return p;
}

/** Whether the reader chose any filter (not counting sort and page). */
export function isFiltered(filter: WorkFilter): boolean {
  const none = emptyFilter();
  return (
    filter.include.length > 0 ||
    filter.exclude.length > 0 ||
    filter.crossover !== none.crossover ||
    filter.complete !== none.complete ||
    filter.wordsFrom !== null ||
    filter.wordsTo !== null ||
    filter.updatedFrom !== null ||
    filter.updatedTo !== null ||
    filter.language !== null ||
    filter.query !== ""
  );
}
