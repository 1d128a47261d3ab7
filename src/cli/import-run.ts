// quire import PATH… --user NAME [--pseud NAME] [--post]: each file becomes a work of the account
// (a draft to review, or posted), through the same import service as the Import works page. A bad
// file never stops the others; the run ends with a table of what became of each file and totals,
// and exit code 1 if any file failed. Files already imported by the account are skipped. Files are
// read in worker threads while this one saves them in order (importFiles).
import { stat } from "node:fs/promises";
import cliProgress from "cli-progress";
import type { Actor } from "../domains/actor.js";
import { importFiles, type BulkRow } from "../domains/import/import-bulk.js";
import * as pseuds from "../domains/users/pseud.repo.js";
import { pseudNameKey } from "../domains/users/pseud.js";
import { findUserByUsername } from "../domains/users/user.service.js";
import { withCommandContext } from "./context.js";

type Row = BulkRow;

export async function runBulkImport(
  files: string[],
  options: { user: string; pseud: string | undefined; post: boolean; progress: boolean },
): Promise<void> {
  await withCommandContext(async (ctx) => {
    const user = await findUserByUsername(ctx, options.user);
    let pseudId: string | undefined;
    if (options.pseud !== undefined) {
      const pseud = await pseuds.findPseudByName(ctx.db, user.id, pseudNameKey(options.pseud));
      if (!pseud) throw new Error(`${user.username} has no pseud named “${options.pseud}”.`);
      pseudId = pseud.id;
    }
    // The operator acts as the account; its posting rate limit is for the account's own posting.
    const actor: Actor = { kind: "user", user, via: "session" };

    const sizes = await Promise.all(
      files.map((f) =>
        stat(f).then(
          (s) => s.size,
          () => 0,
        ),
      ),
    );
    const totalBytes = sizes.reduce((a, b) => a + b, 0);
    const bar =
      options.progress && process.stderr.isTTY
        ? new cliProgress.SingleBar(
            {
              format: "Importing [{bar}] {done}/{count} files | {speed} MB/s | ETA {eta_formatted}",
              stream: process.stderr,
              hideCursor: true,
              clearOnComplete: true,
            },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
    const started = Date.now();
    let bytesDone = 0;
    bar?.start(Math.max(totalBytes, 1), 0, { done: 0, count: files.length, speed: "0.0" });

    const rows = await importFiles(ctx, actor, files, {
      pseudId,
      post: options.post,
      countPosting: false,
      onFile: (row, i) => {
        bytesDone += row.bytes;
        const seconds = Math.max((Date.now() - started) / 1000, 0.001);
        bar?.update(bytesDone, {
          done: i + 1,
          count: files.length,
          speed: (bytesDone / 1024 / 1024 / seconds).toFixed(1),
        });
      },
    });
    bar?.stop();

    printTable(rows);
    const count = (status: Row["status"]) => rows.filter((r) => r.status === status).length;
    const failed = count("failed");
    console.log(
      `\n${files.length} file${files.length === 1 ? "" : "s"}: ${count("imported")} imported, ` +
        `${count("duplicate")} skipped as duplicates, ${failed} failed.`,
    );
    if (failed > 0) process.exitCode = 1;
  });
}

function resultOf(row: Row): string {
  switch (row.status) {
    case "imported":
      return `${row.posted ? "imported and posted" : "imported as draft"} (work ${row.workId})`;
    case "duplicate":
      return `skipped as duplicate (work ${row.workId})`;
    case "failed":
      return `failed: ${row.reason}`;
  }
}

function printTable(rows: Row[]): void {
  const width = Math.max(4, ...rows.map((r) => r.file.length));
  console.log(`${"File".padEnd(width)}  Result`);
  console.log(`${"-".repeat(width)}  ${"-".repeat(6)}`);
  for (const row of rows) console.log(`${row.file.padEnd(width)}  ${resultOf(row)}`);
}
