// The shape of a JSON API route. The same entry registers the route, validates its input and
// describes it in the OpenAPI document, so the document cannot drift from the code.
import type { z } from "zod";
import type { Config } from "../config/config.js";
import type { Actor } from "../domains/actor.js";
import type { Ctx } from "../domains/context.js";

export interface ApiInput {
  actor: Actor;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  params: any;
  query?: Record<string, string | undefined>;
}

export interface ApiRoute {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  url: string;
  summary: string;
  tag: string;
  /** "user" (the default): a token or session is required; "public": anyone. */
  access?: "public" | "user";
  params?: z.ZodType;
  /** The request body's schema, built from the running configuration's limits. */
  body?: (config: Config) => z.ZodType;
  response?: z.ZodType;
  status?: number;
  handler(ctx: Ctx, input: ApiInput): Promise<unknown>;
}
