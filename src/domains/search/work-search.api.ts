// GET /api/v1/works: any listing's filters, search and sort as query parameters (the same ones the
// pages use; see docs/finding-works.md), with facet counts in the answer. A bad parameter is a 400
// problem document naming it.
import { z } from "zod";
import type { ApiRoute } from "../../http/api-route.js";
import { Invalid } from "../../lib/errors.js";
import { tagTypes } from "../tags/tag-types.js";
import { presentWorkBlurb, workResponse } from "../works/work.present.js";
import { filterLimits, parseWorkFilter, workSorts, type FilterProblem } from "./work-filter.js";
import { findWorks } from "./work-search.service.js";

const facetTag = z.object({ name: z.string(), count: z.number().int() });

export const workSearchResponse = z.object({
  works: z.array(workResponse.omit({ chapters: true }).extend({ snippet: z.string().nullable() })),
  total: z.number().int(),
  page: z.number().int(),
  pages: z.number().int(),
  sort: z.enum(workSorts),
  direction: z.enum(["asc", "desc"]),
  facets: z.record(z.enum(tagTypes), z.array(facetTag)),
  facets_partial: z.boolean(),
  hidden_by_blocklist: z.number().int(),
  notes: z.array(z.string()),
});

/** A 400 problem document naming each parameter that can't be used. */
function refuse(problems: readonly FilterProblem[]): void {
  if (problems.length > 0)
    throw new Invalid(
      Object.fromEntries(problems.map((p) => [p.param, p.message])),
      problems.map((p) => p.message).join(" "),
    );
}

export const workSearchApiRoutes: ApiRoute[] = [
  {
    method: "GET",
    url: "/api/v1/works",
    summary:
      "Find works: include/exclude (tag names, repeatable), include_other/exclude_other (comma-separated), crossover (include|exclude|only), complete (all|complete|wip), words_from, words_to, updated_from, updated_to (YYYY-MM-DD), language, q (search query), sort (" +
      workSorts.join("|") +
      "), dir (asc|desc), page, show_blocked=1. Facets count the top tags of each type in the result.",
    tag: "Works",
    access: "public",
    response: workSearchResponse,
    handler: async (ctx, { actor, query }) => {
      const { filter, problems } = parseWorkFilter(query ?? {}, filterLimits(ctx.config));
      refuse(problems); // before any searching
      const result = await findWorks(ctx, actor, { kind: "all" }, filter);
      refuse(result.problems); // the search query's own
      return {
        works: result.works.map((d) => ({
          ...presentWorkBlurb(d, ctx.config.publicUrl),
          snippet:
            result.snippets
              .get(d.work.id)
              ?.map((p) => p.text)
              .join("") ?? null,
        })),
        total: result.total,
        page: result.page,
        pages: result.pages,
        sort: result.sort,
        direction: result.direction,
        facets: Object.fromEntries(result.facets.map((f) => [f.type, f.tags])),
        facets_partial: result.facetsPartial,
        hidden_by_blocklist: result.blocked,
        notes: result.notes,
      };
    },
  },
];
