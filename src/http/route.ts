// The shape of an entry in the web route table. Every route states who may reach it, so a missing
// decision is a type error rather than an open door.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Ctx } from "../domains/context.js";
import { Invalid, TooManyRequests } from "../lib/errors.js";

/** public: anyone; user: logged in (guests are sent to log in); admin: admins only. */
export type Access = "public" | "user" | "admin";

export type Handler = (ctx: Ctx, request: FastifyRequest, reply: FastifyReply) => Promise<unknown> | unknown;

export interface WebRoute {
  method: "GET" | "POST";
  url: string;
  access: Access;
  handler: Handler;
}

/** The submitted form as strings, without the CSRF token and the fields named in `omit` (passwords). */
export function formValues(body: unknown, omit: string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  if (!body || typeof body !== "object") return values;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key === "_csrf" || omit.includes(key)) continue;
    if (typeof value === "string") values[key] = value;
  }
  return values;
}

/** The request's form body as a plain object (an empty form is {}). */
export function formBody(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body && typeof body === "object" ? (body as Record<string, unknown>) : {};
}

/** A path inside this site to return to after log-in, or "/" for anything else. */
export function safeReturnPath(value: unknown): string {
  // Printable ASCII only: a tab or newline after "/" would let a browser read "//host".
  return typeof value === "string" && value.length <= 2000 && /^\/(?![/\\])[\x21-\x7E]*$/.test(value)
    ? value
    : "/";
}

/**
 * Runs `action`; on Invalid, calls `again` (which re-renders the form, 422) and answers undefined.
 * With `keepOnLimit`, a rate limit (429) also shows the form again, its message at the top, so a
 * long text typed into it is not lost; `again` gets the status to send.
 */
export async function orFormAgain<T>(
  action: () => Promise<T>,
  again: (e: Invalid, status: number) => unknown,
  options: { keepOnLimit?: boolean } = {},
): Promise<T | undefined> {
  try {
    return await action();
  } catch (err) {
    if (err instanceof Invalid) {
      await again(err, 422);
      return undefined;
    }
    if (options.keepOnLimit && err instanceof TooManyRequests) {
      await again(new Invalid({ "": err.message }, err.message), 429);
      return undefined;
    }
    throw err;
  }
}
