// Keeps filter_taggings and works.crossover true to the works' tags and the tags' wrangling. Called
// whenever a work's tags change, and by wrangling for every work a change reaches.
import type { Ctx } from "../context.js";
import * as works from "../works/work.repo.js";
import { filterSet, isCrossover, type TagGraph } from "./filter-set.js";
import type { Tag } from "./tag.js";
import { replaceFilterTaggings, type FilterTaggingRow } from "./filter-tagging.repo.js";
import { metaTagsAbove } from "./meta-tagging.repo.js";
import * as tags from "./tag.repo.js";

/** Loads what filter sets of works carrying `tagIds` depend on: mergers and meta tags. */
export async function loadTagGraph(
  tx: Ctx,
  tagIds: readonly string[],
): Promise<{ tags: ReadonlyMap<string, Tag>; metaOf: TagGraph["metaOf"] }> {
  const found = await tags.findTagsByIds(tx.db, tagIds);
  const mergers = [...found.values()].flatMap((t) =>
    t.mergerId && !found.has(t.mergerId) ? [t.mergerId] : [],
  );
  for (const [id, tag] of await tags.findTagsByIds(tx.db, mergers)) found.set(id, tag);
  const metaOf = await metaTagsAbove(tx.db, [...found.keys()]);
  const metaIds = [...metaOf.values()].flat().filter((id) => !found.has(id));
  for (const [id, tag] of await tags.findTagsByIds(tx.db, metaIds)) found.set(id, tag);
  return { tags: found, metaOf };
}

/** Recomputes the filter sets (and crossover flags) of the works `workIds`; returns their numbers. */
export async function refreshFilterSets(tx: Ctx, workIds: readonly string[]): Promise<number[]> {
  const docs: number[] = [];
  for (let i = 0; i < workIds.length; i += 500) {
    const batch = await tags.tagIdsOfWorks(tx.db, workIds.slice(i, i + 500));
    const graph = await loadTagGraph(
      tx,
      batch.flatMap((w) => w.tagIds),
    );
    const rows: FilterTaggingRow[] = [];
    for (const work of batch) {
      for (const [num, inherited] of filterSet(graph, work.tagIds))
        rows.push({ doc: work.doc, tag_num: num, inherited: inherited ? 1 : 0 });
      const fandoms = work.tagIds.filter((id) => graph.tags.get(id)?.type === "fandom");
      const crossover = isCrossover(graph, fandoms);
      if (crossover !== work.crossover) await works.setCrossover(tx.db, work.workId, crossover);
    }
    const batchDocs = batch.map((w) => w.doc);
    await replaceFilterTaggings(tx.db, batchDocs, rows);
    docs.push(...batchDocs);
  }
  return docs;
}
