// Which kind of document a file is, from its bytes first and its name second: a ZIP is an EPUB or
// a Word file by what it holds, whatever it is called; a PDF called .txt is still a PDF.
import { unzipSync } from "fflate";
import { ImportRefused } from "./import-refused.js";
import type { ImportFormat } from "./import-result.js";

const signatures: [string, (b: Uint8Array) => boolean][] = [
  ["PDF", (b) => starts(b, "%PDF")],
  ["PNG image", (b) => starts(b, "\x89PNG")],
  ["JPEG image", (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ["GIF image", (b) => starts(b, "GIF8")],
  ["WebP image", (b) => starts(b, "RIFF") && ascii(b, 8, 4) === "WEBP"],
  ["gzip archive", (b) => b[0] === 0x1f && b[1] === 0x8b],
  ["7-Zip archive", (b) => starts(b, "7z\xbc\xaf")],
  ["RAR archive", (b) => starts(b, "Rar!")],
  ["old Word document (.doc); save it as .docx", (b) => starts(b, "\xd0\xcf\x11\xe0")],
  ["RTF document; save it as .docx or .txt", (b) => starts(b, "{\\rtf")],
  ["program (ELF)", (b) => starts(b, "\x7fELF")],
  ["Windows program", (b) => starts(b, "MZ")],
  ["SQLite database", (b) => starts(b, "SQLite format 3")],
  ["MP3 audio", (b) => starts(b, "ID3")],
  ["Ogg media", (b) => starts(b, "OggS")],
  ["MP4 video", (b) => ascii(b, 4, 4) === "ftyp"],
  ["MOBI/AZW e-book; convert it to EPUB", (b) => ascii(b, 60, 8) === "BOOKMOBI"],
];

export function sniffFormat(name: string, bytes: Uint8Array): ImportFormat {
  if (bytes.length === 0) throw new ImportRefused("the file is empty");
  if (starts(bytes, "PK\x03\x04") || starts(bytes, "PK\x05\x06")) return zipKind(bytes);
  for (const [label, test] of signatures) {
    if (test(bytes)) throw new ImportRefused(`not a document Quire can read (looks like ${label})`);
  }
  if (looksBinary(bytes)) throw new ImportRefused("not a document Quire can read (looks like binary data)");
  const extension = /\.([a-z0-9]+)$/iu.exec(name)?.[1]?.toLowerCase() ?? "";
  if (extension === "md" || extension === "markdown") return "md";
  if (["html", "htm", "xhtml"].includes(extension)) return "html";
  if (["epub", "docx"].includes(extension)) {
    throw new ImportRefused(`not a valid .${extension} file (it is not a ZIP archive)`);
  }
  const head = new TextDecoder("utf-8").decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/u, "");
  if (/^\s*(<!doctype html|<html[\s>]|<\?xml[^>]*>\s*<(!doctype )?html)/iu.test(head)) return "html";
  return "txt";
}

function zipKind(bytes: Uint8Array): ImportFormat {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name);
        return false;
      },
    });
  } catch (err) {
    throw new ImportRefused(`a damaged ZIP archive (${err instanceof Error ? err.message : String(err)})`);
  }
  if (names.includes("mimetype") && names.some((n) => n.toLowerCase() === "meta-inf/container.xml")) {
    return "epub";
  }
  if (
    names.includes("mimetype") &&
    new TextDecoder().decode(bytes.subarray(30, 120)).includes("application/epub+zip")
  )
    return "epub";
  if (names.includes("META-INF/container.xml")) return "epub";
  if (names.includes("word/document.xml")) return "docx";
  if (names.some((n) => n.startsWith("xl/"))) {
    throw new ImportRefused("not a document Quire can read (looks like an Excel spreadsheet)");
  }
  throw new ImportRefused("not a document Quire can read (looks like a ZIP archive)");
}

function starts(bytes: Uint8Array, prefix: string): boolean {
  return ascii(bytes, 0, prefix.length) === prefix;
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  let s = "";
  for (let i = offset; i < offset + length && i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** Control bytes (other than tab, LF, CR, FF) in the first 8 KB, outside UTF-16's zero bytes. */
function looksBinary(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  const n = Math.min(bytes.length, 8192);
  let zerosEven = 0;
  let zerosOdd = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) {
      if (i % 2 === 0) zerosEven++;
      else zerosOdd++;
    } else if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 0x1b) {
      control++;
    }
  }
  const half = n / 2;
  const utf16 =
    (zerosOdd > half * 0.4 && zerosEven < half * 0.05) || (zerosEven > half * 0.4 && zerosOdd < half * 0.05);
  if (utf16) return false;
  return zerosEven + zerosOdd > 0 || control > n * 0.01;
}
