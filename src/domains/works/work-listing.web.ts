// Listing pages: a user's works, a pseud's works, a user's drafts, a tag's works (newest first),
// and the suggestions a tag field asks for while typing.
import type { FastifyRequest } from "fastify";
import { h } from "preact";
import { Forbidden, NotFound } from "../../lib/errors.js";
import { sendPage } from "../../http/render.js";
import type { Handler } from "../../http/route.js";
import { findTagOrFail, suggestTags } from "../tags/tag.service.js";
import { tagFromParam } from "../tags/tag-name.js";
import { isTagType } from "../tags/tag-types.js";
import { tagAndSynonymIds } from "../tags/tag.repo.js";
import { findPseudOrFail } from "../users/pseud.service.js";
import { findUserByUsername } from "../users/user.service.js";
import { listWorks } from "./work.queries.js";
import { WorkListing } from "./views/blurb.js";
import { pseudWorksPath, tagWorksPath, userWorksPath } from "./views/paths.js";

function pageOf(request: FastifyRequest): number {
  return Number((request.query as { page?: string }).page ?? 1) || 1;
}

function params(request: FastifyRequest) {
  return request.params as { username: string; pseud: string; tag: string };
}

export const showUserWorks: Handler = async (ctx, request, reply) => {
  const user = await findUserByUsername(ctx, params(request).username);
  const listing = await listWorks(ctx, request.actor, { kind: "user", userId: user.id }, pageOf(request));
  const owner = request.actor.kind === "user" && request.actor.user.id === user.id;
  return sendPage(
    request,
    reply,
    `Works by ${user.username}`,
    h(WorkListing, {
      heading: `Works by ${user.username}`,
      listing,
      path: userWorksPath(user.username),
      empty: "No works yet.",
      actions: owner
        ? h("p", { class: "listing-actions" }, [
            h("a", { class: "button", href: "/works/new" }, "Post new work"),
            " ",
            h("a", { href: `${userWorksPath(user.username)}/drafts` }, "Drafts"),
          ])
        : undefined,
    }),
  );
};

export const showPseudWorks: Handler = async (ctx, request, reply) => {
  const user = await findUserByUsername(ctx, params(request).username);
  const pseud = await findPseudOrFail(ctx, user.id, params(request).pseud);
  const listing = await listWorks(ctx, request.actor, { kind: "pseud", pseudId: pseud.id }, pageOf(request));
  const name = pseud.name === user.username ? user.username : `${pseud.name} (${user.username})`;
  return sendPage(
    request,
    reply,
    `Works by ${name}`,
    h(WorkListing, {
      heading: `Works by ${name}`,
      listing,
      path: pseudWorksPath(user.username, pseud.name),
      empty: "No works yet.",
    }),
  );
};

export const showDrafts: Handler = async (ctx, request, reply) => {
  const user = await findUserByUsername(ctx, params(request).username);
  if (request.actor.kind !== "user" || request.actor.user.id !== user.id)
    throw new Forbidden("You can only see your own drafts.");
  const listing = await listWorks(ctx, request.actor, { kind: "drafts", userId: user.id }, pageOf(request));
  return sendPage(
    request,
    reply,
    "Drafts",
    h(WorkListing, {
      heading: "Your drafts",
      listing,
      path: `${userWorksPath(user.username)}/drafts`,
      empty: "You have no drafts. Drafts are works you saved without posting; only you can see them.",
    }),
  );
};

export const showTagWorks: Handler = async (ctx, request, reply) => {
  const tag = await findTagOrFail(ctx, tagFromParam(params(request).tag));
  const tagIds = await tagAndSynonymIds(ctx.db, tag.id);
  const listing = await listWorks(ctx, request.actor, { kind: "tags", tagIds }, pageOf(request));
  // A tag only drafts or restricted works use is not revealed to those who can't see them.
  if (listing.total === 0 && !tag.canonical) throw new NotFound("We couldn't find that tag.");
  return sendPage(
    request,
    reply,
    `${tag.name} - Works`,
    h(WorkListing, {
      heading: `Works in ${tag.name}`,
      listing,
      path: tagWorksPath(tag.name),
      empty: "No works with this tag yet.",
    }),
  );
};

/** GET /tags/autocomplete?type=fandom&term=bat → [{ "name": "Batman" }, …] */
export const autocompleteTags: Handler = async (ctx, request, reply) => {
  const query = request.query as { type?: string; term?: string };
  const type = query.type ?? "";
  const term = (query.term ?? "").slice(0, 200);
  const tags = isTagType(type) ? await suggestTags(ctx, request.actor, type, term) : [];
  return reply
    .header("cache-control", "no-store")
    .send(tags.map((t) => ({ name: t.name, canonical: t.canonical })));
};
