// Builds the web server: plugins, the request pipeline (actor → CSRF → handler), the route tables
// and the error pages. Nothing here listens; main.ts and the tests decide that.
import path from "node:path";
import { fileURLToPath } from "node:url";
import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import helmet from "@fastify/helmet";
import multipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { Config } from "../config/config.js";
import type { Db } from "../db/database.js";
import type { Ctx } from "../domains/context.js";
import { importLimits } from "../domains/import/import-limits.js";
import { ReadPool } from "../domains/import/read-pool.js";
import { WorkFinder } from "../domains/search/work-finder.js";
import { findOrCreateSiteSecret } from "../domains/site-secrets.repo.js";
import { warmUpPasswordHashing } from "../domains/users/password.js";
import { BadRequest, Forbidden } from "../lib/errors.js";
import { newToken } from "../lib/ids.js";
import { withoutNul } from "../lib/nul.js";
import type { Mailer } from "../mail/mailer.js";
import { embedOrigins } from "../content/embeds.js";
import { registerApiRoutes } from "./api-routes.js";
import { registerErrorHandlers } from "./errors.js";
import { issueCsrfToken, rotateCsrfToken, verifyCsrf } from "./middleware/csrf.js";
import { loadActor } from "./middleware/current-actor.js";
import { takeFlash } from "./middleware/flash.js";
import { setSiteName } from "./render.js";
import type { WebRoute } from "./route.js";
import { webRoutes } from "./web-routes.js";
import "./types.js";

const publicDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../public");

export interface AppDeps {
  config: Config;
  db: Db;
  mailer: Mailer;
  now?: () => Date;
  /** Pino logger options; tests pass false. */
  logger?: boolean | object;
}

/** Builds the Fastify app with every route; call `.listen()` or `.inject()` on it. */
export async function buildApp(deps: AppDeps): Promise<{ app: FastifyInstance; ctx: Ctx }> {
  const { config, db, mailer } = deps;
  const ctx: Ctx = {
    db: db.kysely,
    dialect: db.dialect,
    config,
    mailer,
    finder: new WorkFinder(),
    // Threads that read uploaded files, started at the first and stopped after a minute idle.
    reader: new ReadPool({
      limits: importLimits(config),
      fileNameTitle: true,
      size: config.importReaders,
      idleMs: 60_000,
    }),
    now: deps.now ?? (() => new Date()),
  };
  const csrfSecret = await findOrCreateSiteSecret(db.kysely, "csrf");
  // Made now, not at the first unknown log-in, so that one isn't slower than a wrong password.
  await warmUpPasswordHashing();
  setSiteName(config.siteName);

  const app = Fastify({
    logger: deps.logger ?? {
      level: config.logLevel,
      serializers: {
        // Reset links are credentials: keep their tokens out of the log.
        req: (req: { method: string; url: string }) => ({
          method: req.method,
          url: req.url.replace(/\/password\/reset\/[^/?#]+/, "/password/reset/[token]"),
        }),
      },
    },
    trustProxy: config.trustProxy,
    bodyLimit: config.requestBodyMaxBytes,
    genReqId: () => newToken(9),
    requestIdHeader: false,
    return503OnClosing: true,
    // Tag names and pseud names travel in paths, percent-encoded (a CJK tag of 150 characters is
    // 1,350 bytes); longer segments still get a proper 404 or 400 from the routes themselves.
    routerOptions: { maxParamLength: 2000 },
  });
  app.addHook("onClose", async () => ctx.reader?.close());

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: config.requestBodyMaxBytes });
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // Authors' images, podfic audio and video, and the allowlisted embedded players.
        imgSrc: ["'self'", "data:", "https:", "http:"],
        mediaSrc: ["'self'", "https:", "http:"],
        frameSrc: [...embedOrigins],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    strictTransportSecurity: config.publicUrl.startsWith("https:") ? undefined : false,
    crossOriginEmbedderPolicy: false,
    frameguard: { action: "deny" },
  });
  await app.register(fastifyStatic, { root: publicDir, prefix: "/assets/", maxAge: "1h", index: false });

  app.decorateRequest("actor", null as never);
  app.decorateRequest("csrfToken", "");
  app.decorateRequest("flash", undefined);
  app.decorateRequest("isApi", false);
  app.decorateRequest("secureCookies", false);
  app.decorateRequest("rotateCsrf", function rotateCsrf(this: FastifyRequest) {
    // Replaced per request in onRequest, where the reply is known.
    void this;
  });
  app.decorateRequest("verifyCsrf", function verify(this: FastifyRequest, field?: string) {
    verifyCsrf(this, csrfSecret, field);
  });

  // ORDER MATTERS: the actor must be known before CSRF (token requests are exempt) and before any
  // handler; CSRF must be checked after the body is parsed (the token may be a form field).
  app.addHook("onRequest", async (request, reply) => {
    // Stylesheets and health checks need no actor, cookie or database lookup.
    if (request.url.startsWith("/assets/") || request.url === "/healthz") return;
    request.isApi = request.url.startsWith("/api/");
    request.secureCookies = request.protocol === "https" || config.publicUrl.startsWith("https:");
    request.actor = { kind: "guest" };
    issueCsrfToken(request, reply, csrfSecret);
    request.rotateCsrf = () => rotateCsrfToken(request, reply, csrfSecret);
    if (!request.isApi) takeFlash(request, reply);
    await loadActor(ctx, request, reply);
  });
  app.addHook("preValidation", async (request) => {
    // NUL never means anything in text, and PostgreSQL refuses it: drop it from every input.
    if (request.url.includes("%00") || request.url.includes("\u0000"))
      throw new BadRequest("The address contains a character that isn't allowed.");
    request.body = withoutNul(request.body);
  });
  app.addHook("preHandler", async (request) => {
    // An upload form's token is its first field; uploadedParts checks it before reading any file.
    if (request.routeOptions.config.upload === true && request.isMultipart()) return;
    verifyCsrf(request, csrfSecret);
  });

  ctx.log = app.log;
  registerErrorHandlers(app);
  for (const route of webRoutes) {
    const upload = route.upload?.(config);
    if (!upload) {
      registerWebRoute(app, ctx, route);
      continue;
    }
    // Multipart bodies are parsed only in this scope: every other route still answers them 415.
    await app.register(async (scope) => {
      await scope.register(multipart, {
        limits: { fileSize: upload.fileSize, files: upload.files, fields: 20, fieldSize: 64 * 1024 },
        throwFileSizeLimit: false,
      });
      registerWebRoute(scope, ctx, route);
    });
  }
  registerApiRoutes(app, ctx);

  app.get("/healthz", async (_request, reply) => {
    const ok = await db.ping();
    return reply
      .status(ok ? 200 : 503)
      .send({ status: ok ? "ok" : "unavailable", database: ok ? "ok" : "unreachable" });
  });

  return { app, ctx };
}

function registerWebRoute(app: FastifyInstance, ctx: Ctx, route: WebRoute): void {
  app.route({
    method: route.method,
    url: route.url,
    config: { upload: route.upload !== undefined },
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      if (route.access !== "public" && request.actor.kind !== "user") {
        const back = request.method === "GET" ? request.url : "/";
        return reply.redirect(`/login?return_to=${encodeURIComponent(back)}`, 303);
      }
      if (route.access === "admin" && !(request.actor.kind === "user" && request.actor.user.isAdmin)) {
        throw new Forbidden("This part of the archive is for admins.");
      }
      return route.handler(ctx, request, reply);
    },
  });
}
