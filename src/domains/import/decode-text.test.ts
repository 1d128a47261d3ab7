// Bytes of a text file to a string (docs/import-format.md, "Formats": .txt): UTF-8 with or without
// BOM, UTF-16 LE/BE with BOM, otherwise Windows-1252; mixed files line by line; CRLF and CR to LF.
import { describe, expect, it } from "vitest";
import { decodeText } from "./decode-text.js";

const utf8 = (text: string): number[] => [...new TextEncoder().encode(text)];
const bytes = (...parts: (number | number[])[]): Uint8Array => new Uint8Array(parts.flat());

function utf16(text: string, order: "le" | "be", bom = true): Uint8Array {
  const out: number[] = bom ? (order === "le" ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (order === "le") out.push(unit & 0xff, unit >> 8);
    else out.push(unit >> 8, unit & 0xff);
  }
  return new Uint8Array(out);
}

describe("decodeText: Unicode", () => {
  it("reads UTF-8", () => {
    expect(decodeText(bytes(utf8("Café “quoted” — déjà vu 日本語")))).toEqual({
      text: "Café “quoted” — déjà vu 日本語",
      encoding: "UTF-8",
      diagnostics: [],
    });
  });

  it("reads UTF-8 with a BOM and drops the BOM", () => {
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, utf8("Café")))).toEqual({
      text: "Café",
      encoding: "UTF-8 with BOM",
      diagnostics: [],
    });
  });

  it("reads UTF-16 LE with a BOM", () => {
    expect(decodeText(utf16("Café “x” — ok\r\nline two", "le"))).toEqual({
      text: "Café “x” — ok\nline two",
      encoding: "UTF-16 LE",
      diagnostics: [],
    });
  });

  it("reads UTF-16 BE with a BOM", () => {
    expect(decodeText(utf16("Café “x” — ok\r\nline two", "be"))).toEqual({
      text: "Café “x” — ok\nline two",
      encoding: "UTF-16 BE",
      diagnostics: [],
    });
  });

  it("recognises UTF-16 without a BOM by its zero bytes", () => {
    expect(decodeText(utf16("Hello there, this is UTF-16 text without a BOM.", "le", false))).toMatchObject({
      text: "Hello there, this is UTF-16 text without a BOM.",
      encoding: "UTF-16 LE",
    });
    expect(decodeText(utf16("Hello there, this is UTF-16 text without a BOM.", "be", false))).toMatchObject({
      text: "Hello there, this is UTF-16 text without a BOM.",
      encoding: "UTF-16 BE",
    });
  });

  it("normalises to NFC", () => {
    expect(decodeText(bytes(utf8("Cafe\u0301"))).text).toBe("Caf\u00e9");
  });
});

describe("decodeText: legacy encodings", () => {
  it("reads a file that is not UTF-8 as Windows-1252 (é, à, ü)", () => {
    // "Café à la crème, über" in Windows-1252 / ISO-8859-1
    const text = bytes(
      utf8("Caf"),
      0xe9,
      utf8(" "),
      0xe0,
      utf8(" la cr"),
      0xe8,
      utf8("me, "),
      0xfc,
      utf8("ber"),
    );
    expect(decodeText(text)).toEqual({
      text: "Café à la crème, über",
      encoding: "Windows-1252",
      diagnostics: [],
    });
  });

  it("reads Windows-1252 curly quotes, dashes, the euro sign and the ellipsis", () => {
    // “Hi,” she said — it’s €5… in Windows-1252
    const text = bytes(
      0x93,
      utf8("Hi,"),
      0x94,
      utf8(" she said "),
      0x97,
      utf8(" it"),
      0x92,
      utf8("s "),
      0x80,
      utf8("5"),
      0x85,
    );
    expect(decodeText(text)).toEqual({
      text: "“Hi,” she said — it’s €5…",
      encoding: "Windows-1252",
      diagnostics: [],
    });
  });

  it("reads ISO-8859-1 text the same way", () => {
    const text = bytes(
      utf8("Espa"),
      0xf1,
      utf8("ol, "),
      0xa9,
      utf8(" 2010, 25"),
      0xb0,
      utf8("C, "),
      0xbf,
      utf8("qu"),
      0xe9,
      0x3f,
    );
    expect(decodeText(text)).toMatchObject({
      text: "Español, © 2010, 25°C, ¿qué?",
      encoding: "Windows-1252",
    });
  });
});

describe("decodeText: line endings and control characters", () => {
  it("turns CRLF and CR into LF", () => {
    expect(decodeText(bytes(utf8("a\r\nb\rc\nd\r\n\r\ne"))).text).toBe("a\nb\nc\nd\n\ne");
  });

  it("turns CRLF into LF in a Windows-1252 file", () => {
    expect(decodeText(bytes(utf8("caf"), 0xe9, utf8("\r\nnext\rlast"))).text).toBe("café\nnext\nlast");
  });

  it("drops NUL and other control characters but keeps tabs", () => {
    expect(decodeText(bytes(utf8("a\u0000b\u0007c\td\u001be"))).text).toBe("abc\tde");
  });
});

describe("decodeText: mixed encodings", () => {
  it("reads a UTF-8 file with one Windows-1252 line line by line, with a diagnostic naming the mix", () => {
    const mixed = bytes(
      utf8("Première ligne — déjà vu.\n"),
      utf8("Second line: caf"),
      0xe9,
      utf8(" cr"),
      0xe8,
      utf8("me.\n"),
      utf8("Troisième ligne, naïve.\n"),
    );
    const decoded = decodeText(mixed);
    expect(decoded.text).toBe(
      "Première ligne — déjà vu.\nSecond line: café crème.\nTroisième ligne, naïve.\n",
    );
    expect(decoded.encoding).toBe("mixed UTF-8 and Windows-1252");
    expect(decoded.diagnostics).toEqual([
      "The file mixes encodings: 1 line was not UTF-8 and was read as Windows-1252.",
    ]);
  });

  it("reads the curly quotes of a Windows-1252 line in a UTF-8 file", () => {
    const mixed = bytes(
      utf8("Première ligne — déjà vu.\n"),
      0x93,
      utf8("Quoted,"),
      0x94,
      utf8(" he said.\n"),
      utf8("Fin — voilà.\n"),
    );
    const decoded = decodeText(mixed);
    expect(decoded.text).toBe("Première ligne — déjà vu.\n“Quoted,” he said.\nFin — voilà.\n");
    expect(decoded.diagnostics).toHaveLength(1);
  });

  it("counts several legacy lines", () => {
    const mixed = bytes(
      utf8("Première ligne — déjà vu, très bien.\n"),
      utf8("caf"),
      0xe9,
      utf8("\n"),
      utf8("na"),
      0xef,
      utf8("ve\n"),
      utf8("Dernière ligne — voilà.\n"),
    );
    const decoded = decodeText(mixed);
    expect(decoded.text).toBe("Première ligne — déjà vu, très bien.\ncafé\nnaïve\nDernière ligne — voilà.\n");
    expect(decoded.diagnostics).toEqual([
      "The file mixes encodings: 2 lines were not UTF-8 and were read as Windows-1252.",
    ]);
  });

  it("reads a UTF-8 file with a BOM and one legacy line", () => {
    const decoded = decodeText(bytes(0xef, 0xbb, 0xbf, utf8("Ça va — oui\n"), utf8("caf"), 0xe9));
    expect(decoded.text).toBe("Ça va — oui\ncafé");
    expect(decoded.diagnostics).toHaveLength(1);
    expect(decoded.diagnostics[0]).toMatch(/mixes encodings/u);
  });
});
