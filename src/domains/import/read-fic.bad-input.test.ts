// Bad input through readFic: every file Quire can't or mustn't read is refused with ImportRefused and
// words that say why; damaged but readable files are read, with a diagnostic where the spec asks.
import { strToU8, zipSync, type Zippable } from "fflate";
import { describe, expect, it } from "vitest";
import { ImportRefused } from "./import-refused.js";
import type { ImportedFic } from "./import-result.js";
import { readFic, type ImportLimits } from "./read-fic.js";

const limits: ImportLimits = {
  maxBytes: 1_000_000,
  maxUnzippedBytes: 5_000_000,
  maxZipEntries: 10_000,
  timeLimitMs: 5000,
};

async function refusal(
  file: string,
  bytes: Uint8Array,
  options: Partial<ImportLimits> = {},
): Promise<ImportRefused> {
  try {
    await readFic(file, bytes, { limits: { ...limits, ...options } });
  } catch (err) {
    if (err instanceof ImportRefused) return err;
    throw err;
  }
  throw new Error(`${file} was read, not refused`);
}

const read = (file: string, bytes: Uint8Array, options: Partial<ImportLimits> = {}): Promise<ImportedFic> =>
  readFic(file, bytes, { limits: { ...limits, ...options } });

const allText = (fic: ImportedFic): string => fic.result.chapters.map((c) => c.text).join("\n\n");

const utf8 = (text: string): number[] => [...strToU8(text)];

// A small EPUB 2: container → OEBPS/content.opf → the chapters listed in the spine.
const CONTAINER = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>`;

function opf(spine: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:title>The Lighthouse</dc:title><dc:creator>inkwell</dc:creator><dc:language>en</dc:language>
  </metadata>
  <manifest>${spine.map((href, i) => `<item id="c${i}" href="${href}" media-type="application/xhtml+xml"/>`).join("")}</manifest>
  <spine>${spine.map((_, i) => `<itemref idref="c${i}"/>`).join("")}</spine>
</package>`;
}

const chapterXhtml = (n: number): string =>
  `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>Chapter ${n}</title></head><body><h2>Chapter ${n}</h2><p>The keeper climbed the stairs of the lighthouse for the ${n === 1 ? "first" : "second"} time that night.</p><p>Below, the sea kept on against the rocks.</p></body></html>`;

function epub(files: Zippable): Uint8Array {
  return zipSync({ mimetype: [strToU8("application/epub+zip"), { level: 0 }], ...files });
}

const DOCUMENT_XML = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;

/** Rewrites the uncompressed size an entry declares, in its local header and the central directory. */
function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (view.getUint32(end, true) !== 0x06054b50) end--;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  let patched = false;
  for (let i = 0; i < count; i++) {
    const nameLength = view.getUint16(at + 28, true);
    const entryName = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    if (entryName === name) {
      view.setUint32(at + 24, size, true);
      view.setUint32(view.getUint32(at + 42, true) + 22, size, true);
      patched = true;
    }
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  if (!patched) throw new Error(`no entry ${name}`);
  return zip;
}

describe("readFic refuses what it can't read", () => {
  it("refuses an empty file", async () => {
    expect((await refusal("story.txt", new Uint8Array())).message).toBe("the file is empty");
  });

  it("refuses a PDF, naming the detected type", async () => {
    const err = await refusal("story.txt", strToU8("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"));
    expect(err.message).toBe("not a document Quire can read (looks like PDF)");
  });

  it("refuses an image and a program, naming what they look like", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]);
    expect((await refusal("cover.png", png)).message).toMatch(/looks like PNG image/u);
    const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]);
    expect((await refusal("story", elf)).message).toMatch(/looks like program \(ELF\)/u);
  });

  it("refuses unknown binary data", async () => {
    const data = new Uint8Array(8192);
    let seed = 42;
    for (let i = 0; i < data.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      data[i] = seed >>> 24;
    }
    expect((await refusal("story.txt", data)).message).toBe(
      "not a document Quire can read (looks like binary data)",
    );
  });

  it("refuses a file over maxBytes, naming the limit", async () => {
    const err = await refusal("story.txt", new Uint8Array(1_500_000).fill(0x61));
    expect(err.message).toMatch(/over the 977 KB limit \(QUIRE_IMPORT_MAX_BYTES\)/u);
    expect(err.message).toMatch(/^the file is 1\.4 MB/u);
  });

  it("refuses a file of only author's notes", async () => {
    const notes =
      "A/N: Hi everyone! This is just a note to say the story is coming soon.\n\nAuthor's Note: Thanks for all the reviews.\n";
    expect((await refusal("notes.txt", strToU8(notes))).message).toMatch(/only author's notes/u);
  });
});

describe("readFic and ZIP bombs", () => {
  const fiftyMegabytesOfZeros = (): Uint8Array => new Uint8Array(50 * 1024 * 1024);

  it("refuses an EPUB whose entries unpack past maxUnzippedBytes, before inflating them", async () => {
    const bomb = epub({
      "META-INF/container.xml": strToU8(CONTAINER),
      "OEBPS/content.opf": strToU8(opf(["ch1.xhtml"])),
      "OEBPS/ch1.xhtml": strToU8(chapterXhtml(1)),
      "OEBPS/zeros.bin": [fiftyMegabytesOfZeros(), { level: 9 }],
    });
    expect(bomb.length).toBeLessThan(200_000);
    const started = performance.now();
    const err = await refusal("bomb.epub", bomb);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(err.message).toMatch(/^the EPUB unpacks to 50\.0 MB, over the 4\.8 MB limit/u);
    expect(err.message).toContain("QUIRE_IMPORT_MAX_UNZIPPED_BYTES");
  });

  it("refuses a DOCX whose document unpacks past maxUnzippedBytes", async () => {
    const bomb = zipSync({
      "[Content_Types].xml": strToU8(CONTENT_TYPES),
      "word/document.xml": [fiftyMegabytesOfZeros(), { level: 9 }],
    });
    expect(bomb.length).toBeLessThan(200_000);
    const err = await refusal("bomb.docx", bomb);
    expect(err.message).toMatch(/^the Word document unpacks to 50\.0 MB/u);
    expect(err.message).toContain("QUIRE_IMPORT_MAX_UNZIPPED_BYTES");
  });

  it("does not inflate an EPUB entry past the size it declares", async () => {
    const huge = `<html><body><p>The keeper climbed the stairs.</p><p>${"la ".repeat(10_000_000)}</p></body></html>`;
    const liar = declareSize(
      epub({
        "META-INF/container.xml": strToU8(CONTAINER),
        "OEBPS/content.opf": strToU8(opf(["ch1.xhtml"])),
        "OEBPS/ch1.xhtml": [strToU8(huge), { level: 9 }],
      }),
      "OEBPS/ch1.xhtml",
      2000,
    );
    expect(liar.length).toBeLessThan(limits.maxBytes);
    const started = performance.now();
    const outcome = await read("liar.epub", liar).catch((err: unknown) => err);
    expect(performance.now() - started).toBeLessThan(5000);
    if (outcome instanceof Error) {
      expect(outcome).toBeInstanceOf(ImportRefused);
    } else {
      const text = allText(outcome as ImportedFic);
      expect(text).toMatch(/^The keeper climbed the stairs\./u);
      expect(text.length).toBeLessThanOrEqual(2000);
    }
  });

  it("does not inflate a DOCX document past the size it declares", async () => {
    const huge = DOCUMENT_XML(
      `<w:p><w:r><w:t>Hello.</w:t></w:r></w:p>${"<w:p><w:r><w:t>la</w:t></w:r></w:p>".repeat(500_000)}`,
    );
    const liar = declareSize(
      zipSync({
        "[Content_Types].xml": strToU8(CONTENT_TYPES),
        "word/document.xml": [strToU8(huge), { level: 9 }],
      }),
      "word/document.xml",
      300,
    );
    const started = performance.now();
    const outcome = await read("liar.docx", liar).catch((err: unknown) => err);
    expect(performance.now() - started).toBeLessThan(5000);
    if (outcome instanceof Error) {
      expect(outcome).toBeInstanceOf(ImportRefused);
    } else {
      expect(allText(outcome as ImportedFic).length).toBeLessThanOrEqual(300);
    }
  });
});

describe("readFic and malformed EPUBs", () => {
  it("reads a well-formed EPUB built the same way (the baseline for the cases below)", async () => {
    const fic = await read(
      "good.epub",
      epub({
        "META-INF/container.xml": strToU8(CONTAINER),
        "OEBPS/content.opf": strToU8(opf(["ch1.xhtml", "ch2.xhtml"])),
        "OEBPS/ch1.xhtml": strToU8(chapterXhtml(1)),
        "OEBPS/ch2.xhtml": strToU8(chapterXhtml(2)),
      }),
    );
    expect(fic.result.format).toBe("epub");
    expect(fic.result.title).toBe("The Lighthouse");
    expect(fic.result.chapters).toHaveLength(2);
    expect(fic.result.diagnostics).toEqual([]);
  });

  it("refuses an EPUB without META-INF/container.xml", async () => {
    const err = await refusal(
      "broken.epub",
      epub({ "OEBPS/content.opf": strToU8(opf(["ch1.xhtml"])), "OEBPS/ch1.xhtml": strToU8(chapterXhtml(1)) }),
    );
    expect(err.message).toMatch(/ZIP archive|EPUB/u);
  });

  it("refuses an EPUB whose container points to a missing package file", async () => {
    const err = await refusal(
      "broken.epub",
      epub({ "META-INF/container.xml": strToU8(CONTAINER), "OEBPS/ch1.xhtml": strToU8(chapterXhtml(1)) }),
    );
    expect(err.message).toBe("a damaged EPUB (its package file is missing)");
  });

  it("reads the rest of an EPUB whose spine lists a missing file, with a diagnostic", async () => {
    const fic = await read(
      "gappy.epub",
      epub({
        "META-INF/container.xml": strToU8(CONTAINER),
        "OEBPS/content.opf": strToU8(opf(["ch1.xhtml", "ch2.xhtml"])),
        "OEBPS/ch1.xhtml": strToU8(chapterXhtml(1)),
      }),
    );
    expect(allText(fic)).toContain(
      "The keeper climbed the stairs of the lighthouse for the first time that night.",
    );
    expect(fic.result.diagnostics).toContain("The EPUB lists OEBPS/ch2.xhtml, which it doesn't contain.");
  });

  it("reads an EPUB whose file names hold a bare % (not a percent-escape)", async () => {
    const container = CONTAINER.replace("OEBPS/content.opf", "OEBPS/100%.opf");
    const fic = await read(
      "percent.epub",
      epub({
        "META-INF/container.xml": strToU8(container),
        "OEBPS/100%.opf": strToU8(opf(["100%.xhtml", "ch%2.xhtml"])),
        "OEBPS/100%.xhtml": strToU8(chapterXhtml(1)),
        "OEBPS/ch%2.xhtml": strToU8(chapterXhtml(2)),
      }),
    );
    expect(fic.result.chapters).toHaveLength(2);
    expect(fic.result.title).toBe("The Lighthouse");
  });

  it("refuses an EPUB whose spine lists only missing files", async () => {
    const err = await refusal(
      "empty.epub",
      epub({
        "META-INF/container.xml": strToU8(CONTAINER),
        "OEBPS/content.opf": strToU8(opf(["ch1.xhtml"])),
      }),
    );
    expect(err.message).toMatch(/no text|no story/u);
  });
});

describe("readFic and malformed HTML and DOCX", () => {
  it("refuses HTML nested too deeply to read, in words, instead of crashing", async () => {
    const depth = 50_000;
    const html = `<html><body>${"<div>".repeat(depth)}<p>Deep.</p>${"</div>".repeat(depth)}</body></html>`;
    const err = await refusal("deep.html", strToU8(html));
    expect(err.message).toBe("the file's markup is nested too deeply to read");
    // Nesting a real page has is read.
    const shallow = `<html><body>${"<div>".repeat(200)}<p>Shallow words here.</p>${"</div>".repeat(200)}</body></html>`;
    expect(allText(await read("shallow.html", strToU8(shallow)))).toContain("Shallow words here.");
  });

  it("still reads the text of HTML with unclosed tags and garbage", async () => {
    const fic = await read(
      "messy.html",
      strToU8(
        "<html><body><p>The first paragraph of the story <i>never closes <b>its tags<div><p>The second paragraph</span></td></table><<>>&&& garbage</p><p>The third paragraph",
      ),
    );
    const text = allText(fic);
    expect(text).toContain("The first paragraph of the story never closes its tags");
    expect(text).toContain("The second paragraph");
    expect(text).toContain("The third paragraph");
  });

  it("reads a well-formed DOCX built the same way (the baseline for the cases below)", async () => {
    const docx = zipSync({
      "[Content_Types].xml": strToU8(CONTENT_TYPES),
      "word/document.xml": strToU8(
        DOCUMENT_XML("<w:p><w:r><w:t>The keeper climbed the stairs.</w:t></w:r></w:p>"),
      ),
    });
    const fic = await read("good.docx", docx);
    expect(fic.result.format).toBe("docx");
    expect(allText(fic)).toBe("The keeper climbed the stairs.");
  });

  it("refuses a DOCX whose document.xml is broken XML", async () => {
    const broken = zipSync({
      "[Content_Types].xml": strToU8(CONTENT_TYPES),
      "word/document.xml": strToU8('<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>Hello'),
    });
    expect((await refusal("broken.docx", broken)).message).toMatch(/^a damaged Word document/u);
  });

  it("refuses a DOCX whose document.xml is not XML at all", async () => {
    const garbage = zipSync({ "word/document.xml": strToU8("\u0001\u0002 not xml at all <<<>>>") });
    expect((await refusal("garbage.docx", garbage)).message).toMatch(/^a damaged Word document/u);
  });
});

describe("readFic within its limits", () => {
  it("reads a single 10 MB line of text within the time limit", async () => {
    const line = "word ".repeat(2_000_000);
    const started = performance.now();
    const fic = await read("line.txt", strToU8(line), { maxBytes: 20_000_000 });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(fic.result.chapters).toHaveLength(1);
    expect(fic.result.words).toBe(2_000_000);
  });

  it("refuses a large input that takes longer than a 1 ms time limit", async () => {
    const text = Array.from(
      { length: 40_000 },
      (_, i) => `Paragraph ${i} of the story, in which a great deal happens to nobody in particular.`,
    ).join("\n\n");
    const err = await refusal("long.txt", strToU8(text), { maxBytes: 20_000_000, timeLimitMs: 1 });
    expect(err.message).toContain("QUIRE_IMPORT_TIME_LIMIT_MS");
    expect(err.message).toMatch(/took longer than/u);
  });
});

describe("readFic and mixed encodings", () => {
  it("reads a UTF-8 file with a Windows-1252 line, with a diagnostic", async () => {
    const bytes = new Uint8Array([
      ...utf8("Première ligne — déjà vu, the story begins here.\n\n"),
      ...utf8("The second paragraph has a caf"),
      0xe9,
      ...utf8(" in the old encoding.\n\n"),
      ...utf8("Troisième paragraphe, naïve, and the story goes on.\n"),
    ]);
    const fic = await read("mixed.txt", bytes);
    expect(allText(fic)).toBe(
      "Première ligne — déjà vu, the story begins here.\n\nThe second paragraph has a café in the old encoding.\n\nTroisième paragraphe, naïve, and the story goes on.",
    );
    expect(fic.result.diagnostics.some((d) => /mixes encodings/u.test(d))).toBe(true);
  });
});

describe("readFic and hostile HTML", () => {
  it("keeps script text, event handlers and javascript: links out of the plain text", async () => {
    const html = `<html><head><script>alert("head")</script><style>body{display:none}</style></head><body>
      <h1>Nasty Piece</h1>
      <p>Hello <img src="x" onerror="alert('img')"> world, said the keeper.</p>
      <script>document.write("evil script text")</script>
      <p>A <a href="javascript:alert('link')">link</a> here, and the story goes on.</p>
      <p onclick="alert('click')">Clicky paragraph text.</p>
    </body></html>`;
    const fic = await read("nasty.html", strToU8(html));
    const text = allText(fic);
    expect(text).toContain("said the keeper");
    expect(text).toContain("A link here");
    expect(text).toContain("Clicky paragraph text.");
    const plain = JSON.stringify(fic.result);
    expect(plain).not.toMatch(/alert|evil script|document\.write|onerror|onclick|javascript:|display:none/u);
  });
});
