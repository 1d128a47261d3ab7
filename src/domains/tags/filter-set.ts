// A work's filter set: the tags listings find it by. Each tag it carries counts as its canonical
// tag when it is a synonym, and as itself otherwise (a tag nobody has wrangled yet still finds its
// own works); every meta tag above those, transitively, is added as inherited. AO3's crossover rule
// is here too, since it reads the same meta tags.

export interface FilterTag {
  id: string;
  num: number;
  mergerId: string | null;
}

export interface TagGraph {
  /** Tags by id: at least the work's tags, their mergers and every meta tag above them. */
  tags: ReadonlyMap<string, FilterTag>;
  /** Direct meta tags of a tag, by id. */
  metaOf: ReadonlyMap<string, readonly string[]>;
}

/** The tag itself, or the canonical tag it is a synonym of. */
export function resolved(graph: TagGraph, id: string): string {
  const merger = graph.tags.get(id)?.mergerId;
  return merger && graph.tags.has(merger) ? merger : id;
}

/** The tag and every meta tag above it (a cycle, which wrangling refuses, ends the walk). */
export function withMetaTags(graph: TagGraph, id: string): Set<string> {
  const seen = new Set<string>([id]);
  const todo = [id];
  while (todo.length > 0) {
    for (const meta of graph.metaOf.get(todo.pop()!) ?? []) {
      if (!seen.has(meta)) {
        seen.add(meta);
        todo.push(meta);
      }
    }
  }
  return seen;
}

/** The filter set of a work carrying `tagIds`: tag number → inherited (true for meta tags only). */
export function filterSet(graph: TagGraph, tagIds: readonly string[]): Map<number, boolean> {
  const result = new Map<number, boolean>();
  const direct = tagIds.map((id) => resolved(graph, id));
  for (const id of direct) {
    const num = graph.tags.get(id)?.num;
    if (num !== undefined) result.set(num, false);
  }
  for (const id of direct) {
    for (const meta of withMetaTags(graph, id)) {
      const num = graph.tags.get(meta)?.num;
      if (num !== undefined && !result.has(num)) result.set(num, true);
    }
  }
  return result;
}

/**
 * AO3's crossover rule: two or more fandoms (synonyms counted as their canonical tag), and no
 * fandom among them to which every other is related (shares a meta tag, or is that fandom).
 */
export function isCrossover(graph: TagGraph, fandomIds: readonly string[]): boolean {
  const fandoms = [...new Set(fandomIds.map((id) => resolved(graph, id)))];
  if (fandoms.length < 2) return false;
  const families = fandoms.map((id) => withMetaTags(graph, id));
  return !families.some((a) => families.every((b) => [...a].some((t) => b.has(t))));
}
