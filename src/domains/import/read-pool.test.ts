import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf } from "../../../test/support/errors.js";
import { tooSlow } from "./deadline.js";
import { readAndPrepare } from "./import-prepare.js";
import { ImportRefused } from "./import-refused.js";
import type { ImportLimits } from "./read-fic.js";
import { ReadPool, defaultPoolSize } from "./read-pool.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = path.resolve(here, "../../../test/fixtures/import/corpus");
const stuckWorker = new URL("../../../test/support/stuck-read-worker.ts", import.meta.url);
const encode = (s: string) => new TextEncoder().encode(s);

/** Every fic file of the fidelity corpus (not the expected results beside them). */
function corpusFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return corpusFiles(file);
      return entry.name.endsWith(".json") ? [] : [file];
    })
    .sort();
}

describe("ReadPool", () => {
  const limits: ImportLimits = {
    maxBytes: 20_000_000,
    maxUnzippedBytes: 100_000_000,
    maxZipEntries: 10_000,
    timeLimitMs: 30_000,
  };
  let pool: ReadPool;
  beforeAll(async () => {
    pool = new ReadPool({ limits, size: 2, fileNameTitle: true });
    await pool.whenReady();
  }, 60_000);
  afterAll(async () => {
    await pool.close();
  });

  it("has one thread per available core by default", () => {
    expect(defaultPoolSize()).toBeGreaterThanOrEqual(1);
    expect(pool.size).toBe(2);
  });

  it(
    "reads and prepares every file of the import corpus as this thread does",
    { timeout: 120_000 },
    async () => {
      const files = corpusFiles(corpus);
      expect(files.length).toBeGreaterThan(60);
      // All at once: the pool queues them and reads two at a time.
      const inPool = await Promise.all(
        files.map((file) => pool.read(file, new Uint8Array(fs.readFileSync(file)))),
      );
      for (const [i, file] of files.entries()) {
        const here = await readAndPrepare(file, new Uint8Array(fs.readFileSync(file)), {
          limits,
          fileNameTitle: true,
        });
        expect(inPool[i], file).toEqual(here);
      }
      // Prepared means ready to save: sanitized HTML, word counts and search text for each chapter.
      const first = inPool[0]!;
      expect(first.prepared.work.text?.html).toMatch(/^<p>/u);
      expect(first.prepared.work.text?.words).toBeGreaterThan(0);
      expect(first.prepared.chapters).toHaveLength(first.chapters.length);
    },
  );

  describe("a file it can't read", () => {
    const strict: ImportLimits = {
      maxBytes: 4096,
      maxUnzippedBytes: 1_000_000,
      maxZipEntries: 10_000,
      timeLimitMs: 30_000,
    };
    let small: ReadPool;
    beforeAll(async () => {
      small = new ReadPool({ limits: strict, size: 1 });
      await small.whenReady();
    }, 60_000);
    afterAll(async () => {
      await small.close();
    });

    it.each([
      ["empty.txt", new Uint8Array(0)],
      ["scan.pdf", encode("%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<< >>\nendobj\n")],
      ["long.txt", encode(`Title: Long\n\n${"The tide came in. ".repeat(300)}`)],
      ["broken.epub", encode("PK\u0003\u0004 this is not really a zip archive at all")],
      ["notes.txt", encode("A/N: Thank you all for reading, and for every comment!")],
      ["page.html", encode("<html><body><div></div></body></html>")],
    ])("refuses %s with the same message as this thread", async (name, bytes) => {
      const here = await errorOf(readAndPrepare(name, bytes, { limits: strict }));
      const inPool = await errorOf(small.read(name, bytes));
      expect(here).toBeInstanceOf(ImportRefused);
      expect(inPool).toBeInstanceOf(ImportRefused);
      expect((inPool as Error).message).toBe((here as Error).message);
    });
  });

  describe("a reading thread that hangs or dies", () => {
    let stuck: ReadPool;
    beforeAll(async () => {
      stuck = new ReadPool({
        limits: { ...limits, timeLimitMs: 3000 },
        graceMs: 200,
        size: 1,
        workerFile: stuckWorker,
        heapMb: 64,
      });
      await stuck.whenReady();
    }, 60_000);
    afterAll(async () => {
      await stuck.close();
    });

    it(
      "is stopped at the time limit: its file is refused as too slow, and the next file is read",
      { timeout: 60_000 },
      async () => {
        const started = performance.now();
        const hung = stuck.read("hang.txt", encode("x"));
        const next = stuck.read("next.txt", encode("y"));
        const err = await errorOf(hung);
        expect(err).toBeInstanceOf(ImportRefused);
        expect((err as Error).message).toBe(tooSlow(3000).message);
        expect((await next).work.title).toBe("next.txt");
        expect(performance.now() - started).toBeLessThan(30_000);
      },
    );

    it(
      "refuses a file that needs more memory than a thread has, and reads the next",
      { timeout: 60_000 },
      async () => {
        const huge = errorOf(stuck.read("huge.txt", encode("x")));
        const next = stuck.read("small.txt", encode("y"));
        expect(await huge).toBeInstanceOf(ImportRefused);
        expect(((await huge) as Error).message).toBe(
          "reading it needed more than the 64 MB of memory a reading thread has",
        );
        expect((await next).work.title).toBe("small.txt");
      },
    );

    it(
      "fails only the file whose thread died, and reads the next in a new thread",
      { timeout: 60_000 },
      async () => {
        const crashed = errorOf(stuck.read("crash.txt", encode("x")));
        const next = stuck.read("after.txt", encode("y"));
        expect(((await crashed) as Error).message).toMatch(
          /^the reading thread failed \(it stopped with exit code 3\)$/u,
        );
        expect(await crashed).not.toBeInstanceOf(ImportRefused);
        expect((await next).work.title).toBe("after.txt");
      },
    );
  });

  it(
    "stops its threads when idle for idleMs, and starts them again for the next file",
    { timeout: 60_000 },
    async () => {
      const idle = new ReadPool({ limits, size: 1, fileNameTitle: true, idleMs: 100 });
      try {
        expect(idle.threads).toBe(0);
        expect((await idle.read("first.txt", encode("Once upon a time."))).work.title).toBe("first");
        expect(idle.threads).toBe(1);
        const deadline = Date.now() + 10_000;
        while (idle.threads > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        expect(idle.threads).toBe(0);
        expect((await idle.read("second.txt", encode("And then."))).work.title).toBe("second");
        expect(idle.threads).toBe(1);
      } finally {
        await idle.close();
      }
    },
  );

  it("refuses files once closed", async () => {
    const closing = new ReadPool({ limits, size: 1, workerFile: stuckWorker });
    const queued = errorOf(closing.read("queued.txt", encode("x")));
    await closing.close();
    expect(((await queued) as Error).message).toMatch(/closed/u);
    expect(((await errorOf(closing.read("late.txt", encode("x")))) as Error).message).toBe(
      "the read pool is closed",
    );
  });
});
