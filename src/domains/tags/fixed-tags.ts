// AO3's fixed vocabularies: the ratings, archive warnings and categories every archive starts with
// (ao3-inventory.md §2.1), with the short symbols the blurb squares use.
import { tagNameKey } from "./tag-name.js";
import type { TagType } from "./tag-types.js";

export type FixedTagType = "rating" | "archive_warning" | "category";

export interface FixedTag {
  /** The stored tag name. */
  name: string;
  /** What readers see; differs from `name` only for "Choose Not To Use Archive Warnings". */
  display: string;
  type: FixedTagType;
  /** Works with this tag get the adult-content interstitial. */
  adult: boolean;
  /**
   * Short code for the blurb squares. Ratings "NR", "G", "T", "M", "E"; warnings "warn",
   * "no-warn", "choose-not"; categories "gen", "fm", "mm", "ff", "multi", "other".
   */
  symbol: string;
  help?: string;
}

/** In severity order, as AO3's `Rating.defaults_by_severity`. */
export const ratings: FixedTag[] = [
  {
    name: "Not Rated",
    display: "Not Rated",
    type: "rating",
    adult: true,
    symbol: "NR",
    help: "The creator chose not to rate this work. It may be treated the same way as Explicit content.",
  },
  {
    name: "General Audiences",
    display: "General Audiences",
    type: "rating",
    adult: false,
    symbol: "G",
    help: "Unlikely to disturb anyone; suitable for all ages.",
  },
  {
    name: "Teen And Up Audiences",
    display: "Teen And Up Audiences",
    type: "rating",
    adult: false,
    symbol: "T",
    help: "May be inappropriate for audiences under 13.",
  },
  {
    name: "Mature",
    display: "Mature",
    type: "rating",
    adult: true,
    symbol: "M",
    help: "Adult themes (sex, violence, etc.) that aren't as graphic as Explicit content.",
  },
  {
    name: "Explicit",
    display: "Explicit",
    type: "rating",
    adult: true,
    symbol: "E",
    help: "Explicit adult themes, such as porn or graphic violence; only suitable for adults.",
  },
];

const warning = (name: string, symbol: string, help?: string, display = name): FixedTag => ({
  name,
  display,
  type: "archive_warning",
  adult: false,
  symbol,
  ...(help === undefined ? {} : { help }),
});

/** In the order AO3's posting form lists them. */
export const archiveWarnings: FixedTag[] = [
  warning(
    "Choose Not To Use Archive Warnings",
    "choose-not",
    "The creator chose not to warn for content: Archive Warnings could apply, but they haven't said which.",
    "Creator Chose Not To Use Archive Warnings",
  ),
  warning("Graphic Depictions Of Violence", "warn"),
  warning("Major Character Death", "warn"),
  warning(
    "No Archive Warnings Apply",
    "no-warn",
    "None of the Archive Warnings apply. The creator may still give other content notes in the Additional Tags.",
  ),
  warning("Rape/Non-Con", "warn"),
  warning("Underage Sex", "warn"),
];

const category = (name: string, symbol: string, help: string): FixedTag => ({
  name,
  display: name,
  type: "category",
  adult: false,
  symbol,
  help,
});

export const categories: FixedTag[] = [
  category("F/F", "ff", "Female/female relationships."),
  category("F/M", "fm", "Female/male relationships."),
  category(
    "Gen",
    "gen",
    "No romantic or sexual relationships, or relationships which are not the main focus of the work.",
  ),
  category("M/M", "mm", "Male/male relationships."),
  category("Multi", "multi", "More than one kind of relationship, or a relationship with multiple partners."),
  category("Other", "other", "Other relationships."),
];

/** Every fixed tag: ratings, then archive warnings, then categories. */
export const fixedTags: FixedTag[] = [...ratings, ...archiveWarnings, ...categories];

/**
 * The fixed tag of that type called `name`, which may be the stored name or the display name, in
 * any case and spacing. Undefined for other names and for the user-defined types.
 */
export function fixedTagByName(type: TagType, name: string): FixedTag | undefined {
  const key = tagNameKey(name);
  return fixedTags.find(
    (t) => t.type === type && (tagNameKey(t.name) === key || tagNameKey(t.display) === key),
  );
}
