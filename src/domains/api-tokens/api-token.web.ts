// Page handlers for /account/tokens.
import type { FastifyReply, FastifyRequest } from "fastify";
import { h } from "preact";
import { redirectWithFlash } from "../../http/middleware/flash.js";
import { sendPage } from "../../http/render.js";
import { formBody, formValues, orFormAgain, type Handler } from "../../http/route.js";
import { NotFound } from "../../lib/errors.js";
import type { Ctx } from "../context.js";
import * as tokens from "./api-token.service.js";
import { ApiTokensPage } from "./views/api-tokens-page.js";

async function page(
  ctx: Ctx,
  request: FastifyRequest,
  reply: FastifyReply,
  extra: Parameters<typeof ApiTokensPage>[0] | object = {},
  status = 200,
) {
  const list = await tokens.listApiTokens(ctx, request.actor);
  return sendPage(
    request,
    reply,
    "API tokens",
    h(ApiTokensPage, { tokens: list, baseUrl: ctx.config.publicUrl, ...extra }),
    status,
  );
}

export const showApiTokensPage: Handler = (ctx, request, reply) => page(ctx, request, reply);

export const createApiToken: Handler = async (ctx, request, reply) => {
  if (request.actor.kind !== "user") throw new NotFound();
  const user = request.actor.user;
  const body = formBody(request);
  const created = await orFormAgain(
    () => tokens.createApiToken(ctx, user, body),
    (e) => page(ctx, request, reply, { values: formValues(body), errors: e.fields }, 422),
  );
  if (!created) return reply;
  // Shown in this response only (not after a redirect): the token must never sit in a cookie or URL.
  return page(ctx, request, reply, { created: { token: created.token, name: created.summary.name } }, 201);
};

export const revokeApiToken: Handler = async (ctx, request, reply) => {
  await tokens.revokeApiToken(ctx, request.actor, (request.params as { id: string }).id);
  return redirectWithFlash(request, reply, "/account/tokens", "The token was revoked.");
};
