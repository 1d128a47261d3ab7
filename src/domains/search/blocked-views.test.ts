import { describe, expect, it } from "vitest";
import { BlockedViews, type BlockedView } from "./blocked-views.js";

const view = (version: number, tags: number): BlockedView => ({
  version,
  blocked: tags,
  tags: Int32Array.from({ length: tags }, (_, i) => i),
  counts: new Int32Array(tags).fill(1),
});

describe("BlockedViews", () => {
  it("keys a blocklist by table, guest or not, and its tags and works in any order", () => {
    expect(BlockedViews.key(7, false, [3, 1, 3], [9, 2])).toBe(BlockedViews.key(7, false, [1, 3], [2, 9]));
    expect(BlockedViews.key(7, true, [1], [])).not.toBe(BlockedViews.key(7, false, [1], []));
    expect(BlockedViews.key(7, false, [1], [])).not.toBe(BlockedViews.key(8, false, [1], []));
    expect(BlockedViews.key(7, false, [1], [])).not.toBe(BlockedViews.key(7, false, [], [1]));
  });

  it("gives a view only for the table version it was worked out from, and forgets a stale one", () => {
    const views = new BlockedViews();
    views.set("a", view(5, 2));
    expect(views.get("a", 6)).toBeNull();
    expect(views.get("a", 5)).toBeNull();
  });

  it("drops the least recently used beyond the count of views or of tag counts", () => {
    const views = new BlockedViews(2, 10);
    views.set("a", view(1, 3));
    views.set("b", view(1, 3));
    expect(views.get("a", 1)).not.toBeNull(); // a is now the most recent
    views.set("c", view(1, 3));
    expect(views.get("b", 1)).toBeNull();
    expect(views.get("a", 1)).not.toBeNull();
    // Too many counts: the older views go until it fits; a view larger than all of it isn't kept.
    views.set("d", view(1, 8));
    expect(views.get("c", 1)).toBeNull();
    expect(views.get("a", 1)).toBeNull();
    expect(views.get("d", 1)).not.toBeNull();
    views.set("e", view(1, 11));
    expect(views.get("e", 1)).toBeNull();
    expect(views.get("d", 1)).not.toBeNull();
  });
});
