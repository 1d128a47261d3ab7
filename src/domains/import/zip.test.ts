import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ImportRefused } from "./import-refused.js";
import { readZip } from "./zip.js";

/**
 * A ZIP whose one stored block of `dataBytes` is named by `entries` directory entries, each saying
 * it unpacks to `declaredSize`: overlapping entries, the way a zip bomb multiplies one block.
 */
function overlappingZip(dataBytes: number, entries: number, declaredSize: number): Uint8Array {
  const local = new Uint8Array(31);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 20, true);
  lv.setUint32(18, dataBytes, true);
  lv.setUint32(22, dataBytes, true);
  lv.setUint16(26, 1, true);
  local[30] = 0x61; // "a"
  const data = new Uint8Array(dataBytes).fill(0x61);
  const directory: Uint8Array[] = [];
  for (let i = 0; i < entries; i++) {
    const name = strToU8(`OEBPS/c${i}.xhtml`);
    const cd = new Uint8Array(46 + name.length);
    const v = new DataView(cd.buffer);
    v.setUint32(0, 0x02014b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(6, 20, true);
    v.setUint32(20, dataBytes, true);
    v.setUint32(24, declaredSize, true);
    v.setUint16(28, name.length, true);
    v.setUint32(42, 0, true); // every entry's data is the one block at the start
    cd.set(name, 46);
    directory.push(cd);
  }
  const cdLength = directory.reduce((n, d) => n + d.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries, true);
  ev.setUint16(10, entries, true);
  ev.setUint32(12, cdLength, true);
  ev.setUint32(16, local.length + dataBytes, true);
  const out = new Uint8Array(local.length + dataBytes + cdLength + end.length);
  let at = 0;
  for (const part of [local, data, ...directory, end]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const limits = (maxUnzippedBytes: number, maxZipEntries = 10_000) => ({ maxUnzippedBytes, maxZipEntries });

describe("readZip", () => {
  it("reads the entries of an honest ZIP, stored or deflated, leaving out folders", () => {
    const zip = zipSync({
      mimetype: [strToU8("application/epub+zip"), { level: 0 }],
      "OEBPS/": {},
      "OEBPS/c1.xhtml": [strToU8("<p>One</p>".repeat(100)), { level: 6 }],
    });
    const entries = readZip(zip, limits(1_000_000), "EPUB");
    expect([...entries.keys()].sort()).toEqual(["OEBPS/c1.xhtml", "mimetype"]);
    expect(new TextDecoder().decode(entries.get("mimetype"))).toBe("application/epub+zip");
  });

  it("refuses stored entries that share one block and declare nothing, before unpacking any", () => {
    // 200 entries over one 100 KB block: 20 MB if copied out, against a 1 MB limit.
    const bomb = overlappingZip(100_000, 200, 0);
    expect(() => readZip(bomb, limits(1_000_000), "EPUB")).toThrow(ImportRefused);
    expect(() => readZip(bomb, limits(1_000_000), "EPUB")).toThrow(/is not the size it says/u);
  });

  it("counts every overlapping stored entry that tells its size truly against the limit", () => {
    expect(() => readZip(overlappingZip(100_000, 200, 100_000), limits(1_000_000), "EPUB")).toThrow(
      /unpacks to 19\.1 MB, over the 977 KB limit/u,
    );
    // Within the limit, the same entries are read.
    expect(readZip(overlappingZip(1_000, 5, 1_000), limits(1_000_000), "EPUB").size).toBe(5);
  });

  it("refuses more files than QUIRE_IMPORT_MAX_ZIP_ENTRIES allows", () => {
    const zip = overlappingZip(10, 6, 10);
    expect(readZip(zip, limits(1_000_000, 6), "EPUB").size).toBe(6);
    expect(() => readZip(zip, limits(1_000_000, 5), "EPUB")).toThrow(
      "the EPUB holds 6 files, over the 5 limit (QUIRE_IMPORT_MAX_ZIP_ENTRIES)",
    );
  });
});
