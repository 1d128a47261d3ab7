import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImportRefused } from "./import-refused.js";
import { listImportFiles, readImportFile } from "./import-files.js";

describe("the files an import reads", () => {
  let root: string;
  const at = (...parts: string[]) => path.join(root, ...parts);
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "quire-import-files-"));
    fs.mkdirSync(at("fics", "series"), { recursive: true });
    fs.writeFileSync(at("fics", "b.txt"), "Story b.");
    fs.writeFileSync(at("fics", "a.txt"), "Story a.");
    fs.writeFileSync(at("fics", ".hidden.txt"), "Not listed.");
    fs.writeFileSync(at("fics", "series", "c.txt"), "Story c.");
    // A link back up the tree, a link to a folder already walked, and a link to nothing.
    fs.symlinkSync(at("fics"), at("fics", "series", "up"));
    fs.symlinkSync(at("fics", "series"), at("fics", "series-again"));
    fs.symlinkSync(at("fics", "gone.txt"), at("fics", "dangling.txt"));
  });
  afterAll(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("walks folders in order, once each, and lists what it can't look at instead of stopping", async () => {
    const files = await listImportFiles([at("fics"), at("no-such-file.txt")]);
    expect(files.map((f) => path.relative(root, f))).toEqual([
      "fics/a.txt",
      "fics/b.txt",
      "fics/dangling.txt",
      "fics/series/c.txt",
      "no-such-file.txt",
    ]);
    // Reading what couldn't be looked at fails, for that file alone.
    await expect(readImportFile(at("fics", "dangling.txt"), 1000)).rejects.toThrow(/ENOENT/u);
  });

  it("refuses a file over the size limit without reading it", async () => {
    expect(new TextDecoder().decode(await readImportFile(at("fics", "a.txt"), 1000))).toBe("Story a.");
    const big = at("film.txt");
    fs.writeFileSync(big, "");
    fs.truncateSync(big, 3 * 1024 * 1024); // sparse: its size, none of it read
    const refusal = readImportFile(big, 1024 * 1024);
    await expect(refusal).rejects.toBeInstanceOf(ImportRefused);
    await expect(refusal).rejects.toThrow(
      "the file is 3.0 MB, over the 1.0 MB limit (QUIRE_IMPORT_MAX_BYTES)",
    );
  });
});
