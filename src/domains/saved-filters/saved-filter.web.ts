// Page handlers for /account/filters: the list, saving filters (from a listing's "Save these
// filters" or by hand), renaming, making default or not, deleting.
import type { FastifyReply, FastifyRequest } from "fastify";
import { h } from "preact";
import { redirectWithFlash } from "../../http/middleware/flash.js";
import { sendPage } from "../../http/render.js";
import { formBody, formValues, orFormAgain, safeReturnPath, type Handler } from "../../http/route.js";
import type { Ctx } from "../context.js";
import * as savedFilters from "./saved-filter.service.js";
import { describeFilter, filterOfQuery, savedFilterLimits } from "./saved-filter.js";
import { SavedFiltersPage, type RenameState } from "./views/saved-filters-page.js";

const TITLE = "Saved filters";

async function page(
  ctx: Ctx,
  request: FastifyRequest,
  reply: FastifyReply,
  extra: { values?: Record<string, string>; errors?: Record<string, string>; rename?: RenameState } = {},
  status = 200,
) {
  const limits = savedFilterLimits(ctx.config);
  const list = await savedFilters.listSavedFilters(ctx, request.actor);
  const filters = list.map((savedFilter) => ({
    savedFilter,
    description: describeFilter(filterOfQuery(savedFilter.query, limits)),
  }));
  return sendPage(
    request,
    reply,
    TITLE,
    h(SavedFiltersPage, { filters, max: ctx.config.savedFiltersMax, ...extra }),
    status,
  );
}

/** A ticked box ("on"), or "1"/"true", is true; "0"/"false"/"off" false; absent undefined. */
function flag(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  return value === "on" || value === "1" || value === "true";
}

/** `value` when it is a path on this site, else `fallback`. */
function returnPath(value: string | undefined, fallback: string): string {
  return value !== undefined && safeReturnPath(value) === value ? value : fallback;
}

function idParam(request: FastifyRequest): string {
  return (request.params as { id: string }).id;
}

export const showSavedFiltersPage: Handler = (ctx, request, reply) => page(ctx, request, reply);

export const createSavedFilter: Handler = async (ctx, request, reply) => {
  const values = formValues(formBody(request));
  const saved = await orFormAgain(
    () =>
      savedFilters.saveFilter(ctx, request.actor, {
        name: values.name ?? "",
        query: values.query ?? "",
        is_default: flag(values.is_default) ?? false,
      }),
    (e, status) => page(ctx, request, reply, { values, errors: e.fields }, status),
  );
  if (!saved) return reply;
  const { savedFilter, replaced } = saved;
  const message = replaced
    ? `Your saved filter “${savedFilter.name}” now has these filters (it already existed, so its old filters were replaced).`
    : `Saved these filters as “${savedFilter.name}”.`;
  const isDefault = savedFilter.isDefault ? " It is your default." : "";
  return redirectWithFlash(
    request,
    reply,
    returnPath(values.return_to, "/account/filters"),
    message + isDefault,
  );
};

export const updateSavedFilter: Handler = async (ctx, request, reply) => {
  const id = idParam(request);
  const values = formValues(formBody(request));
  const patch: Record<string, unknown> = {};
  if (values.name !== undefined) patch.name = values.name;
  if (values.query !== undefined) patch.query = values.query;
  if (values.is_default !== undefined) patch.is_default = flag(values.is_default);
  const before = await savedFilters.findOwnSavedFilter(ctx, request.actor, id);
  const updated = await orFormAgain(
    () => savedFilters.editSavedFilter(ctx, request.actor, id, patch),
    (e, status) => page(ctx, request, reply, { rename: { id, values, errors: e.fields } }, status),
  );
  if (!updated) return reply;
  const message =
    patch.is_default === true
      ? `“${updated.name}” is now your default filter.`
      : patch.is_default === false
        ? `“${updated.name}” is no longer your default filter.`
        : updated.name !== before.name
          ? `Renamed “${before.name}” to “${updated.name}”.`
          : `Saved “${updated.name}”.`;
  return redirectWithFlash(request, reply, "/account/filters", message);
};

export const deleteSavedFilter: Handler = async (ctx, request, reply) => {
  const deleted = await savedFilters.deleteSavedFilter(ctx, request.actor, idParam(request));
  return redirectWithFlash(request, reply, "/account/filters", `Deleted the saved filter “${deleted.name}”.`);
};
