import { describe, expect, it } from "vitest";
import { withoutNul } from "./nul.js";

describe("withoutNul", () => {
  it("takes NUL out of strings at any depth and leaves everything else", () => {
    const input = {
      title: "A\u0000B",
      tags: ["x\u0000", "y"],
      nested: { n: 3, s: "\u0000\u0000" },
      none: null,
    };
    expect(withoutNul(input)).toEqual({ title: "AB", tags: ["x", "y"], nested: { n: 3, s: "" }, none: null });
    expect(withoutNul("plain")).toBe("plain");
    expect(withoutNul(7)).toBe(7);
  });
});
