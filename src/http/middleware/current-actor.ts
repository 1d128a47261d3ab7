// Works out who is asking: an API token (Authorization: Bearer), else the session cookie, else a guest.
import type { FastifyReply, FastifyRequest } from "fastify";
import { guest } from "../../domains/actor.js";
import { authenticateApiToken } from "../../domains/api-tokens/api-token.service.js";
import type { Ctx } from "../../domains/context.js";
import { resumeSession, startSession } from "../../domains/sessions/session.service.js";
import type { User } from "../../domains/users/user.js";
import { Unauthorized } from "../../lib/errors.js";
import { cookieOptions } from "./cookies.js";

export const SESSION_COOKIE = "quire_session";

/** Sets request.actor; a bad bearer token is a 401, never a silent fall-back to the cookie. */
export async function loadActor(ctx: Ctx, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  request.actor = guest;
  // API tokens are for /api/ only: a leaked token must not drive the account pages, and a
  // non-Bearer Authorization header (basic auth in front of a site) is none of our business.
  const authorization = request.headers.authorization;
  if (request.isApi && authorization !== undefined && /^Bearer\s/i.test(authorization)) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const found = match ? await authenticateApiToken(ctx, match[1]!) : undefined;
    if (!found) throw new Unauthorized("The API token is missing, revoked or wrong.");
    request.actor = { kind: "user", user: found.user, via: "token", tokenId: found.tokenId };
    return;
  }
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return;
  const resumed = await resumeSession(ctx, token);
  if (!resumed) {
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return;
  }
  request.actor = { kind: "user", user: resumed.user, via: "session", sessionId: resumed.sessionId };
  if (resumed.renewedMaxAgeSeconds)
    reply.setCookie(SESSION_COOKIE, token, cookieOptions(request, resumed.renewedMaxAgeSeconds));
}

/** Logs `user` in on this browser with a brand-new session id (never reusing one from before log-in). */
export async function logInBrowser(
  ctx: Ctx,
  request: FastifyRequest,
  reply: FastifyReply,
  user: User,
  remember: boolean,
) {
  const session = await startSession(ctx, user, remember, request.headers["user-agent"] ?? "");
  reply.setCookie(SESSION_COOKIE, session.token, cookieOptions(request, session.maxAgeSeconds));
  request.actor = { kind: "user", user, via: "session", sessionId: session.id };
  request.rotateCsrf();
}
