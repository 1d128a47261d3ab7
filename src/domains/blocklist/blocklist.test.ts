import { describe, expect, it } from "vitest";
import { blockableCreators } from "./blocklist.js";

describe("blockableCreators", () => {
  const c = (userId: string, username: string, pseudName = username) => ({
    pseudId: `${userId}-${pseudName}`,
    pseudName,
    userId,
    username,
  });

  it("names each account once, in byline order, whatever pseuds the work credits", () => {
    const creators = [c("u1", "ann", "Pen"), c("u2", "bo"), c("u1", "ann")];
    expect(blockableCreators(creators, "me").map((x) => x.username)).toEqual(["ann", "bo"]);
  });

  it("leaves out the reader and orphan_account", () => {
    const creators = [c("me", "me"), c("o", "orphan_account", "Old Pen"), c("u2", "bo")];
    expect(blockableCreators(creators, "me").map((x) => x.username)).toEqual(["bo"]);
  });

  it("has nobody for an anonymous work's empty byline", () => {
    expect(blockableCreators([], "me")).toEqual([]);
  });
});
