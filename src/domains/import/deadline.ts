// A time limit the importer checks as it goes, so no input can keep it busy for long: every loop
// over lines, blocks or files calls check(), which throws ImportRefused once the time is up. (A
// ReadPool also stops a worker thread that is still reading a while after the limit.)
import { ImportRefused } from "./import-refused.js";

/** Why a file took too long to read, in the words check() and ReadPool use. */
export function tooSlow(limitMs: number): ImportRefused {
  return new ImportRefused(
    `reading it took longer than the ${limitMs / 1000}-second limit (QUIRE_IMPORT_TIME_LIMIT_MS)`,
  );
}

export class Deadline {
  private readonly endsAt: number;

  constructor(
    private readonly limitMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.endsAt = clock() + limitMs;
  }

  check(): void {
    if (this.clock() > this.endsAt) throw tooSlow(this.limitMs);
  }
}
