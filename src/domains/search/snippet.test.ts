import { describe, expect, it } from "vitest";
import { parseSearchQuery } from "./search-query.js";
import { snippet, type SnippetPart } from "./snippet.js";

/** Highlights as the parser gives them: `drag*` is a prefix. */
const h = (...words: string[]) =>
  words.map((w) => (w.endsWith("*") ? { text: w.slice(0, -1), prefix: true } : { text: w, prefix: false }));
const marked = (parts: SnippetPart[] | null) => parts?.filter((p) => p.mark).map((p) => p.text);
const joined = (parts: SnippetPart[] | null) => parts?.map((p) => (p.mark ? `[${p.text}]` : p.text)).join("");

const story =
  "Harry woke early. The dragon was already awake, circling the tower. Much later, after the war, the " +
  "knight came home and found the dragon asleep by the fire. Nobody else noticed.";

describe("snippet", () => {
  it("is null when nothing matches, or there is nothing to match", () => {
    expect(snippet(story, h("basilisk"))).toBeNull();
    expect(snippet(story, [])).toBeNull();
    expect(snippet(story, h("***", "-"))).toBeNull();
    expect(snippet("", h("dragon"))).toBeNull();
  });

  it("marks the words as they are written, whatever the case and accents", () => {
    expect(snippet("Le CAFÉ de Pokémon", h("cafe", "POKEMON"))).toEqual([
      { text: "Le ", mark: false },
      { text: "CAFÉ", mark: true },
      { text: " de ", mark: false },
      { text: "Pokémon", mark: true },
    ]);
    expect(marked(snippet("Poke\u0301mon", h("pokémon")))).toEqual(["Poke\u0301mon"]);
  });

  it("matches whole words only, and a prefix at the start of a word", () => {
    expect(snippet("A dragonfly.", h("dragon"))).toBeNull();
    expect(marked(snippet("A dragonfly, not a dragon; undragged.", h("drag*")))).toEqual([
      "dragonfly",
      "dragon",
    ]);
  });

  it("matches a phrase across punctuation but not across other words", () => {
    expect(joined(snippet("They found, family! Not found a family.", h("found family")))).toBe(
      "They [found, family]! Not found a family.",
    );
    expect(snippet("found a family", h("found family"))).toBeNull();
    expect(marked(snippet("spider-man and spider man", h("spider-man")))).toEqual([
      "spider-man",
      "spider man",
    ]);
  });

  it("makes one mark of a phrase and a word inside it", () => {
    expect(joined(snippet("They found family, a family.", h("found family", "family")))).toBe(
      "They [found family], a [family].",
    );
  });

  it("chooses the window with the most distinct highlights", () => {
    expect(joined(snippet(story, h("dragon", "knight"), 60))).toBe(
      "…war, the [knight] came home and found the [dragon] asleep by…",
    );
  });

  it("chooses the earliest of equally good windows", () => {
    expect(joined(snippet(story, h("dragon"), 40))).toBe("…woke early. The [dragon] was already…");
    const apart = "dragon one. filler filler filler filler filler filler filler. knight two.";
    expect(joined(snippet(apart, h("dragon", "knight"), 20))).toBe("[dragon] one. filler…");
  });

  it("cuts at spaces, about `length` long, with … only where the text goes on", () => {
    const parts = snippet(story, h("tower"), 50)!;
    const text = joined(parts)!;
    expect(text).toBe("…awake, circling the [tower]. Much later, after the…");
    expect(text.replace(/[[\]…]/g, "").length).toBeLessThanOrEqual(50);
    expect(joined(snippet(story, h("harry"), 30))).toBe("[Harry] woke early. The dragon…");
    expect(joined(snippet(story, h("noticed"), 30))).toBe("…the fire. Nobody else [noticed].");
    expect(joined(snippet("A dragon.", h("dragon")))).toBe("A [dragon].");
  });

  it("cuts a language written without spaces between characters, after punctuation when it can", () => {
    const text = `${"日本語のテキストです。".repeat(20)}龍 🐉🐉🐉🐉${"日本語のテキストです。".repeat(20)}`;
    const parts = snippet(text, h("龍"), 20)!;
    expect(joined(parts)).toBe("…語のテキストです。[龍] 🐉🐉🐉🐉日…");
    expect(parts.map((p) => p.text).join("")).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it("squeezes spaces and line breaks outside the marks", () => {
    expect(snippet("  the\n\n dragon\t slept  ", h("dragon"))).toEqual([
      { text: "the ", mark: false },
      { text: "dragon", mark: true },
      { text: " slept", mark: false },
    ]);
  });

  it("treats the text as plain text: markup is just characters", () => {
    expect(joined(snippet("<b>Dragon</b> & co", h("dragon")))).toBe("<b>[Dragon]</b> & co");
  });

  it("highlights what the parser says to", () => {
    const q = parseSearchQuery('"found family" drag* -knight', {
      maxLength: 1000,
      maxDepth: 10,
      maxTerms: 50,
    });
    expect(joined(snippet("The knight's found family: two dragons.", q.highlights))).toBe(
      "The knight's [found family]: two [dragons].",
    );
  });

  it("reads 1 MB of text in well under 50 ms (200 ms, for a loaded machine)", () => {
    let seed = 42;
    const words =
      "the a and of to in was he she it that had knight café naïve with for on his they said".split(" ");
    const chunks: string[] = [];
    for (let size = 0; size < 10_000;) {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      const w = words[seed % words.length]!;
      chunks.push(w);
      size += w.length + 1;
    }
    const page = `${chunks.join(" ")} `;
    const text = `${page.repeat(100)}and at last the Dragons found family.`;
    expect(text.length).toBeGreaterThan(1_000_000);
    // "dragon*" and the phrase only match at the very end, and "basilisk" never: the whole text is read,
    // and "th*" matches tens of thousands of words on the way.
    const highlights = h("th*", "dragon*", "found family", "basilisk");
    snippet(page.repeat(20), highlights); // a server is warm: time the reading, not the first compile
    const started = performance.now();
    const parts = snippet(text, highlights);
    const elapsed = performance.now() - started;
    expect(marked(parts)!.slice(-3)).toEqual(["the", "Dragons", "found family"]);
    expect(joined(parts)!.endsWith("[Dragons] [found family].")).toBe(true);
    expect(elapsed).toBeLessThan(200);
  });
});
