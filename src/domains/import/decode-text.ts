// Bytes of a text file to a string: UTF-8 with or without BOM, UTF-16 with BOM (or plainly
// UTF-16 by its zero bytes), otherwise Windows-1252 (which reads ISO-8859-1's printable text the
// same). A UTF-8 file with a few lines in another encoding is read line by line. Line endings
// become "\n"; NUL and other control characters (but tab) are dropped.

export interface DecodedText {
  text: string;
  encoding: string;
  diagnostics: string[];
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const utf8Lenient = new TextDecoder("utf-8");
/**
 * Windows-1252 by hand: Node 20.18.3+ decodes its 0x80–0x9F range as Latin-1 control characters
 * (nodejs/node#60888), which would turn curly quotes into garbage.
 */
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";
const cp1252 = {
  decode(bytes: Uint8Array): string {
    let out = "";
    const chunk: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      chunk.push(b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b);
      if (chunk.length === 8192) {
        out += String.fromCharCode(...chunk);
        chunk.length = 0;
      }
    }
    return out + String.fromCharCode(...chunk);
  },
};

export function decodeText(bytes: Uint8Array): DecodedText {
  const diagnostics: string[] = [];
  let text: string;
  let encoding: string;
  const utf16 = utf16WithoutBom(bytes);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = "UTF-8 with BOM";
    text = decodeUtf8OrMixed(bytes.subarray(3), diagnostics);
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = "UTF-16 LE";
    text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = "UTF-16 BE";
    text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  } else if (utf16 !== undefined) {
    encoding = utf16;
    text = new TextDecoder(encoding === "UTF-16 LE" ? "utf-16le" : "utf-16be").decode(bytes);
  } else {
    try {
      text = utf8.decode(bytes);
      encoding = "UTF-8";
    } catch {
      const mixed = mostlyUtf8(bytes);
      if (mixed) {
        encoding = "mixed UTF-8 and Windows-1252";
        text = decodeUtf8OrMixed(bytes, diagnostics);
      } else {
        encoding = "Windows-1252";
        text = cp1252.decode(bytes);
      }
    }
  }
  text = text
    .replace(/^\uFEFF/u, "")
    .replace(/\r\n?/gu, "\n")
    .replace(/[^\P{Cc}\t\n]/gu, "")
    .normalize("NFC");
  return { text, encoding, diagnostics };
}

/** UTF-8, or line by line (UTF-8 where valid, else Windows-1252) when some lines aren't. */
function decodeUtf8OrMixed(bytes: Uint8Array, diagnostics: string[]): string {
  try {
    return utf8.decode(bytes);
  } catch {
    let bad = 0;
    const out: string[] = [];
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        const line = bytes.subarray(start, i);
        try {
          out.push(utf8.decode(line));
        } catch {
          bad++;
          out.push(cp1252.decode(line));
        }
        start = i + 1;
      }
    }
    diagnostics.push(
      `The file mixes encodings: ${bad} line${bad === 1 ? " was" : "s were"} not UTF-8 and ${bad === 1 ? "was" : "were"} read as Windows-1252.`,
    );
    return out.join("\n");
  }
}

/** True when the bytes hold real UTF-8 multi-byte sequences and only a few invalid lines. */
function mostlyUtf8(bytes: Uint8Array): boolean {
  const text = utf8Lenient.decode(bytes);
  const replaced = text.match(/\uFFFD/gu)?.length ?? 0;
  const multibyte = text.match(/[^\p{ASCII}\uFFFD]/gu)?.length ?? 0;
  return multibyte > replaced;
}

function utf16WithoutBom(bytes: Uint8Array): string | undefined {
  const n = Math.min(bytes.length, 4000) & ~1;
  if (n < 8) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const half = n / 2;
  if (oddZeros > half * 0.4 && evenZeros < half * 0.05) return "UTF-16 LE";
  if (evenZeros > half * 0.4 && oddZeros < half * 0.05) return "UTF-16 BE";
  return undefined;
}
