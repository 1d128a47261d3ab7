// JSON handlers for the current user's saved filters (/api/v1/me/filters). Same services as the pages.
import { z } from "zod";
import type { ApiRoute } from "../../http/api-route.js";
import { presentSavedFilter } from "./saved-filter.present.js";
import { savedFilterPatchSchema, savedFilterResponse, savedFilterSchema } from "./saved-filter.schema.js";
import * as savedFilters from "./saved-filter.service.js";

const idParams = z.object({ id: z.string().max(100) });

export const savedFilterApiRoutes: ApiRoute[] = [
  {
    method: "GET",
    url: "/api/v1/me/filters",
    summary: "The current user's saved filters, the default first",
    tag: "Saved filters",
    response: z.object({ filters: z.array(savedFilterResponse) }),
    handler: async (ctx, { actor }) => ({
      filters: (await savedFilters.listSavedFilters(ctx, actor)).map((f) =>
        presentSavedFilter(f, ctx.config.publicUrl),
      ),
    }),
  },
  {
    method: "POST",
    url: "/api/v1/me/filters",
    summary: "Save filters (a listing's query string) under a name; an existing name is replaced",
    tag: "Saved filters",
    body: savedFilterSchema,
    status: 201,
    response: savedFilterResponse.extend({ replaced: z.boolean() }),
    handler: async (ctx, { actor, body }) => {
      const { savedFilter, replaced } = await savedFilters.saveFilter(ctx, actor, body);
      return { ...presentSavedFilter(savedFilter, ctx.config.publicUrl), replaced };
    },
  },
  {
    method: "PATCH",
    url: "/api/v1/me/filters/:id",
    summary: "Rename a saved filter, change its filters, or make it the default or not",
    tag: "Saved filters",
    params: idParams,
    body: savedFilterPatchSchema,
    response: savedFilterResponse,
    handler: async (ctx, { actor, params, body }) =>
      presentSavedFilter(
        await savedFilters.editSavedFilter(ctx, actor, params.id, body),
        ctx.config.publicUrl,
      ),
  },
  {
    method: "DELETE",
    url: "/api/v1/me/filters/:id",
    summary: "Delete a saved filter",
    tag: "Saved filters",
    params: idParams,
    status: 204,
    handler: async (ctx, { actor, params }) => {
      await savedFilters.deleteSavedFilter(ctx, actor, params.id);
      return undefined;
    },
  },
];
