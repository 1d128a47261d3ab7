// "Label: value" header fields, in any case, with ":" or " - ", optionally in bold; AO3's labels run
// together on one line; FanFiction.Net's one-line "Rated: Fiction T - English - …" header.

export type FieldKey =
  | "title"
  | "author"
  | "rating"
  | "relationships"
  | "characters"
  | "fandoms"
  | "warnings"
  | "genre"
  | "freeforms"
  | "summary"
  | "disclaimer"
  | "notes"
  | "words"
  | "chapters"
  | "stats"
  | "status"
  | "noteLine"
  | "language"
  | "series"
  | "published"
  | "updated"
  | "ignored";

const labels: [FieldKey, string[]][] = [
  ["title", ["title", "story title", "fic title", "work title", "story name"]],
  [
    "author",
    ["author", "authors", "by", "written by", "writer", "pseud", "creator", "creators", "author name"],
  ],
  ["rating", ["rating", "rated", "ratings"]],
  [
    "relationships",
    ["pairing", "pairings", "relationship", "relationships", "ship", "ships", "main pairing"],
  ],
  ["characters", ["character", "characters", "main characters"]],
  ["fandoms", ["fandom", "fandoms", "category", "categories", "universe", "crossover"]],
  [
    "warnings",
    [
      "warning",
      "warnings",
      "archive warning",
      "archive warnings",
      "content warning",
      "content warnings",
      "trigger warning",
      "trigger warnings",
      "cw",
      "tw",
    ],
  ],
  ["genre", ["genre", "genres"]],
  ["freeforms", ["additional tags", "tags", "tag", "freeform", "freeforms", "other tags", "themes", "kinks"]],
  ["summary", ["summary", "description", "blurb", "synopsis"]],
  ["disclaimer", ["disclaimer", "disclaimers"]],
  [
    "notes",
    [
      "notes",
      "note",
      "a/n",
      "an",
      "author's note",
      "author's notes",
      "authors note",
      "authors notes",
      "author note",
      "author notes",
    ],
  ],
  ["words", ["words", "word count", "wordcount", "length"]],
  ["chapters", ["chapters"]],
  ["stats", ["stats"]],
  ["status", ["status", "completed", "complete"]],
  [
    "noteLine",
    [
      "spoilers",
      "spoiler",
      "spoiler warning",
      "beta",
      "betas",
      "beta'd by",
      "betaed by",
      "beta reader",
      "beta-reader",
      "beta'd",
      "dedication",
      "dedicated to",
      "prompt",
      "for",
      "timeline",
      "setting",
      "feedback",
      "archive",
      "challenge",
    ],
  ],
  ["language", ["language"]],
  ["series", ["series"]],
  ["published", ["published", "posted", "date", "date posted", "posted on", "first published"]],
  ["updated", ["updated", "last updated"]],
  [
    "ignored",
    [
      "collections",
      "comments",
      "kudos",
      "bookmarks",
      "hits",
      "reviews",
      "favs",
      "follows",
      "id",
      "url",
      "story url",
      "source",
      "packaged",
      "publisher",
    ],
  ],
];

const labelKey = new Map<string, FieldKey>();
for (const [key, names] of labels) for (const name of names) labelKey.set(name, key);

const alternation = [...labelKey.keys()]
  .sort((a, b) => b.length - a.length)
  .map((l) =>
    l
      .replace(/[.*+?^${}()|[\]\\/]/gu, "\\$&")
      .replace(/'/gu, "['’]?")
      .replace(/ /gu, "[ _]+"),
  )
  .join("|");

const FIELD_LINE = new RegExp(
  String.raw`^[ \t]*(?:\*\*|__|\*|_|<b>|<strong>)?[ \t]*(${alternation})[ \t]*(?:\*\*|__|\*|_|</b>|</strong>)?[ \t]*(?::|[ \t][-–—](?=[ \t]|$))[ \t]*(?:\*\*|__|</b>|</strong>)?[ \t]*(.*)$`,
  "iu",
);

export interface HeaderField {
  key: FieldKey;
  label: string;
  value: string;
}

/** The field on a line, or undefined when the line isn't one. Lines over 2,000 characters aren't. */
export function parseFieldLine(line: string): HeaderField | undefined {
  if (line.length > 2000) return undefined;
  const match = FIELD_LINE.exec(line);
  if (!match) return undefined;
  const label = match[1]!.replace(/[ _]+/gu, " ");
  const key =
    labelKey.get(label.toLowerCase().replace(/’/gu, "'")) ??
    labelKey.get(label.toLowerCase().replace(/['’]/gu, ""));
  if (key === undefined) return undefined;
  const value = match[2]!.replace(/(\*\*|__)$/u, "").trim();
  // "By" and "For" need a value; "by" at the start of a sentence is prose.
  if ((key === "author" || label.toLowerCase() === "for") && value === "") return undefined;
  return { key, label, value };
}

/** AO3's preface labels, which a PDF-to-text conversion may run together on one line. */
const AO3_RUN =
  /\b(Rating|Archive Warnings?|Categor(?:y|ies)|Fandoms?|Relationships?|Characters?|Additional Tags|Language|Series|Collections|Stats|Published|Updated|Completed|Words|Chapters|Comments|Kudos|Bookmarks|Hits):/gu;

/** Splits a line holding several AO3 labels into one "Label: value" line each; others unchanged. */
export function splitAo3LabelRun(line: string): string[] {
  if (line.length > 20_000) return [line];
  const matches = [...line.matchAll(AO3_RUN)];
  if (matches.length < 2 || matches[0]!.index !== line.search(/\S/u)) return [line];
  return matches.map((m, i) => line.slice(m.index, matches[i + 1]?.index ?? line.length).trim());
}

export interface FfnHeader {
  rating: string;
  language: string | undefined;
  genres: string[];
  characters: string[];
  pairings: string[][];
  chapters: number | undefined;
  words: number | undefined;
  complete: boolean | undefined;
  published: string | undefined;
}

const FFN_LINE = /^\s*Rated:\s*(?:Fiction\s+)?(K\+|K|T|MA|M)(?![\w+])\s*-\s*(.*)$/iu;

/**
 * FanFiction.Net's one-line header: "Rated: Fiction T - English - Romance/Drama - [Harry P.,
 * Draco M.] Hermione G. - Chapters: 3 - Words: 4,210 - … - Status: Complete - id: 123".
 */
export function parseFfnHeader(line: string): FfnHeader | undefined {
  if (line.length > 5000) return undefined;
  const match = FFN_LINE.exec(line);
  if (!match) return undefined;
  const parts = match[2]!.split(/(?<!\s)\s+-\s+/u).map((p) => p.trim());
  const header: FfnHeader = {
    rating: match[1]!,
    language: undefined,
    genres: [],
    characters: [],
    pairings: [],
    chapters: undefined,
    words: undefined,
    complete: undefined,
    published: undefined,
  };
  let position = 0;
  for (const part of parts) {
    const labelled = /^([A-Za-z]+):\s*(.*)$/u.exec(part);
    if (labelled) {
      const [, label, value] = labelled as unknown as [string, string, string];
      const key = label.toLowerCase();
      if (key === "chapters") header.chapters = Number(value.replace(/[^0-9]/gu, "")) || undefined;
      else if (key === "words") header.words = Number(value.replace(/[^0-9]/gu, "")) || undefined;
      else if (key === "status") header.complete = /complete/iu.test(value) ? true : undefined;
      else if (key === "published") header.published = usDate(value);
      continue;
    }
    if (/^complete$/iu.test(part)) {
      header.complete = true;
      continue;
    }
    if (position === 0 && /^[A-Z][a-z]+$/u.test(part) && !isGenreList(part)) {
      header.language = part;
    } else if (isGenreList(part)) {
      header.genres = part
        .replace(/hurt\/comfort/giu, "Hurt\u0000Comfort")
        .split("/")
        .map((g) => g.replace("\u0000", "/"));
    } else if (part !== "") {
      readFfnCharacters(part, header);
    }
    position++;
  }
  return header;
}

const genreWords =
  /^(?:Adventure|Angst|Crime|Drama|Family|Fantasy|Friendship|General|Horror|Humor|Hurt\/Comfort|Mystery|Parody|Poetry|Romance|Sci-Fi|Spiritual|Supernatural|Suspense|Tragedy|Western)$/iu;

function isGenreList(part: string): boolean {
  const genres = part.replace(/hurt\/comfort/giu, "Hurt\u0000Comfort").split("/");
  return genres.every((g) => genreWords.test(g.replace("\u0000", "/")));
}

/** "[Harry P., Draco M.] Hermione G., OC": brackets are pairings, everyone is a character. */
function readFfnCharacters(part: string, header: FfnHeader): void {
  // Brackets close before the last "]": the patterns read only that far, or a long run of "[" with
  // no "]" after them would be read to the end once for each "[".
  const end = part.lastIndexOf("]") + 1;
  for (const bracket of part.slice(0, end).matchAll(/\[([^\]]*)\]/gu)) {
    const names = bracket[1]!
      .split(",")
      .map((n) => n.trim())
      .filter((n) => n !== "");
    if (names.length >= 2) header.pairings.push(names);
    header.characters.push(...names);
  }
  const rest = part.slice(0, end).replace(/\[[^\]]*\]/gu, ",") + part.slice(end);
  header.characters.push(
    ...rest
      .split(",")
      .map((n) => n.trim())
      .filter((n) => n !== ""),
  );
}

/** "2/10/2010" (FanFiction.Net's month/day/year) to "2010-02-10". */
export function usDate(value: string): string | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/u.exec(value.trim());
  if (!m) return isoDate(value);
  return `${m[3]}-${m[1]!.padStart(2, "0")}-${m[2]!.padStart(2, "0")}`;
}

/** A YYYY-MM-DD date found in a value, or undefined. */
export function isoDate(value: string): string | undefined {
  const m = /\b(\d{4})-(\d{2})-(\d{2})\b/u.exec(value);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}
