// A worker thread of ReadPool (read-pool.ts): reads and prepares each file it is sent
// (readAndPrepare) and answers with the result, or with why the file can't be read.
import { parentPort, workerData } from "node:worker_threads";
import { readAndPrepare } from "./import-prepare.js";
import { ImportRefused } from "./import-refused.js";
import { fandomKnowledge } from "./knowledge/fandom-knowledge.js";
import type { ReadReply, ReadTask, ReadWorkerData } from "./read-pool.js";

const port = parentPort!;
const { limits, fileNameTitle } = workerData as ReadWorkerData;

port.on("message", (task: ReadTask) => {
  readAndPrepare(task.fileName, task.bytes, { limits, fileNameTitle }).then(
    (value) => port.postMessage({ id: task.id, ok: true, value } satisfies ReadReply),
    (err: unknown) =>
      port.postMessage({
        id: task.id,
        ok: false,
        refused: err instanceof ImportRefused,
        message: err instanceof Error ? err.message : String(err),
      } satisfies ReadReply),
  );
});

// The knowledge base loads before the first file, not within its time limit.
fandomKnowledge();
port.postMessage({ ready: true } satisfies ReadReply);
