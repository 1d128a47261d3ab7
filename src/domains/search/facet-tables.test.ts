import { describe, expect, it } from "vitest";
import { EVERY_WORK, FacetTables, TopFacets } from "./facet-tables.js";

const typeOf = (tag: number) => (tag < 100 ? tag % 2 : undefined);

describe("TopFacets", () => {
  it("keeps the highest counts of each type, ties to the lower tag, and drops untyped tags and zeros", () => {
    const top = new TopFacets(2, typeOf);
    for (const [tag, count] of [
      [4, 5],
      [2, 5],
      [6, 9],
      [8, 1],
      [1, 3],
      [3, 0],
      [150, 99],
    ] as const)
      top.offer(tag, count);
    expect(top.result()).toEqual(
      new Map([
        [
          0,
          [
            { tag: 6, count: 9 },
            { tag: 2, count: 5 },
          ],
        ],
        [1, [{ tag: 1, count: 3 }]],
      ]),
    );
  });
});

describe("FacetTables", () => {
  const works: { tags: number[]; restricted: boolean }[] = [
    { tags: [10, 20, 30], restricted: false },
    { tags: [10, 20], restricted: true },
    { tags: [10, 40], restricted: false },
    { tags: [20, 40], restricted: false },
  ];

  function tablesWith(max: number) {
    const tables = new FacetTables(64, max);
    for (const w of works) tables.adjust(w.tags, w.restricted, 1);
    const build = (tag: number) =>
      tables.build(tag, (visit) => {
        for (const w of works) if (w.tags.includes(tag)) visit(w.tags, w.restricted);
      });
    return { tables, build };
  }

  it("counts the archive's tags, without restricted works for guests, and less what the caller counted", () => {
    const { tables } = tablesWith(4);
    const top = (guest: boolean, minus: Int32Array | null) =>
      tables.top(EVERY_WORK, { guest, limit: 10, minus, typeOf });
    expect(top(false, null).get(0)).toEqual(
      [
        { tag: 10, count: 3 },
        { tag: 20, count: 3 },
        { tag: 30, count: 1 },
        { tag: 40, count: 2 },
      ].sort((a, b) => b.count - a.count || a.tag - b.tag),
    );
    expect(top(true, null).get(0)).toEqual(
      [
        { tag: 20, count: 2 },
        { tag: 10, count: 2 },
        { tag: 40, count: 2 },
        { tag: 30, count: 1 },
      ].sort((a, b) => b.count - a.count || a.tag - b.tag),
    );
    const minus = new Int32Array(64);
    minus[10] = 3;
    minus[40] = 1;
    expect(top(false, minus).get(0)).toEqual([
      { tag: 20, count: 3 },
      { tag: 30, count: 1 },
      { tag: 40, count: 1 },
    ]);
  });

  it("follows changes in a tag's table, and forgets the least recently used table beyond the limit", () => {
    const { tables, build } = tablesWith(2);
    build(10);
    expect(tables.total(10, false)).toBe(3);
    expect(tables.total(10, true)).toBe(2);
    const before = tables.top(10, { guest: false, limit: 10, minus: null, typeOf }).get(0);
    expect(before).toEqual([
      { tag: 10, count: 3 },
      { tag: 20, count: 2 },
      { tag: 30, count: 1 },
      { tag: 40, count: 1 },
    ]);
    // The first work loses tag 30 and gains 40: the kept answer must not be reused.
    tables.adjust([10, 20, 30], false, -1);
    tables.adjust([10, 20, 40], false, 1);
    expect(tables.top(10, { guest: false, limit: 10, minus: null, typeOf }).get(0)).toEqual([
      { tag: 10, count: 3 },
      { tag: 20, count: 2 },
      { tag: 40, count: 2 },
    ]);
    build(20);
    tables.top(10, { guest: false, limit: 1, minus: null, typeOf });
    build(40);
    expect([tables.has(10), tables.has(20), tables.has(40)]).toEqual([true, false, true]);
    // A table read only for its total (a listing without a sidebar) is used as much as one read
    // for its facets.
    tables.total(10, false);
    build(50);
    expect([tables.has(10), tables.has(40), tables.has(50)]).toEqual([true, false, true]);
    tables.less(10, false, new Int32Array(0));
    build(60);
    expect([tables.has(10), tables.has(50), tables.has(60)]).toEqual([true, false, true]);
    tables.grow(1000);
    tables.adjust([10, 999], false, 1);
    expect(tables.total(10, false)).toBe(4);
    expect(tables.top(10, { guest: false, limit: 10, minus: null, typeOf }).get(0)?.[0]).toEqual({
      tag: 10,
      count: 4,
    });
  });
});
