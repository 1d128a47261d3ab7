// The JSON shapes of tags: a tag with its wrangling, and a page of tag search results.
import { z } from "zod";
import type { Tag } from "./tag.js";
import { statusOf, type TagPageData, type TagSearchResult } from "./tag.queries.js";
import { tagTypes } from "./tag-types.js";
import { tagPath } from "./views/tag-pages.js";

const tagRef = z.object({
  name: z.string(),
  type: z.enum(tagTypes),
  status: z.enum(["canonical", "synonym", "unwrangled"]),
  url: z.string(),
});

export const tagResponse = tagRef.extend({
  synonym_of: tagRef.nullable().describe("The canonical tag a synonym belongs to"),
  works_count: z
    .number()
    .int()
    .nullable()
    .describe("Works the caller may see under this tag (null for a synonym: see its canonical tag)"),
  synonyms: z.array(tagRef),
  meta_tags: z.array(tagRef),
  sub_tags: z.array(tagRef),
  parents: z.array(tagRef),
  children: z.array(tagRef),
});

export const tagSearchResponse = z.object({
  tags: z.array(tagRef.extend({ uses: z.number().int().describe("Works the caller may see carrying it") })),
  total: z.number().int(),
  page: z.number().int(),
  pages: z.number().int(),
});

function presentTagRef(tag: Tag, baseUrl: string): z.infer<typeof tagRef> {
  return { name: tag.name, type: tag.type, status: statusOf(tag), url: `${baseUrl}${tagPath(tag.name)}` };
}

export function presentTag(data: TagPageData, baseUrl: string): z.infer<typeof tagResponse> {
  const refs = (list: Tag[]) => list.map((t) => presentTagRef(t, baseUrl));
  return {
    ...presentTagRef(data.tag, baseUrl),
    synonym_of: data.merger ? presentTagRef(data.merger, baseUrl) : null,
    works_count: data.worksCount ?? null,
    synonyms: refs(data.synonyms),
    meta_tags: refs(data.metaTags),
    sub_tags: refs(data.subTags),
    parents: refs(data.parents),
    children: refs(data.children),
  };
}

export function presentTagSearch(
  result: TagSearchResult,
  baseUrl: string,
): z.infer<typeof tagSearchResponse> {
  return {
    tags: result.tags.map((t) => ({ ...presentTagRef(t, baseUrl), uses: t.uses })),
    total: result.total,
    page: result.page,
    pages: result.pages,
  };
}
