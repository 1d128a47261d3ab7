// A time limit the importer checks as it goes, so no input can keep it busy for long: every loop
// over lines, blocks or files calls check(), which throws ImportRefused once the time is up.
import { ImportRefused } from "./import-refused.js";

export class Deadline {
  private readonly endsAt: number;

  constructor(
    private readonly limitMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.endsAt = clock() + limitMs;
  }

  check(): void {
    if (this.clock() > this.endsAt) {
      throw new ImportRefused(
        `reading it took longer than the ${this.limitMs / 1000}-second limit (QUIRE_IMPORT_TIME_LIMIT_MS)`,
      );
    }
  }
}
