// Use cases about a reader's blocklist: block a tag, a creator or a work, unblock, and list it
// with names to show. Listings apply it (search/work-search.service.ts, through blockedNumbers).
import { Invalid, NotFound } from "../../lib/errors.js";
import { nowIso } from "../../lib/time.js";
import { parseInput } from "../../lib/validate.js";
import { requireUser, type Actor } from "../actor.js";
import { inTransaction, type Ctx } from "../context.js";
import type { Tag } from "../tags/tag.js";
import { splitTagList, tagNameKey } from "../tags/tag-name.js";
import { findTagByKey, findTagsByIds, isUsedOnListedWork, tagAndSynonymIds } from "../tags/tag.repo.js";
import { findUserRowByUsernameKey } from "../users/user.repo.js";
import { usernameKey } from "../users/user.js";
import type { User } from "../users/user.js";
import { creatorsOfWorks, findWorkById, findWorksByIds } from "../works/work.repo.js";
import { isCreator, workAccess } from "../works/work.visibility.js";
import * as repo from "./blocklist-entry.repo.js";
import { blockSchema } from "./blocklist.schema.js";
import {
  isBlockKind,
  noBlockedTargets,
  workIdFrom,
  type BlockKind,
  type BlockedItem,
  type BlockedTargets,
  type Blocklist,
} from "./blocklist.js";

export const messages = {
  logIn: "Please log in to use a blocklist.",
  enterTag: "Enter the name of a tag to block.",
  enterCreator: "Enter the username of a creator to block.",
  enterWork: "Enter the address or id of a work to block.",
  unknownTags: (names: string[]) =>
    names.length === 1
      ? `We couldn't find a tag called “${names[0]}”.`
      : `We couldn't find tags called ${names.map((n) => `“${n}”`).join(", ")}.`,
  unknownCreator: (name: string) => `We couldn't find a creator with the username “${name}”.`,
  unknownWork: (id: string) => `We couldn't find a work with the address or id “${id}”.`,
  self: "You can't block yourself.",
  ownWork: "You can't block your own work.",
  tooMany: (n: number) =>
    `Your blocklist can hold at most ${n.toLocaleString("en")} tags, creators and works together. Remove some first.`,
  kind: "Choose what to block: tag, user (a creator) or work.",
  notOnList: "That isn't on your blocklist.",
};

export interface BlockResult {
  item: BlockedItem;
  /** false: it was on the blocklist already. */
  added: boolean;
}

/** The form field each kind's name or id comes in. */
function fieldOf(kind: BlockKind): "name" | "work_id" {
  return kind === "work" ? "work_id" : "name";
}

/** Adds one entry unless it is there already; counts against blocklistMax. */
async function addEntry(
  ctx: Ctx,
  user: User,
  kind: BlockKind,
  targetId: string,
): Promise<{ added: boolean; at: string }> {
  return inTransaction(ctx, async (tx) => {
    const existing = await repo.findBlocklistEntry(tx.db, user.id, kind, targetId);
    if (existing) return { added: false, at: existing.created_at };
    if ((await repo.countBlocklistEntries(tx.db, user.id)) >= ctx.config.blocklistMax)
      throw new Invalid({ [fieldOf(kind)]: messages.tooMany(ctx.config.blocklistMax) });
    const at = nowIso(tx.now());
    await repo.insertBlocklistEntry(tx.db, { user_id: user.id, kind, target_id: targetId, created_at: at });
    return { added: true, at };
  });
}

/**
 * The tag called `name` (as typed, or tidied as a relationship), if the actor may know of it: a
 * canonical tag, or one on a work they can find (a tag only drafts use stays private).
 */
async function findBlockableTag(ctx: Ctx, actor: Actor, name: string): Promise<Tag | undefined> {
  const tag =
    (await findTagByKey(ctx.db, tagNameKey(name))) ??
    (await findTagByKey(ctx.db, tagNameKey(name, "relationship")));
  if (!tag) return undefined;
  if (tag.canonical || (await isUsedOnListedWork(ctx.db, actor, await tagAndSynonymIds(ctx.db, tag.id))))
    return tag;
  return undefined;
}

async function tagItem(ctx: Ctx, tag: Tag, at: string): Promise<BlockedItem> {
  const canonical = tag.mergerId
    ? (await findTagsByIds(ctx.db, [tag.mergerId])).get(tag.mergerId)
    : undefined;
  return { kind: "tag", targetId: tag.id, name: tag.name, synonymOf: canonical?.name ?? null, createdAt: at };
}

/** What was typed, without control characters (PostgreSQL can't compare a NUL). */
function clean(input: string): string {
  return input.replace(/\p{Cc}/gu, " ");
}

/** Names in a field that takes several, comma-separated, without repeats. */
function namesIn(input: string): string[] {
  return splitTagList(clean(input));
}

/** Blocks tags by name (a synonym is stored as itself; listings hide its canonical tag's works). */
async function blockTags(ctx: Ctx, actor: Actor, input: string): Promise<BlockResult[]> {
  const user = requireUser(actor, messages.logIn);
  const names = namesIn(input);
  if (names.length === 0) throw new Invalid({ name: messages.enterTag });
  const found: Tag[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const tag = await findBlockableTag(ctx, actor, name);
    if (tag) found.push(tag);
    else unknown.push(name);
  }
  if (unknown.length > 0) throw new Invalid({ name: messages.unknownTags(unknown) });
  return inTransaction(ctx, async (tx) => {
    const results: BlockResult[] = [];
    for (const tag of found) {
      const { added, at } = await addEntry(tx, user, "tag", tag.id);
      results.push({ item: await tagItem(tx, tag, at), added });
    }
    return results;
  });
}

/** Blocks the tag called `tagName`: works with it (or its synonyms, or its sub tags) are hidden. */
export async function blockTag(ctx: Ctx, actor: Actor, tagName: string): Promise<BlockResult> {
  const names = namesIn(tagName);
  if (names.length > 1) throw new Invalid({ name: messages.unknownTags([clean(tagName).trim()]) });
  return (await blockTags(ctx, actor, tagName))[0]!;
}

/** Blocks the creator with `username`: all their works are hidden. Not oneself. */
export async function blockCreator(ctx: Ctx, actor: Actor, username: string): Promise<BlockResult> {
  const user = requireUser(actor, messages.logIn);
  const name = clean(username).replace(/^[\s,@]+|(?<![\s,])[\s,]+$/g, "");
  if (!name) throw new Invalid({ name: messages.enterCreator });
  const row = await findUserRowByUsernameKey(ctx.db, usernameKey(name));
  if (!row) throw new Invalid({ name: messages.unknownCreator(name) });
  if (row.id === user.id) throw new Invalid({ name: messages.self });
  const { added, at } = await addEntry(ctx, user, "user", row.id);
  return {
    item: { kind: "user", targetId: row.id, name: row.username, synonymOf: null, createdAt: at },
    added,
  };
}

/** Blocks one work, by id or address. Not one's own, and not one the actor can't see. */
export async function blockWork(ctx: Ctx, actor: Actor, workId: string): Promise<BlockResult> {
  const user = requireUser(actor, messages.logIn);
  const id = workIdFrom(clean(workId));
  if (!id) throw new Invalid({ work_id: messages.enterWork });
  const work = id.length <= 100 ? await findWorkById(ctx.db, id) : undefined;
  const creators = work ? ((await creatorsOfWorks(ctx.db, [work.id])).get(work.id) ?? []) : [];
  // Someone else's draft reads as not found, as everywhere.
  if (!work || workAccess(actor, work, creators) === "hidden")
    throw new Invalid({ work_id: messages.unknownWork(clean(workId).trim().slice(0, 200)) });
  if (isCreator(actor, creators)) throw new Invalid({ work_id: messages.ownWork });
  const { added, at } = await addEntry(ctx, user, "work", work.id);
  return {
    item: { kind: "work", targetId: work.id, name: work.title, synonymOf: null, createdAt: at },
    added,
  };
}

/**
 * Adds to the blocklist from a form or the API: kind "tag" with `name` (several tags may be
 * comma-separated; all are added or none), "user" with a username in `name`, "work" with `work_id`.
 */
export async function addToBlocklist(ctx: Ctx, actor: Actor, input: unknown): Promise<BlockResult[]> {
  requireUser(actor, messages.logIn);
  const data = parseInput(blockSchema(), input);
  switch (data.kind) {
    case "tag":
      return blockTags(ctx, actor, data.name ?? "");
    case "user":
      return [await blockCreator(ctx, actor, data.name ?? "")];
    case "work":
      return [await blockWork(ctx, actor, data.work_id ?? "")];
  }
}

/** The entries of `user`'s blocklist with what to show for each; works the actor can't see are nameless. */
async function describe(ctx: Ctx, actor: Actor, user: User): Promise<BlockedItem[]> {
  const rows = await repo.blocklistOf(ctx.db, user.id);
  const ids = (kind: BlockKind) => rows.filter((r) => r.kind === kind).map((r) => r.target_id);
  const tags = await findTagsByIds(ctx.db, ids("tag"));
  const canonical = await findTagsByIds(
    ctx.db,
    [...tags.values()].flatMap((t) => (t.mergerId ? [t.mergerId] : [])),
  );
  const usernames = await repo.blockedCreatorNames(ctx.db, user.id);
  const works = await findWorksByIds(ctx.db, ids("work"));
  const creators = await creatorsOfWorks(
    ctx.db,
    works.map((w) => w.id),
  );
  const titles = new Map(
    works
      .filter((w) => workAccess(actor, w, creators.get(w.id) ?? []) === "visible")
      .map((w) => [w.id, w.title]),
  );
  return rows.flatMap((row): BlockedItem[] => {
    if (!isBlockKind(row.kind)) return [];
    const base = { kind: row.kind, targetId: row.target_id, synonymOf: null, createdAt: row.created_at };
    if (row.kind === "tag") {
      const tag = tags.get(row.target_id);
      const merger = tag?.mergerId ? canonical.get(tag.mergerId) : undefined;
      return [{ ...base, name: tag?.name ?? null, synonymOf: merger?.name ?? null }];
    }
    if (row.kind === "user") return [{ ...base, name: usernames.get(row.target_id) ?? null }];
    return [{ ...base, name: titles.get(row.target_id) ?? null }];
  });
}

function byName(a: BlockedItem, b: BlockedItem): number {
  const x = (a.name ?? "\uffff").toLowerCase();
  const y = (b.name ?? "\uffff").toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The actor's blocklist: tags and creators by name, works in the order they were blocked. */
export async function listBlocklist(ctx: Ctx, actor: Actor): Promise<Blocklist> {
  const user = requireUser(actor, messages.logIn);
  const items = await describe(ctx, actor, user);
  return {
    tags: items.filter((i) => i.kind === "tag").sort(byName),
    creators: items.filter((i) => i.kind === "user").sort(byName),
    works: items.filter((i) => i.kind === "work"),
    count: items.length,
    max: ctx.config.blocklistMax,
  };
}

/**
 * The ids on the actor's blocklist by kind, in one query (nothing for a guest): what a page with
 * "Block …" buttons needs to show "Blocked" instead, however many buttons it has.
 */
export async function blockedTargets(ctx: Ctx, actor: Actor): Promise<BlockedTargets> {
  if (actor.kind !== "user") return noBlockedTargets;
  const targets = { tag: new Set<string>(), user: new Set<string>(), work: new Set<string>() };
  for (const row of await repo.blocklistOf(ctx.db, actor.user.id))
    if (isBlockKind(row.kind)) targets[row.kind].add(row.target_id);
  return targets;
}

/** Takes a tag, creator or work off the actor's blocklist; NotFound when it isn't on it. */
export async function unblock(ctx: Ctx, actor: Actor, kind: string, targetId: string): Promise<BlockedItem> {
  const user = requireUser(actor, messages.logIn);
  if (!isBlockKind(kind)) throw new Invalid({ kind: messages.kind });
  if (!/^[^\p{Cc}]{1,100}$/u.test(targetId)) throw new NotFound(messages.notOnList);
  const item = (await describe(ctx, actor, user)).find((i) => i.kind === kind && i.targetId === targetId);
  if (!item || (await repo.deleteBlocklistEntry(ctx.db, user.id, kind, targetId)) !== 1)
    throw new NotFound(messages.notOnList);
  return item;
}
