import { describe, expect, it } from "vitest";
import { BlockedViews, type BlockedView } from "./blocked-views.js";

const view = (table: number, tags: number, options: Partial<BlockedView> = {}): BlockedView => ({
  table,
  guest: false,
  blockedTags: new Set([1]),
  blockedDocs: new Set(),
  blocked: tags,
  counts: new Map(Array.from({ length: tags }, (_, i) => [100 + i, 1])),
  ...options,
});

describe("BlockedViews", () => {
  it("keys a blocklist by table, guest or not, and its tags and works in any order", () => {
    expect(BlockedViews.key(7, false, [3, 1, 3], [9, 2])).toBe(BlockedViews.key(7, false, [1, 3], [2, 9]));
    expect(BlockedViews.key(7, true, [1], [])).not.toBe(BlockedViews.key(7, false, [1], []));
    expect(BlockedViews.key(7, false, [1], [])).not.toBe(BlockedViews.key(8, false, [1], []));
    expect(BlockedViews.key(7, false, [1], [])).not.toBe(BlockedViews.key(7, false, [], [1]));
  });

  it("follows works coming into a table and leaving it, when they are blocked and the reader sees them", () => {
    const views = new BlockedViews();
    const member = view(7, 0, { blockedTags: new Set([1]), blockedDocs: new Set([50]) });
    const guest = view(7, 0, { guest: true, blockedTags: new Set([1]) });
    const other = view(8, 0);
    views.set("member", member);
    views.set("guest", guest);
    views.set("other", other);
    views.adjust([7], 10, [7, 1, 4], false, 1); // blocked by its tag
    views.adjust([7], 11, [7, 1], true, 1); // blocked, but restricted: not a guest's
    views.adjust([7], 50, [7, 4], false, 1); // blocked by itself, for the member
    views.adjust([7], 12, [7, 4], false, 1); // not blocked
    expect([member.blocked, Object.fromEntries(member.counts)]).toEqual([3, { 7: 3, 1: 2, 4: 2 }]);
    expect([guest.blocked, Object.fromEntries(guest.counts)]).toEqual([1, { 7: 1, 1: 1, 4: 1 }]);
    expect(other.blocked).toBe(0);
    views.adjust([7], 10, [7, 1, 4], false, -1);
    expect([member.blocked, Object.fromEntries(member.counts)]).toEqual([2, { 7: 2, 1: 1, 4: 1 }]);
    expect(views.get("member")).toBe(member);
  });

  it("drops the least recently used beyond the count of views or of tag counts, and a dropped table's", () => {
    const views = new BlockedViews(2, 10);
    views.set("a", view(1, 3));
    views.set("b", view(1, 3));
    expect(views.get("a")).not.toBeNull(); // a is now the most recent
    views.set("c", view(2, 3));
    expect(views.get("b")).toBeNull();
    expect(views.get("a")).not.toBeNull();
    // Too many counts: the older views go until it fits; a view larger than all of it isn't kept.
    views.set("d", view(1, 8));
    expect(views.get("c")).toBeNull();
    expect(views.get("a")).toBeNull();
    expect(views.get("d")).not.toBeNull();
    views.set("e", view(1, 11));
    expect(views.get("e")).toBeNull();
    expect(views.get("d")).not.toBeNull();
    views.dropTable(1);
    expect(views.get("d")).toBeNull();
  });
});
