// A saved filter: a listing's filters under a name the reader chose; one of a reader's saved
// filters may be their default. The filters are kept as the listing's query string, as
// filterParams writes it (without the page), so applying one is a link: /works?<query>.
import type { Config } from "../../config/config.js";
import {
  emptyFilter,
  filterParams,
  parseWorkFilter,
  sortLabels,
  type FilterLimits,
  type WorkFilter,
} from "../search/work-filter.js";
import { languageByCode } from "../works/languages.js";

export interface SavedFilter {
  id: string;
  userId: string;
  name: string;
  /** The listing's query string, normalised: no page, no "show blocked", no unusable parameters. */
  query: string;
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The longest name a saved filter may have. */
export const SAVED_FILTER_NAME_MAX = 100;

/** The longest query string accepted before it is normalised (a pasted address, say). */
export const SAVED_FILTER_QUERY_MAX = 20_000;

/** The case-folded key that makes saved filter names unique per account. */
export function savedFilterNameKey(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
}

/** Where a saved filter is applied to all works. */
export function savedFilterPath(query: string): string {
  return query ? `/works?${query}` : "/works";
}

/** The limits a listing reads its parameters with. */
export function savedFilterLimits(
  config: Pick<Config, "filterTagsMax" | "searchQueryMax" | "listingPagesMax">,
) {
  return {
    maxTags: config.filterTagsMax,
    maxQueryLength: config.searchQueryMax,
    maxPage: config.listingPagesMax,
  } satisfies FilterLimits;
}

/** The parameters of a query string, or of the part after "?" of a pasted address. */
function paramsOf(raw: string): Record<string, string[]> {
  let query = raw.trim();
  const hash = query.indexOf("#");
  if (hash >= 0) query = query.slice(0, hash);
  const mark = query.indexOf("?");
  if (mark >= 0) query = query.slice(mark + 1);
  const params: Record<string, string[]> = {};
  for (const [key, value] of new URLSearchParams(query)) (params[key] ??= []).push(value);
  return params;
}

/** The listing filter a stored or typed query string stands for (unusable parameters dropped). */
export function filterOfQuery(raw: string, limits: FilterLimits): WorkFilter {
  const { filter } = parseWorkFilter(paramsOf(raw), limits);
  return { ...filter, page: 1, showBlocked: false };
}

/**
 * A query string as it is stored: read as a listing reads it, then written back in filterParams'
 * order, leaving out the page, "show blocked" and whatever a listing could not use.
 */
export function normaliseFilterQuery(raw: string, limits: FilterLimits): string {
  return filterParams(filterOfQuery(raw, limits)).toString();
}

function count(n: number): string {
  return n.toLocaleString("en");
}

/** A short account of a filter in words, one phrase per choice ("Complete works only"). */
export function describeFilter(filter: WorkFilter): string[] {
  const none = emptyFilter();
  const parts: string[] = [];
  if (filter.include.length > 0) parts.push(`Including ${filter.include.join(", ")}`);
  if (filter.exclude.length > 0) parts.push(`Excluding ${filter.exclude.join(", ")}`);
  if (filter.crossover === "exclude") parts.push("No crossovers");
  if (filter.crossover === "only") parts.push("Crossovers only");
  if (filter.complete === "complete") parts.push("Complete works only");
  if (filter.complete === "wip") parts.push("Works in progress only");
  if (filter.wordsFrom !== null && filter.wordsTo !== null)
    parts.push(`${count(filter.wordsFrom)}–${count(filter.wordsTo)} words`);
  else if (filter.wordsFrom !== null) parts.push(`At least ${count(filter.wordsFrom)} words`);
  else if (filter.wordsTo !== null) parts.push(`At most ${count(filter.wordsTo)} words`);
  if (filter.updatedFrom && filter.updatedTo)
    parts.push(`Updated ${filter.updatedFrom} to ${filter.updatedTo}`);
  else if (filter.updatedFrom) parts.push(`Updated since ${filter.updatedFrom}`);
  else if (filter.updatedTo) parts.push(`Updated until ${filter.updatedTo}`);
  if (filter.language) parts.push(`In ${languageByCode(filter.language)?.name ?? filter.language}`);
  if (filter.query !== none.query) parts.push(`Search: “${filter.query}”`);
  if (filter.sort || filter.direction) {
    const by = filter.sort ? sortLabels[filter.sort] : "Date updated";
    const direction =
      filter.direction === "asc" ? ", ascending" : filter.direction === "desc" ? ", descending" : "";
    parts.push(`Sorted by ${by.toLowerCase()}${direction}`);
  }
  return parts;
}
