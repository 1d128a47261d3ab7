// Reading the inside of an EPUB or DOCX without trusting it: the sizes its directory declares are
// added up and refused over the limit before anything is inflated; fflate inflates each entry into a
// buffer of its declared size, so a deflated entry that lies about its size can't grow past it, and a
// stored entry (copied as it is) must be exactly its declared size.
import { unzipSync } from "fflate";
import { ImportRefused } from "./import-refused.js";

export type ZipEntries = Map<string, Uint8Array>;

/** How big an EPUB or DOCX may unpack to, and how many files it may hold (the config table's). */
export interface ZipLimits {
  maxUnzippedBytes: number;
  maxZipEntries: number;
}

export function readZip(bytes: Uint8Array, limits: ZipLimits, kind: string): ZipEntries {
  const { maxUnzippedBytes, maxZipEntries } = limits;
  let total = 0;
  let count = 0;
  let files: Record<string, Uint8Array>;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        count++;
        // A stored entry is copied out whole, packed size and all: it must be exactly its declared
        // size, or many entries over the same bytes, each declaring nothing, could unpack to any
        // size. Deflate never makes data much bigger: an entry larger packed than unpacked lies.
        const lies =
          file.compression === 0
            ? file.size !== file.originalSize
            : file.size > file.originalSize + file.originalSize / 100 + 1024;
        if (lies) throw new ImportRefused(`a damaged ${kind} (${file.name} is not the size it says)`);
        return false;
      },
    });
    if (total > maxUnzippedBytes) {
      throw new ImportRefused(
        `the ${kind} unpacks to ${megabytes(total)}, over the ${megabytes(maxUnzippedBytes)} limit (QUIRE_IMPORT_MAX_UNZIPPED_BYTES)`,
      );
    }
    if (count > maxZipEntries)
      throw new ImportRefused(
        `the ${kind} holds ${count.toLocaleString("en")} files, over the ${maxZipEntries.toLocaleString("en")} limit (QUIRE_IMPORT_MAX_ZIP_ENTRIES)`,
      );
    files = unzipSync(bytes, { filter: (file) => !file.name.endsWith("/") });
  } catch (err) {
    if (err instanceof ImportRefused) throw err;
    throw new ImportRefused(`a damaged ${kind} (${err instanceof Error ? err.message : String(err)})`);
  }
  return new Map(Object.entries(files));
}

export function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

const utf8 = new TextDecoder("utf-8");

export function zipText(entries: ZipEntries, path: string): string | undefined {
  const data = entries.get(path) ?? entries.get(decodePath(path));
  return data === undefined ? undefined : utf8.decode(data).replace(/^\uFEFF/u, "");
}

/** A path as written in a package (percent-encoded), decoded; a malformed escape ("100%.xhtml") is kept. */
export function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
