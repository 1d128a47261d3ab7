// Use cases about pseuds: add, rename/describe, make default, delete.
import { Forbidden, Invalid, NotFound, isUniqueViolation } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { nowIso } from "../../lib/time.js";
import { parseInput } from "../../lib/validate.js";
import { requireUser, type Actor } from "../actor.js";
import { inTransaction, type Ctx } from "../context.js";
import { pseudNameKey, type Pseud } from "./pseud.js";
import { canManagePseud, type PseudAction } from "./pseud.policy.js";
import * as pseuds from "./pseud.repo.js";
import { reindexWorks } from "../search/reindex.js";
import { moveCredits, workIdsOfPseud } from "../works/work.repo.js";
import { moveSeriesCredits } from "../series/series.repo.js";
import { pseudPatchSchema, pseudSchema } from "./pseud.schema.js";

export const messages = {
  nameTaken: "You already have a pseud with that name.",
  tooMany: (n: number) => `You can have at most ${n} pseuds.`,
  lastPseud: "You can't delete your only pseud.",
  defaultPseud: "You can't delete your default pseud. Make another pseud the default first.",
};

/** The pseud named `name` of user `userId`, or NotFound. */
export async function findPseudOrFail(ctx: Ctx, userId: string, name: string): Promise<Pseud> {
  const pseud = await pseuds.findPseudByName(ctx.db, userId, pseudNameKey(name));
  if (!pseud) throw new NotFound("We couldn't find that pseud.");
  return pseud;
}

/** The pseud with id `id` if the actor may manage it; NotFound otherwise (ids are not guessable names). */
export async function findOwnPseudById(
  ctx: Ctx,
  actor: Actor,
  id: string,
  action: PseudAction,
): Promise<Pseud> {
  const pseud = await pseuds.findPseudById(ctx.db, id);
  if (!pseud || !canManagePseud(actor, action, pseud)) throw new NotFound("We couldn't find that pseud.");
  return pseud;
}

function requireManage(actor: Actor, action: PseudAction, pseud: Pseud): void {
  if (!canManagePseud(actor, action, pseud)) throw new Forbidden("You can only change your own pseuds.");
}

/** Adds a pseud to the actor's account. */
export async function addPseud(ctx: Ctx, actor: Actor, input: unknown): Promise<Pseud> {
  const user = requireUser(actor, "Please log in to manage pseuds.");
  const data = parseInput(pseudSchema(ctx.config), input);
  return inTransaction(ctx, async (tx) => {
    if ((await pseuds.countPseudsByUser(tx.db, user.id)) >= ctx.config.pseudsPerUser) {
      throw new Invalid({ name: messages.tooMany(ctx.config.pseudsPerUser) });
    }
    if (await pseuds.findPseudByName(tx.db, user.id, pseudNameKey(data.name))) {
      throw new Invalid({ name: messages.nameTaken });
    }
    const at = nowIso(tx.now());
    const row = {
      id: newId(),
      user_id: user.id,
      name: data.name,
      name_key: pseudNameKey(data.name),
      description: data.description,
      is_default: 0,
      created_at: at,
      updated_at: at,
    };
    try {
      await pseuds.insertPseud(tx.db, row);
    } catch (err) {
      if (isUniqueViolation(err)) throw new Invalid({ name: messages.nameTaken });
      throw err;
    }
    return pseuds.pseudFromRow(row);
  });
}

/** Renames or re-describes a pseud, and makes it the default when asked (API). */
export async function editPseud(ctx: Ctx, actor: Actor, pseud: Pseud, input: unknown): Promise<Pseud> {
  requireManage(actor, "edit", pseud);
  const data = parseInput(pseudPatchSchema(ctx.config), input);
  return inTransaction(ctx, async (tx) => {
    const at = nowIso(tx.now());
    const changes: Parameters<typeof pseuds.updatePseud>[2] = { updated_at: at };
    if (data.name !== undefined && data.name !== pseud.name) {
      const key = pseudNameKey(data.name);
      const clash = await pseuds.findPseudByName(tx.db, pseud.userId, key);
      if (clash && clash.id !== pseud.id) throw new Invalid({ name: messages.nameTaken });
      changes.name = data.name;
      changes.name_key = key;
    }
    if (data.description !== undefined) changes.description = data.description;
    try {
      await pseuds.updatePseud(tx.db, pseud.id, changes);
    } catch (err) {
      if (isUniqueViolation(err)) throw new Invalid({ name: messages.nameTaken });
      throw err;
    }
    if (data.is_default) await setDefault(tx, pseud);
    // Search reads creators' names, and the Creator sort too.
    if (changes.name !== undefined) await reindexWorks(tx, await workIdsOfPseud(tx.db, pseud.id));
    return (await pseuds.findPseudById(tx.db, pseud.id))!;
  });
}

async function setDefault(tx: Ctx, pseud: Pseud): Promise<void> {
  const at = nowIso(tx.now());
  await pseuds.clearDefaultPseud(tx.db, pseud.userId, at);
  // If the pseud vanished meanwhile, throwing rolls the cleared default back.
  if ((await pseuds.markDefaultPseud(tx.db, pseud.id, at)) !== 1)
    throw new NotFound("We couldn't find that pseud.");
}

/** Makes `pseud` the account's default pseud (the one new works are credited to). */
export async function makeDefaultPseud(ctx: Ctx, actor: Actor, pseud: Pseud): Promise<void> {
  requireManage(actor, "makeDefault", pseud);
  await inTransaction(ctx, (tx) => setDefault(tx, pseud));
}

/** Deletes a pseud; never the last one, and never the default while it is default. */
export async function deletePseud(ctx: Ctx, actor: Actor, pseud: Pseud): Promise<void> {
  requireManage(actor, "delete", pseud);
  await inTransaction(ctx, async (tx) => {
    const current = await pseuds.findPseudById(tx.db, pseud.id);
    if (!current) throw new NotFound("We couldn't find that pseud.");
    if ((await pseuds.countPseudsByUser(tx.db, pseud.userId)) <= 1)
      throw new Invalid({ pseud: messages.lastPseud });
    if (current.isDefault) throw new Invalid({ pseud: messages.defaultPseud });
    // Its works and series stay credited to the account, under the default pseud (as on AO3).
    const fallback = await pseuds.findDefaultPseud(tx.db, pseud.userId);
    if (fallback) {
      const credited = await workIdsOfPseud(tx.db, pseud.id);
      await moveCredits(tx.db, pseud.id, fallback.id);
      await reindexWorks(tx, credited);
      await moveSeriesCredits(tx.db, pseud.id, fallback.id);
    }
    if ((await pseuds.deleteNonDefaultPseud(tx.db, pseud.id)) !== 1)
      throw new Invalid({ pseud: messages.defaultPseud });
  });
}

/** A user's pseuds, default first. */
export function listPseuds(ctx: Ctx, userId: string): Promise<Pseud[]> {
  return pseuds.listPseudsByUser(ctx.db, userId);
}
