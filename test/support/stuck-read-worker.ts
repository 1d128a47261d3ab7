// A stand-in for src/domains/import/read-worker.ts in the ReadPool tests: it answers every file at
// once with the file's name as the work's title, except that it never returns from "hang.txt" (a
// reading stuck where no Deadline is checked), its thread exits on "crash.txt", and it fills its
// heap on "huge.txt".
import { parentPort } from "node:worker_threads";
import type { PreparedImport } from "../../src/domains/import/import-prepare.js";
import type { ReadReply, ReadTask } from "../../src/domains/import/read-pool.js";

const port = parentPort!;

port.on("message", (task: ReadTask) => {
  if (task.fileName === "hang.txt") Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  if (task.fileName === "crash.txt") process.exit(3);
  if (task.fileName === "huge.txt") {
    const kept: number[][] = [];
    for (;;) kept.push(Array.from({ length: 100_000 }, (_, i) => i));
  }
  const value = { work: { title: task.fileName } } as unknown as PreparedImport;
  port.postMessage({ id: task.id, ok: true, value } satisfies ReadReply);
});

port.postMessage({ ready: true } satisfies ReadReply);
