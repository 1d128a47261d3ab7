// Which kind of document a file is (docs/import-format.md, "Formats"): bytes first, name second;
// anything that isn't a document Quire reads is refused with what it looks like.
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ImportRefused } from "./import-refused.js";
import { sniffFormat } from "./sniff.js";

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

function refusal(name: string, data: Uint8Array): ImportRefused {
  try {
    sniffFormat(name, data);
  } catch (err) {
    if (err instanceof ImportRefused) return err;
    throw err;
  }
  throw new Error(`${name} was not refused`);
}

describe("sniffFormat: refused files", () => {
  it("refuses an empty file", () => {
    expect(refusal("story.txt", new Uint8Array()).message).toBe("the file is empty");
  });

  it.each([
    ["story.pdf", strToU8("%PDF-1.4\n%âãÏÓ\n1 0 obj"), "PDF"],
    ["story.txt", strToU8("%PDF-1.7\n1 0 obj"), "PDF"],
    ["cover.png", bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13), "PNG image"],
    ["cover.jpg", bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46), "JPEG image"],
    ["story.txt.gz", bytes(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3), "gzip archive"],
    ["program", bytes(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0), "program (ELF)"],
    ["story.doc", bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0), "old Word document"],
  ])("refuses %s as not a document (looks like %s)", (name, data, looksLike) => {
    const err = refusal(name, data);
    expect(err.message).toMatch(/^not a document Quire can read \(looks like /u);
    expect(err.message).toContain(looksLike);
  });

  it("refuses random binary data", () => {
    const data = new Uint8Array(4096);
    let seed = 12345;
    for (let i = 0; i < data.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      data[i] = seed >>> 24;
    }
    expect(refusal("mystery.bin", data).message).toBe(
      "not a document Quire can read (looks like binary data)",
    );
    expect(refusal("mystery.txt", data).message).toMatch(/^not a document Quire can read/u);
  });

  it("refuses a .epub or .docx that is not a ZIP archive", () => {
    expect(refusal("story.epub", strToU8("just some text")).message).toMatch(/not a valid \.epub file/u);
    expect(refusal("story.docx", strToU8("just some text")).message).toMatch(/not a valid \.docx file/u);
  });
});

describe("sniffFormat: text formats", () => {
  it.each([
    ["story.txt", "txt"],
    ["story", "txt"],
    ["STORY.TXT", "txt"],
    ["story.md", "md"],
    ["story.markdown", "md"],
    ["story.html", "html"],
    ["story.htm", "html"],
    ["story.xhtml", "html"],
    ["story.HTML", "html"],
  ])("reads %s as %s by its extension", (name, format) => {
    expect(sniffFormat(name, strToU8("Once upon a time."))).toBe(format);
  });

  it("reads HTML by its content whatever the extension", () => {
    expect(sniffFormat("story.txt", strToU8("<!DOCTYPE html><html><body><p>Hi</p></body></html>"))).toBe(
      "html",
    );
    expect(sniffFormat("story.txt", strToU8("\n  <!doctype HTML>\n<html>"))).toBe("html");
    expect(sniffFormat("story", strToU8("<html lang='en'><body>Hi</body></html>"))).toBe("html");
    expect(sniffFormat("story.txt", strToU8("<?xml version='1.0' encoding='utf-8'?>\n<html>x</html>"))).toBe(
      "html",
    );
    expect(sniffFormat("story.txt", strToU8("\ufeff<!DOCTYPE html><p>x"))).toBe("html");
  });

  it("does not read a text that mentions HTML as HTML", () => {
    expect(sniffFormat("story.txt", strToU8("He typed <html> into the box and sighed."))).toBe("txt");
  });

  it("reads UTF-16 text (with its zero bytes) as text", () => {
    const text = "Once upon a time, there was a story.";
    const data = new Uint8Array(2 + text.length * 2);
    data.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) data[2 + i * 2] = text.charCodeAt(i);
    expect(sniffFormat("story.txt", data)).toBe("txt");
  });

  it("reads Windows-1252 text as text", () => {
    expect(sniffFormat("story.txt", new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x78, 0x94]))).toBe(
      "txt",
    );
  });
});

describe("sniffFormat: ZIP archives", () => {
  const text = (s: string): Uint8Array => strToU8(s);

  it("reads a ZIP with mimetype and META-INF/container.xml as an EPUB, whatever its name", () => {
    const epub = zipSync({
      mimetype: [text("application/epub+zip"), { level: 0 }],
      "META-INF/container.xml": text("<container/>"),
    });
    expect(sniffFormat("story.epub", epub)).toBe("epub");
    expect(sniffFormat("story.zip", epub)).toBe("epub");
    expect(sniffFormat("story.txt", epub)).toBe("epub");
  });

  it("reads a ZIP with word/document.xml as a Word document, whatever its name", () => {
    const docx = zipSync({
      "[Content_Types].xml": text("<Types/>"),
      "word/document.xml": text("<w:document/>"),
    });
    expect(sniffFormat("story.docx", docx)).toBe("docx");
    expect(sniffFormat("story.zip", docx)).toBe("docx");
  });

  it("refuses another ZIP archive", () => {
    const zip = zipSync({ "readme.txt": text("hello"), "chapter1.txt": text("Once upon a time.") });
    expect(refusal("story.zip", zip).message).toBe(
      "not a document Quire can read (looks like a ZIP archive)",
    );
    expect(refusal("story.epub", zip).message).toBe(
      "not a document Quire can read (looks like a ZIP archive)",
    );
  });

  it("refuses a spreadsheet", () => {
    const xlsx = zipSync({ "xl/workbook.xml": text("<workbook/>") });
    expect(refusal("story.xlsx", xlsx).message).toMatch(/looks like an Excel spreadsheet/u);
  });

  it("refuses a damaged ZIP archive", () => {
    const damaged = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
    expect(refusal("story.epub", damaged).message).toMatch(/damaged ZIP archive/u);
  });
});
