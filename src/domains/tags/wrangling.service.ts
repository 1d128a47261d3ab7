// Tag wrangling, for admins: making tags canonical, merging synonyms into canonical tags, meta/sub
// tags (within one type) and parents across types (a character's fandoms), as on AO3
// (ao3-inventory.md §2.3). Each use case runs in one transaction and brings the filter sets of every
// work it reaches up to date (reindexWorks) before committing.
import { Forbidden, Invalid, NotFound } from "../../lib/errors.js";
import { nowIso } from "../../lib/time.js";
import { requireUser, type Actor } from "../actor.js";
import { inTransaction, type Ctx } from "../context.js";
import { reindexWorks } from "../search/reindex.js";
import * as metas from "./meta-tagging.repo.js";
import type { Tag } from "./tag.js";
import { splitTagList, tagNameKey } from "./tag-name.js";
import * as parents from "./tag-parent.repo.js";
import { tagTypeLabels, userDefinedTagTypes, type TagType } from "./tag-types.js";
import * as tags from "./tag.repo.js";
import { parentTypesOf, type WranglingField } from "./wrangling.js";

const one = (type: TagType) => tagTypeLabels[type].one;

/** How messages name a kind of tag. */
const kindOf: Record<TagType, string> = {
  rating: "a rating",
  archive_warning: "an archive warning",
  category: "a category",
  fandom: "a fandom tag",
  relationship: "a relationship tag",
  character: "a character tag",
  freeform: "an additional tag",
};

export const messages = {
  logIn: "Log in as an admin to wrangle tags.",
  adminsOnly: "Only admins can wrangle tags.",
  noSuchTag: "We couldn't find that tag.",
  fixed: (t: Tag) =>
    `“${t.name}” is ${kindOf[t.type]}. Ratings, warnings and categories are fixed and can't be wrangled.`,
  blankName: "Enter the name of a tag.",
  oneName: "Enter one tag name only.",
  unknownName: (name: string) => `There is no tag called “${name}”.`,
  wrongType: (name: string, found: TagType, wanted: readonly TagType[]) =>
    `“${name}” is ${kindOf[found]}; this needs ${wanted.map((type) => kindOf[type]).join(" or ")}.`,
  synonymCantBeCanonical: (t: Tag, merger: string) =>
    `“${t.name}” is a synonym of “${merger}”, and a synonym can't be canonical. Remove the synonym first.`,
  stillWrangled: (t: Tag, what: string[]) =>
    `“${t.name}” still has ${what.join(", ")}. Remove them before making it not canonical.`,
  canonicalCantBeSynonym: (t: Tag) =>
    `“${t.name}” is canonical, so it can't become a synonym. Make it not canonical first.`,
  hasSynonyms: (t: Tag) => `“${t.name}” has synonyms of its own, so it can't become a synonym.`,
  selfSynonym: "A tag can't be a synonym of itself.",
  notCanonical: (t: Tag, role: string) => `“${t.name}” isn't canonical; only a canonical tag can be ${role}.`,
  notSynonym: (t: Tag) => `“${t.name}” isn't a synonym of any tag.`,
  subNotCanonical: (t: Tag) => `Only canonical tags have meta tags; make “${t.name}” canonical first.`,
  selfMeta: "A tag can't be its own meta tag.",
  alreadyMeta: (meta: Tag, sub: Tag) => `“${meta.name}” is already a meta tag of “${sub.name}”.`,
  metaLoop: (meta: Tag, sub: Tag) =>
    `“${meta.name}” is a sub tag of “${sub.name}”, so it can't be its meta tag too (that would make a loop).`,
  notMeta: (meta: Tag, sub: Tag) => `“${meta.name}” isn't a meta tag of “${sub.name}”.`,
  noParents: (t: Tag) =>
    `${tagTypeLabels[t.type].many} have no parent tags here (AO3's media tags aren't part of this archive).`,
  synonymParent: (t: Tag, merger: string) =>
    `“${t.name}” is a synonym of “${merger}”; add parent tags to “${merger}” instead.`,
  alreadyParent: (parent: Tag, child: Tag) => `“${parent.name}” is already a parent tag of “${child.name}”.`,
  notParent: (parent: Tag, child: Tag) => `“${parent.name}” isn't a parent tag of “${child.name}”.`,
};

function requireAdmin(actor: Actor): void {
  if (!requireUser(actor, messages.logIn).isAdmin) throw new Forbidden(messages.adminsOnly);
}

async function loadTag(tx: Ctx, id: string, field: WranglingField): Promise<Tag> {
  const tag = await tags.findTagById(tx.db, id);
  if (!tag) throw new NotFound(messages.noSuchTag);
  if (!userDefinedTagTypes.includes(tag.type)) throw new Invalid({ [field]: messages.fixed(tag) });
  return tag;
}

async function nameOf(tx: Ctx, id: string): Promise<string> {
  return (await tags.findTagById(tx.db, id))?.name ?? "another tag";
}

/**
 * The tag of one of `types` called `input` (a single name as typed; a trailing comma left by the
 * autocomplete is fine). A name used by several types has a tag "Name - Type" for all but the
 * first, as resolveTags makes them, so that spelling is tried too.
 */
async function findNamedTag(
  tx: Ctx,
  input: string,
  types: readonly TagType[],
  field: WranglingField,
): Promise<Tag> {
  const names = splitTagList(input, types.length === 1 ? types[0] : undefined);
  if (names.length === 0) throw new Invalid({ [field]: messages.blankName });
  if (names.length > 1) throw new Invalid({ [field]: messages.oneName });
  const name = names[0]!;
  let other: Tag | undefined;
  for (const candidate of [name, ...types.map((t) => `${name} - ${one(t)}`)]) {
    const tag = await tags.findTagByKey(tx.db, tagNameKey(candidate));
    if (tag && types.includes(tag.type)) return tag;
    other ??= tag;
  }
  throw new Invalid({
    [field]: other ? messages.wrongType(other.name, other.type, types) : messages.unknownName(name),
  });
}

/**
 * The works whose filter sets may change when the wrangling of `tagIds` changes: works carrying
 * them, any sub tag below them (transitively), or a synonym of any of those.
 */
async function worksReachedFrom(tx: Ctx, tagIds: readonly string[]): Promise<string[]> {
  const below = await metas.subTagsBelow(tx.db, tagIds);
  const reached = [...new Set([...tagIds, ...below])];
  const synonyms = await tags.synonymIdsOf(tx.db, reached);
  return tags.workIdsWithTags(tx.db, [...reached, ...synonyms]);
}

/** Makes a tag canonical, or not (only once nothing is wrangled to it). */
export async function makeCanonical(ctx: Ctx, actor: Actor, tagId: string, canonical: boolean): Promise<Tag> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const tag = await loadTag(tx, tagId, "canonical");
    if (canonical && tag.mergerId) {
      throw new Invalid({ canonical: messages.synonymCantBeCanonical(tag, await nameOf(tx, tag.mergerId)) });
    }
    if (!canonical && tag.canonical) {
      const left = [
        (await tags.hasSynonyms(tx.db, tag.id)) ? "synonyms" : "",
        (await metas.hasMetaTaggings(tx.db, tag.id)) ? "meta or sub tags" : "",
        (await parents.hasChildren(tx.db, tag.id)) ? "child tags" : "",
      ].filter(Boolean);
      if (left.length > 0) throw new Invalid({ canonical: messages.stillWrangled(tag, left) });
    }
    // Filter sets don't depend on the flag (an unwrangled tag finds its own works too): no reindex.
    if (canonical !== tag.canonical) await tags.setCanonical(tx.db, tag.id, canonical, nowIso(tx.now()));
    return { ...tag, canonical };
  });
}

/**
 * Makes the tag a synonym of the canonical tag of the same type called `canonicalName`. As on AO3,
 * the synonym's meta and sub tags, parents and children move to the canonical tag. Returns the
 * canonical tag.
 */
export async function makeSynonym(
  ctx: Ctx,
  actor: Actor,
  tagId: string,
  canonicalName: string,
): Promise<Tag> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const tag = await loadTag(tx, tagId, "synonym_of");
    if (tag.canonical) throw new Invalid({ synonym_of: messages.canonicalCantBeSynonym(tag) });
    if (await tags.hasSynonyms(tx.db, tag.id)) throw new Invalid({ synonym_of: messages.hasSynonyms(tag) });
    const target = await findNamedTag(tx, canonicalName, [tag.type], "synonym_of");
    if (target.id === tag.id) throw new Invalid({ synonym_of: messages.selfSynonym });
    if (!target.canonical) throw new Invalid({ synonym_of: messages.notCanonical(target, "merged into") });
    if (tag.mergerId === target.id) return target;
    await moveWrangling(tx, tag, target);
    await tags.setMerger(tx.db, tag.id, target.id, nowIso(tx.now()));
    await reindexWorks(tx, await worksReachedFrom(tx, [target.id]));
    return target;
  });
}

/** Moves the meta and sub tags, parents and children of `from` to `to`, leaving out loops. */
async function moveWrangling(tx: Ctx, from: Tag, to: Tag): Promise<void> {
  for (const metaId of await metas.directMetaIds(tx.db, from.id)) {
    await metas.deleteMetaTagging(tx.db, metaId, from.id);
    const belowTarget = await metas.subTagsBelow(tx.db, [to.id]);
    if (metaId !== to.id && !belowTarget.has(metaId)) await metas.insertMetaTagging(tx.db, metaId, to.id);
  }
  for (const subId of await metas.directSubIds(tx.db, from.id)) {
    await metas.deleteMetaTagging(tx.db, from.id, subId);
    const aboveTarget = new Set([...(await metas.metaTagsAbove(tx.db, [to.id])).values()].flat());
    if (subId !== to.id && !aboveTarget.has(subId)) await metas.insertMetaTagging(tx.db, to.id, subId);
  }
  for (const parentId of await parents.parentIds(tx.db, from.id)) {
    await parents.deleteTagParent(tx.db, from.id, parentId);
    if (parentId !== to.id) await parents.insertTagParent(tx.db, to.id, parentId);
  }
  for (const childId of await parents.childIds(tx.db, from.id)) {
    await parents.deleteTagParent(tx.db, childId, from.id);
    if (childId !== to.id) await parents.insertTagParent(tx.db, childId, to.id);
  }
}

/** Makes a synonym an unwrangled tag of its own again; returns the canonical tag it belonged to. */
export async function removeSynonym(ctx: Ctx, actor: Actor, tagId: string): Promise<Tag> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const tag = await loadTag(tx, tagId, "synonym_of");
    const merger = tag.mergerId ? await tags.findTagById(tx.db, tag.mergerId) : undefined;
    if (!merger) throw new Invalid({ synonym_of: messages.notSynonym(tag) });
    await tags.setMerger(tx.db, tag.id, null, nowIso(tx.now()));
    await reindexWorks(tx, await worksReachedFrom(tx, [tag.id]));
    return merger;
  });
}

/** Puts the canonical tag called `metaName` above the canonical tag `subId` (same type, no loops). */
export async function addMetaTag(ctx: Ctx, actor: Actor, subId: string, metaName: string): Promise<Tag> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const sub = await loadTag(tx, subId, "meta_tag");
    if (!sub.canonical) throw new Invalid({ meta_tag: messages.subNotCanonical(sub) });
    const meta = await findNamedTag(tx, metaName, [sub.type], "meta_tag");
    if (meta.id === sub.id) throw new Invalid({ meta_tag: messages.selfMeta });
    if (!meta.canonical) throw new Invalid({ meta_tag: messages.notCanonical(meta, "a meta tag") });
    if ((await metas.directMetaIds(tx.db, sub.id)).includes(meta.id))
      throw new Invalid({ meta_tag: messages.alreadyMeta(meta, sub) });
    if ((await metas.subTagsBelow(tx.db, [sub.id])).has(meta.id))
      throw new Invalid({ meta_tag: messages.metaLoop(meta, sub) });
    await metas.insertMetaTagging(tx.db, meta.id, sub.id);
    await reindexWorks(tx, await worksReachedFrom(tx, [sub.id]));
    return meta;
  });
}

/** Takes the meta tag called `metaName` away from above the tag `subId`; returns the meta tag. */
export async function removeMetaTag(ctx: Ctx, actor: Actor, subId: string, metaName: string): Promise<Tag> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const sub = await loadTag(tx, subId, "meta_tag");
    const meta = await findNamedTag(tx, metaName, [sub.type], "meta_tag");
    if (!(await metas.deleteMetaTagging(tx.db, meta.id, sub.id)))
      throw new Invalid({ meta_tag: messages.notMeta(meta, sub) });
    await reindexWorks(tx, await worksReachedFrom(tx, [sub.id]));
    return meta;
  });
}

/**
 * Adds the canonical tag called `parentName` to the parents of the tag `childId`: a fandom for a
 * character or an additional tag, a fandom or a character for a relationship. Parents don't change
 * filter sets, so no work is reindexed.
 */
export async function addParent(ctx: Ctx, actor: Actor, childId: string, parentName: string): Promise<Tag> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const child = await loadTag(tx, childId, "parent");
    const types = parentTypesOf[child.type];
    if (types.length === 0) throw new Invalid({ parent: messages.noParents(child) });
    if (child.mergerId)
      throw new Invalid({ parent: messages.synonymParent(child, await nameOf(tx, child.mergerId)) });
    const parent = await findNamedTag(tx, parentName, types, "parent");
    if (!parent.canonical) throw new Invalid({ parent: messages.notCanonical(parent, "a parent tag") });
    if ((await parents.parentIds(tx.db, child.id)).includes(parent.id))
      throw new Invalid({ parent: messages.alreadyParent(parent, child) });
    await parents.insertTagParent(tx.db, child.id, parent.id);
    return parent;
  });
}

/** Removes the tag called `parentName` from the parents of the tag `childId`; returns the parent. */
export async function removeParent(
  ctx: Ctx,
  actor: Actor,
  childId: string,
  parentName: string,
): Promise<Tag> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const child = await loadTag(tx, childId, "parent");
    const types = parentTypesOf[child.type];
    if (types.length === 0) throw new Invalid({ parent: messages.noParents(child) });
    const parent = await findNamedTag(tx, parentName, types, "parent");
    if (!(await parents.deleteTagParent(tx.db, child.id, parent.id)))
      throw new Invalid({ parent: messages.notParent(parent, child) });
    return parent;
  });
}
