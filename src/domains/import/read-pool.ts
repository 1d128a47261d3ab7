// A pool of worker threads that read and prepare fic files (readAndPrepare, import-prepare.ts) while
// the importing thread saves the files before them: reading is most of an import's work, and files
// read independently. The threads start with the first file; each reads one file at a time. A
// thread still reading a while after the time limit (stuck where the Deadline isn't checked) is
// stopped and replaced, and its file refused as too slow, with the Deadline's message; a file that
// needs more memory than a thread has is refused too; a thread that fails is replaced.
import { createRequire } from "node:module";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { tooSlow } from "./deadline.js";
import type { PreparedImport } from "./import-prepare.js";
import { ImportRefused } from "./import-refused.js";
import type { ImportLimits } from "./read-fic.js";

/** What each worker is started with. */
export interface ReadWorkerData {
  limits: ImportLimits;
  fileNameTitle: boolean;
}

/** One file to read, sent to a worker. */
export interface ReadTask {
  id: number;
  fileName: string;
  bytes: Uint8Array;
}

/** A worker's answers: ready for files (once), then a reply per task. */
export type ReadReply =
  | { ready: true }
  | { id: number; ok: true; value: PreparedImport }
  | { id: number; ok: false; refused: boolean; message: string };

export interface ReadPoolOptions {
  limits: ImportLimits;
  /** Worker threads; the machine's available parallelism when left out. */
  size?: number;
  /** Offer the file's name as the title when nothing names one (see ReadFicOptions). */
  fileNameTitle?: boolean;
  /** How long past limits.timeLimitMs a reading may go on before its worker is stopped. */
  graceMs?: number;
  /** The worker's module: read-worker by default (tests give their own). */
  workerFile?: URL;
  /** The most memory (MB) each thread's heap may hold (1,024 by default). */
  heapMb?: number;
  /** Stop the threads after this long with nothing to read (they start again at the next file). */
  idleMs?: number;
}

/** Worker threads for a pool: one per core the process may use. */
export function defaultPoolSize(): number {
  return Math.max(1, os.availableParallelism());
}

// From the TypeScript sources (tests, `tsx` scripts) the worker is read-worker.ts, else the .js.
const fromSource = import.meta.url.endsWith(".ts");
const defaultWorkerFile = new URL(`./read-worker.${fromSource ? "ts" : "js"}`, import.meta.url);

interface Job {
  id: number;
  fileName: string;
  bytes: Uint8Array;
  resolve(value: PreparedImport): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job | undefined;
  timer?: NodeJS.Timeout | undefined;
}

export class ReadPool {
  readonly size: number;
  private readonly queue: Job[] = [];
  private readonly slots = new Set<Slot>();
  private readonly workerFile: URL;
  private readonly data: ReadWorkerData;
  private readonly hardLimitMs: number;
  private readonly heapMb: number;
  private readonly idleMs: number | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private nextId = 1;
  private started = false;
  private closed = false;
  /** Set when workers fail before they are ready: the pool can't read at all. */
  private broken: Error | undefined;
  /** Called whenever a worker becomes ready or fails (see whenReady). */
  private waiters: (() => void)[] = [];

  constructor(options: ReadPoolOptions) {
    this.size = Math.max(1, Math.floor(options.size ?? defaultPoolSize()));
    this.workerFile = options.workerFile ?? defaultWorkerFile;
    this.data = { limits: options.limits, fileNameTitle: options.fileNameTitle ?? false };
    this.hardLimitMs = options.limits.timeLimitMs + (options.graceMs ?? 1000);
    this.heapMb = options.heapMb ?? HEAP_MB;
    this.idleMs = options.idleMs;
  }

  /** How many threads are running (or starting). */
  get threads(): number {
    return this.slots.size;
  }

  /** Starts the threads, at the first file (a run of duplicates reads nothing and starts none). */
  private start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    for (let i = 0; i < this.size; i++) this.spawn();
  }

  /** Reads and prepares one file in a worker; rejects with ImportRefused as readFic would. */
  read(fileName: string, bytes: Uint8Array): Promise<PreparedImport> {
    if (this.closed) return Promise.reject(new Error("the read pool is closed"));
    // A long-lived pool (idleMs) whose threads could not start tries again at the next file.
    if (this.broken && this.idleMs !== undefined && this.slots.size === 0) {
      this.broken = undefined;
      this.started = false;
    }
    if (this.broken) return Promise.reject(this.broken);
    clearTimeout(this.idleTimer);
    this.start();
    return new Promise<PreparedImport>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, fileName, bytes, resolve, reject });
      this.dispatch();
    });
  }

  /** Starts the threads and resolves once each has started (or failed to). */
  async whenReady(): Promise<void> {
    this.start();
    while (!this.closed && [...this.slots].some((slot) => !slot.ready))
      await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Stops every worker; files not read yet are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    this.wake();
    for (const job of this.queue.splice(0)) job.reject(new Error("the read pool was closed"));
    await Promise.all(
      [...this.slots].map((slot) => this.retire(slot, new Error("the read pool was closed"))),
    );
  }

  private spawn(): void {
    const slot: Slot = { worker: startWorker(this.workerFile, this.data, this.heapMb), ready: false };
    this.slots.add(slot);
    slot.worker.on("message", (reply: ReadReply) => this.onReply(slot, reply));
    slot.worker.on("error", (err) => this.onFailure(slot, err));
    slot.worker.on("exit", (code) => this.onFailure(slot, new Error(`it stopped with exit code ${code}`)));
  }

  private onReply(slot: Slot, reply: ReadReply): void {
    if ("ready" in reply) {
      slot.ready = true;
      this.wake();
      this.dispatch();
      return;
    }
    const job = slot.job;
    if (job === undefined || job.id !== reply.id) return;
    clearTimeout(slot.timer);
    slot.job = undefined;
    if (reply.ok) job.resolve(reply.value);
    else job.reject(reply.refused ? new ImportRefused(reply.message) : new Error(reply.message));
    this.dispatch();
  }

  /** A worker died (an error it didn't catch, out of memory): its file fails, a new worker takes its place. */
  private onFailure(slot: Slot, err: Error): void {
    if (!this.slots.delete(slot)) return;
    clearTimeout(slot.timer);
    this.wake();
    const failure = new Error(`the reading thread failed (${err.message})`);
    slot.job?.reject(
      (err as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY"
        ? new ImportRefused(
            `reading it needed more than the ${this.heapMb} MB of memory a reading thread has`,
          )
        : failure,
    );
    if (this.closed) return;
    if (!slot.ready) {
      // It never started: another would fail the same way. Without workers the pool is broken.
      if (this.slots.size === 0) {
        this.broken = failure;
        for (const job of this.queue.splice(0)) job.reject(failure);
      }
      return;
    }
    this.spawn();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  private dispatch(): void {
    this.whenIdle();
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.job !== undefined) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(() => this.timeOut(slot), this.hardLimitMs);
      slot.worker.postMessage({ id: job.id, fileName: job.fileName, bytes: job.bytes } satisfies ReadTask);
    }
  }

  /** With idleMs, stops the threads once nothing has been read or asked for that long. */
  private whenIdle(): void {
    if (this.idleMs === undefined || !this.started || this.closed) return;
    clearTimeout(this.idleTimer);
    if (this.queue.length > 0 || [...this.slots].some((slot) => slot.job !== undefined)) return;
    this.idleTimer = setTimeout(() => {
      if (this.queue.length > 0 || [...this.slots].some((slot) => slot.job !== undefined)) return;
      this.started = false;
      for (const slot of [...this.slots]) void this.retire(slot);
      this.wake();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  /** A reading past the hard limit: its worker is stopped and replaced; the file is refused. */
  private timeOut(slot: Slot): void {
    const job = slot.job;
    slot.job = undefined;
    void this.retire(slot);
    job?.reject(tooSlow(this.data.limits.timeLimitMs));
    if (!this.closed) this.spawn();
    this.dispatch();
  }

  private async retire(slot: Slot, reason?: Error): Promise<void> {
    this.slots.delete(slot);
    clearTimeout(slot.timer);
    if (reason) slot.job?.reject(reason);
    slot.job = undefined;
    await slot.worker.terminate();
  }
}

/**
 * Each thread's young generation. V8's default (tens of MB) adds that much memory per thread for
 * little speed; bench:import's target is 500 MB for the whole process.
 */
const YOUNG_GENERATION_MB = 8;

/**
 * Each thread's heap limit. Besides stopping a file that needs more (it fails alone, instead of the
 * process running out of memory), a limit keeps V8 from letting a busy thread's heap grow to several
 * times what it holds (without one, each thread ended a 1,000-file run at 100–150 MB).
 */
const HEAP_MB = 1024;

function startWorker(file: URL, workerData: ReadWorkerData, heapMb: number): Worker {
  const options = {
    workerData,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: heapMb },
  };
  if (!file.pathname.endsWith(".ts")) return new Worker(file, options);
  // From the sources: tsx's require hook compiles the worker's modules (dist/ needs none).
  const tsx = createRequire(import.meta.url).resolve("tsx/cjs/api");
  const code = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(fileURLToPath(file))});`;
  return new Worker(code, { eval: true, ...options });
}
