import { describe, expect, it } from "vitest";
import { filterSet, isCrossover, type FilterTag, type TagGraph } from "./filter-set.js";

function graph(
  tags: [id: string, num: number, merger?: string][],
  meta: [meta: string, sub: string][] = [],
): TagGraph {
  const map = new Map<string, FilterTag>(
    tags.map(([id, num, merger]) => [id, { id, num, mergerId: merger ?? null }]),
  );
  const metaOf = new Map<string, string[]>();
  for (const [m, s] of meta) metaOf.set(s, [...(metaOf.get(s) ?? []), m]);
  return { tags: map, metaOf };
}

describe("filterSet", () => {
  it("counts a canonical or unwrangled tag as itself", () => {
    const g = graph([
      ["a", 1],
      ["b", 2],
    ]);
    expect(filterSet(g, ["a", "b"])).toEqual(
      new Map([
        [1, false],
        [2, false],
      ]),
    );
  });

  it("counts a synonym as its canonical tag, never as itself", () => {
    const g = graph([
      ["drarry", 1, "dm-hp"],
      ["dm-hp", 2],
    ]);
    expect(filterSet(g, ["drarry"])).toEqual(new Map([[2, false]]));
  });

  it("adds meta tags transitively as inherited, including those of a synonym's canonical", () => {
    const g = graph(
      [
        ["syn", 1, "sub"],
        ["sub", 2],
        ["meta", 3],
        ["top", 4],
      ],
      [
        ["meta", "sub"],
        ["top", "meta"],
      ],
    );
    expect(filterSet(g, ["syn"])).toEqual(
      new Map([
        [2, false],
        [3, true],
        [4, true],
      ]),
    );
  });

  it("keeps a tag the work carries itself as not inherited even when it is also a meta tag", () => {
    const g = graph(
      [
        ["sub", 1],
        ["meta", 2],
      ],
      [["meta", "sub"]],
    );
    expect(filterSet(g, ["sub", "meta"]).get(2)).toBe(false);
  });

  it("survives a meta cycle", () => {
    const g = graph(
      [
        ["a", 1],
        ["b", 2],
      ],
      [
        ["a", "b"],
        ["b", "a"],
      ],
    );
    expect([...filterSet(g, ["a"]).keys()].sort()).toEqual([1, 2]);
  });
});

describe("isCrossover", () => {
  const g = graph(
    [
      ["mcu", 1],
      ["avengers", 2],
      ["iron-man", 3],
      ["hp", 4],
      ["hp-syn", 5, "hp"],
      ["marvel", 6],
    ],
    [
      ["marvel", "avengers"],
      ["marvel", "iron-man"],
      ["mcu", "marvel"],
    ],
  );

  it("is false for one fandom, or a fandom and its synonym", () => {
    expect(isCrossover(g, ["hp"])).toBe(false);
    expect(isCrossover(g, ["hp", "hp-syn"])).toBe(false);
  });

  it("is false for fandoms that share a meta tag", () => {
    expect(isCrossover(g, ["avengers", "iron-man"])).toBe(false);
    expect(isCrossover(g, ["avengers", "marvel"])).toBe(false);
  });

  it("is true for unrelated fandoms", () => {
    expect(isCrossover(g, ["avengers", "hp"])).toBe(true);
    expect(isCrossover(g, ["avengers", "iron-man", "hp"])).toBe(true);
  });
});
