import { describe, expect, it } from "vitest";
import { isTagType, tagTypeLabels, tagTypes, userDefinedTagTypes } from "./tag-types.js";

describe("tag types", () => {
  it("lists the types in AO3's work-header order", () => {
    expect(tagTypes).toEqual([
      "rating",
      "archive_warning",
      "category",
      "fandom",
      "relationship",
      "character",
      "freeform",
    ]);
  });

  it("counts only the free-text types as user-defined", () => {
    expect(userDefinedTagTypes).toEqual(["fandom", "relationship", "character", "freeform"]);
  });

  it.each([
    ["rating", "Rating", "Ratings"],
    ["archive_warning", "Archive Warning", "Archive Warnings"],
    ["category", "Category", "Categories"],
    ["fandom", "Fandom", "Fandoms"],
    ["relationship", "Relationship", "Relationships"],
    ["character", "Character", "Characters"],
    ["freeform", "Additional Tag", "Additional Tags"],
  ] as const)("labels %s as %j / %j", (type, one, many) => {
    expect(tagTypeLabels[type]).toEqual({ one, many });
  });

  it.each([
    ["fandom", true],
    ["archive_warning", true],
    ["freeform", true],
    ["Fandom", false],
    ["warning", false],
    ["media", false],
    ["", false],
    ["toString", false],
  ])("isTagType(%j) is %s", (input, expected) => {
    expect(isTagType(input)).toBe(expected);
  });
});
