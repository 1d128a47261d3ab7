// The files named on the command line, with folders walked recursively (hidden files skipped), in
// a stable order; and reading one of them. A folder reached twice (through a symbolic link, or a link
// back up the tree) is walked once. An entry that can't be looked at (a dangling link, no permission)
// is listed all the same, so that reading it fails with its reason in the import's table instead of
// stopping the run.
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { join } from "node:path";
import { tooLarge } from "./read-fic.js";

export async function listImportFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  const walked = new Set<string>();
  for (const path of paths) await collect(path, files, walked);
  return files;
}

async function collect(path: string, files: string[], walked: Set<string>): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch {
    files.push(path);
    return;
  }
  if (info.isDirectory()) {
    const real = await realpath(path).catch(() => path);
    if (walked.has(real)) return;
    walked.add(real);
    let entries: string[];
    try {
      entries = (await readdir(path)).filter((name) => !name.startsWith(".")).sort();
    } catch {
      files.push(path);
      return;
    }
    for (const entry of entries) await collect(join(path, entry), files, walked);
  } else if (info.isFile()) {
    files.push(path);
  }
}

/** A file's bytes, refused without reading them when it is over `maxBytes` (a film in a fic folder). */
export async function readImportFile(path: string, maxBytes: number): Promise<Uint8Array> {
  const info = await stat(path);
  if (info.isDirectory()) throw new Error("it is a folder that could not be read");
  if (info.size > maxBytes) throw tooLarge(info.size, maxBytes);
  return readFile(path);
}
