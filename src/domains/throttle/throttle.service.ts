// Rate limits kept in the database, so that they hold across every web process of an archive.
import { TooManyRequests } from "../../lib/errors.js";
import { addMs, nowIso } from "../../lib/time.js";
import type { Ctx } from "../context.js";
import * as repo from "./throttle.repo.js";

export interface Limit {
  bucket: string;
  max: number;
  windowMs: number;
}

/** The 429 for `limit`, with the seconds until its oldest counted event leaves the window. */
function tooMany(limit: Limit, oldest: string | null, now: Date, message?: string): TooManyRequests {
  const freesAt = (oldest ? Date.parse(oldest) : now.getTime()) + limit.windowMs;
  return new TooManyRequests(Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000)), message);
}

/** Throws TooManyRequests (with seconds until a slot frees) when `subject` has used up `limit`. */
export async function checkLimit(ctx: Ctx, limit: Limit, subject: string, message?: string): Promise<void> {
  const now = ctx.now();
  const since = addMs(nowIso(now), -limit.windowMs);
  const { count, oldest } = await repo.countThrottleEventsSince(ctx.db, limit.bucket, subject, since);
  if (count < limit.max) return;
  throw tooMany(limit, oldest, now, message);
}

/**
 * Counts an attempt against `subject` first and then checks the limit, so that parallel requests
 * cannot all slip past a check made before slow work (argon2). Returns the event's id, which
 * `releaseAttempt` removes when the attempt turns out fine.
 */
export async function reserveAttempt(
  ctx: Ctx,
  limit: Limit,
  subject: string,
  message?: string,
): Promise<string> {
  const id = await repo.insertThrottleEvent(ctx.db, limit.bucket, subject, nowIso(ctx.now()));
  const now = ctx.now();
  const since = addMs(nowIso(now), -limit.windowMs);
  const { count, oldest } = await repo.countThrottleEventsSince(ctx.db, limit.bucket, subject, since);
  if (count <= limit.max) return id;
  throw tooMany(limit, oldest, now, message);
}

/** Takes back an attempt reserved with `reserveAttempt`. */
export async function releaseAttempt(ctx: Ctx, id: string): Promise<void> {
  await repo.deleteThrottleEventById(ctx.db, id);
}

/** Counts one event against `subject`. */
export async function countEvent(ctx: Ctx, limit: Limit, subject: string): Promise<void> {
  await repo.insertThrottleEvent(ctx.db, limit.bucket, subject, nowIso(ctx.now()));
}

/** Forgets `subject`'s events (after a successful log-in, say). */
export async function clearEvents(ctx: Ctx, limit: Limit, subject: string): Promise<void> {
  await repo.deleteThrottleEvents(ctx.db, limit.bucket, subject);
}

/** Removes events older than a day; run from time to time. */
export async function pruneThrottleEvents(ctx: Ctx): Promise<void> {
  await repo.deleteThrottleEventsBefore(ctx.db, addMs(nowIso(ctx.now()), -24 * 3600_000));
}
