// CSRF protection by signed double-submit: a random HttpOnly cookie, and forms carry
// HMAC(site secret, cookie). A forger can neither read the cookie nor sign a value of their own.
// API requests authenticated by a token carry no ambient credentials and are exempt.
import crypto from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { Forbidden } from "../../lib/errors.js";
import { newToken, safeEqual } from "../../lib/ids.js";
import { cookieOptions } from "./cookies.js";

export const CSRF_COOKIE = "quire_csrf";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function sign(secret: string, value: string): string {
  return crypto.createHmac("sha256", secret).update(`csrf:${value}`).digest("base64url");
}

/** Gives the request a CSRF token, setting the cookie when the browser has none yet. */
export function issueCsrfToken(request: FastifyRequest, reply: FastifyReply, secret: string): void {
  let value = request.cookies[CSRF_COOKIE];
  if (!value || !/^[A-Za-z0-9_-]{43}$/.test(value)) {
    value = newToken(32);
    reply.setCookie(CSRF_COOKIE, value, cookieOptions(request));
    // A request without the cookie can't pass the check below; remember that for it.
    request.cookies[CSRF_COOKIE] = "";
  }
  request.csrfToken = sign(secret, value);
}

/** Starts a new CSRF cookie (at log-in and log-out), so a token seen before no longer works. */
export function rotateCsrfToken(request: FastifyRequest, reply: FastifyReply, secret: string): void {
  const value = newToken(32);
  reply.setCookie(CSRF_COOKIE, value, cookieOptions(request));
  request.csrfToken = sign(secret, value);
}

/**
 * Refuses an unsafe request whose token is missing or wrong (403, nothing changed). The token is
 * the X-CSRF-Token header or the _csrf form field; a multipart form read as a stream (file uploads)
 * passes the _csrf field as `field`, read before any file (see multipartForm in route.ts).
 */
export function verifyCsrf(request: FastifyRequest, secret: string, field?: string): void {
  if (!UNSAFE.has(request.method)) return;
  // A request authenticated by an API token carries no ambient credential a forger could borrow.
  if (request.isApi && request.actor.kind === "user" && request.actor.via === "token") return;
  const cookie = request.cookies[CSRF_COOKIE];
  const body = request.body as Record<string, unknown> | undefined;
  const sent =
    (request.headers["x-csrf-token"] as string | undefined) ??
    field ??
    (typeof body?._csrf === "string" ? body._csrf : "");
  if (!cookie || !sent || !safeEqual(sent, sign(secret, cookie))) {
    throw new Forbidden(
      "Your session expired or the form was sent from another site. Please go back, reload the page and try again.",
    );
  }
}
