// The key works are sorted on by title: AO3's title_to_sort_on (ao3-inventory.md §1.2).

/** Leading characters dropped before sorting: AO3's "'./ plus typographic quotes, and spaces between them. */
const leadingPunctuation = /^["'./“”‘’\s]+/u;

/**
 * AO3's title_to_sort_on: lowercased, leading quotes/apostrophes/periods/slashes ("'./) dropped,
 * a leading "a", "an" or "the" moved to the end (", the"), leading digits zero-padded to 5.
 * Unlike AO3, which drops one leading character, this drops the whole run ("...And" → "and")
 * and also curly quotes; a title made only of those characters keeps them.
 */
export function titleSortKey(title: string): string {
  const lower = title.normalize("NFC").replace(/\s+/gu, " ").trim().toLowerCase();
  const stripped = lower.replace(leadingPunctuation, "") || lower;
  return stripped
    .replace(/^(a|an|the) (.+)$/u, "$2, $1")
    .replace(/^[0-9]+/u, (digits) => digits.padStart(5, "0"));
}
