// What the admin area reads. Callers reach it only through admin routes (route table access "admin").
import { Forbidden } from "../../lib/errors.js";
import type { Actor } from "../actor.js";
import type { Ctx } from "../context.js";
import { countUsers, listUserRows, userFromRow } from "../users/user.repo.js";
import type { User } from "../users/user.js";

function requireAdmin(actor: Actor): void {
  if (!(actor.kind === "user" && actor.user.isAdmin))
    throw new Forbidden("This part of the archive is for admins.");
}

export async function adminOverview(ctx: Ctx, actor: Actor): Promise<{ userCount: number }> {
  requireAdmin(actor);
  return { userCount: await countUsers(ctx.db) };
}

export async function listNewestUsers(ctx: Ctx, actor: Actor, limit = 100): Promise<User[]> {
  requireAdmin(actor);
  return (await listUserRows(ctx.db, limit)).map(userFromRow);
}
