// JSON handlers for tags (/api/v1/tags…): a tag with its wrangling, and the tag search. Read-only,
// with the pages' rules: a tag that isn't canonical is only found by those who may see a work
// carrying it.
import { z } from "zod";
import type { ApiRoute } from "../../http/api-route.js";
import { Invalid } from "../../lib/errors.js";
import { presentTag, presentTagSearch, tagResponse, tagSearchResponse } from "./tag.present.js";
import { readTagPage, searchTags } from "./tag.queries.js";
import { readTagSearch } from "./tag-search.js";

export const tagApiRoutes: ApiRoute[] = [
  {
    method: "GET",
    url: "/api/v1/tags",
    summary:
      "Search tags: name (part of it), type, status (canonical, synonym, unwrangled or any), sort (name or uses), page (50 a page)",
    tag: "Tags",
    access: "public",
    response: tagSearchResponse,
    handler: async (ctx, { actor, query }) => {
      const input = readTagSearch(query ?? {}, ctx.config.tagNameMax);
      // The page ignores what it can't use; a script hears about it instead.
      if (Object.keys(input.notices).length > 0) throw new Invalid(input.notices);
      if (query?.page !== undefined && !/^[1-9][0-9]{0,15}$/.test(query.page))
        throw new Invalid({ page: "page must be a whole number from 1." });
      return presentTagSearch(await searchTags(ctx, actor, input), ctx.config.publicUrl);
    },
  },
  {
    method: "GET",
    url: "/api/v1/tags/:tag",
    summary:
      "A tag with its synonyms, meta and sub tags, parents and children (the name as in tag page URLs)",
    tag: "Tags",
    access: "public",
    params: z.object({ tag: z.string().max(2000) }),
    response: tagResponse,
    handler: async (ctx, { actor, params }) =>
      presentTag(await readTagPage(ctx, actor, params.tag as string), ctx.config.publicUrl),
  },
];
