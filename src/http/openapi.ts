// Builds the OpenAPI 3.1 document from the API route table and its zod schemas.
import { z } from "zod";
import type { Config } from "../config/config.js";
import type { ApiRoute } from "./api-route.js";

const problem = {
  type: "object",
  description: "An RFC 9457 problem document.",
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    instance: { type: "string" },
    request_id: { type: "string" },
    errors: {
      type: "array",
      items: {
        type: "object",
        properties: { field: { type: "string" }, message: { type: "string" } },
        required: ["field", "message"],
      },
    },
  },
  required: ["type", "title", "status", "detail"],
};

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return rest;
}

const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

/** The OpenAPI document for `routes`, with limits taken from `config`. */
export function buildOpenApiDocument(routes: ApiRoute[], config: Config): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z_]+)/g, "{$1}");
    const parameters = [...route.url.matchAll(/:([A-Za-z_]+)/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    const status = String(route.status ?? 200);
    const responses: Record<string, unknown> = {
      [status]: route.response
        ? {
            description: "Success",
            content: { "application/json": { schema: jsonSchema(route.response, "output") } },
          }
        : { description: "Success, no content" },
      ...(route.body ? { "400": problemResponse("Invalid input; errors[] names each field") } : {}),
      ...((route.access ?? "user") === "user"
        ? { "401": problemResponse("No, revoked or wrong token") }
        : {}),
      ...(parameters.length > 0 ? { "404": problemResponse("Not found, or not yours") } : {}),
    };
    (paths[path] ??= {})[route.method.toLowerCase()] = {
      summary: route.summary,
      tags: [route.tag],
      operationId: `${route.method.toLowerCase()}${path
        .replace(/[{}]/g, "")
        .replace(/\/(\w)/g, (_m, c: string) => c.toUpperCase())
        .replace(/\W/g, "")}`,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: jsonSchema(route.body(config), "input") } },
            },
          }
        : {}),
      ...((route.access ?? "user") === "user"
        ? { security: [{ bearerAuth: [] }, { sessionCookie: [] }] }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: `${config.siteName} API`,
      version: "1",
      description:
        "The JSON API of a Quire archive. Authenticate with a personal token from your account page: " +
        "'Authorization: Bearer <token>'. Browser sessions work too, with the X-CSRF-Token header on unsafe requests.",
    },
    servers: [{ url: config.publicUrl }],
    paths,
    components: {
      schemas: { Problem: problem },
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "A personal API token" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "quire_session" },
      },
    },
  };
}
