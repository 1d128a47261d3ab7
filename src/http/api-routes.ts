// Every JSON route under /api/v1 in one list, registered with the same input checks, and the
// OpenAPI document generated from that list at /api/v1/openapi.json.
import type { FastifyInstance } from "fastify";
import { blocklistApiRoutes } from "../domains/blocklist/blocklist.api.js";
import { savedFilterApiRoutes } from "../domains/saved-filters/saved-filter.api.js";
import { workSearchApiRoutes } from "../domains/search/work-search.api.js";
import { tagApiRoutes } from "../domains/tags/tag.api.js";
import { userApiRoutes } from "../domains/users/user.api.js";
import { workApiRoutes } from "../domains/works/work.api.js";
import type { Ctx } from "../domains/context.js";
import { Unauthorized } from "../lib/errors.js";
import { parseInput } from "../lib/validate.js";
import type { ApiRoute } from "./api-route.js";
import { buildOpenApiDocument } from "./openapi.js";

export const apiRoutes: ApiRoute[] = [
  ...userApiRoutes,
  ...savedFilterApiRoutes,
  ...blocklistApiRoutes,
  ...workSearchApiRoutes,
  ...workApiRoutes,
  ...tagApiRoutes,
];

export function registerApiRoutes(app: FastifyInstance, ctx: Ctx): void {
  const document = buildOpenApiDocument(apiRoutes, ctx.config);
  app.get("/api/v1/openapi.json", async (_request, reply) => reply.type("application/json").send(document));

  for (const route of apiRoutes) {
    app.route({
      method: route.method,
      url: route.url,
      // Before the CSRF check (a preHandler), so a guest hears 401, not a CSRF 403.
      preValidation: async (request) => {
        if ((route.access ?? "user") === "user" && request.actor.kind !== "user") {
          throw new Unauthorized("Send a personal API token as 'Authorization: Bearer <token>'.");
        }
      },
      handler: async (request, reply) => {
        const params = route.params ? parseInput(route.params, request.params) : request.params;
        const body = route.body ? parseInput(route.body(ctx.config), request.body ?? {}) : undefined;
        const query = request.query as Record<string, string | undefined>;
        const result = await route.handler(ctx, { actor: request.actor, params, body, query });
        reply.header("cache-control", "no-store");
        if (route.status === 204 || result === undefined) return reply.status(204).send();
        return reply.status(route.status ?? 200).send(result);
      },
    });
  }
}
