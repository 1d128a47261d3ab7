// The stored form of the HTML fields (html-columns.ts): a field prepared ahead of time.
import { describe, expect, it } from "vitest";
import { contentColumns, prepareField } from "./html-columns.js";

describe("prepareField", () => {
  it("prepares a chapter's text as contentColumns stores it, with its word count and plain text", () => {
    const field = prepareField("One two three.\n\nFour <b>five</b>.", "html", "content");
    const stored = contentColumns("One two three.\n\nFour <b>five</b>.", "html");
    expect(field.html).toBe(stored.content);
    expect(field.words).toBe(5);
    expect(stored.word_count).toBe(5);
    expect(field.text).toBe("One two three. Four five.");
    expect(contentColumns(field.input, "html", field)).toEqual(stored);
  });

  it("takes the caller's word count only when the stored HTML is the input unchanged", () => {
    // (A count that differs from countWords shows which one was used.)
    expect(prepareField("<p>One two three.</p>", "html", "content", 7).words).toBe(7);
    // Paragraphs added: the HTML is not the input, so its words are counted again.
    expect(prepareField("One two three.", "html", "content", 99).words).toBe(3);
  });
});
