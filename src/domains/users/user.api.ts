// JSON handlers for the current user and their pseuds (/api/v1/me…). Same services as the pages.
import { z } from "zod";
import { NotFound } from "../../lib/errors.js";
import type { ApiRoute } from "../../http/api-route.js";
import type { Actor } from "../actor.js";
import * as pseuds from "./pseud.service.js";
import { findDefaultPseud } from "./pseud.repo.js";
import { pseudPatchSchema, pseudResponse, pseudSchema } from "./pseud.schema.js";
import { presentCurrentUser, presentPseud } from "./user.present.js";
import { userResponse } from "./user.schema.js";

function me(actor: Actor) {
  if (actor.kind !== "user") throw new NotFound();
  return actor.user;
}

const idParams = z.object({ id: z.string().max(100) });

export const userApiRoutes: ApiRoute[] = [
  {
    method: "GET",
    url: "/api/v1/me",
    summary: "The current user",
    tag: "Users",
    response: userResponse,
    handler: async (ctx, { actor }) => {
      const user = me(actor);
      return presentCurrentUser(user, await findDefaultPseud(ctx.db, user.id), ctx.config.publicUrl);
    },
  },
  {
    method: "GET",
    url: "/api/v1/me/pseuds",
    summary: "The current user's pseuds, the default first",
    tag: "Pseuds",
    response: z.object({ pseuds: z.array(pseudResponse) }),
    handler: async (ctx, { actor }) => {
      const user = me(actor);
      return {
        pseuds: (await pseuds.listPseuds(ctx, user.id)).map((p) =>
          presentPseud(user, p, ctx.config.publicUrl),
        ),
      };
    },
  },
  {
    method: "POST",
    url: "/api/v1/me/pseuds",
    summary: "Add a pseud",
    tag: "Pseuds",
    body: pseudSchema,
    status: 201,
    response: pseudResponse,
    handler: async (ctx, { actor, body }) =>
      presentPseud(me(actor), await pseuds.addPseud(ctx, actor, body), ctx.config.publicUrl),
  },
  {
    method: "GET",
    url: "/api/v1/me/pseuds/:id",
    summary: "One of the current user's pseuds",
    tag: "Pseuds",
    params: idParams,
    response: pseudResponse,
    handler: async (ctx, { actor, params }) =>
      presentPseud(
        me(actor),
        await pseuds.findOwnPseudById(ctx, actor, params.id, "edit"),
        ctx.config.publicUrl,
      ),
  },
  {
    method: "PATCH",
    url: "/api/v1/me/pseuds/:id",
    summary: "Rename or describe a pseud, or make it the default",
    tag: "Pseuds",
    params: idParams,
    body: pseudPatchSchema,
    response: pseudResponse,
    handler: async (ctx, { actor, params, body }) => {
      const pseud = await pseuds.findOwnPseudById(ctx, actor, params.id, "edit");
      return presentPseud(me(actor), await pseuds.editPseud(ctx, actor, pseud, body), ctx.config.publicUrl);
    },
  },
  {
    method: "DELETE",
    url: "/api/v1/me/pseuds/:id",
    summary: "Delete a pseud (not the last one, not the default)",
    tag: "Pseuds",
    params: idParams,
    status: 204,
    handler: async (ctx, { actor, params }) => {
      const pseud = await pseuds.findOwnPseudById(ctx, actor, params.id, "delete");
      await pseuds.deletePseud(ctx, actor, pseud);
      return undefined;
    },
  },
];
