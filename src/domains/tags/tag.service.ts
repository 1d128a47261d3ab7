// Use cases about tags: turning the names typed on a work into tags (creating unwrangled ones on
// use) and suggesting names for a tag field. Reading tags (a tag's page, which tags an actor may
// know about) is tag.queries.ts.
import { Invalid } from "../../lib/errors.js";
import type { Actor } from "../actor.js";
import { newId } from "../../lib/ids.js";
import { nowIso } from "../../lib/time.js";
import type { Ctx } from "../context.js";
import { fixedTagByName } from "./fixed-tags.js";
import type { Tag } from "./tag.js";
import { tagNameKey, tagNameProblem, tagSortName } from "./tag-name.js";
import { tagTypeLabels, userDefinedTagTypes, type TagType } from "./tag-types.js";
import * as tags from "./tag.repo.js";

/** The work form's field for each type of tag, where its messages go. */
const fieldOf: Record<TagType, string> = {
  rating: "rating",
  archive_warning: "warnings",
  category: "categories",
  fandom: "fandoms",
  relationship: "relationships",
  character: "characters",
  freeform: "freeforms",
};

/**
 * The tags for `names` of one type, in order, creating unknown ones as unwrangled tags. A name
 * already used by a tag of another type gets a tag of its own called "Name - Type", as on AO3.
 * Call inside a transaction.
 */
export async function resolveTags(tx: Ctx, type: TagType, names: readonly string[]): Promise<Tag[]> {
  const result: Tag[] = [];
  for (const name of names) {
    if (!userDefinedTagTypes.includes(type)) {
      const fixed = fixedTagByName(type, name);
      const tag = fixed && (await tags.findTagByKey(tx.db, tagNameKey(fixed.name)));
      if (!tag || tag.type !== type)
        throw new Invalid({ [fieldOf[type]]: `“${name}” is not one of the choices.` });
      result.push(tag);
      continue;
    }
    result.push(await findOrCreateTag(tx, type, name));
  }
  return result;
}

async function findOrCreateTag(tx: Ctx, type: TagType, name: string): Promise<Tag> {
  for (const candidate of [name, `${name} - ${tagTypeLabels[type].one}`]) {
    if (tagNameProblem(candidate, tx.config.tagNameMax)) continue;
    const key = tagNameKey(candidate);
    const existing = await tags.findTagByKey(tx.db, key);
    if (existing) {
      if (existing.type === type) return existing;
      continue;
    }
    const at = nowIso(tx.now());
    const row = {
      id: newId(),
      name: candidate,
      name_key: key,
      sort_name: tagSortName(candidate),
      type,
      canonical: 0,
      merger_id: null,
      adult: 0,
      created_at: at,
      updated_at: at,
    };
    // If another request made the same tag meanwhile, the insert does nothing and theirs is used.
    await tags.insertTagUnlessExists(tx.db, row);
    const made = await tags.findTagByKey(tx.db, key);
    if (made?.type === type) return made;
  }
  throw new Invalid({ [fieldOf[type]]: `“${name}” is already used as another kind of tag.` });
}

/**
 * Up to `limit` existing tags of `type` matching what has been typed so far: canonical tags, and
 * tags on works the actor may find (so a draft's or a restricted work's tags stay private).
 */
export async function suggestTags(
  ctx: Ctx,
  actor: Actor,
  type: TagType | null,
  term: string,
): Promise<Tag[]> {
  const key = tagNameKey(term);
  if (key.length === 0) return [];
  return tags.suggestTags(ctx.db, actor, type, key, ctx.config.autocompleteMax);
}
