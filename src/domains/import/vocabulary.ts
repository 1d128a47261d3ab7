// The tables that map a fic file's own words onto the archive's fixed vocabularies: ratings in any
// system, warnings in words, categories, completion status and FanFiction.Net's genres. These are
// the tables docs/import-format.md prints; change both together.

/** First matching row wins. Keys are compared after lower-casing and squeezing spaces. */
const ratingTable: [string, string[]][] = [
  [
    "General Audiences",
    [
      "general audiences",
      "general",
      "g",
      "k",
      "k+",
      "pg",
      "u",
      "all ages",
      "everyone",
      "gen",
      "fiction k",
      "fiction k+",
    ],
  ],
  [
    "Teen And Up Audiences",
    [
      "teen and up audiences",
      "teen and up",
      "teen",
      "teens",
      "t",
      "pg-13",
      "pg13",
      "pg 13",
      "pg-15",
      "pg15",
      "12",
      "12+",
      "13+",
      "14+",
      "15",
      "15+",
      "teen+",
      "fiction t",
    ],
  ],
  ["Mature", ["mature", "m", "r", "16+", "17+", "r-16", "r16", "mature audiences", "fiction m"]],
  [
    "Explicit",
    [
      "explicit",
      "e",
      "ma",
      "nc-17",
      "nc17",
      "nc 17",
      "nc-18",
      "nc18",
      "x",
      "xxx",
      "18",
      "18+",
      "adult",
      "adults only",
      "fiction ma",
    ],
  ],
  ["Not Rated", ["not rated", "unrated", "nr", "none", "no rating"]],
];

const ratingByKey = new Map<string, string>();
for (const [rating, keys] of ratingTable)
  for (const key of keys) if (!ratingByKey.has(key)) ratingByKey.set(key, rating);

/** The archive's rating for a written one ("Rated: Fiction T", "PG-13", "NC-17"), or undefined. */
export function mapRating(written: string): string | undefined {
  let key = written
    .toLowerCase()
    .replace(/[[\]()]/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();
  key = key
    .replace(/^(rated|rating)\s*:?\s*/u, "")
    .replace(/(?<![.;,])[.;,]+$/u, "")
    .trim();
  const direct = ratingByKey.get(key) ?? ratingByKey.get(key.replace(/^fiction\s+/u, ""));
  if (direct !== undefined) return direct;
  // "T - Teen: not suitable for readers under 13" (MediaMiner), "M for language"
  const first = /^([a-z0-9+-]+)(?:\s*[-:–—]|\s+for\b|\s*$)/u.exec(key.replace(/^fiction\s+/u, ""))?.[1];
  return first === undefined ? undefined : ratingByKey.get(first);
}

interface WarningRow {
  warning: string;
  words: string[];
  /** Also add this additional tag (dub-con keeps its own name). */
  freeform?: string;
}

const warningTable: WarningRow[] = [
  {
    warning: "Major Character Death",
    words: [
      "major character death",
      "character death",
      "death",
      "mcd",
      "deathfic",
      "death fic",
      "main character death",
    ],
  },
  {
    warning: "Rape/Non-Con",
    words: ["dub-con", "dubcon", "dub con", "dubious consent", "dubious-consent"],
    freeform: "Dubious Consent",
  },
  {
    warning: "Rape/Non-Con",
    words: [
      "rape/non-con",
      "rape/noncon",
      "rape",
      "non-con",
      "noncon",
      "non con",
      "non-consensual",
      "nonconsensual",
    ],
  },
  {
    warning: "Underage Sex",
    words: ["underage", "underage sex", "underage sexual content", "underaged sex"],
  },
  {
    warning: "Graphic Depictions Of Violence",
    words: [
      "graphic depictions of violence",
      "violence",
      "graphic violence",
      "gore",
      "blood and gore",
      "violence/gore",
      "graphic depiction of violence",
    ],
  },
  {
    warning: "No Archive Warnings Apply",
    words: ["no archive warnings apply", "none", "no warnings", "n/a", "no warning", "nothing"],
  },
  {
    warning: "Choose Not To Use Archive Warnings",
    words: [
      "creator chose not to use archive warnings",
      "choose not to use archive warnings",
      "chose not to use archive warnings",
      "choose not to warn",
      "chose not to warn",
      "cntw",
    ],
  },
];

const warningByKey = new Map<string, WarningRow>();
for (const row of warningTable) for (const word of row.words) warningByKey.set(word, row);

export interface MappedWarnings {
  warnings: string[];
  freeforms: string[];
}

/** Splits a warnings value and maps each part; parts that aren't archive warnings become freeforms. */
export function mapWarnings(value: string): MappedWarnings {
  const protectedValue = value
    .replace(/rape\s*\/\s*non-?con/giu, "rape\uE000non-con")
    .replace(/violence\s*\/\s*gore/giu, "violence\uE000gore")
    .replace(/\bn\s*\/\s*a\b/giu, "n\uE000a");
  const parts = protectedValue
    .split(/[,;/]|(?<!\s)\s+-\s+/u)
    .map((p) => p.replace(/\uE000/gu, "/").replace(/^[\s.*]+|(?<![\s.*])[\s.*]+$/gu, ""))
    .filter((p) => p !== "");
  const warnings: string[] = [];
  const freeforms: string[] = [];
  for (const part of parts) {
    const key = part
      .toLowerCase()
      .replace(/\s+/gu, " ")
      .replace(/^(warning|warnings)\s*:\s*/u, "");
    const row =
      warningByKey.get(key) ?? warningByKey.get(key.replace(/^(graphic|implied|mentions? of|minor)\s+/u, ""));
    if (row === undefined || (row.warning === "Major Character Death" && /^minor\b/u.test(key))) {
      freeforms.push(part);
      continue;
    }
    if (!warnings.includes(row.warning)) warnings.push(row.warning);
    if (row.freeform !== undefined && !freeforms.includes(row.freeform)) freeforms.push(row.freeform);
  }
  return { warnings, freeforms };
}

/** AO3's category for a written one ("M/M", "m/m", "FM"), or undefined. */
export function mapCategory(written: string): string | undefined {
  const key = written.trim().toLowerCase().replace(/\s+/gu, "");
  const table: Record<string, string> = {
    "f/f": "F/F",
    ff: "F/F",
    "f/m": "F/M",
    "m/f": "F/M",
    fm: "F/M",
    gen: "Gen",
    general: "Gen",
    "m/m": "M/M",
    mm: "M/M",
    multi: "Multi",
    other: "Other",
    slash: "M/M",
    femslash: "F/F",
    het: "F/M",
  };
  return table[key];
}

/** The words that name a category wherever they appear in a header. */
export function categoryWords(text: string): { category: string; word: string }[] {
  const found: { category: string; word: string }[] = [];
  const add = (category: string, word: string): void => {
    if (!found.some((f) => f.category === category)) found.push({ category, word });
  };
  for (const match of text.matchAll(/\b(femslash|slash|het|gen)\b/giu)) {
    const word = match[1]!.toLowerCase();
    const category = mapCategory(word);
    if (category !== undefined) add(category, match[1]!);
  }
  return found;
}

const statusTable: [boolean, string[]][] = [
  [true, ["complete", "completed", "finished", "done", "oneshot", "one-shot", "one shot", "yes"]],
  [
    false,
    [
      "in-progress",
      "in progress",
      "wip",
      "incomplete",
      "ongoing",
      "on-going",
      "hiatus",
      "abandoned",
      "no",
      "updating",
    ],
  ],
];

/** Completion from a Status (or eFiction "Completed:") value; undefined when it says nothing known. */
export function mapStatus(value: string): boolean | undefined {
  const key = value
    .toLowerCase()
    .replace(/(?<![.!])[.!]+$/u, "")
    .replace(/\s+/gu, " ")
    .trim();
  for (const [complete, words] of statusTable) if (words.includes(key)) return complete;
  if (/^(complete|completed)\b/u.test(key)) return true;
  if (/^(in[- ]progress|wip|incomplete|ongoing)\b/u.test(key)) return false;
  return undefined;
}

/** FanFiction.Net's 21 genres, in their own spelling. */
export const ffnGenres = [
  "Adventure",
  "Angst",
  "Crime",
  "Drama",
  "Family",
  "Fantasy",
  "Friendship",
  "General",
  "Horror",
  "Humor",
  "Hurt/Comfort",
  "Mystery",
  "Parody",
  "Poetry",
  "Romance",
  "Sci-Fi",
  "Spiritual",
  "Supernatural",
  "Suspense",
  "Tragedy",
  "Western",
];

/** Splits a genre value on "/" and "," but keeps "Hurt/Comfort" whole. */
export function splitGenres(value: string): string[] {
  return value
    .replace(/hurt\s*\/\s*comfort/giu, "Hurt\uE000Comfort")
    .split(/[/,;]|(?<!\s)\s+&\s+/u)
    .map((g) => g.replace(/\uE000/gu, "/").trim())
    .filter((g) => g !== "");
}
