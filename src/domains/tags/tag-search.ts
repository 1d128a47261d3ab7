// The tag search form's input (name, type, wrangling status, sort, page) read from a query string.
// Pure: a value that can't be used is dropped with a notice for its field, never an error page.
import type { FieldErrors } from "../../lib/errors.js";
import { normaliseTagName, tagNameKey } from "./tag-name.js";
import { isTagType, tagTypes, type TagType } from "./tag-types.js";
import type { TagSearchCriteria } from "./tag.repo.js";

export const tagStatuses = ["any", "canonical", "synonym", "unwrangled"] as const;
export const tagSorts = ["name", "uses"] as const;
export const tagsPerSearchPage = 50;

export type TagStatus = (typeof tagStatuses)[number];

export interface TagSearchInput {
  criteria: TagSearchCriteria;
  page: number;
  /** What the form shows again: the values as typed, or the defaults for dropped ones. */
  values: { name: string; type: string; status: string; sort: string };
  /** Why a value was dropped, by field. */
  notices: FieldErrors;
}

function first(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && typeof value[0] === "string") return value[0];
  return undefined;
}

const quoted = (s: string) => `“${[...s].length > 40 ? `${[...s].slice(0, 40).join("")}…` : s}”`;

/** Reads the search from `query` (a parsed query string); names longer than `nameMax` are cut. */
export function readTagSearch(query: Record<string, unknown>, nameMax: number): TagSearchInput {
  const notices: FieldErrors = {};

  let name = normaliseTagName(first(query.name) ?? "").replace(/\p{Cc}/gu, "");
  if ([...name].length > nameMax) {
    name = [...name].slice(0, nameMax).join("");
    notices.name = `Tag names are at most ${nameMax} characters; only the first ${nameMax} were searched for.`;
  }

  const rawType = (first(query.type) ?? "").trim();
  let type: TagType | undefined;
  if (isTagType(rawType)) type = rawType;
  else if (rawType !== "" && rawType !== "any")
    notices.type = `There is no tag type ${quoted(rawType)}; tags of every type are shown. Types: ${tagTypes.join(", ")}.`;

  const rawStatus = (first(query.status) ?? "").trim();
  let status: TagStatus = "any";
  if ((tagStatuses as readonly string[]).includes(rawStatus)) status = rawStatus as TagStatus;
  else if (rawStatus !== "")
    notices.status = `There is no status ${quoted(rawStatus)}; tags of any status are shown. Statuses: ${tagStatuses.join(", ")}.`;

  const rawSort = (first(query.sort) ?? "").trim();
  let sort: TagSearchCriteria["sort"] = "name";
  if ((tagSorts as readonly string[]).includes(rawSort)) sort = rawSort as TagSearchCriteria["sort"];
  else if (rawSort !== "")
    notices.sort = `Tags can't be sorted by ${quoted(rawSort)}; they are sorted by name.`;

  const pageNumber = Number(first(query.page) ?? 1);
  const lastPossible = Math.floor(Number.MAX_SAFE_INTEGER / tagsPerSearchPage);
  const page = Number.isSafeInteger(pageNumber) && pageNumber >= 1 ? Math.min(pageNumber, lastPossible) : 1;

  return {
    criteria: { nameKey: tagNameKey(name, type), type, status, sort },
    page,
    values: { name, type: type ?? "", status, sort },
    notices,
  };
}
