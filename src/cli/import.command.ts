// quire import PATH… [--dry-run --json] [--user NAME --pseud NAME] [--post]: fic files (or folders,
// recursively) to works. With --dry-run nothing touches a database: each file's structured result
// is printed (as JSON with --json).
import { configOrExit } from "./context.js";
import { ImportRefused } from "../domains/import/import-refused.js";
import { readFic } from "../domains/import/read-fic.js";
import { importLimits } from "../domains/import/import-limits.js";
import { listImportFiles, readImportFile } from "../domains/import/import-files.js";
import { runBulkImport } from "./import-run.js";

export interface ImportOptions {
  dryRun?: boolean;
  json?: boolean;
  user?: string;
  pseud?: string;
  post?: boolean;
  progress?: boolean;
}

export async function importCommand(paths: string[], options: ImportOptions): Promise<void> {
  const config = configOrExit();
  const files = await listImportFiles(paths);
  if (files.length === 0) {
    console.error("No files to import.");
    process.exitCode = 1;
    return;
  }
  if (options.dryRun === true) {
    const results: unknown[] = [];
    for (const file of files) {
      try {
        const bytes = await readImportFile(file, config.importMaxBytes);
        const { result } = await readFic(file, bytes, { limits: importLimits(config), fileNameTitle: true });
        if (options.json === true) results.push(result);
        else console.log(summaryLine(file, result));
      } catch (err) {
        const reason =
          err instanceof ImportRefused
            ? err.message
            : `could not be read (${err instanceof Error ? err.message : String(err)})`;
        if (options.json === true) results.push({ file, error: reason });
        else console.error(`${file}: ${reason}`);
        process.exitCode = 1;
      }
    }
    if (options.json === true)
      console.log(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
    return;
  }
  if (options.user === undefined) {
    console.error(
      "Say whose works these are: --user USERNAME (and optionally --pseud NAME), or use --dry-run.",
    );
    process.exitCode = 2;
    return;
  }
  await runBulkImport(files, {
    user: options.user,
    pseud: options.pseud,
    post: options.post === true,
    progress: options.progress !== false,
  });
}

function summaryLine(
  file: string,
  result: { title: string | null; chapters: unknown[]; words: number; format: string; source: string },
): string {
  return `${file}: “${result.title ?? "(no title)"}”, ${result.chapters.length} chapter${result.chapters.length === 1 ? "" : "s"}, ${result.words.toLocaleString("en")} words (${result.format}, ${result.source})`;
}
