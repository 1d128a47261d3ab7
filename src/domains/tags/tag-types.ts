// The seven kinds of tag a work carries, in the order AO3 shows them in a work header, with their
// singular and plural labels.

export const tagTypes = [
  "rating",
  "archive_warning",
  "category",
  "fandom",
  "relationship",
  "character",
  "freeform",
] as const;

export type TagType = (typeof tagTypes)[number];

/** Free-text types creators type themselves; together they count toward the per-work tag limit. */
export const userDefinedTagTypes: readonly TagType[] = ["fandom", "relationship", "character", "freeform"];

export const tagTypeLabels: Record<TagType, { one: string; many: string }> = {
  rating: { one: "Rating", many: "Ratings" },
  archive_warning: { one: "Archive Warning", many: "Archive Warnings" },
  category: { one: "Category", many: "Categories" },
  fandom: { one: "Fandom", many: "Fandoms" },
  relationship: { one: "Relationship", many: "Relationships" },
  character: { one: "Character", many: "Characters" },
  freeform: { one: "Additional Tag", many: "Additional Tags" },
};

export function isTagType(s: string): s is TagType {
  return (tagTypes as readonly string[]).includes(s);
}
