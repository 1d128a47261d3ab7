// Page handlers for tags: a tag's page (/tags/:tag), the tag search (/tags/search) and the admins'
// wrangling forms, which post to /admin/tags/:tag/… and come back to the tag's page.
import type { FastifyReply, FastifyRequest } from "fastify";
import { h } from "preact";
import { redirectWithFlash } from "../../http/middleware/flash.js";
import { sendPage } from "../../http/render.js";
import { formBody, formValues, orFormAgain, type Handler } from "../../http/route.js";
import type { Actor } from "../actor.js";
import type { Ctx } from "../context.js";
import type { Tag } from "./tag.js";
import { findShownTag, readTagPage, searchTags } from "./tag.queries.js";
import { tagFromParam } from "./tag-name.js";
import { readTagSearch } from "./tag-search.js";
import { TagPage, TagSearchPage, tagPath, type WranglingFormState } from "./views/tag-pages.js";
import * as wrangling from "./wrangling.service.js";

function tagParam(request: FastifyRequest): string {
  return (request.params as { tag: string }).tag;
}

function isAdmin(actor: Actor): boolean {
  return actor.kind === "user" && actor.user.isAdmin;
}

async function renderTagPage(
  ctx: Ctx,
  request: FastifyRequest,
  reply: FastifyReply,
  wranglingState?: WranglingFormState,
  status = 200,
) {
  const data = await readTagPage(ctx, request.actor, tagParam(request));
  const state = isAdmin(request.actor) ? (wranglingState ?? { values: {}, errors: {} }) : undefined;
  return sendPage(request, reply, data.tag.name, h(TagPage, { data, wrangling: state }), status);
}

export const showTagPage: Handler = (ctx, request, reply) => renderTagPage(ctx, request, reply);

export const showTagSearch: Handler = async (ctx, request, reply) => {
  const input = readTagSearch(request.query as Record<string, unknown>, ctx.config.tagNameMax);
  const result = await searchTags(ctx, request.actor, input);
  return sendPage(request, reply, "Search tags", h(TagSearchPage, { input, result }));
};

/**
 * A wrangling form's handler: runs `action` on the tag of the path with the submitted values, then
 * back to the tag's page with `done` as the flash, or the page again (422) with what was typed.
 */
function wranglingAction(
  action: (ctx: Ctx, actor: Actor, tag: Tag, values: Record<string, string>) => Promise<string>,
): Handler {
  return async (ctx, request, reply) => {
    const values = formValues(formBody(request));
    const tag = await findShownTag(ctx, request.actor, tagFromParam(tagParam(request)));
    const message = await orFormAgain(
      () => action(ctx, request.actor, tag, values),
      (e, status) => renderTagPage(ctx, request, reply, { values, errors: e.fields }, status),
    );
    if (message === undefined) return reply;
    return redirectWithFlash(request, reply, tagPath(tag.name), message);
  };
}

export const setCanonical = wranglingAction(async (ctx, actor, tag, values) => {
  const canonical = values.canonical === "on";
  values.canonical = canonical ? "on" : "off";
  await wrangling.makeCanonical(ctx, actor, tag.id, canonical);
  return canonical ? `${tag.name} is canonical.` : `${tag.name} is no longer canonical.`;
});

export const makeSynonym = wranglingAction(async (ctx, actor, tag, values) => {
  const canonical = await wrangling.makeSynonym(ctx, actor, tag.id, values.synonym_of ?? "");
  return `${tag.name} is now a synonym of ${canonical.name}.`;
});

export const removeSynonym = wranglingAction(async (ctx, actor, tag) => {
  const canonical = await wrangling.removeSynonym(ctx, actor, tag.id);
  return `${tag.name} is no longer a synonym of ${canonical.name}.`;
});

export const addMetaTag = wranglingAction(async (ctx, actor, tag, values) => {
  const meta = await wrangling.addMetaTag(ctx, actor, tag.id, values.meta_tag ?? "");
  return `${meta.name} is now a meta tag of ${tag.name}.`;
});

export const removeMetaTag = wranglingAction(async (ctx, actor, tag, values) => {
  const meta = await wrangling.removeMetaTag(ctx, actor, tag.id, values.meta_tag ?? "");
  return `${meta.name} is no longer a meta tag of ${tag.name}.`;
});

export const addParent = wranglingAction(async (ctx, actor, tag, values) => {
  const parent = await wrangling.addParent(ctx, actor, tag.id, values.parent ?? "");
  return `${parent.name} is now a parent tag of ${tag.name}.`;
});

export const removeParent = wranglingAction(async (ctx, actor, tag, values) => {
  const parent = await wrangling.removeParent(ctx, actor, tag.id, values.parent ?? "");
  return `${parent.name} is no longer a parent tag of ${tag.name}.`;
});
