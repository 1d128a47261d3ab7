// Listing pages — all works, a language's, a user's, a pseud's, a series', a tag's — each with the
// filter sidebar (search/work-search.service.ts does the finding), a user's drafts, and the
// suggestions a tag field asks for while typing.
import type { FastifyReply, FastifyRequest } from "fastify";
import { h, type ComponentChildren } from "preact";
import { Forbidden, NotFound } from "../../lib/errors.js";
import { sendPage } from "../../http/render.js";
import type { Handler } from "../../http/route.js";
import { findShownTag } from "../tags/tag.queries.js";
import { suggestTags } from "../tags/tag.service.js";
import { tagFromParam, tagToParam } from "../tags/tag-name.js";
import { isTagType } from "../tags/tag-types.js";
import { findPseudOrFail } from "../users/pseud.service.js";
import { findUserByUsername } from "../users/user.service.js";
import type { Ctx } from "../context.js";
import { FilteredListing } from "../search/views/filtered-listing.js";
import { filterLimits, filterParams, isFiltered, parseWorkFilter } from "../search/work-filter.js";
import { filterOfQuery } from "../saved-filters/saved-filter.js";
import { defaultFilterOf } from "../saved-filters/saved-filter.service.js";
import { SaveFilterForm } from "../saved-filters/views/save-filter-form.js";
import type { BlockedTargets } from "../blocklist/blocklist.js";
import { blockedTargets } from "../blocklist/blocklist.service.js";
import { BlockButton, BlockedTargetsCtx } from "../blocklist/views/block-button.js";
import { findWorks, type ListingScope } from "../search/work-search.service.js";
import { showSeries } from "../series/series.service.js";
import { findTagById } from "../tags/tag.repo.js";
import { languageByCode } from "./languages.js";
import { listWorks } from "./work.queries.js";
import { WorkListing } from "./views/blurb.js";
import { pseudWorksPath, seriesPath, tagWorksPath, userWorksPath } from "./views/paths.js";

function pageOf(request: FastifyRequest): number {
  return Number((request.query as { page?: string }).page ?? 1) || 1;
}

function params(request: FastifyRequest) {
  return request.params as { username: string; pseud: string; tag: string };
}

/** Parameters that are not filters: a listing with only these gets the reader's default filter. */
const notFilters = new Set(["page", "default"]);

/**
 * Reads a listing's filters from the URL. A logged-in reader who opens a listing without filters
 * gets their default saved filter (and is told so); `default=none` turns it off for that visit.
 */
async function listingFilter(ctx: Ctx, request: FastifyRequest) {
  const query = request.query as Record<string, unknown>;
  const limits = filterLimits(ctx.config);
  const bare = Object.keys(query).every((k) => notFilters.has(k));
  if (bare && query.default !== "none" && request.actor.kind === "user") {
    const saved = await defaultFilterOf(ctx, request.actor.user.id);
    if (saved) {
      const page = parseWorkFilter({ page: query.page }, limits);
      const filter = { ...filterOfQuery(saved.query, limits), page: page.filter.page };
      return { filter, problems: page.problems, defaultFilter: saved.name };
    }
  }
  return { ...parseWorkFilter(query, limits), defaultFilter: null };
}

async function sendListing(
  ctx: Ctx,
  request: FastifyRequest,
  reply: FastifyReply,
  scope: ListingScope,
  page: {
    title: string;
    heading: string;
    path: string;
    empty: string;
    /** Controls under the heading; given what the reader has blocked when they need to know. */
    actions?: ComponentChildren | ((blocked: BlockedTargets) => ComponentChildren);
  },
) {
  const { filter, problems, defaultFilter } = await listingFilter(ctx, request);
  const result = await findWorks(ctx, request.actor, scope, filter, problems);
  if (defaultFilter) result.notes.unshift(`Your default filter “${defaultFilter}” is applied.`);
  // One query for the whole page: every blurb's Block buttons read it (see WorkBlurb).
  const blocked = await blockedTargets(ctx, request.actor);
  const body = h(FilteredListing, {
    heading: page.heading,
    path: page.path,
    result,
    filter,
    empty: page.empty,
    actions: typeof page.actions === "function" ? page.actions(blocked) : page.actions,
    hideLanguage: scope.kind === "language",
    defaultFilterOff: defaultFilter ? `${page.path}?default=none` : null,
    aside:
      isFiltered(filter) || filter.sort
        ? h(SaveFilterForm, { path: page.path, query: filterParams(filter).toString() })
        : null,
  });
  return sendPage(request, reply, page.title, h(BlockedTargetsCtx.Provider, { value: blocked }, body));
}

export const showAllWorks: Handler = (ctx, request, reply) =>
  sendListing(
    ctx,
    request,
    reply,
    { kind: "all" },
    {
      title: "Works",
      heading: "Works",
      path: "/works",
      empty: "No works yet.",
    },
  );

export const showLanguageWorks: Handler = (ctx, request, reply) => {
  const code = (request.params as { language: string }).language;
  const language = languageByCode(code);
  if (!language) throw new NotFound("We couldn't find that language.");
  return sendListing(
    ctx,
    request,
    reply,
    { kind: "language", language: language.code },
    {
      title: `Works in ${language.name}`,
      heading: `Works in ${language.name}`,
      path: `/languages/${encodeURIComponent(language.code)}/works`,
      empty: "No works in this language yet.",
    },
  );
};

export const showUserWorks: Handler = async (ctx, request, reply) => {
  const user = await findUserByUsername(ctx, params(request).username);
  const owner = request.actor.kind === "user" && request.actor.user.id === user.id;
  return sendListing(
    ctx,
    request,
    reply,
    { kind: "user", userId: user.id },
    {
      title: `Works by ${user.username}`,
      heading: `Works by ${user.username}`,
      path: userWorksPath(user.username),
      empty: "No works yet.",
      actions: owner
        ? h("p", { class: "listing-actions" }, [
            h("a", { class: "button", href: "/works/new" }, "Post new work"),
            " ",
            h("a", { href: `${userWorksPath(user.username)}/drafts` }, "Drafts"),
          ])
        : undefined,
    },
  );
};

export const showPseudWorks: Handler = async (ctx, request, reply) => {
  const user = await findUserByUsername(ctx, params(request).username);
  const pseud = await findPseudOrFail(ctx, user.id, params(request).pseud);
  const name = pseud.name === user.username ? user.username : `${pseud.name} (${user.username})`;
  return sendListing(
    ctx,
    request,
    reply,
    { kind: "pseud", pseudId: pseud.id },
    {
      title: `Works by ${name}`,
      heading: `Works by ${name}`,
      path: pseudWorksPath(user.username, pseud.name),
      empty: "No works yet.",
    },
  );
};

export const showSeriesWorks: Handler = async (ctx, request, reply) => {
  // The series page's own checks: not found, or log in when all its works are restricted.
  const { series } = await showSeries(ctx, request.actor, (request.params as { id: string }).id);
  return sendListing(
    ctx,
    request,
    reply,
    { kind: "series", seriesId: series.id },
    {
      title: `${series.title} - Works`,
      heading: `Works in ${series.title}`,
      path: `${seriesPath(series.id)}/works`,
      empty: "No works in this series that you can see.",
    },
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
  // A tag only drafts or restricted works use is not revealed to those who can't see them, not
  // even by where it would send them.
  const tag = await findShownTag(ctx, request.actor, tagFromParam(params(request).tag));
  // A synonym's works are its canonical tag's (as on AO3): go there, keeping the filters.
  const canonical = tag.mergerId ? await findTagById(ctx.db, tag.mergerId) : undefined;
  if (canonical) {
    const query = request.url.includes("?") ? request.url.slice(request.url.indexOf("?")) : "";
    return reply.redirect(`${tagWorksPath(canonical.name)}${query}`, 301);
  }
  return sendListing(
    ctx,
    request,
    reply,
    { kind: "tag", tag },
    {
      title: `${tag.name} - Works`,
      heading: `Works in ${tag.name}`,
      path: tagWorksPath(tag.name),
      empty: "No works with this tag yet.",
      actions: (blocked) =>
        h("div", { class: "listing-actions" }, [
          h("a", { href: `/tags/${tagToParam(tag.name)}` }, "About this tag"),
          " ",
          h(BlockButton, {
            kind: "tag",
            target: tag.name,
            // Back to this very listing: its filters, sort and page.
            returnTo: request.url,
            blockedId: blocked.tag.has(tag.id) ? tag.id : undefined,
          }),
        ]),
    },
  );
};

/** GET /tags/autocomplete?type=fandom&term=bat → [{ "name": "Batman" }, …] */
export const autocompleteTags: Handler = async (ctx, request, reply) => {
  const query = request.query as { type?: string; term?: string };
  const type = query.type ?? "";
  const term = (query.term ?? "").slice(0, 200);
  // "any": every kind of tag (the filter sidebar's and the blocklist's "other tags").
  const tags =
    isTagType(type) || type === "any"
      ? await suggestTags(ctx, request.actor, isTagType(type) ? type : null, term)
      : [];
  return reply
    .header("cache-control", "no-store")
    .send(tags.map((t) => ({ name: t.name, canonical: t.canonical })));
};
