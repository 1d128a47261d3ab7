// A one-time message carried across a redirect in a short cookie ("Your pseud was added.").
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Flash } from "../types.js";
import { cookieOptions } from "./cookies.js";

const FLASH_COOKIE = "quire_flash";

/** Reads and clears the flash message, if any. */
export function takeFlash(request: FastifyRequest, reply: FastifyReply): void {
  const raw = request.cookies[FLASH_COOKIE];
  request.flash = undefined;
  if (!raw) return;
  reply.clearCookie(FLASH_COOKIE, { path: "/" });
  try {
    const parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Flash;
    if ((parsed.kind === "notice" || parsed.kind === "error") && typeof parsed.message === "string") {
      request.flash = { kind: parsed.kind, message: parsed.message.slice(0, 500) };
    }
  } catch {
    // A mangled flash cookie is just dropped.
  }
}

/** Redirects (303, POST-redirect-GET) with a message for the next page. */
export function redirectWithFlash(
  request: FastifyRequest,
  reply: FastifyReply,
  url: string,
  message: string,
  kind: Flash["kind"] = "notice",
) {
  reply.setCookie(
    FLASH_COOKIE,
    Buffer.from(JSON.stringify({ kind, message })).toString("base64url"),
    cookieOptions(request, 60),
  );
  return reply.redirect(url, 303);
}
