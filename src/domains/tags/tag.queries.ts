// Reading tags: a tag's page (its wrangling and how many works are found under it) and the tag
// search. A canonical tag is public; any other tag only to those who may see a work carrying it, so
// a name typed only on drafts or restricted works stays private. Admins see every tag.
import { NotFound } from "../../lib/errors.js";
import type { Actor } from "../actor.js";
import type { Ctx } from "../context.js";
import * as metas from "./meta-tagging.repo.js";
import type { Tag } from "./tag.js";
import { tagFromParam, tagNameKey } from "./tag-name.js";
import * as parents from "./tag-parent.repo.js";
import { tagsPerSearchPage, type TagSearchInput } from "./tag-search.js";
import * as tags from "./tag.repo.js";

export type TagStatusName = "canonical" | "synonym" | "unwrangled";

export function statusOf(tag: Tag): TagStatusName {
  return tag.canonical ? "canonical" : tag.mergerId ? "synonym" : "unwrangled";
}

function seesEveryTag(actor: Actor): boolean {
  return actor.kind === "user" && actor.user.isAdmin;
}

export interface TagPageData {
  tag: Tag;
  /** The canonical tag a synonym belongs to. */
  merger: Tag | undefined;
  synonyms: Tag[];
  metaTags: Tag[];
  subTags: Tag[];
  parents: Tag[];
  /** Tags this tag is a parent of (a fandom's characters, relationships and additional tags). */
  children: Tag[];
  /**
   * Works the actor may find under this tag (their filter sets hold it: its own, its synonyms' and
   * its sub tags' works); undefined for a synonym, whose works are found under its canonical tag.
   */
  worksCount: number | undefined;
}

const byName = (a: Tag, b: Tag) => a.name.localeCompare(b.name, "en", { sensitivity: "base" });

/** The tag called `name` (any case), or NotFound also when the actor may not know about it. */
export async function findShownTag(ctx: Ctx, actor: Actor, name: string): Promise<Tag> {
  const tag = await tags.findTagByKey(ctx.db, tagNameKey(name));
  if (!tag) throw new NotFound("We couldn't find that tag.");
  if (!tag.canonical && !seesEveryTag(actor)) {
    const ids = await tags.tagAndSynonymIds(ctx.db, tag.id);
    if (!(await tags.isUsedOnListedWork(ctx.db, actor, ids)))
      throw new NotFound("We couldn't find that tag.");
  }
  return tag;
}

/**
 * The tags with these name keys that the actor may know about, by key: a name typed only on drafts
 * or restricted works is missing, exactly as if nobody had used it.
 */
export async function findShownTagsByKeys(
  ctx: Ctx,
  actor: Actor,
  keys: readonly string[],
): Promise<Map<string, Tag>> {
  const found = await tags.findTagsByKeys(ctx.db, keys);
  if (seesEveryTag(actor)) return found;
  const hidden = [...found.values()].filter((t) => !t.canonical).map((t) => t.id);
  if (hidden.length === 0) return found;
  const shown = await tags.shownTagIds(ctx.db, actor, hidden);
  return new Map([...found].filter(([, t]) => t.canonical || shown.has(t.id)));
}

/** Everything a tag's page shows, for the tag named by the path segment `param`. */
export async function readTagPage(ctx: Ctx, actor: Actor, param: string): Promise<TagPageData> {
  const tag = await findShownTag(ctx, actor, tagFromParam(param));
  const [synonymIds, metaIds, subIds, parentIds, childIds] = await Promise.all([
    tags.synonymIdsOf(ctx.db, [tag.id]),
    metas.directMetaIds(ctx.db, tag.id),
    metas.directSubIds(ctx.db, tag.id),
    parents.parentIds(ctx.db, tag.id),
    parents.childIds(ctx.db, tag.id),
  ]);
  const all = [...synonymIds, ...metaIds, ...subIds, ...parentIds, ...childIds];
  if (tag.mergerId) all.push(tag.mergerId);
  const [found, shown] = await Promise.all([
    tags.findTagsByIds(ctx.db, all),
    tags.shownTagIds(ctx.db, actor, all, seesEveryTag(actor)),
  ]);
  const list = (ids: string[]) =>
    ids.flatMap((id) => (shown.has(id) ? (found.get(id) ?? []) : [])).sort(byName);
  return {
    tag,
    merger: tag.mergerId ? found.get(tag.mergerId) : undefined,
    synonyms: list(synonymIds),
    metaTags: list(metaIds),
    subTags: list(subIds),
    parents: list(parentIds),
    children: list(childIds),
    worksCount: tag.mergerId ? undefined : await tags.countListedWorksFiledUnder(ctx.db, actor, tag.num),
  };
}

export interface TagSearchResult {
  tags: (Tag & { uses: number })[];
  total: number;
  page: number;
  pages: number;
  perPage: number;
}

/** One page (50 tags) of the tag search; `uses` counts only works the actor may find. */
export async function searchTags(ctx: Ctx, actor: Actor, input: TagSearchInput): Promise<TagSearchResult> {
  const perPage = tagsPerSearchPage;
  const { rows, total } = await tags.searchTagRows(
    ctx.db,
    actor,
    input.criteria,
    { limit: perPage, offset: (input.page - 1) * perPage },
    seesEveryTag(actor),
  );
  return {
    tags: rows.map((row) => ({ ...tags.tagFromRow(row), uses: row.uses })),
    total,
    page: input.page,
    pages: Math.max(1, Math.ceil(total / perPage)),
    perPage,
  };
}
