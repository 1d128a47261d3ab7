// Hits: a work's hit count goes up once per visitor per day, never for its own creators or for
// drafts. A visitor is a keyed hash of their account id or, for guests, their address: the
// database never holds an address in plain text, and yesterday's visits are forgotten.
import crypto from "node:crypto";
import { DAY, nowIso } from "../../lib/time.js";
import type { Actor } from "../actor.js";
import { touchWorks } from "../search/reindex.js";
import { inTransaction, type Ctx } from "../context.js";
import { findOrCreateSiteSecret } from "../site-secrets.repo.js";
import * as hits from "./hit.repo.js";
import type { WorkDetail } from "./work.js";
import * as works from "./work.repo.js";
import { isCreator } from "./work.visibility.js";

const secrets = new WeakMap<object, Promise<string>>();

function hitSecret(ctx: Ctx): Promise<string> {
  // One lookup per app (keyed on its configuration, which transactions share), not per hit.
  const key = ctx.config;
  let secret = secrets.get(key);
  if (!secret) {
    secret = findOrCreateSiteSecret(ctx.db, "hits");
    secrets.set(key, secret);
  }
  return secret;
}

/** Counts a visit to a posted work, unless the visitor is one of its creators or came already today. */
export async function recordHit(
  ctx: Ctx,
  actor: Actor,
  detail: WorkDetail,
  address: string,
): Promise<boolean> {
  if (!detail.work.posted || isCreator(actor, detail.creators)) return false;
  const day = nowIso(ctx.now()).slice(0, 10);
  const who = actor.kind === "user" ? `user:${actor.user.id}` : `ip:${address}`;
  const visitor = crypto
    .createHmac("sha256", await hitSecret(ctx))
    .update(`${day}|${who}`)
    .digest("base64url");
  return inTransaction(ctx, async (tx) => {
    if (!(await hits.insertHit(tx.db, detail.work.id, day, visitor))) return false;
    await works.addHit(tx.db, detail.work.id);
    await touchWorks(tx, [detail.work.doc]);
    return true;
  });
}

/** Forgets visits older than yesterday; run from time to time. */
export async function pruneHits(ctx: Ctx): Promise<void> {
  await hits.deleteHitsBefore(ctx.db, nowIso(new Date(ctx.now().getTime() - DAY)).slice(0, 10));
}
