// Cases the first round of parser tests found wrong, each now read as docs/import-format.md says.
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { byline, noteStart } from "./conventions.js";
import { htmlToBlocks } from "./html-blocks.js";
import { ImportRefused } from "./import-refused.js";
import { fandomKnowledge } from "./knowledge/fandom-knowledge.js";
import { readFic, type ImportLimits } from "./read-fic.js";
import { guessCharacters, guessFandoms, scanText } from "./infer.js";
import { mapWarnings } from "./vocabulary.js";

const limits: ImportLimits = {
  maxBytes: 1_000_000,
  maxUnzippedBytes: 5_000_000,
  maxZipEntries: 10_000,
  timeLimitMs: 5000,
};
const read = (text: string, name = "fic.txt") =>
  readFic(name, strToU8(text), { limits }).then((r) => r.result);

describe("gaps found by the parser tests", () => {
  it("reads Warnings: N/A as No Archive Warnings Apply, not as the tags N and A", async () => {
    expect(mapWarnings("N/A")).toEqual({ warnings: ["No Archive Warnings Apply"], freeforms: [] });
    const result = await read(
      "Title: X\nWarnings: N/A\n\nThe river rose all morning and nobody noticed until noon.",
    );
    expect(result.warnings.map((w) => w.name)).toEqual(["No Archive Warnings Apply"]);
    expect(result.freeforms).toEqual([]);
  });

  it("keeps a first paragraph starting “By the time…” as story, not a byline", async () => {
    expect(byline("By the time he woke, it was dark. The house was silent and cold.")).toBeUndefined();
    expect(byline("by silverquill")).toEqual(["silverquill"]);
    const result = await read(
      "Nobody Knows\n\nBy the time he woke, it was dark. The house was silent and cold.\n\nHe got up and lit the lamp.",
    );
    expect(result.authors).toEqual([]);
    expect(result.chapters[0]!.text.startsWith("By the time he woke")).toBe(true);
  });

  it("needs a separator after “Disclaimer”, so prose that starts with the word stays story", async () => {
    expect(
      noteStart("Disclaimers are boring, he thought, and nobody ever reads them anyway."),
    ).toBeUndefined();
    expect(noteStart("Disclaimer: not mine.")?.kind).toBe("disclaimer");
    const result = await read(
      "Disclaimers are boring, he thought, and nobody ever reads them anyway.\n\nHe turned the page and kept reading.",
    );
    expect(result.disclaimer).toBeNull();
    expect(result.chapters[0]!.text.startsWith("Disclaimers are boring")).toBe(true);
  });

  it("keeps the header's disclaimer and moves a later chapter's to that chapter's notes", async () => {
    const result = await read(
      "Title: X\nDisclaimer: Not mine.\n\nChapter 1\n\nThe river rose all morning.\n\nChapter 2\n\nDisclaimer: Still not mine.\n\nBy noon the river had risen over the road.",
    );
    expect(result.disclaimer).toBe("Not mine.");
    expect(result.chapters[1]!.notes.begin).toBe("Still not mine.");
  });

  it("resolves “DracoxHarry” with no fandom declared", async () => {
    const result = await read(
      "Title: X\nPairing: DracoxHarry\n\nThe rain fell on the castle all night long.",
    );
    expect(result.relationships.map((r) => r.name)).toEqual(["Draco Malfoy/Harry Potter"]);
    expect(result.characters.map((c) => c.name).sort()).toEqual(["Draco Malfoy", "Harry Potter"]);
  });

  it("squeezes whitespace left between inline elements", () => {
    expect(htmlToBlocks("<p>a <b> </b> b</p>")[0]!.text).toBe("a b");
    expect(htmlToBlocks('<p>Hello <img src="x"> world</p>')[0]!.text).toBe("Hello world");
  });

  it("refuses at once a ZIP entry that is bigger packed than the size it declares", async () => {
    // 2 MB that doesn't compress, deflated, then declared to unpack to 300 bytes.
    const noise = new Uint8Array(2_000_000);
    let seed = 7;
    for (let i = 0; i < noise.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      noise[i] = seed >>> 24;
    }
    const lying = zipSync({
      "[Content_Types].xml": strToU8("<Types/>"),
      "word/document.xml": [noise, { level: 6 }],
    });
    const view = new DataView(lying.buffer, lying.byteOffset, lying.byteLength);
    let end = lying.length - 22;
    while (view.getUint32(end, true) !== 0x06054b50) end--;
    let at = view.getUint32(end + 16, true);
    for (let i = 0; i < view.getUint16(end + 10, true); i++) {
      const nameLength = view.getUint16(at + 28, true);
      if (new TextDecoder().decode(lying.subarray(at + 46, at + 46 + nameLength)) === "word/document.xml") {
        view.setUint32(at + 24, 300, true);
        view.setUint32(view.getUint32(at + 42, true) + 22, 300, true);
      }
      at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    }
    const started = performance.now();
    await expect(
      readFic("story.docx", lying, { limits: { ...limits, maxBytes: 5_000_000 } }),
    ).rejects.toThrow(/not the size it says/u);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("doesn't suggest another fandom's character for a name the crossover's own character owns", () => {
    const kb = fandomKnowledge();
    const paragraphs = [
      "Harry Potter walked into 221B Baker Street, and Sherlock Holmes looked up from his microscope.",
      "Harry sat down. John Watson made tea while Sherlock deduced everything about Hogwarts.",
      "Harry laughed. Sherlock did not. John handed Harry a cup and Hermione Granger sent an owl.",
      "Hermione wrote that Ron Weasley said hello. Harry read it to Sherlock and John.",
    ];
    const scan = scanText(kb, paragraphs);
    const fandoms = guessFandoms(scan).map((g) => g.fandom);
    const names = guessCharacters(scan, fandoms).map((c) => c.name);
    expect(names).toContain("Harry Potter");
    expect(names).not.toContain("Harry Watson");
  });

  it("gives exact sizes when the rounded ones would read the same", async () => {
    const err = await readFic("big.txt", new Uint8Array(1_000_001).fill(65), { limits }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ImportRefused);
    expect((err as Error).message).toBe(
      "the file is 1,000,001 bytes, over the 1,000,000-byte limit (QUIRE_IMPORT_MAX_BYTES)",
    );
  });

  it("writes “Beta'd by” and “Spoiler” lines with the spec's labels", async () => {
    const result = await read(
      "Title: X\nBeta'd by: quill\nSpoiler: season 3\n\nThe river rose all morning and nobody noticed.",
    );
    expect(result.notes.begin).toBe("Beta: quill\n\nSpoilers: season 3");
  });

  it("calls an EPUB without its container a damaged EPUB", async () => {
    const epub = zipSync({
      mimetype: [strToU8("application/epub+zip"), { level: 0 }],
      "OEBPS/a.xhtml": strToU8("<p>x</p>"),
    });
    await expect(readFic("book.epub", epub, { limits })).rejects.toThrow(
      "a damaged EPUB (it has no META-INF/container.xml)",
    );
  });
});
