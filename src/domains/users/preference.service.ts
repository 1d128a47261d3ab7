// A reader's display preferences: skip the adult content notice, show whole works by default.
import { z } from "zod";
import { Unauthorized } from "../../lib/errors.js";
import { nowIso } from "../../lib/time.js";
import { parseInput } from "../../lib/validate.js";
import type { Actor } from "../actor.js";
import type { Ctx } from "../context.js";
import { flag } from "../works/work.schema.js";
import * as prefs from "./preference.repo.js";

export const preferencesSchema = z.strictObject({
  view_adult: flag.optional().default(false),
  view_full_works: flag.optional().default(false),
});

/** The actor's preferences (a guest gets the defaults). */
export function preferencesOf(ctx: Ctx, actor: Actor): Promise<prefs.Preferences> {
  if (actor.kind !== "user") return Promise.resolve(prefs.defaultPreferences);
  return prefs.findPreferences(ctx.db, actor.user.id);
}

export async function savePreferences(ctx: Ctx, actor: Actor, input: unknown): Promise<prefs.Preferences> {
  if (actor.kind !== "user") throw new Unauthorized();
  const data = parseInput(preferencesSchema, input);
  const p = { viewAdult: data.view_adult, viewFullWorks: data.view_full_works };
  await prefs.savePreferences(ctx.db, actor.user.id, p, nowIso(ctx.now()));
  return p;
}
