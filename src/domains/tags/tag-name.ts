// Tag names: splitting what a creator typed, normalising and validating each name, the key tags are
// unique on, the sortable name, and AO3's escaping of names in URL paths.
import type { TagType } from "./tag-types.js";

/** Separators in a typed tag list: the comma, plus the full-width comma and ideographic comma. */
const separators = /[,，、]/u;

/** Characters a tag name may not contain (AO3's list, plus the full-width separators). */
const forbiddenCharacters = [",", "^", "*", "<", ">", "{", "}", "=", "`", "\\", "%", "，", "、"];

/**
 * Splits a comma-separated list typed in a tag field (also splits on full-width "，" and "、"),
 * normalises each name, drops empties and case-insensitive duplicates (first spelling wins).
 * An array (repeated form fields) is split element by element. Pass `type` so that relationship
 * spellings such as "A / B" and "A/B" count as duplicates.
 */
export function splitTagList(input: string | readonly string[], type?: TagType): string[] {
  const parts = (typeof input === "string" ? [input] : input).flatMap((s) => s.split(separators));
  const seen = new Set<string>();
  const names: string[] = [];
  for (const part of parts) {
    const name = normaliseTagName(part, type);
    const key = tagNameKey(name);
    if (name === "" || seen.has(key)) continue;
    seen.add(key);
    names.push(name);
  }
  return names;
}

/**
 * Squeezes whitespace (incl. Unicode spaces, NBSP), trims, NFC-normalises; for relationship tags
 * also removes spaces around "/" ("Batman / The Joker" → "Batman/The Joker") and makes " & "
 * spacing uniform ("A&B" and "A  &  B" → "A & B"). Idempotent.
 */
export function normaliseTagName(name: string, type?: TagType): string {
  let result = name.normalize("NFC").replace(/\s+/gu, " ").trim();
  if (type === "relationship") {
    result = result
      .replace(/ ?\/ ?/gu, "/")
      .replace(/ ?& ?/gu, " & ")
      .trim();
  }
  return result;
}

/**
 * Why a (normalised) name is refused, or undefined when it is fine. Length counts Unicode code
 * points, as AO3 (Ruby's String#length) does, so "🏳️‍🌈" counts 4. Besides AO3's rules, control
 * characters and unpaired surrogates are refused: PostgreSQL can't store NUL, and lone surrogates
 * aren't valid Unicode.
 */
export function tagNameProblem(name: string, max: number): string | undefined {
  if (name.trim() === "") return "A tag name can't be blank.";
  const length = [...name].length;
  if (length > max) {
    return `“${abbreviate(name)}” is too long (${length} characters); a tag can have at most ${max}. Use commas to separate tags.`;
  }
  const found = forbiddenCharacters.filter((c) => name.includes(c));
  if (found.length > 0) {
    found.sort((a, b) => name.indexOf(a) - name.indexOf(b));
    return `“${name}” can't contain these characters: ${found.join(" ")}`;
  }
  if (/^\p{Cf}+$/u.test(name)) {
    return "A tag name can't be made only of invisible formatting characters.";
  }
  if (/\p{Cc}/u.test(name)) return `“${name.replace(/\p{Cc}/gu, "")}” can't contain control characters.`;
  if (/\p{Cs}/u.test(name)) return `“${name.replace(/\p{Cs}/gu, "\uFFFD")}” contains invalid characters.`;
  return undefined;
}

/**
 * The case-folded key tags are unique on: normaliseTagName then toLowerCase (locale-independent),
 * re-normalised to NFC — used for lookups and the unique index. Pass the same `type` the name
 * was normalised with (only relationships differ).
 */
export function tagNameKey(name: string, type?: TagType): string {
  return normaliseTagName(name, type).toLowerCase().normalize("NFC");
}

/** AO3 sortable name: lowercased, one leading "a ", "an " or "the " removed. */
export function tagSortName(name: string): string {
  return normaliseTagName(name)
    .toLowerCase()
    .replace(/^(?:a|an|the) (?=.)/u, "");
}

const paramEscapes: Record<string, string> = { "/": "*s*", "&": "*a*", ".": "*d*", "?": "*q*", "#": "*h*" };
const paramUnescapes: Record<string, string> = { s: "/", a: "&", d: ".", q: "?", h: "#" };

/**
 * A tag name for use in a URL path segment (AO3 escaping: "/"→"*s*", "&"→"*a*", "."→"*d*",
 * "?"→"*q*", "#"→"*h*", then encodeURIComponent). Never throws: unpaired surrogates become U+FFFD.
 */
export function tagToParam(name: string): string {
  const escaped = name.replace(/[/&.?#]/gu, (c) => paramEscapes[c] ?? c);
  return encodeURIComponent(escaped.replace(/\p{Cs}/gu, "\uFFFD"));
}

/**
 * The tag name back from a path segment. Accepts the raw (percent-encoded) segment or one the
 * router already decoded: valid names contain no "%" or "*", so decoding twice is harmless and the
 * "*x*" escapes are unambiguous. Malformed percent-escapes are left as they are.
 */
export function tagFromParam(param: string): string {
  let decoded = param;
  try {
    decoded = decodeURIComponent(param);
  } catch {
    // Not percent-encoded after all (e.g. "50% off"): use it as it is.
  }
  return decoded.replace(/\*([sadqh])\*/gu, (match, code: string) => paramUnescapes[code] ?? match);
}

function abbreviate(name: string): string {
  const chars = [...name];
  return chars.length > 40 ? `${chars.slice(0, 40).join("")}…` : name;
}
