// Maps every failure to a response in one place: a friendly page for browsers, an RFC 9457 problem
// document for /api/. Stack traces go to the log, never into a response.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { h } from "preact";
import { AppError, Invalid, TooManyRequests, type FieldErrors } from "../lib/errors.js";
import { sendPage } from "./render.js";
import { ErrorPage } from "./views/error-page.js";

const PROBLEM_BASE = "https://quire.invalid/problems/";

/** Sends an application/problem+json document. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  title: string,
  detail: string,
  fields?: FieldErrors,
) {
  const body: Record<string, unknown> = {
    type: status === 500 ? "about:blank" : `${PROBLEM_BASE}${title.toLowerCase().replace(/\s+/g, "-")}`,
    title,
    status,
    detail,
    instance: request.url.split("?")[0],
    request_id: request.id,
  };
  if (fields) body.errors = Object.entries(fields).map(([field, message]) => ({ field, message }));
  return reply.status(status).type("application/problem+json").send(body);
}

function describe(error: FastifyError | AppError | Error): {
  status: number;
  title: string;
  message: string;
} {
  if (error instanceof AppError) return { status: error.status, title: error.title, message: error.message };
  const status = (error as FastifyError).statusCode;
  if (status === 413)
    return { status, title: "Payload too large", message: "The request body is too large." };
  if (status === 415)
    return { status, title: "Unsupported media type", message: "Send JSON or an HTML form." };
  if (status && status >= 400 && status < 500) {
    // Fastify's own client errors (malformed JSON, bad content length): say so plainly.
    const message =
      (error as FastifyError).code === "FST_ERR_CTP_INVALID_JSON_BODY" || error instanceof SyntaxError
        ? "The request body is not valid JSON."
        : "The request could not be understood.";
    return { status, title: "Bad request", message };
  }
  return {
    status: 500,
    title: "Internal server error",
    message: "Something broke while handling your request. It has been logged.",
  };
}

export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    const { status, title, message } = describe(error);
    if (status >= 500) request.log.error({ err: error }, "request failed");
    else request.log.info({ status, code: (error as FastifyError).code }, message);
    if (error instanceof TooManyRequests) reply.header("retry-after", String(error.retryAfterSeconds));
    if (request.isApi ?? request.url.startsWith("/api/")) {
      if (status === 401) reply.header("www-authenticate", 'Bearer realm="quire"');
      return sendProblem(
        request,
        reply,
        status,
        title,
        message,
        error instanceof Invalid ? error.fields : undefined,
      );
    }
    return sendPage(
      request,
      reply,
      title,
      h(ErrorPage, { status, message, requestId: request.id, loginLink: status === 401 }),
      status,
    );
  });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/")) {
      return sendProblem(request, reply, 404, "Not found", "There is no such API endpoint or resource.");
    }
    return sendPage(
      request,
      reply,
      "Not found",
      h(ErrorPage, { status: 404, message: "We couldn't find that page." }),
      404,
    );
  });
}
