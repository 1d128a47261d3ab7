// The files named on the command line, with folders walked recursively (hidden files skipped), in
// a stable order.
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

export async function listImportFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) await collect(path, files);
  return files;
}

async function collect(path: string, files: string[]): Promise<void> {
  const info = await stat(path);
  if (info.isDirectory()) {
    const entries = (await readdir(path)).filter((name) => !name.startsWith(".")).sort();
    for (const entry of entries) await collect(join(path, entry), files);
  } else if (info.isFile()) {
    files.push(path);
  }
}
