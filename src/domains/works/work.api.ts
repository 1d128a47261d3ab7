// JSON handlers for works and chapters (/api/v1/works…): the same services, validation and
// visibility rules as the pages.
import { z } from "zod";
import type { ApiRoute } from "../../http/api-route.js";
import type { Actor } from "../actor.js";
import type { Ctx } from "../context.js";
import * as chapters from "../chapters/chapter.service.js";
import { chapterPatchSchema, chapterSchema } from "../chapters/chapter.schema.js";
import { findUserByUsername } from "../users/user.service.js";
import {
  chapterResponse,
  presentChapter,
  presentWork,
  presentWorkBlurb,
  workListResponse,
  workResponse,
} from "./work.present.js";
import { findWorkForReading, listWorks, readChapter } from "./work.queries.js";
import * as works from "./work.service.js";
import { workPatchSchema, workSchema } from "./work.schema.js";

const workParams = z.object({ id: z.string().max(100) });
const chapterParams = z.object({ id: z.string().max(100), chapterId: z.string().max(100) });

async function workJson(ctx: Ctx, actor: Actor, id: string) {
  const reading = await findWorkForReading(ctx, actor, id);
  return presentWork(reading.detail, reading.chapters, ctx.config.publicUrl);
}

export const workApiRoutes: ApiRoute[] = [
  {
    method: "GET",
    url: "/api/v1/users/:username/works",
    summary: "A user's posted works, newest first (restricted works only for logged-in callers)",
    tag: "Works",
    access: "public",
    params: z.object({ username: z.string().max(200) }),
    response: workListResponse,
    handler: async (ctx, { actor, params, query }) => {
      const user = await findUserByUsername(ctx, params.username);
      const page = await listWorks(ctx, actor, { kind: "user", userId: user.id }, Number(query?.page ?? 1));
      return {
        works: page.works.map((d) => presentWorkBlurb(d, ctx.config.publicUrl)),
        total: page.total,
        page: page.page,
        pages: page.pages,
      };
    },
  },
  {
    method: "POST",
    url: "/api/v1/works",
    summary: "Post a work (or save it as a draft with draft: true)",
    tag: "Works",
    body: (config) => workSchema(config).extend({ draft: z.boolean().optional() }),
    status: 201,
    response: workResponse,
    handler: async (ctx, { actor, body }) => {
      const { draft, ...input } = body as { draft?: boolean };
      const work = await works.postWork(ctx, actor, input, draft ? "draft" : "post");
      return workJson(ctx, actor, work.id);
    },
  },
  {
    method: "GET",
    url: "/api/v1/works/:id",
    summary: "A work, with its chapters (without their text)",
    tag: "Works",
    access: "public",
    params: workParams,
    response: workResponse,
    handler: (ctx, { actor, params }) => workJson(ctx, actor, params.id),
  },
  {
    method: "PATCH",
    url: "/api/v1/works/:id",
    summary: "Edit a work's fields (those left out stay as they are); post: true posts a draft",
    tag: "Works",
    params: workParams,
    body: (config) => workPatchSchema(config).extend({ post: z.boolean().optional() }),
    response: workResponse,
    handler: async (ctx, { actor, params, body }) => {
      const { post, ...input } = body as { post?: boolean };
      await works.editWork(ctx, actor, params.id, input, { patch: true, post: post === true });
      return workJson(ctx, actor, params.id);
    },
  },
  {
    method: "DELETE",
    url: "/api/v1/works/:id",
    summary: "Delete a work and its chapters",
    tag: "Works",
    params: workParams,
    status: 204,
    handler: async (ctx, { actor, params }) => {
      await works.deleteWork(ctx, actor, params.id);
      return undefined;
    },
  },
  {
    method: "POST",
    url: "/api/v1/works/:id/chapters",
    summary: "Add a chapter at the end of a work (draft: true saves it as a draft)",
    tag: "Chapters",
    params: workParams,
    body: (config) => chapterSchema(config).extend({ draft: z.boolean().optional() }),
    status: 201,
    response: chapterResponse,
    handler: async (ctx, { actor, params, body }) => {
      const { draft, ...input } = body as { draft?: boolean };
      const chapter = await chapters.addChapter(ctx, actor, params.id, input, { draft: draft === true });
      return presentChapter(chapter, ctx.config.publicUrl);
    },
  },
  {
    method: "GET",
    url: "/api/v1/works/:id/chapters/:chapterId",
    summary: "One chapter, with its text",
    tag: "Chapters",
    access: "public",
    params: chapterParams,
    response: chapterResponse,
    handler: async (ctx, { actor, params }) => {
      const reading = await findWorkForReading(ctx, actor, params.id);
      return presentChapter(await readChapter(ctx, reading, params.chapterId), ctx.config.publicUrl);
    },
  },
  {
    method: "PATCH",
    url: "/api/v1/works/:id/chapters/:chapterId",
    summary: "Edit a chapter's fields; post: true posts a draft chapter",
    tag: "Chapters",
    params: chapterParams,
    body: (config) => chapterPatchSchema(config).extend({ post: z.boolean().optional() }),
    response: chapterResponse,
    handler: async (ctx, { actor, params, body }) => {
      const { post, ...input } = body as { post?: boolean };
      const chapter = await chapters.editChapter(ctx, actor, params.id, params.chapterId, input, {
        patch: true,
        post: post === true,
      });
      return presentChapter(chapter, ctx.config.publicUrl);
    },
  },
  {
    method: "DELETE",
    url: "/api/v1/works/:id/chapters/:chapterId",
    summary: "Delete a chapter (not the only one)",
    tag: "Chapters",
    params: chapterParams,
    status: 204,
    handler: async (ctx, { actor, params }) => {
      await chapters.deleteChapter(ctx, actor, params.id, params.chapterId);
      return undefined;
    },
  },
];
