// The shape of an entry in the web route table. Every route states who may reach it, so a missing
// decision is a type error rather than an open door.
import type { FastifyReply, FastifyRequest } from "fastify";
import type {} from "@fastify/multipart";
import type { Config } from "../config/config.js";
import type { Ctx } from "../domains/context.js";
import { AppError, BadRequest, Invalid, TooManyRequests } from "../lib/errors.js";

/** public: anyone; user: logged in (guests are sent to log in); admin: admins only. */
export type Access = "public" | "user" | "admin";

export type Handler = (ctx: Ctx, request: FastifyRequest, reply: FastifyReply) => Promise<unknown> | unknown;

export interface WebRoute {
  method: "GET" | "POST";
  url: string;
  access: Access;
  handler: Handler;
  /**
   * A form with files (multipart/form-data), with the limits on its files. Only such a route
   * accepts multipart bodies; its handler reads them with `uploadedParts`, which checks the CSRF
   * token before any file.
   */
  upload?: (config: Config) => UploadLimits;
}

/** The largest file an upload form accepts, in bytes, and how many files one upload may hold. */
export interface UploadLimits {
  fileSize: number;
  files: number;
}

export type UploadPart =
  | { type: "field"; name: string; value: string }
  /** `truncated`: the file was over the route's fileSize, and `bytes` holds only its beginning. */
  | { type: "file"; name: string; fileName: string; bytes: Buffer; truncated: boolean }
  /** More files were sent than the route's `files`; the rest of the form is not read. */
  | { type: "too-many-files" };

/**
 * The fields and files of an upload form, in the order sent. The form's first field must be its
 * CSRF token (`Form` puts `_csrf` first; the X-CSRF-Token header also does): a request without a
 * valid one is refused (403) before any file is read. Each file is read whole into memory, up to
 * the route's fileSize. A request that is not multipart yields nothing (its token was checked with
 * the body, as for any form).
 */
export async function* uploadedParts(request: FastifyRequest): AsyncGenerator<UploadPart> {
  if (!request.isMultipart()) return;
  let checked = request.headers["x-csrf-token"] !== undefined;
  if (checked) request.verifyCsrf();
  try {
    for await (const part of request.parts()) {
      if (!checked) {
        request.verifyCsrf(part.type === "field" && part.fieldname === "_csrf" ? String(part.value) : "");
        checked = true;
        continue;
      }
      if (part.type === "field") {
        yield { type: "field", name: part.fieldname, value: String(part.value).replaceAll("\u0000", "") };
      } else {
        const bytes = await part.toBuffer();
        const fileName = part.filename.replaceAll("\u0000", "");
        yield { type: "file", name: part.fieldname, fileName, bytes, truncated: part.file.truncated };
      }
    }
  } catch (err) {
    if ((err as { code?: string }).code === "FST_FILES_LIMIT") {
      yield { type: "too-many-files" };
    } else if (err instanceof AppError || (err as { statusCode?: number }).statusCode !== undefined) {
      throw err; // the CSRF check, or a limit the multipart parser reports with its status
    } else {
      // Busboy's own errors: a body cut short, a missing boundary.
      throw new BadRequest("The upload could not be read: it was cut short or is not a proper form.");
    }
  }
  if (!checked) request.verifyCsrf("");
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
