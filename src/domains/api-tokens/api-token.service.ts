// Personal API tokens: created on the account page or by `quire token create`, sent as
// "Authorization: Bearer <token>". Only a SHA-256 of a token is stored; it is shown once.
import { Forbidden, Invalid, NotFound } from "../../lib/errors.js";
import { hashToken, newId, newToken } from "../../lib/ids.js";
import { MINUTE, nowIso } from "../../lib/time.js";
import { parseInput } from "../../lib/validate.js";
import type { Actor } from "../actor.js";
import type { Ctx } from "../context.js";
import { findUserRowById, userFromRow } from "../users/user.repo.js";
import type { User } from "../users/user.js";
import * as repo from "./api-token.repo.js";
import { apiTokenSchema } from "./api-token.schema.js";

export const TOKEN_PREFIX = "quire_";

export interface ApiTokenSummary {
  id: string;
  name: string;
  hint: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function summary(row: repo.ApiTokenRow): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    hint: row.token_hint,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Creates a token for `user` and returns it in clear, the only time it is ever shown. */
export async function createApiToken(
  ctx: Ctx,
  user: User,
  input: unknown,
): Promise<{ token: string; summary: ApiTokenSummary }> {
  const { name } = parseInput(apiTokenSchema(ctx.config), input);
  if ((await repo.countLiveApiTokensByUser(ctx.db, user.id)) >= ctx.config.apiTokensPerUser) {
    throw new Invalid({
      name: `You can have at most ${ctx.config.apiTokensPerUser} tokens. Revoke one first.`,
    });
  }
  const token = TOKEN_PREFIX + newToken(32);
  const row: repo.ApiTokenRow = {
    id: newId(),
    user_id: user.id,
    name,
    token_hash: hashToken(token),
    token_hint: token.slice(-4),
    created_at: nowIso(ctx.now()),
    last_used_at: null,
    revoked_at: null,
  };
  await repo.insertApiToken(ctx.db, row);
  return { token, summary: summary(row) };
}

/** The actor's own tokens. */
export async function listApiTokens(ctx: Ctx, actor: Actor): Promise<ApiTokenSummary[]> {
  if (actor.kind !== "user") throw new Forbidden();
  return (await repo.listApiTokensByUser(ctx.db, actor.user.id)).map(summary);
}

/** Revokes one of the actor's tokens; another user's token id is simply not found. */
export async function revokeApiToken(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  if (actor.kind !== "user") throw new Forbidden();
  const changed = await repo.revokeApiToken(ctx.db, actor.user.id, id, nowIso(ctx.now()));
  if (changed === 0) throw new NotFound("We couldn't find that token.");
}

/** The user and token id behind a bearer token, or undefined for an unknown or revoked one. */
export async function authenticateApiToken(
  ctx: Ctx,
  token: string,
): Promise<{ user: User; tokenId: string } | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return undefined;
  const row = await repo.findLiveApiTokenByHash(ctx.db, hashToken(token));
  if (!row) return undefined;
  const userRow = await findUserRowById(ctx.db, row.user_id);
  if (!userRow) return undefined;
  const now = nowIso(ctx.now());
  if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > MINUTE) {
    await repo.touchApiToken(ctx.db, row.id, now);
  }
  return { user: userFromRow(userRow), tokenId: row.id };
}
