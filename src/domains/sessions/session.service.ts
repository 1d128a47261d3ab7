// Log-in sessions: the cookie holds a random token, the database its SHA-256 and expiry.
import { hashToken, newToken } from "../../lib/ids.js";
import { DAY, HOUR, MINUTE, addMs, nowIso } from "../../lib/time.js";
import type { Ctx } from "../context.js";
import { findUserRowById, userFromRow } from "../users/user.repo.js";
import type { User } from "../users/user.js";
import * as repo from "./session.repo.js";

export interface StartedSession {
  token: string;
  id: string;
  /** Cookie lifetime in seconds, or undefined for a browser-session cookie. */
  maxAgeSeconds: number | undefined;
}

function lifetimeMs(ctx: Ctx, remember: boolean): number {
  return remember ? ctx.config.rememberDays * DAY : ctx.config.sessionIdleHours * HOUR;
}

/** Starts a new session for `user` (a fresh id every log-in). */
export async function startSession(
  ctx: Ctx,
  user: User,
  remember: boolean,
  userAgent = "",
): Promise<StartedSession> {
  const token = newToken();
  const id = hashToken(token);
  const at = nowIso(ctx.now());
  await repo.insertSession(ctx.db, {
    id,
    user_id: user.id,
    remember: remember ? 1 : 0,
    created_at: at,
    last_seen_at: at,
    expires_at: addMs(at, lifetimeMs(ctx, remember)),
    user_agent: userAgent.slice(0, 500),
  });
  return { token, id, maxAgeSeconds: remember ? Math.floor(lifetimeMs(ctx, remember) / 1000) : undefined };
}

/** The user and session id behind a cookie token, or undefined when unknown or expired. */
export async function resumeSession(
  ctx: Ctx,
  token: string,
): Promise<{ user: User; sessionId: string; renewedMaxAgeSeconds?: number } | undefined> {
  const id = hashToken(token);
  const row = await repo.findSessionById(ctx.db, id);
  if (!row) return undefined;
  const now = nowIso(ctx.now());
  if (row.expires_at <= now) {
    await repo.deleteSession(ctx.db, id);
    return undefined;
  }
  const userRow = await findUserRowById(ctx.db, row.user_id);
  if (!userRow) return undefined;
  // Sliding expiry, written at most once a minute so that reading a page rarely writes.
  if (Date.parse(now) - Date.parse(row.last_seen_at) > MINUTE) {
    const lifetime = lifetimeMs(ctx, row.remember === 1);
    await repo.touchSession(ctx.db, id, now, addMs(now, lifetime));
    // A remembered session's cookie is renewed with it, so "remember me" lasts from the last visit.
    if (row.remember === 1)
      return { user: userFromRow(userRow), sessionId: id, renewedMaxAgeSeconds: Math.floor(lifetime / 1000) };
  }
  return { user: userFromRow(userRow), sessionId: id };
}

/** Ends one session (log out). */
export async function endSession(ctx: Ctx, sessionId: string): Promise<void> {
  await repo.deleteSession(ctx.db, sessionId);
}

/** Ends every other session of a user (after a password change or reset). */
export async function endOtherSessions(ctx: Ctx, userId: string, keepSessionId?: string): Promise<void> {
  await repo.deleteSessionsOfUser(ctx.db, userId, keepSessionId);
}

/** Removes expired sessions; run from time to time. */
export async function pruneSessions(ctx: Ctx): Promise<void> {
  await repo.deleteExpiredSessions(ctx.db, nowIso(ctx.now()));
}
