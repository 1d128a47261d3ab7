// Who may see a work or a chapter. Pages, the API and every listing ask this module, so a page, a
// listing and a count never disagree: drafts are for their creators (and admins), restricted works
// for logged-in users only.
import type { ExpressionBuilder } from "kysely";
import type { Database } from "../../db/schema.js";
import type { Actor } from "../actor.js";
import type { ChapterSummary, Creator, Work } from "./work.js";

export function isCreator(actor: Actor, creators: readonly Creator[]): boolean {
  return actor.kind === "user" && creators.some((c) => c.userId === actor.user.id);
}

function isAdmin(actor: Actor): boolean {
  return actor.kind === "user" && actor.user.isAdmin;
}

/** "visible", "log-in" (a restricted work asked for by a guest) or "hidden" (treat as not found). */
export type WorkAccess = "visible" | "log-in" | "hidden";

export function workAccess(actor: Actor, work: Work, creators: readonly Creator[]): WorkAccess {
  if (isCreator(actor, creators) || isAdmin(actor)) return "visible";
  if (!work.posted || work.hiddenByAdmin) return "hidden";
  if (work.restricted && actor.kind !== "user") return "log-in";
  return "visible";
}

/** Whether the actor sees draft chapters too (creators and admins do). */
export function seesDrafts(actor: Actor, creators: readonly Creator[]): boolean {
  return isCreator(actor, creators) || isAdmin(actor);
}

/**
 * The chapters the actor may read, in order. Readers who don't see drafts get the posted chapters
 * numbered 1..n, so a draft in the middle neither leaves a gap nor reveals itself.
 */
export function visibleChapters<C extends ChapterSummary>(
  actor: Actor,
  creators: readonly Creator[],
  chapters: readonly C[],
): C[] {
  if (seesDrafts(actor, creators)) return [...chapters];
  return chapters.filter((c) => c.posted).map((c, i) => ({ ...c, position: i + 1 }));
}

/**
 * The SQL condition for works an actor may find in a listing: posted, not hidden by an admin, and
 * unrestricted for guests.
 */
export function listedWorks(actor: Actor) {
  return (eb: ExpressionBuilder<Database, "works">) =>
    actor.kind === "user"
      ? eb.and([eb("works.posted", "=", 1), eb("works.hidden_by_admin", "=", 0)])
      : eb.and([
          eb("works.posted", "=", 1),
          eb("works.hidden_by_admin", "=", 0),
          eb("works.restricted", "=", 0),
        ]);
}
