// Wrangling rules that pages and the service share: which types of tag may be parents of which.
import type { TagType } from "./tag-types.js";

/** The form fields the messages of each wrangling use case belong to. */
export type WranglingField = "canonical" | "synonym_of" | "meta_tag" | "parent";

/**
 * Which types of tag may be the parents of a tag of each type: AO3's rules (ao3-inventory.md §2.3)
 * without media, which this archive doesn't have, so fandoms have no parents.
 */
export const parentTypesOf: Record<TagType, readonly TagType[]> = {
  rating: [],
  archive_warning: [],
  category: [],
  fandom: [],
  relationship: ["fandom", "character"],
  character: ["fandom"],
  freeform: ["fandom"],
};
