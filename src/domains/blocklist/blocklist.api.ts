// JSON handlers for the current user's blocklist (/api/v1/me/blocklist). Same services as the pages.
import { z } from "zod";
import type { ApiRoute } from "../../http/api-route.js";
import { presentBlockedItem } from "./blocklist.present.js";
import { blockedItemResponse, blockSchema, unblockParams } from "./blocklist.schema.js";
import * as blocklist from "./blocklist.service.js";

export const blocklistApiRoutes: ApiRoute[] = [
  {
    method: "GET",
    url: "/api/v1/me/blocklist",
    summary: "The current user's blocklist: tags, creators (kind user) and works",
    tag: "Blocklist",
    response: z.object({
      entries: z.array(blockedItemResponse),
      count: z.number().int(),
      max: z.number().int(),
    }),
    handler: async (ctx, { actor }) => {
      const list = await blocklist.listBlocklist(ctx, actor);
      return {
        entries: [...list.tags, ...list.creators, ...list.works].map((i) =>
          presentBlockedItem(i, ctx.config.publicUrl),
        ),
        count: list.count,
        max: list.max,
      };
    },
  },
  {
    method: "POST",
    url: "/api/v1/me/blocklist",
    summary:
      "Block tags (kind tag, name: comma-separated names), a creator (kind user, name: username) or a work (kind work, work_id)",
    tag: "Blocklist",
    body: blockSchema,
    status: 201,
    response: z.object({ entries: z.array(blockedItemResponse.extend({ added: z.boolean() })) }),
    handler: async (ctx, { actor, body }) => ({
      entries: (await blocklist.addToBlocklist(ctx, actor, body)).map((r) => ({
        ...presentBlockedItem(r.item, ctx.config.publicUrl),
        added: r.added,
      })),
    }),
  },
  {
    method: "DELETE",
    url: "/api/v1/me/blocklist/:kind/:id",
    summary: "Take a tag, creator (kind user) or work off the blocklist",
    tag: "Blocklist",
    params: unblockParams,
    status: 204,
    handler: async (ctx, { actor, params }) => {
      await blocklist.unblock(ctx, actor, params.kind, params.id);
      return undefined;
    },
  },
];
