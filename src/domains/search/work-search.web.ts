// The advanced search page (AO3's /works/search): a form with every field; sent, it becomes the
// listing of all works with the same state in its URL (so a search is a link like any listing).
import { h } from "preact";
import { sendPage } from "../../http/render.js";
import type { Handler } from "../../http/route.js";
import { splitTagList } from "../tags/tag-name.js";
import { AdvancedSearchForm } from "./views/advanced-search.js";
import { filterLimits, filterParams, parseWorkFilter } from "./work-filter.js";

type Query = Record<string, string | string[] | undefined>;

function list(query: Query, name: string): string[] {
  const v = query[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** The advanced form's fields as a listing's parameters (tags as includes, ranges as shortcuts). */
export function advancedToListing(query: Query): Record<string, string[]> {
  const include = [
    ...list(query, "include"),
    ...["fandoms", "relationships", "characters", "freeforms"].flatMap((field) =>
      splitTagList(list(query, field)),
    ),
    ...list(query, "rating"),
    ...list(query, "warnings"),
    ...list(query, "categories"),
  ].filter((n) => n.trim() !== "");
  const words: string[] = list(query, "q").filter((q) => q.trim() !== "");
  const quote = (s: string) => `"${s.replaceAll('"', " ")}"`;
  for (const title of list(query, "title").filter((s) => s.trim()))
    words.push(`title:${quote(title.trim())}`);
  for (const creator of list(query, "creators").filter((s) => s.trim()))
    words.push(`creator:${quote(creator.trim())}`);
  for (const field of ["words", "hits", "kudos", "comments", "bookmarks"]) {
    const range = (list(query, field)[0] ?? "").replace(/\s+/g, "");
    if (range) words.push(`${field}:${range}`);
  }
  const out: Record<string, string[]> = { include, q: words.length > 0 ? [words.join(" ")] : [] };
  for (const name of ["complete", "crossover", "language", "sort", "dir"]) {
    const value = list(query, name)[0];
    if (value) out[name] = [value];
  }
  return out;
}

export const showAdvancedSearch: Handler = (ctx, request, reply) => {
  const query = request.query as Query;
  if (Object.keys(query).length === 0)
    return sendPage(request, reply, "Search works", h(AdvancedSearchForm, { values: {} }));
  const { filter } = parseWorkFilter(advancedToListing(query), filterLimits(ctx.config));
  const params = filterParams(filter).toString();
  return reply.redirect(params ? `/works?${params}` : "/works", 303);
};
