// Importing many files at once (`quire import`, bench:import): every file is read and prepared in
// a ReadPool of worker threads, a few files ahead, while this thread saves them one at a time in
// the order given, each in its own transaction (importFile). A bad file never stops the others. A
// file whose bytes the account imported before, or earlier in the same run, is skipped as a
// duplicate: saving in order means the first copy is the one imported, however the reading goes.
import { readImportFile } from "./import-files.js";
import type { Actor } from "../actor.js";
import type { Ctx } from "../context.js";
import type { PreparedImport } from "./import-prepare.js";
import { importLimits } from "./import-limits.js";
import {
  contentHash,
  failureReason,
  findEarlierImport,
  importFile,
  type ImportOptions,
  type ImportOutcome,
} from "./import.service.js";
import { ReadPool } from "./read-pool.js";

/** What became of one file. */
export type BulkRow = { file: string; bytes: number } & (
  ImportOutcome | { status: "failed"; reason: string; error: unknown }
);

export interface BulkOptions extends ImportOptions {
  /** The pool to read in; one of the default size is made (and closed) when left out. */
  pool?: ReadPool;
  /** How many files may be read ahead of the one being saved (twice the pool's size by default). */
  readAhead?: number;
  /** Reads a file's bytes (from disk by default). */
  load?: (file: string) => Promise<Uint8Array>;
  /** Called after each file, in order: progress bars and tables. */
  onFile?: (row: BulkRow, index: number) => void;
}

type Step =
  | { bytes: Uint8Array; read: PreparedImport }
  | { bytes: Uint8Array; duplicate: string }
  | { bytes: Uint8Array | undefined; error: unknown };

/** Imports `files` (paths) as works of the actor's, in order; one row per file, in the same order. */
export async function importFiles(
  ctx: Ctx,
  actor: Actor,
  files: readonly string[],
  options: BulkOptions,
): Promise<BulkRow[]> {
  const pool = options.pool ?? new ReadPool({ limits: importLimits(ctx.config), fileNameTitle: true });
  const maxBytes = ctx.config.importMaxBytes;
  const load = options.load ?? ((file: string) => readImportFile(file, maxBytes));
  const ahead = Math.max(1, options.readAhead ?? pool.size * 2);
  const steps: (Promise<Step> | undefined)[] = [];

  // Reading a file: its bytes, then (unless the account has them already) the pool's reading.
  const begin = async (file: string): Promise<Step> => {
    let bytes: Uint8Array | undefined;
    try {
      bytes = await load(file);
      const earlier = await findEarlierImport(ctx, actor, contentHash(bytes));
      if (earlier !== undefined) return { bytes, duplicate: earlier };
      return { bytes, read: await pool.read(file, bytes) };
    } catch (error) {
      return { bytes, error };
    }
  };

  const rows: BulkRow[] = [];
  try {
    for (let i = 0; i < Math.min(ahead, files.length); i++) steps[i] = begin(files[i]!);
    for (let i = 0; i < files.length; i++) {
      const file = files[i]!;
      const step = await steps[i]!;
      steps[i] = undefined;
      if (i + ahead < files.length) steps[i + ahead] = begin(files[i + ahead]!);
      const bytes = step.bytes?.length ?? 0;
      let row: BulkRow;
      if ("error" in step) row = failed(file, bytes, step.error);
      else if ("duplicate" in step) row = { file, bytes, status: "duplicate", workId: step.duplicate };
      else {
        try {
          const outcome = await importFile(
            ctx,
            actor,
            { fileName: file, bytes: step.bytes },
            options,
            step.read,
          );
          row = { file, bytes, ...outcome };
        } catch (error) {
          row = failed(file, bytes, error);
        }
      }
      rows.push(row);
      options.onFile?.(row, i);
    }
  } finally {
    if (options.pool === undefined) await pool.close();
  }
  return rows;
}

function failed(file: string, bytes: number, error: unknown): BulkRow {
  const reason =
    failureReason(error) ??
    `could not be imported (${error instanceof Error ? error.message : String(error)})`;
  return { file, bytes, status: "failed", reason, error };
}
