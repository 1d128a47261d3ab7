// Use cases about saved filters: save the current filters under a name, list them, rename or
// change one, make one the default (at most one per account), delete one.
import type { z } from "zod";
import { Invalid, NotFound, isUniqueViolation, type FieldErrors } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { nowIso } from "../../lib/time.js";
import { fieldErrorsOf } from "../../lib/validate.js";
import { requireUser, type Actor } from "../actor.js";
import { inTransaction, type Ctx } from "../context.js";
import { canManageSavedFilter } from "./saved-filter.policy.js";
import * as repo from "./saved-filter.repo.js";
import { savedFilterPatchSchema, savedFilterSchema } from "./saved-filter.schema.js";
import {
  normaliseFilterQuery,
  savedFilterLimits,
  savedFilterNameKey,
  type SavedFilter,
} from "./saved-filter.js";

export const messages = {
  logIn: "Please log in to save filters.",
  notFound: "We couldn't find that saved filter.",
  nameTaken: "You already have a saved filter with that name.",
  nothingToSave: "There are no filters to save: choose some filters or a sort first.",
  tooMany: (n: number) => `You can keep at most ${n} saved filters. Delete one first.`,
  raced: "A filter with that name was saved at the same moment. Please try again.",
};

export interface SaveResult {
  savedFilter: SavedFilter;
  /** A filter of that name existed, and its filters were replaced. */
  replaced: boolean;
}

/**
 * Parses the input with `schema` and normalises its query (when it has one): Invalid names every
 * field at fault at once, an empty stored query ("nothing to save") included.
 */
function parseWithQuery<S extends z.ZodType<{ query?: string | undefined }>>(
  ctx: Ctx,
  schema: S,
  input: unknown,
): { data: z.output<S>; query: string | undefined } {
  const result = schema.safeParse(input);
  const fields: FieldErrors = result.success ? {} : fieldErrorsOf(result.error);
  const raw = (input as { query?: unknown } | null)?.query;
  let query: string | undefined;
  if (typeof raw === "string" && fields.query === undefined) {
    query = normaliseFilterQuery(raw, savedFilterLimits(ctx.config));
    if (!query) fields.query = messages.nothingToSave;
  }
  if (!result.success || Object.keys(fields).length > 0) throw new Invalid(fields);
  return { data: result.data, query };
}

/** The actor's saved filter `id`; NotFound for anyone else's (ids are not guessable names). */
export async function findOwnSavedFilter(ctx: Ctx, actor: Actor, id: string): Promise<SavedFilter> {
  requireUser(actor, messages.logIn);
  // An id with control characters (a NUL, which PostgreSQL refuses) or far too long is no id.
  if (!/^[^\p{Cc}]{1,100}$/u.test(id)) throw new NotFound(messages.notFound);
  const found = await repo.findSavedFilterById(ctx.db, id);
  if (!found || !canManageSavedFilter(actor, found)) throw new NotFound(messages.notFound);
  return found;
}

/** The actor's saved filters, the default first, then by name. */
export async function listSavedFilters(ctx: Ctx, actor: Actor): Promise<SavedFilter[]> {
  const user = requireUser(actor, messages.logIn);
  return repo.listSavedFiltersByUser(ctx.db, user.id);
}

/** The saved filter user `userId` applies to listings opened without filters, if any. */
export function defaultFilterOf(ctx: Ctx, userId: string): Promise<SavedFilter | undefined> {
  return repo.findDefaultSavedFilter(ctx.db, userId);
}

/** Before making a filter the default: the user's filters are locked first, so nothing deadlocks. */
async function lockForDefault(tx: Ctx, userId: string): Promise<void> {
  if (tx.dialect === "postgres") await repo.lockSavedFiltersOf(tx.db, userId);
}

async function setDefault(tx: Ctx, savedFilter: SavedFilter, at: string): Promise<void> {
  await repo.clearDefaultSavedFilter(tx.db, savedFilter.userId, at);
  // If the filter vanished meanwhile, throwing rolls the cleared default back.
  if ((await repo.updateSavedFilter(tx.db, savedFilter.id, { is_default: 1, updated_at: at })) !== 1)
    throw new NotFound(messages.notFound);
}

/**
 * Saves filters under a name. A name the actor already uses (in any case) is replaced: its filters
 * become these, and the result says so. With is_default, it becomes the actor's only default; without,
 * a replaced filter keeps its default or not.
 */
export async function saveFilter(ctx: Ctx, actor: Actor, input: unknown): Promise<SaveResult> {
  const user = requireUser(actor, messages.logIn);
  const { data, query = "" } = parseWithQuery(ctx, savedFilterSchema(), input);
  const nameKey = savedFilterNameKey(data.name);
  return inTransaction(ctx, async (tx) => {
    if (data.is_default) await lockForDefault(tx, user.id);
    const at = nowIso(tx.now());
    const existing = await repo.findSavedFilterByName(tx.db, user.id, nameKey);
    let id: string;
    if (existing) {
      id = existing.id;
      await repo.updateSavedFilter(tx.db, id, { name: data.name, query, updated_at: at });
    } else {
      if ((await repo.countSavedFiltersByUser(tx.db, user.id)) >= ctx.config.savedFiltersMax)
        throw new Invalid({ name: messages.tooMany(ctx.config.savedFiltersMax) });
      id = newId();
      try {
        await repo.insertSavedFilter(tx.db, {
          id,
          user_id: user.id,
          name: data.name,
          name_key: nameKey,
          query,
          is_default: 0,
          created_at: at,
          updated_at: at,
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new Invalid({ name: messages.raced });
        throw err;
      }
    }
    const saved = (await repo.findSavedFilterById(tx.db, id))!;
    if (data.is_default && !saved.isDefault) await setDefault(tx, saved, at);
    return { savedFilter: (await repo.findSavedFilterById(tx.db, id))!, replaced: existing !== undefined };
  });
}

/** Renames a saved filter, changes its filters, or makes it the default or not. */
export async function editSavedFilter(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: unknown,
): Promise<SavedFilter> {
  const current = await findOwnSavedFilter(ctx, actor, id);
  const { data, query } = parseWithQuery(ctx, savedFilterPatchSchema(), input);
  return inTransaction(ctx, async (tx) => {
    if (data.is_default) await lockForDefault(tx, current.userId);
    const at = nowIso(tx.now());
    const changes: Parameters<typeof repo.updateSavedFilter>[2] = { updated_at: at };
    if (data.name !== undefined && data.name !== current.name) {
      const key = savedFilterNameKey(data.name);
      const clash = await repo.findSavedFilterByName(tx.db, current.userId, key);
      if (clash && clash.id !== current.id) throw new Invalid({ name: messages.nameTaken });
      changes.name = data.name;
      changes.name_key = key;
    }
    if (query !== undefined) changes.query = query;
    if (data.is_default === false) changes.is_default = 0;
    let changed: number;
    try {
      changed = await repo.updateSavedFilter(tx.db, current.id, changes);
    } catch (err) {
      if (isUniqueViolation(err)) throw new Invalid({ name: messages.nameTaken });
      throw err;
    }
    if (changed !== 1) throw new NotFound(messages.notFound);
    if (data.is_default === true) await setDefault(tx, current, at);
    return (await repo.findSavedFilterById(tx.db, current.id))!;
  });
}

/** Deletes one of the actor's saved filters (a deleted default leaves no default). */
export async function deleteSavedFilter(ctx: Ctx, actor: Actor, id: string): Promise<SavedFilter> {
  const current = await findOwnSavedFilter(ctx, actor, id);
  if ((await repo.deleteSavedFilter(ctx.db, current.id)) !== 1) throw new NotFound(messages.notFound);
  return current;
}
