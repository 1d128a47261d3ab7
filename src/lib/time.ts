// Quire stores timestamps as ISO-8601 UTC text ("2026-11-21T10:00:00.000Z") on both databases;
// this module is where they are made and compared.

/** The current time as stored. A test may pass its own clock. */
export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}

/** `iso` moved by `ms` milliseconds. */
export function addMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
