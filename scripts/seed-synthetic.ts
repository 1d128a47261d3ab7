// npm run seed:synthetic: a realistic synthetic corpus for issue 5's browse benchmark
// (npm run bench:browse; docs/benchmarks.md, "Finding works").
//
//   npm run seed:synthetic -- --works 1000000            the configured SQLite file (QUIRE_DATA_DIR/quire.db)
//   npm run seed:synthetic -- --works 100000 --sqlite /tmp/quire-100k.db --fresh
//   npm run seed:synthetic -- --works 100000 --database-url postgres://… (or DATABASE_URL=…)
//
// Options: --works N (10,000), --words W (story words per work, 300), --seed S (1), --sqlite FILE,
// --database-url URL, --fresh (delete the SQLite file first; on PostgreSQL drop and recreate the
// public schema), --fandoms F (default from N, at most 5,000), --users U (default from N, at most
// 5,000), --quiet. The database must be empty of works unless --fresh.
//
// The corpus: Zipf-distributed fandoms (the biggest has about 9% of the works, thousands are small),
// some grouped under a meta fandom ("X - All Media Types"); per fandom, pools of characters and
// relationships (generated names, popularity Zipf-distributed), ~5% of them with a synonym that works
// use; a global pool of additional tags (Zipf), a few with meta tags ("Alternate Universe", "Fluff");
// ratings, warnings and categories in AO3-like proportions; ~5% crossovers; 2-20 tags per work;
// 90% English; 70% complete; chapters; publication and update dates over ten years; hits, kudos,
// comments and bookmarks heavy-tailed; ~2% restricted, ~1% drafts; a few thousand creators (Zipf).
// Summaries (1-3 sentences) and story text come from a sentence generator over a Zipf-distributed
// vocabulary (real words at the top, generated ones in the tail), so that full-text search meets
// words of every frequency.
//
// One deliberate difference from posted works: the stored text is a W-word excerpt, while word_count
// (works and chapters, kept consistent with each other as recomputeWork keeps them) follows AO3's
// distribution (median about 2,000 words per chapter), so that word-count filters select what they
// would on a real archive. Everything else is what the services write: filter sets and crossover
// flags by filterSet/isCrossover (src/domains/tags/filter-set.ts), search documents by searchDocument
// with writeSearchDocuments' SQL, title_sort by titleSortKey, tag keys by tag-name.ts, ids by newId,
// stored HTML as the sanitizer leaves it (checked by test/seed-synthetic.test.ts, which also
// compares seeded filter sets and search results with what reindexWorks makes of the same works).
//
// The rows are written in bulk, not through the services (which would take hours for a million
// works): SQLite through better-sqlite3 directly (WAL, synchronous=OFF during the seed, secondary
// indexes dropped and rebuilt at the end), PostgreSQL with multi-row INSERT … SELECT FROM unnest(…)
// in batches on a few connections (indexes and the primary keys of tables nothing points at dropped
// and made again at the end). The migrations run first. It ends with ANALYZE and prints works/s, elapsed time,
// the database's size and peak memory.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import SQLite from "better-sqlite3";
import pg from "pg";
import { loadConfig } from "../src/config/config.js";
import { SANITIZER_VERSION } from "../src/content/sanitizer.js";
import { openDatabase } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrator.js";
import { searchDocument, type SearchDocument } from "../src/domains/search/search-document.js";
import { foldDocument, positionedChars } from "../src/domains/search/search-index.repo.js";
import { filterSet, isCrossover, type FilterTag } from "../src/domains/tags/filter-set.js";
import { normaliseTagName, tagNameKey, tagNameProblem, tagSortName } from "../src/domains/tags/tag-name.js";
import type { TagType } from "../src/domains/tags/tag-types.js";
import { emailKey, usernameKey } from "../src/domains/users/user.js";
import { pseudNameKey } from "../src/domains/users/pseud.js";
import { titleSortKey } from "../src/domains/works/title-sort.js";
import { newId } from "../src/lib/ids.js";
import { prng } from "./bench-support.js";

// --- Options ---------------------------------------------------------------------------------------

export interface SeedOptions {
  works: number;
  words: number;
  seed: number;
  /** PostgreSQL when set; SQLite at `sqlitePath` otherwise. */
  databaseUrl: string;
  sqlitePath: string;
  fresh: boolean;
  fandoms?: number;
  users?: number;
  /** Progress lines on stderr (every few seconds). */
  progress?: boolean;
}

export interface SeedReport {
  dialect: "sqlite" | "postgres";
  works: number;
  posted: number;
  tags: number;
  users: number;
  elapsedMs: number;
  /** Time spent writing works (not migrations, tags, index rebuilds and ANALYZE). */
  worksMs: number;
  indexMs: number;
  analyzeMs: number;
  worksPerSecond: number;
  bytes: number;
  peakRssBytes: number;
  /** The biggest fandom: its name and its share of the works. */
  topFandom: { name: string; works: number };
}

/** The day the corpus ends (fixed, so a seed always makes the same corpus). */
const CORPUS_END = Date.parse("2026-11-01T00:00:00.000Z");
const YEAR_MS = 365.25 * 86_400_000;
const CORPUS_START = CORPUS_END - 10 * YEAR_MS;

// --- Random helpers ----------------------------------------------------------------------------------

type Rand = () => number;

const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const chance = (r: Rand, p: number): boolean => r() < p;
const between = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** A standard normal deviate (Box-Muller). */
function gauss(r: Rand): number {
  const u = 1 - r();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

/** Picks by weight, from a fixed list of [value, weight]. */
function weighted<T>(table: readonly (readonly [T, number])[]): (r: Rand) => T {
  const total = table.reduce((n, [, w]) => n + w, 0);
  return (r) => {
    let x = r() * total;
    for (const [v, w] of table) {
      x -= w;
      if (x < 0) return v;
    }
    return table[table.length - 1]![0];
  };
}

/** Zipf weights 1/rank^s for `n` items. */
function zipfWeights(n: number, s: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 1 / (i + 1) ** s;
  return w;
}

/** Picks an index by the weights (binary search over their running sums). */
function sampler(weights: ArrayLike<number>): (r: Rand) => number {
  const n = weights.length;
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative[i] = sum += weights[i]!;
  return (r) => {
    const x = r() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** The Zipf exponent that gives the first of `n` items the share `top`. */
function zipfExponentForTopShare(n: number, top: number): number {
  let lo = 0.3;
  let hi = 2.5;
  for (let i = 0; i < 50; i++) {
    const s = (lo + hi) / 2;
    let h = 0;
    for (let k = 1; k <= n; k++) h += 1 / k ** s;
    if (1 / h > top) hi = s;
    else lo = s;
  }
  return (lo + hi) / 2;
}

// --- Vocabulary ----------------------------------------------------------------------------------------

const realWords = {
  nouns: (
    "door window light hand room night house letter voice morning rain road lamp table fire stone " +
    "garden kitchen bed book coat boat shore tide bell wind evening silence key river city ship sword " +
    "map cup knife mirror wall floor stair roof field forest snow sea sky star moon sun heart name " +
    "promise secret dream memory photograph song word question answer street bridge train station car " +
    "phone message rope ledger kettle lantern harbour island tower castle village market school library " +
    "office hospital church corridor hallway doorway porch balcony blanket candle ring necklace scarf " +
    "glove boot shirt jacket umbrella suitcase bottle glass plate bread tea coffee wine apple flower " +
    "tree leaf branch grass hill mountain valley lake storm thunder shadow smoke dust ash"
  ).split(" "),
  verbs: (
    "watched opened carried found turned lifted followed remembered crossed closed touched held counted " +
    "mended folded read left kept climbed answered pulled pushed dropped caught threw broke fixed " +
    "painted wrote signed burned buried hid searched noticed studied ignored forgot missed wanted " +
    "needed offered borrowed returned stole traded sold bought cleaned washed dried filled emptied " +
    "locked unlocked packed unpacked wrapped tied untied"
  ).split(" "),
  intransitive: (
    "waited laughed shivered paused listened sighed hesitated stayed wandered slept nodded smiled " +
    "frowned stopped breathed trembled whispered shouted wept ran walked sat stood knelt leaned " +
    "lingered drifted fell rose stumbled"
  ).split(" "),
  adjectives: (
    "quiet cold grey narrow bright old small heavy pale distant warm broken careful familiar strange " +
    "empty patient tired sudden low wet long bitter green restless faint soft sharp dark golden " +
    "silver red blue white black brittle hollow gentle fierce lonely crowded dusty frozen burning " +
    "ancient tiny enormous crooked polished rusted faded"
  ).split(" "),
  adverbs: (
    "slowly quietly again carefully suddenly gently finally softly quickly barely nearly almost " +
    "already still once twice anyway together alone instead"
  ).split(" "),
};

const pronouns = ["she", "he", "they", "she", "he"];
const determiners = ["the", "the", "the", "the", "a", "his", "her", "their", "that", "this", "one"];
const preps = "across beside under over behind toward against near past through into onto from beneath".split(
  " ",
);
const openers = [
  "In the morning",
  "After a while",
  "Later",
  "Somewhere below",
  "Outside",
  "For a moment",
  "That night",
  "Even so",
  "Before long",
  "At the end of the day",
  "Years later",
  "By then",
];
const fallbackNames = ["Mara", "Tobias", "Ines", "Corran", "Pell", "Wil", "Asha", "Noor"];

// Syllables for generated words and names.
const onsets = "b br c ch cl d dr f fl g gr h j k l m n p pr qu r s sh sl st t th tr v w z".split(" ");
const vowels = "a e i o u ai ea ou ie oa".split(" ");
const codas = ["", "", "n", "r", "l", "m", "s", "th", "nd", "rk", "st", "ck", "ll", "rn"];

function syllable(r: Rand): string {
  return pick(r, onsets) + pick(r, vowels) + pick(r, codas);
}

/** A made-up word of two or three syllables, e.g. "brailen". */
function madeUpWord(r: Rand): string {
  let w = syllable(r) + syllable(r);
  if (chance(r, 0.3)) w += syllable(r);
  return w;
}

export interface Vocabulary {
  /** Most frequent first; the sentence generator draws from each list by Zipf's law. */
  nouns: string[];
  verbs: string[];
  intransitive: string[];
  adjectives: string[];
  adverbs: string[];
}

/** Sizes of the word lists (real words first, made-up words after them). */
const VOCAB_SIZES = { nouns: 8000, verbs: 3000, intransitive: 1000, adjectives: 3000, adverbs: 800 };

/**
 * The words the prose is made of, most frequent first. The same for every seed, so the browse
 * benchmark can choose search words by frequency rank.
 */
export function vocabulary(): Vocabulary {
  const r = prng(0x5eed);
  const used = new Set<string>(
    [...Object.values(realWords).flat(), ...pronouns, ...determiners, ...preps].map((w) => w.toLowerCase()),
  );
  const fill = (real: string[], size: number, make: () => string): string[] => {
    const list = [...real];
    while (list.length < size) {
      const w = make();
      if (used.has(w) || w.length < 4) continue;
      used.add(w);
      list.push(w);
    }
    return list;
  };
  return {
    nouns: fill(realWords.nouns, VOCAB_SIZES.nouns, () => madeUpWord(r)),
    verbs: fill(realWords.verbs, VOCAB_SIZES.verbs, () => `${madeUpWord(r)}ed`),
    intransitive: fill(realWords.intransitive, VOCAB_SIZES.intransitive, () => `${madeUpWord(r)}ed`),
    adjectives: fill(
      realWords.adjectives,
      VOCAB_SIZES.adjectives,
      () => madeUpWord(r) + pick(r, ["ish", "ous", "ful", "y", "en", "ic"]),
    ),
    adverbs: fill(realWords.adverbs, VOCAB_SIZES.adverbs, () => `${madeUpWord(r)}ly`),
  };
}

/**
 * Writes sentences, paragraphs and titles; the content words follow Zipf's law. Written for speed
 * (a million works is 300 million words): no closures or regular expressions per sentence, and the
 * words are counted as they are written.
 */
class Writer {
  private readonly noun: (r: Rand) => number;
  private readonly verb: (r: Rand) => number;
  private readonly intrans: (r: Rand) => number;
  private readonly adj: (r: Rand) => number;
  private readonly adv: (r: Rand) => number;
  /** Words written by the last sentence(). */
  words = 0;

  constructor(private readonly v: Vocabulary) {
    this.noun = sampler(zipfWeights(v.nouns.length, 1.0));
    this.verb = sampler(zipfWeights(v.verbs.length, 1.0));
    this.intrans = sampler(zipfWeights(v.intransitive.length, 1.0));
    this.adj = sampler(zipfWeights(v.adjectives.length, 1.0));
    this.adv = sampler(zipfWeights(v.adverbs.length, 1.0));
  }

  /** "the lamp", "a quiet door", "an old map": a determiner, maybe an adjective, a noun. */
  private thing(r: Rand, adjective: boolean, det: string): string {
    const noun = this.v.nouns[this.noun(r)]!;
    let phrase = noun;
    if (adjective) {
      phrase = `${this.v.adjectives[this.adj(r)]!} ${noun}`;
      this.words += 3;
    } else {
      this.words += 2;
    }
    if (det === "a") {
      const c = phrase.charCodeAt(0);
      // a, e, i, o, u
      if (c === 97 || c === 101 || c === 105 || c === 111 || c === 117) det = "an";
    }
    return `${det} ${phrase}`;
  }

  private any(r: Rand): string {
    return this.thing(r, r() < 0.4, determiners[Math.floor(r() * determiners.length)]!);
  }

  private who(r: Rand, names: readonly string[]): string {
    this.words += 1;
    return r() < 0.3 ? names[Math.floor(r() * names.length)]! : pronouns[Math.floor(r() * pronouns.length)]!;
  }

  sentence(r: Rand, names: readonly string[]): string {
    const v = this.v;
    this.words = 0;
    switch (Math.floor(r() * 9)) {
      case 0: {
        const who = this.who(r, names);
        this.words += 1;
        return `${cap(who)} ${v.verbs[this.verb(r)]!} ${this.any(r)}.`;
      }
      case 1: {
        const who = this.who(r, names);
        this.words += 2;
        return `${cap(who)} ${v.intransitive[this.intrans(r)]!} ${pick(r, preps)} ${this.any(r)}.`;
      }
      case 2: {
        const opener = pick(r, openers);
        const who = this.who(r, names);
        this.words += 2 + wordsIn(opener);
        return `${opener}, ${who} ${v.verbs[this.verb(r)]!} ${this.any(r)} ${v.adverbs[this.adv(r)]!}.`;
      }
      case 3:
        this.words += 4;
        return `"${cap(pick(r, pronouns))} ${v.verbs[this.verb(r)]!} ${this.any(r)}," ${pick(r, names)} said.`;
      case 4: {
        const a = this.who(r, names);
        const b = this.who(r, names);
        this.words += 3;
        return `${cap(a)} ${v.verbs[this.verb(r)]!} ${this.any(r)}, and ${b} ${v.intransitive[this.intrans(r)]!}.`;
      }
      case 5: {
        const who = this.who(r, names);
        this.words += 8;
        return `It was ${this.thing(r, true, "a")}, and ${who} had not expected it.`;
      }
      case 6:
        this.words += 3;
        return `There was ${this.thing(r, true, "a")} ${pick(r, preps)} ${this.any(r)}.`;
      case 7: {
        const a = pick(r, names);
        let b = pick(r, names);
        if (b === a) b = pick(r, pronouns);
        this.words += 5;
        return `${cap(a)} and ${b} ${v.verbs[this.verb(r)]!} ${this.any(r)} ${v.adverbs[this.adv(r)]!}.`;
      }
      default: {
        const who = this.who(r, names);
        this.words += 3;
        return `${cap(who)} ${v.adverbs[this.adv(r)]!} ${v.verbs[this.verb(r)]!} ${this.any(r)} ${pick(r, preps)} ${this.any(r)}.`;
      }
    }
  }

  /** Paragraphs (plain text) of about `words` words together. */
  paragraphs(r: Rand, names: readonly string[], words: number): string[] {
    const out: string[] = [];
    let total = 0;
    while (total < words) {
      const count = 2 + Math.floor(r() * 5);
      let text = this.sentence(r, names);
      total += this.words;
      for (let i = 1; i < count && total < words; i++) {
        text += ` ${this.sentence(r, names)}`;
        total += this.words;
      }
      out.push(text);
    }
    return out;
  }

  title(r: Rand): string {
    const v = this.v;
    switch (Math.floor(r() * 6)) {
      case 0:
        return `The ${cap(v.adjectives[this.adj(r)]!)} ${cap(v.nouns[this.noun(r)]!)}`;
      case 1:
        return `${cap(v.nouns[this.noun(r)]!)} and ${cap(v.nouns[this.noun(r)]!)}`;
      case 2:
        return `A ${cap(v.nouns[this.noun(r)]!)} of ${cap(v.nouns[this.noun(r)]!)}`;
      case 3:
        return `${cap(v.adjectives[this.adj(r)]!)} ${cap(v.nouns[this.noun(r)]!)}`;
      case 4:
        return `What the ${cap(v.nouns[this.noun(r)]!)} ${cap(v.verbs[this.verb(r)]!)}`;
      default:
        return cap(v.nouns[this.noun(r)]!);
    }
  }
}

function wordsIn(s: string): number {
  let n = 1;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 32) n++;
  return n;
}

/** Paragraphs as the sanitizer stores them: <p>…</p> with nothing between, some words in <em>. */
function paragraphsHtml(r: Rand, paragraphs: readonly string[]): string {
  let html = "";
  for (const p of paragraphs) {
    if (chance(r, 0.08)) {
      const words = p.split(" ");
      const at = 1 + Math.floor(r() * Math.max(1, words.length - 3));
      const end = Math.max(at, Math.min(words.length - 1, at + Math.floor(r() * 3)));
      words[at] = `<em>${words[at]}`;
      words[end] += "</em>";
      html += `<p>${words.join(" ")}</p>`;
    } else {
      html += `<p>${p}</p>`;
    }
  }
  return html;
}

// --- The corpus model: tags, creators --------------------------------------------------------------

interface SeedTag {
  id: string;
  num: number;
  name: string;
  type: TagType;
  canonical: number;
  mergerId: string | null;
}

interface Fandom {
  tag: SeedTag;
  /** Member of a meta fandom ("X - All Media Types"). */
  meta: SeedTag | null;
  characters: SeedTag[];
  /** First names of the characters, for the prose. */
  firstNames: string[];
  relationships: { tag: SeedTag; members: number[] }[];
  pickCharacter: (r: Rand) => number;
  pickRelationship: (r: Rand) => number;
}

const media = [
  "(TV)",
  "(Video Game)",
  "(Anime)",
  "(Movies)",
  "(Comics)",
  "(Cartoon)",
  "- Author",
  "(Web Series)",
  "(Band)",
  "(Podcast)",
];
const seriesWords = (
  "Chronicles Saga Academy Legends Tales Odyssey Empire Hearts Quest Kingdom Rising Heroes Station " +
  "Protocol Club Detective Hospital Mysteries Order Blade Tides Frontier Dynasty Hollow Crown Files"
).split(" ");
const franchiseMedia = ["(TV)", "(Movies)", "(Comics)", "(Video Game)", "(Anime)", "(Books)"];

const realFreeforms = [
  "Fluff",
  "Angst",
  "Hurt/Comfort",
  "Romance",
  "Alternate Universe - Modern Setting",
  "Friendship",
  "Humor",
  "Smut",
  "Slow Burn",
  "Found Family",
  "Established Relationship",
  "Canon Compliant",
  "Alternate Universe - Canon Divergence",
  "Angst with a Happy Ending",
  "Post-Canon",
  "Pre-Canon",
  "Happy Ending",
  "Drabble",
  "Mutual Pining",
  "Friends to Lovers",
  "Enemies to Lovers",
  "Whump",
  "Character Study",
  "Family",
  "Alternate Universe - Coffee Shops & Cafés",
  "Alternate Universe",
  "Tooth-Rotting Fluff",
  "Fluff and Angst",
  "Domestic Fluff",
  "Alternate Universe - High School",
  "Alternate Universe - College/University",
  "Alternate Universe - Soulmates",
  "Misunderstandings",
  "Grief/Mourning",
  "Nightmares",
  "Self-Indulgent",
  "First Kiss",
  "Love Confessions",
  "Protective Siblings",
  "Christmas",
];
/** Meta tags among the additional tags: [meta, subs]. */
const freeformMetas: [string, string[]][] = [
  [
    "Alternate Universe",
    [
      "Alternate Universe - Modern Setting",
      "Alternate Universe - Canon Divergence",
      "Alternate Universe - Coffee Shops & Cafés",
      "Alternate Universe - High School",
      "Alternate Universe - College/University",
      "Alternate Universe - Soulmates",
    ],
  ],
  ["Fluff", ["Tooth-Rotting Fluff", "Fluff and Angst", "Domestic Fluff"]],
  ["Angst", ["Angst with a Happy Ending", "Fluff and Angst"]],
];

const ratingTable = weighted([
  ["General Audiences", 20],
  ["Teen And Up Audiences", 30],
  ["Mature", 20],
  ["Explicit", 20],
  ["Not Rated", 10],
] as const);
const warningTable = weighted([
  ["No Archive Warnings Apply", 55],
  ["Choose Not To Use Archive Warnings", 25],
  ["Graphic Depictions Of Violence", 10],
  ["Major Character Death", 5],
  ["Rape/Non-Con", 3],
  ["Underage Sex", 2],
] as const);
const seriousWarnings = [
  "Graphic Depictions Of Violence",
  "Major Character Death",
  "Rape/Non-Con",
  "Underage Sex",
];
const categoryTable = weighted([
  ["M/M", 35],
  ["F/M", 25],
  ["Gen", 22],
  ["F/F", 8],
  ["Multi", 6],
  ["Other", 4],
] as const);
const languageTable = weighted([
  ["en", 900],
  ["es", 20],
  ["zh", 20],
  ["ru", 15],
  ["fr", 12],
  ["pt-BR", 8],
  ["de", 8],
  ["it", 6],
  ["ja", 5],
  ["pl", 3],
  ["ko", 3],
] as const);

/** Everything about the corpus that is decided before the first work: tags, creators, popularity. */
class Corpus {
  readonly tags: SeedTag[] = [];
  readonly metaTaggings: [meta: string, sub: string][] = [];
  readonly tagParents: [child: string, parent: string][] = [];
  readonly graph: { tags: Map<string, FilterTag & { type: string }>; metaOf: Map<string, string[]> };
  readonly fixed = new Map<string, SeedTag>();
  readonly fandoms: Fandom[] = [];
  readonly pickFandom: (r: Rand) => number;
  readonly freeforms: SeedTag[] = [];
  readonly pickFreeform: (r: Rand) => number;
  /** Synonym used instead of a canonical tag (by the canonical's id), now and then. */
  readonly synonymOf = new Map<string, SeedTag>();
  readonly users: { id: string; username: string; createdAt: string }[] = [];
  readonly pseuds: { id: string; userId: string; name: string; isDefault: boolean; createdAt: string }[] = [];
  readonly pickPseud: (r: Rand) => number;
  readonly vocab: Vocabulary;
  readonly writer: Writer;
  private readonly keys: Set<string>;
  private nextNum: number;

  constructor(
    r: Rand,
    works: number,
    existing: {
      tags: SeedTag[];
      metaTaggings: [string, string][];
      tagKeys: Set<string>;
      userKeys: Set<string>;
    },
    options: { fandoms: number; users: number },
  ) {
    this.vocab = vocabulary();
    this.writer = new Writer(this.vocab);
    this.keys = new Set(existing.tagKeys);
    this.nextNum = existing.tags.reduce((n, t) => Math.max(n, t.num), 0) + 1;
    this.graph = { tags: new Map(), metaOf: new Map() };
    for (const t of existing.tags) {
      this.graph.tags.set(t.id, { id: t.id, num: t.num, mergerId: t.mergerId, type: t.type });
      if (t.type === "rating" || t.type === "archive_warning" || t.type === "category")
        this.fixed.set(t.name, t);
    }
    for (const [meta, sub] of existing.metaTaggings) this.addMeta(meta, sub, false);

    // Fandoms: Zipf, the first with about 9% of the works.
    const fandomCount = options.fandoms;
    const fandomWeights = zipfWeights(fandomCount, zipfExponentForTopShare(fandomCount, 0.09));
    const weightSum = fandomWeights.reduce((a, b) => a + b, 0);
    this.pickFandom = sampler(fandomWeights);
    // Some fandoms (never the biggest) are media of one franchise, under a meta fandom.
    const franchiseOf = new Map<number, { base: string; meta: SeedTag; medium: string }>();
    const groups = Math.round(fandomCount * 0.02);
    for (let g = 0; g < groups; g++) {
      const base = this.uniqueName(
        r,
        () => `${cap(madeUpWord(r))} ${pick(r, seriesWords)}`,
        " - All Media Types",
      );
      const meta = this.addTag(`${base} - All Media Types`, "fandom", 1);
      const members = between(r, 2, 4);
      const chosenMedia = [...franchiseMedia].sort(() => r() - 0.5).slice(0, members);
      for (const medium of chosenMedia) {
        let rank = 1 + Math.floor(r() * (fandomCount - 1));
        for (let tries = 0; franchiseOf.has(rank) && tries < 20; tries++)
          rank = 1 + Math.floor(r() * (fandomCount - 1));
        if (!franchiseOf.has(rank)) franchiseOf.set(rank, { base, meta, medium });
      }
    }
    for (let i = 0; i < fandomCount; i++) {
      const franchise = franchiseOf.get(i);
      const name = franchise
        ? this.uniqueName(r, () => `${franchise.base} ${franchise.medium}`)
        : this.uniqueName(r, () =>
            chance(r, 0.7)
              ? `${cap(madeUpWord(r))} ${pick(r, seriesWords)} ${pick(r, media)}`
              : `The ${cap(madeUpWord(r))} ${pick(r, seriesWords)} ${pick(r, media)}`,
          );
      const tag = this.addTag(name, "fandom", 1);
      if (franchise) this.addMeta(franchise.meta.id, tag.id, true);
      // Pools grow with the fandom's expected size: a huge fandom has hundreds of characters.
      const expected = (works * fandomWeights[i]!) / weightSum;
      const characterCount = Math.min(1500, Math.round(4 + 1.5 * Math.sqrt(expected)));
      const relationshipCount = Math.min(3000, Math.round(3 + 2 * Math.sqrt(expected)));
      const characters: SeedTag[] = [];
      const firstNames: string[] = [];
      for (let c = 0; c < characterCount; c++) {
        const first = cap(madeUpWord(r));
        const full = chance(r, 0.85) ? `${first} ${cap(madeUpWord(r))}` : first;
        const charName = this.keys.has(tagNameKey(full)) ? `${full} (${name})` : full;
        if (this.keys.has(tagNameKey(charName)) || tagNameProblem(charName, 150)) continue;
        const ch = this.addTag(charName, "character", 1);
        this.tagParents.push([ch.id, tag.id]);
        characters.push(ch);
        firstNames.push(first);
        // ~5% have a synonym works use now and then: the first name alone, or "First L.".
        if (chance(r, 0.05)) {
          const parts = full.split(" ");
          const syn =
            parts.length > 1
              ? `${parts[0]} ${parts[1]!.charAt(0)}.`
              : `${full} (${pick(r, ["Original", "Canon"])})`;
          if (!this.keys.has(tagNameKey(syn)) && !tagNameProblem(syn, 150)) {
            this.synonymOf.set(ch.id, this.addTag(syn, "character", 0, ch.id));
          }
        }
      }
      const pickCharacter = sampler(zipfWeights(characters.length, 1.0));
      const relationships: { tag: SeedTag; members: number[] }[] = [];
      const pairs = new Set<string>();
      for (
        let k = 0;
        k < relationshipCount * 3 && relationships.length < relationshipCount && characters.length > 1;
        k++
      ) {
        const a = pickCharacter(r);
        const b = pickCharacter(r);
        if (a === b) continue;
        const [x, y] = a < b ? [a, b] : [b, a];
        const romantic = chance(r, 0.75);
        const pairKey = `${x}:${y}:${romantic}`;
        if (pairs.has(pairKey)) continue;
        pairs.add(pairKey);
        const relName = normaliseTagName(
          `${characters[x]!.name}${romantic ? "/" : " & "}${characters[y]!.name}`,
          "relationship",
        );
        if (this.keys.has(tagNameKey(relName)) || tagNameProblem(relName, 150)) continue;
        const rel = this.addTag(relName, "relationship", 1);
        this.tagParents.push([rel.id, tag.id]);
        relationships.push({ tag: rel, members: [x, y] });
        if (chance(r, 0.05)) {
          const syn = normaliseTagName(
            `${characters[y]!.name}${romantic ? "/" : " & "}${characters[x]!.name}`,
            "relationship",
          );
          if (!this.keys.has(tagNameKey(syn)) && !tagNameProblem(syn, 150))
            this.synonymOf.set(rel.id, this.addTag(syn, "relationship", 0, rel.id));
        }
      }
      this.fandoms.push({
        tag,
        meta: franchise?.meta ?? null,
        characters,
        firstNames,
        relationships,
        pickCharacter,
        pickRelationship: sampler(zipfWeights(Math.max(1, relationships.length), 1.0)),
      });
    }

    // Additional tags: AO3's common ones first, then made-up ones; the tail is unwrangled.
    const freeformCount = Math.max(realFreeforms.length + 10, Math.min(20_000, Math.round(works / 50)));
    for (const name of realFreeforms) {
      if (this.keys.has(tagNameKey(name))) continue;
      this.freeforms.push(this.addTag(name, "freeform", 1));
    }
    for (const [metaName, subs] of freeformMetas) {
      const meta = this.freeforms.find((t) => t.name === metaName);
      for (const sub of subs) {
        const s = this.freeforms.find((t) => t.name === sub);
        if (meta && s) this.addMeta(meta.id, s.id, true);
      }
    }
    while (this.freeforms.length < freeformCount) {
      const name = this.uniqueName(r, () =>
        chance(r, 0.5)
          ? `${cap(this.vocab.adjectives[Math.floor(r() * 400)]!)} ${cap(this.vocab.nouns[Math.floor(r() * 2000)]!)}`
          : `${cap(madeUpWord(r))} ${pick(r, ["Feelings", "Shenanigans", "Tropes", "Energy", "Headcanons", "Week", "Vibes", "AU", "Party", "Reunion"])}`,
      );
      const canonical = this.freeforms.length < freeformCount * 0.4 ? 1 : 0;
      this.freeforms.push(this.addTag(name, "freeform", canonical));
    }
    this.pickFreeform = sampler(zipfWeights(this.freeforms.length, 1.0));

    // Creators: a few thousand accounts, some with a second pseud; how much each writes is Zipf.
    for (let u = 0; u < options.users; u++) {
      const username = (() => {
        for (;;) {
          const name =
            `${madeUpWord(r)}${pick(r, ["", "_", "_", "-"])}${chance(r, 0.5) ? madeUpWord(r) : String(between(r, 1, 9999))}`.slice(
              0,
              40,
            );
          if (name.length >= 3 && !existing.userKeys.has(usernameKey(name))) {
            existing.userKeys.add(usernameKey(name));
            return name;
          }
        }
      })();
      const createdAt = new Date(CORPUS_START - YEAR_MS * r()).toISOString();
      const id = newId(Date.parse(createdAt));
      this.users.push({ id, username, createdAt });
      this.pseuds.push({
        id: newId(Date.parse(createdAt)),
        userId: id,
        name: username,
        isDefault: true,
        createdAt,
      });
      if (chance(r, 0.15)) {
        const second = cap(madeUpWord(r));
        if (pseudNameKey(second) !== pseudNameKey(username))
          this.pseuds.push({
            id: newId(Date.parse(createdAt)),
            userId: id,
            name: second,
            isDefault: false,
            createdAt,
          });
      }
    }
    const order = this.pseuds.map((_, i) => i).sort(() => r() - 0.5);
    const pseudWeights = zipfWeights(this.pseuds.length, 0.9);
    const shuffled = new Float64Array(this.pseuds.length);
    order.forEach((p, rank) => (shuffled[p] = pseudWeights[rank]!));
    this.pickPseud = sampler(shuffled);
  }

  private uniqueName(r: Rand, make: () => string, suffix = ""): string {
    for (let i = 0; ; i++) {
      const name = normaliseTagName(make());
      if (
        !this.keys.has(tagNameKey(name)) &&
        !this.keys.has(tagNameKey(name + suffix)) &&
        !tagNameProblem(name + suffix, 150)
      )
        return name;
      if (i > 1000) throw new Error("could not make a unique tag name");
    }
  }

  private addTag(name: string, type: TagType, canonical: number, mergerId: string | null = null): SeedTag {
    const tag: SeedTag = { id: newId(CORPUS_START), num: this.nextNum++, name, type, canonical, mergerId };
    this.keys.add(tagNameKey(name));
    this.tags.push(tag);
    this.graph.tags.set(tag.id, { id: tag.id, num: tag.num, mergerId, type });
    return tag;
  }

  private addMeta(meta: string, sub: string, record: boolean): void {
    if (record) this.metaTaggings.push([meta, sub]);
    const list = this.graph.metaOf.get(sub) ?? [];
    list.push(meta);
    this.graph.metaOf.set(sub, list);
  }

  /** A tag, or now and then its synonym when it has one (as creators type them). */
  orSynonym(r: Rand, tag: SeedTag): SeedTag {
    const syn = this.synonymOf.get(tag.id);
    return syn && chance(r, 0.3) ? syn : tag;
  }
}

// --- One work --------------------------------------------------------------------------------------

interface ChapterRow {
  id: string;
  position: number;
  title: string;
  content: string;
  text: string;
  posted: number;
  publishedAt: string | null;
  wordCount: number;
  createdAt: string;
}

export interface SeedWork {
  id: string;
  doc: number;
  title: string;
  titleSort: string;
  summary: string;
  notes: string;
  endnotes: string;
  language: string;
  expectedChapters: number | null;
  postedChapters: number;
  complete: number;
  posted: number;
  restricted: number;
  publishedAt: string | null;
  revisedAt: string | null;
  wordCount: number;
  hits: number;
  kudos: number;
  comments: number;
  bookmarks: number;
  crossover: number;
  createdAt: string;
  updatedAt: string;
  pseudIds: string[];
  chapters: ChapterRow[];
  tagIds: string[];
  filter: Map<number, boolean>;
  search: SearchDocument | null;
  /** The first fandom (its index in the corpus), for statistics. */
  fandom: number;
}

function inverseGrowth(fraction: number): number {
  // More works every year (AO3 grows): the density of publication times rises as e^(1.5 t).
  const k = 1.5;
  return Math.log(1 + fraction * (Math.exp(k) - 1)) / k;
}

const relationshipCount = weighted([
  [0, 25],
  [1, 45],
  [2, 18],
  [3, 8],
  [4, 3],
  [5, 1],
] as const);

function makeWork(corpus: Corpus, r: Rand, i: number, total: number, words: number): SeedWork {
  const doc = i + 1;
  // Publication times rise with the work's number, as they would on an archive.
  const published = Math.round(
    CORPUS_START + (CORPUS_END - CORPUS_START - 86_400_000) * inverseGrowth((i + r()) / total),
  );
  const draft = chance(r, 0.01);
  const restricted = chance(r, 0.02) ? 1 : 0;

  // Tags, in the order saveTags writes them.
  const tags: SeedTag[] = [];
  const add = (t: SeedTag) => {
    if (!tags.includes(t)) tags.push(t);
  };
  add(corpus.fixed.get(ratingTable(r))!);
  const warning = warningTable(r);
  add(corpus.fixed.get(warning)!);
  if (seriousWarnings.includes(warning) && chance(r, 0.2)) add(corpus.fixed.get(pick(r, seriousWarnings))!);
  if (!chance(r, 0.1)) {
    add(corpus.fixed.get(categoryTable(r))!);
    if (chance(r, 0.12)) add(corpus.fixed.get(categoryTable(r))!);
  }
  const fi = corpus.pickFandom(r);
  const fandom = corpus.fandoms[fi]!;
  const fandomTags: SeedTag[] = [fandom.tag];
  let second: Fandom | null = null;
  if (fandom.meta && chance(r, 0.15)) fandomTags.push(fandom.meta);
  if (chance(r, 0.05)) {
    const other = corpus.fandoms[corpus.pickFandom(r)]!;
    if (other !== fandom) {
      second = other;
      fandomTags.push(other.tag);
    }
  }
  for (const f of fandomTags) add(f);
  const relCount = relationshipCount(r);
  const castIdx = new Set<number>();
  const rels: SeedTag[] = [];
  for (let k = 0; k < relCount && fandom.relationships.length > 0; k++) {
    const rel = fandom.relationships[fandom.pickRelationship(r)]!;
    for (const m of rel.members) castIdx.add(m);
    rels.push(corpus.orSynonym(r, rel.tag));
  }
  for (const rel of rels) add(rel);
  const extraChars = between(r, 0, 4);
  for (let k = 0; k < extraChars && fandom.characters.length > 0; k++) castIdx.add(fandom.pickCharacter(r));
  const chars: SeedTag[] = [...castIdx].map((c) => corpus.orSynonym(r, fandom.characters[c]!));
  if (second && second.characters.length > 0) chars.push(second.characters[second.pickCharacter(r)]!);
  for (const c of chars) add(c);
  const freeformCount = Math.min(12, Math.floor(-Math.log(1 - r()) * 4));
  for (let k = 0; k < freeformCount; k++) add(corpus.freeforms[corpus.pickFreeform(r)]!);
  tags.length = Math.min(tags.length, 20);
  const tagIds = tags.map((t) => t.id);

  const filter = filterSet(corpus.graph, tagIds);
  const crossover = isCrossover(
    corpus.graph,
    tags.filter((t) => t.type === "fandom").map((t) => t.id),
  )
    ? 1
    : 0;

  // Chapters: 70% complete (most one-shots), the rest in progress.
  const complete = chance(r, 0.7);
  let chapterCount: number;
  let expected: number | null;
  if (complete) {
    chapterCount = chance(r, 0.65) ? 1 : Math.min(60, 2 + Math.floor(-Math.log(1 - r()) * 6));
    expected = chapterCount;
  } else {
    chapterCount = Math.min(60, 1 + Math.floor(-Math.log(1 - r()) * 4));
    expected = chance(r, 0.5) ? null : chapterCount + between(r, 1, 10);
  }
  chapterCount = Math.max(1, Math.min(chapterCount, Math.floor(words / 20)));
  if (expected !== null && complete) expected = chapterCount;

  const names = fandom.firstNames.length > 0 ? [...castIdx].map((c) => fandom.firstNames[c]!) : [];
  const cast = names.length >= 2 ? names : [...names, ...fallbackNames.slice(0, 2)];
  const chapters: ChapterRow[] = [];
  let at = published;
  for (let c = 0; c < chapterCount; c++) {
    if (c > 0) at = Math.min(CORPUS_END - 60_000, Math.round(at + -Math.log(1 - r()) * 14 * 86_400_000));
    const paragraphs = corpus.writer.paragraphs(r, cast, Math.max(15, Math.round(words / chapterCount)));
    // The claimed length: lognormal, median about 2,000 words a chapter.
    const claimed = Math.max(100, Math.min(60_000, Math.round(Math.exp(Math.log(2000) + 0.9 * gauss(r)))));
    const iso = new Date(at).toISOString();
    chapters.push({
      id: newId(at),
      position: c + 1,
      title: chapterCount > 1 && chance(r, 0.3) ? corpus.writer.title(r) : "",
      content: paragraphsHtml(r, paragraphs),
      text: paragraphs.join(" "),
      posted: draft ? 0 : 1,
      publishedAt: draft ? null : iso,
      wordCount: claimed,
      createdAt: iso,
    });
  }
  const firstAt = chapters[0]!.createdAt;
  const lastAt = chapters[chapters.length - 1]!.createdAt;

  const summarySentences = between(r, 1, 3);
  const summaryText: string[] = [];
  for (let k = 0; k < summarySentences; k++) summaryText.push(corpus.writer.sentence(r, cast));
  const summary = `<p>${summaryText.join(" ")}</p>`;
  const notes = chance(r, 0.25) ? `<p>${corpus.writer.sentence(r, cast)}</p>` : "";
  const endnotes = chance(r, 0.1) ? `<p>${corpus.writer.sentence(r, cast)}</p>` : "";
  const title = corpus.writer.title(r);

  const pseudIds = [corpus.pseuds[corpus.pickPseud(r)]!.id];
  if (chance(r, 0.03)) {
    const other = corpus.pseuds[corpus.pickPseud(r)]!.id;
    if (other !== pseudIds[0]) pseudIds.push(other);
  }

  const hits = draft ? 0 : Math.round(Math.exp(Math.log(600) + 1.4 * gauss(r)));
  const kudos = draft ? 0 : Math.round(hits * Math.min(0.5, Math.exp(Math.log(0.06) + 0.5 * gauss(r))));
  const comments = draft ? 0 : Math.round(kudos * Math.exp(Math.log(0.12) + 0.8 * gauss(r)));
  const bookmarks = draft ? 0 : Math.round(kudos * Math.exp(Math.log(0.15) + 0.6 * gauss(r)));

  const work: SeedWork = {
    id: newId(published),
    doc,
    title,
    titleSort: titleSortKey(title),
    summary,
    notes,
    endnotes,
    language: languageTable(r),
    expectedChapters: expected,
    postedChapters: chapterCount,
    complete: expected !== null && chapterCount >= expected ? 1 : 0,
    posted: draft ? 0 : 1,
    restricted,
    publishedAt: draft ? null : firstAt,
    revisedAt: draft ? null : lastAt,
    wordCount: chapters.reduce((n, c) => n + c.wordCount, 0),
    hits,
    kudos,
    comments,
    bookmarks,
    crossover,
    createdAt: firstAt,
    updatedAt: lastAt,
    pseudIds,
    chapters,
    tagIds,
    filter,
    search: null,
    fandom: fi,
  };
  return work;
}

/** The work's full-text document, as reindexWorks makes it (null for a draft). */
function searchDocOf(
  work: SeedWork,
  corpus: Corpus,
  pseudNames: Map<string, string>,
  tagsById: Map<string, SeedTag>,
  tagsByNum: Map<number, SeedTag>,
): SearchDocument | null {
  if (!work.posted) return null;
  const typed = work.tagIds.map((id) => tagsById.get(id)!);
  const filed = [...work.filter.keys()].sort((a, b) => a - b).map((num) => tagsByNum.get(num)!);
  const names = [...typed, ...filed];
  return searchDocument({
    doc: work.doc,
    title: work.title,
    summary: work.summary,
    notes: work.notes,
    endnotes: work.endnotes,
    creators: work.pseudIds.map((id) => pseudNames.get(id)!),
    tagNames: names.filter((t) => t.type !== "fandom").map((t) => t.name),
    fandomNames: names.filter((t) => t.type === "fandom").map((t) => t.name),
    chapters: work.chapters.map((c) => ({
      title: c.title,
      summary: "",
      notes: "",
      endnotes: "",
      content: c.content,
    })),
  });
}

// --- Writers ------------------------------------------------------------------------------------------

interface RowWriter {
  writeCorpus(corpus: Corpus, at: string): Promise<void>;
  writeWorks(works: SeedWork[], changedAt: string): Promise<void>;
  finish(): Promise<{ indexMs: number; analyzeMs: number; bytes: number }>;
  close(): Promise<void>;
}

const WORK_COLUMNS = [
  "id",
  "title",
  "title_sort",
  "summary",
  "summary_sv",
  "notes",
  "notes_sv",
  "endnotes",
  "endnotes_sv",
  "language",
  "expected_chapters",
  "posted_chapters",
  "complete",
  "posted",
  "restricted",
  "comment_permissions",
  "backdated",
  "published_at",
  "revised_at",
  "word_count",
  "hit_count",
  "major_version",
  "minor_version",
  "created_at",
  "updated_at",
  "doc",
  "hidden_by_admin",
  "kudos_count",
  "comment_count",
  "bookmark_count",
  "crossover",
] as const;

function workValues(w: SeedWork): (string | number | null)[] {
  const sv = SANITIZER_VERSION;
  return [
    w.id,
    w.title,
    w.titleSort,
    w.summary,
    sv,
    w.notes,
    sv,
    w.endnotes,
    sv,
    w.language,
    w.expectedChapters,
    w.postedChapters,
    w.complete,
    w.posted,
    w.restricted,
    "users",
    0,
    w.publishedAt,
    w.revisedAt,
    w.wordCount,
    w.hits,
    1,
    0,
    w.createdAt,
    w.updatedAt,
    w.doc,
    0,
    w.kudos,
    w.comments,
    w.bookmarks,
    w.crossover,
  ];
}

const CHAPTER_COLUMNS = [
  "id",
  "work_id",
  "position",
  "title",
  "summary",
  "summary_sv",
  "notes",
  "notes_sv",
  "endnotes",
  "endnotes_sv",
  "content",
  "content_sv",
  "posted",
  "published_at",
  "word_count",
  "created_at",
  "updated_at",
] as const;

function chapterValues(w: SeedWork, c: ChapterRow): (string | number | null)[] {
  return [
    c.id,
    w.id,
    c.position,
    c.title,
    "",
    0,
    "",
    0,
    "",
    0,
    c.content,
    SANITIZER_VERSION,
    c.posted,
    c.publishedAt,
    c.wordCount,
    c.createdAt,
    c.createdAt,
  ];
}

function tagValues(t: SeedTag, at: string): (string | number | null)[] {
  return [
    t.id,
    t.name,
    tagNameKey(t.name),
    tagSortName(t.name),
    t.type,
    t.canonical,
    t.mergerId,
    0,
    at,
    at,
    t.num,
  ];
}
const TAG_COLUMNS = [
  "id",
  "name",
  "name_key",
  "sort_name",
  "type",
  "canonical",
  "merger_id",
  "adult",
  "created_at",
  "updated_at",
  "num",
];

function userValues(u: Corpus["users"][number]): (string | number)[] {
  const email = `${u.username}@example.invalid`;
  // "!" is no password hash at all: nobody can log in as a seeded creator.
  return [
    u.id,
    u.username,
    usernameKey(u.username),
    email,
    emailKey(email),
    "!",
    0,
    u.createdAt,
    u.createdAt,
    u.createdAt,
    u.createdAt,
  ];
}
const USER_COLUMNS = [
  "id",
  "username",
  "username_key",
  "email",
  "email_key",
  "password_hash",
  "is_admin",
  "created_at",
  "updated_at",
  "password_changed_at",
  "terms_accepted_at",
];

function pseudValues(p: Corpus["pseuds"][number]): (string | number)[] {
  return [p.id, p.userId, p.name, pseudNameKey(p.name), "", p.isDefault ? 1 : 0, p.createdAt, p.createdAt];
}
const PSEUD_COLUMNS = [
  "id",
  "user_id",
  "name",
  "name_key",
  "description",
  "is_default",
  "created_at",
  "updated_at",
];

/** Tables whose secondary indexes are dropped during the seed and rebuilt after it. */
const BULK_TABLES = ["works", "chapters", "creatorships", "work_tags", "filter_taggings", "work_changes"];

class SqliteWriter implements RowWriter {
  private readonly db: SQLite.Database;
  private dropped: { name: string; sql: string }[] = [];
  private readonly statements: Record<string, SQLite.Statement>;

  constructor(private readonly file: string) {
    this.db = new SQLite(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = OFF");
    this.db.pragma("foreign_keys = OFF");
    this.db.pragma("cache_size = -1000000"); // 1 GB of page cache while seeding
    this.db.pragma("temp_store = FILE");
    const insert = (table: string, columns: readonly string[]) =>
      this.db.prepare(
        `insert into ${table} (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")})`,
      );
    this.statements = {
      work: insert("works", WORK_COLUMNS),
      chapter: insert("chapters", CHAPTER_COLUMNS),
      creatorship: insert("creatorships", ["work_id", "pseud_id", "position"]),
      workTag: insert("work_tags", ["work_id", "tag_id", "position"]),
      filterTagging: insert("filter_taggings", ["doc", "tag_num", "inherited"]),
      change: insert("work_changes", ["doc", "changed_at"]),
      // writeSearchDocuments' statement.
      search: this.db.prepare(
        "insert or replace into work_search (rowid, title, creators, summary, notes, tags, fandoms, body) values (?, ?, ?, ?, ?, ?, ?, ?)",
      ),
    };
    // Secondary indexes are cheaper to build once at the end than to keep up row by row.
    const rows = this.db
      .prepare(
        `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${BULK_TABLES.map(() => "?").join(", ")})`,
      )
      .all(...BULK_TABLES) as { name: string; sql: string }[];
    // So is the trigger numbering works inserted without a number: even when it does nothing (every
    // row here has its number), it makes each insert into works some 20 times slower.
    const triggers = this.db
      .prepare(
        "select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'works' and name = 'works_doc_number'",
      )
      .all() as { name: string; sql: string }[];
    for (const row of rows) this.db.exec(`drop index ${row.name}`);
    for (const row of triggers) this.db.exec(`drop trigger ${row.name}`);
    this.dropped = [...rows, ...triggers];
  }

  async writeCorpus(corpus: Corpus, at: string): Promise<void> {
    const tag = this.db.prepare(
      `insert into tags (${TAG_COLUMNS.join(", ")}) values (${TAG_COLUMNS.map(() => "?").join(", ")})`,
    );
    const meta = this.db.prepare("insert into meta_taggings (meta_id, sub_id) values (?, ?)");
    const parent = this.db.prepare("insert into tag_parents (child_id, parent_id) values (?, ?)");
    const user = this.db.prepare(
      `insert into users (${USER_COLUMNS.join(", ")}) values (${USER_COLUMNS.map(() => "?").join(", ")})`,
    );
    const pseud = this.db.prepare(
      `insert into pseuds (${PSEUD_COLUMNS.join(", ")}) values (${PSEUD_COLUMNS.map(() => "?").join(", ")})`,
    );
    this.db.transaction(() => {
      for (const t of corpus.tags) tag.run(...tagValues(t, at));
      for (const [m, s] of corpus.metaTaggings) meta.run(m, s);
      for (const [c, p] of corpus.tagParents) parent.run(c, p);
      for (const u of corpus.users) user.run(...userValues(u));
      for (const p of corpus.pseuds) pseud.run(...pseudValues(p));
    })();
  }

  async writeWorks(works: SeedWork[], changedAt: string): Promise<void> {
    const s = this.statements;
    this.db.transaction(() => {
      for (const w of works) {
        s.work!.run(...workValues(w));
        w.pseudIds.forEach((p, i) => s.creatorship!.run(w.id, p, i));
        for (const c of w.chapters) s.chapter!.run(...chapterValues(w, c));
        w.tagIds.forEach((t, i) => s.workTag!.run(w.id, t, i));
        for (const [num, inherited] of w.filter) s.filterTagging!.run(w.doc, num, inherited ? 1 : 0);
        const d = w.search;
        if (d) s.search!.run(d.doc, d.title, d.creators, d.summary, d.notes, d.tags, d.fandoms, d.body);
        s.change!.run(w.doc, changedAt);
      }
    })();
  }

  async finish(): Promise<{ indexMs: number; analyzeMs: number; bytes: number }> {
    let started = performance.now();
    for (const { name, sql } of this.dropped) {
      log(`  rebuilding ${name}…`);
      this.db.exec(sql);
    }
    this.dropped = [];
    log("  merging the full-text index…");
    this.db.exec("insert into work_search (work_search) values ('optimize')");
    const indexMs = performance.now() - started;
    started = performance.now();
    log("  ANALYZE…");
    this.db.exec("ANALYZE");
    const analyzeMs = performance.now() - started;
    this.db.pragma("wal_checkpoint(TRUNCATE)");
    this.db.pragma("synchronous = NORMAL");
    return { indexMs, analyzeMs, bytes: sqliteBytes(this.file) };
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

function sqliteBytes(file: string): number {
  let total = 0;
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      total += fs.statSync(f).size;
    } catch {
      // not there
    }
  }
  return total;
}

/**
 * Batches of works are written on this many connections at once, each in its own transaction: the
 * server then computes search vectors and updates tables on as many cores while the next batch is
 * generated here. Index rebuilds at the end are shared among them too.
 */
const PG_CONNECTIONS = Math.max(1, Math.min(4, os.availableParallelism()));

class PostgresWriter implements RowWriter {
  private dropped: { name: string; def: string }[] = [];
  /** The write in progress on each connection. */
  private readonly pending: Promise<unknown>[];
  private batches = 0;

  private constructor(private readonly clients: pg.Client[]) {
    this.pending = clients.map(() => Promise.resolve());
  }

  /** The first connection: the corpus, the index rebuilds' bookkeeping, ANALYZE. */
  private get client(): pg.Client {
    return this.clients[0]!;
  }

  static async open(url: string): Promise<PostgresWriter> {
    const clients: pg.Client[] = [];
    for (let i = 0; i < PG_CONNECTIONS; i++) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query("set synchronous_commit = off");
      // Foreign keys are true by construction; skipping their triggers needs a superuser.
      await c.query("set session_replication_role = replica").catch(() => undefined);
      clients.push(c);
    }
    const writer = new PostgresWriter(clients);
    const client = clients[0]!;
    const tables = [...BULK_TABLES, "work_search"];
    // Indexes are made again at the end, by one sort each, rather than kept through a million
    // inserts: a random key (a work's id) would otherwise land on a page not in the server's cache
    // at nearly every insert. Unique ones and primary keys too, on tables no foreign key points at
    // (the rows are unique by construction); the works table's stay (other tables point at it).
    const { rows } = await client.query<{ name: string; def: string }>(
      `select i.indexname as name, i.indexdef as def from pg_indexes i
       where i.schemaname = current_schema() and i.tablename = any($1)
         and not exists (select 1 from pg_constraint c where c.conname = i.indexname)
         and (i.indexdef not like 'CREATE UNIQUE%'
              or not exists (select 1 from pg_constraint f
                             where f.contype = 'f' and f.confrelid = i.tablename::regclass))`,
      [tables],
    );
    const keys = await client.query<{ name: string; table: string; def: string }>(
      `select c.conname as name, c.conrelid::regclass::text as table, pg_get_constraintdef(c.oid) as def
       from pg_constraint c
       where c.contype in ('p', 'u') and c.conrelid::regclass::text = any($1)
         and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.confrelid = c.conrelid)`,
      [tables],
    );
    for (const row of rows) await client.query(`drop index ${row.name}`);
    for (const key of keys.rows) await client.query(`alter table ${key.table} drop constraint ${key.name}`);
    writer.dropped = [
      ...keys.rows.map((k) => ({
        name: k.name,
        def: `alter table ${k.table} add constraint ${k.name} ${k.def}`,
      })),
      ...rows,
    ];
    return writer;
  }

  private async insert(
    table: string,
    columns: readonly string[],
    types: readonly string[],
    rows: unknown[][],
    select?: string,
    client: pg.Client = this.client,
  ): Promise<void> {
    if (rows.length === 0) return;
    const arrays = columns.map((_, i) => rows.map((row) => row[i]));
    const params = types.map((t, i) => `$${i + 1}::${t}[]`).join(", ");
    await client.query(
      `insert into ${table} (${columns.join(", ")}) select ${select ?? "*"} from unnest(${params}) as t(${columns.map((c) => `c_${c}`).join(", ")})`,
      arrays,
    );
  }

  private insertOn(
    client: pg.Client,
    table: string,
    columns: readonly string[],
    types: readonly string[],
    rows: unknown[][],
    select?: string,
  ): Promise<void> {
    return this.insert(table, columns, types, rows, select, client);
  }

  async writeCorpus(corpus: Corpus, at: string): Promise<void> {
    await this.client.query("begin");
    for (let i = 0; i < corpus.tags.length; i += 20_000) {
      await this.insert(
        "tags",
        TAG_COLUMNS,
        [
          "varchar",
          "varchar",
          "varchar",
          "varchar",
          "varchar",
          "int",
          "varchar",
          "int",
          "varchar",
          "varchar",
          "int",
        ],
        corpus.tags.slice(i, i + 20_000).map((t) => tagValues(t, at)),
      );
    }
    await this.insert("meta_taggings", ["meta_id", "sub_id"], ["varchar", "varchar"], corpus.metaTaggings);
    await this.insert("tag_parents", ["child_id", "parent_id"], ["varchar", "varchar"], corpus.tagParents);
    await this.insert(
      "users",
      USER_COLUMNS,
      USER_COLUMNS.map((c) => (c === "is_admin" ? "int" : c === "password_hash" ? "text" : "varchar")),
      corpus.users.map(userValues),
    );
    await this.insert(
      "pseuds",
      PSEUD_COLUMNS,
      PSEUD_COLUMNS.map((c) => (c === "is_default" ? "int" : c === "description" ? "text" : "varchar")),
      corpus.pseuds.map(pseudValues),
    );
    await this.client.query("commit");
  }

  async writeWorks(works: SeedWork[], changedAt: string): Promise<void> {
    // Earlier batches are still being written while this one was generated; wait for the one on
    // the connection this batch takes.
    const slot = this.batches++ % this.clients.length;
    await this.pending[slot];
    const client = this.clients[slot]!;
    const intOrText = (c: string) =>
      [
        "id",
        "title",
        "title_sort",
        "language",
        "comment_permissions",
        "published_at",
        "revised_at",
        "created_at",
        "updated_at",
        "work_id",
      ].includes(c)
        ? "varchar"
        : ["summary", "notes", "endnotes", "content"].includes(c)
          ? "text"
          : "int";
    const chapters = works.flatMap((w) => w.chapters.map((c) => chapterValues(w, c)));
    const docs = works
      .flatMap((w) => (w.search ? [w.search] : []))
      .map((d) => {
        const f = foldDocument(d);
        return [
          f.doc,
          f.title,
          f.creators,
          f.tags,
          f.fandoms,
          [f.title, f.creators, f.summary, f.notes, f.tags, f.fandoms, f.body].join("\n"),
        ];
      });
    const run = async () => {
      await client.query("begin");
      await this.insertOn(client, "works", WORK_COLUMNS, WORK_COLUMNS.map(intOrText), works.map(workValues));
      await this.insertOn(
        client,
        "creatorships",
        ["work_id", "pseud_id", "position"],
        ["varchar", "varchar", "int"],
        works.flatMap((w) => w.pseudIds.map((p, i) => [w.id, p, i])),
      );
      await this.insertOn(client, "chapters", CHAPTER_COLUMNS, CHAPTER_COLUMNS.map(intOrText), chapters);
      await this.insertOn(
        client,
        "work_tags",
        ["work_id", "tag_id", "position"],
        ["varchar", "varchar", "int"],
        works.flatMap((w) => w.tagIds.map((t, i) => [w.id, t, i])),
      );
      await this.insertOn(
        client,
        "filter_taggings",
        ["doc", "tag_num", "inherited"],
        ["int", "int", "int"],
        works.flatMap((w) => [...w.filter].map(([num, inherited]) => [w.doc, num, inherited ? 1 : 0])),
      );
      // writeSearchDocuments' expressions, for many rows at once.
      await this.insertOn(
        client,
        "work_search",
        ["doc", "title", "creators", "tags", "fandoms", "everything"],
        ["int", "text", "text", "text", "text", "text"],
        docs,
        `c_doc, to_tsvector('simple', c_title), to_tsvector('simple', c_creators),
         to_tsvector('simple', c_tags || ' ' || c_fandoms), to_tsvector('simple', c_fandoms),
         to_tsvector('simple', left(c_everything, ${positionedChars}))
           || strip(to_tsvector('simple', substr(c_everything, ${positionedChars + 1})))`,
      );
      await this.insertOn(
        client,
        "work_changes",
        ["doc", "changed_at"],
        ["int", "varchar"],
        works.map((w) => [w.doc, changedAt]),
      );
      await client.query("commit");
    };
    this.pending[slot] = run();
    // Surface a failure at once rather than at the next batch.
    this.pending[slot].catch(() => undefined);
  }

  async finish(): Promise<{ indexMs: number; analyzeMs: number; bytes: number }> {
    await Promise.all(this.pending);
    let started = performance.now();
    // Each connection takes the next index to rebuild until none is left.
    const queue = [...this.dropped];
    await Promise.all(
      this.clients.map(async (client) => {
        await client.query("set maintenance_work_mem = '512MB'").catch(() => undefined);
        for (let next = queue.shift(); next; next = queue.shift()) {
          log(`  rebuilding index ${next.name}…`);
          await client.query(next.def);
        }
      }),
    );
    this.dropped = [];
    // Numbers given explicitly don't advance the sequences; the next posted work must come after.
    await this.client.query(
      "select setval('works_doc_seq', (select coalesce(max(doc), 0) + 1 from works), false)",
    );
    await this.client.query(
      "select setval('tags_num_seq', (select coalesce(max(num), 0) + 1 from tags), false)",
    );
    const indexMs = performance.now() - started;
    started = performance.now();
    log("  ANALYZE…");
    await this.client.query("analyze");
    const analyzeMs = performance.now() - started;
    const { rows } = await this.client.query<{ size: string }>(
      "select pg_database_size(current_database()) as size",
    );
    return { indexMs, analyzeMs, bytes: Number(rows[0]!.size) };
  }

  async close(): Promise<void> {
    await Promise.all(this.pending.map((p) => p.catch(() => undefined)));
    await Promise.all(this.clients.map((c) => c.end()));
  }
}

// --- The seed -----------------------------------------------------------------------------------------

let quiet = false;
function log(line: string): void {
  if (!quiet) process.stderr.write(`${line}\n`);
}

const int = (n: number) => Math.round(n).toLocaleString("en");
const mb = (bytes: number) =>
  bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GB` : `${(bytes / 1024 ** 2).toFixed(0)} MB`;

/** Default pool sizes for a corpus of `works` works. */
export function defaultSizes(works: number): { fandoms: number; users: number } {
  return {
    fandoms: Math.max(20, Math.min(5000, Math.round(works / 20))),
    users: Math.max(20, Math.min(5000, Math.round(works / 100))),
  };
}

export async function seedSynthetic(options: SeedOptions): Promise<SeedReport> {
  quiet = options.progress === false;
  const started = performance.now();
  const dialect = options.databaseUrl ? "postgres" : "sqlite";
  if (dialect === "sqlite" && options.fresh) {
    for (const f of [options.sqlitePath, `${options.sqlitePath}-wal`, `${options.sqlitePath}-shm`])
      fs.rmSync(f, { force: true });
  }
  if (dialect === "postgres" && options.fresh) {
    const client = new pg.Client({ connectionString: options.databaseUrl });
    await client.connect();
    log("  --fresh: dropping and recreating the public schema");
    await client.query("drop schema if exists public cascade");
    await client.query("create schema public");
    await client.end();
  }

  // The migrations, through the app's own code.
  const app = openDatabase({ databaseUrl: options.databaseUrl, sqlitePath: options.sqlitePath, poolSize: 2 });
  let existing: ConstructorParameters<typeof Corpus>[2];
  try {
    await migrateToLatest(app);
    const count = await app.kysely
      .selectFrom("works")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    if (Number(count.n) > 0) {
      throw new Error(
        `the database already has ${int(Number(count.n))} works; seed:synthetic needs an empty one (use --fresh to start over${dialect === "sqlite" ? ", which deletes the file" : ", which drops every table"})`,
      );
    }
    const tagRows = await app.kysely
      .selectFrom("tags")
      .select(["id", "num", "name", "name_key", "type", "canonical", "merger_id"])
      .execute();
    const metaRows = await app.kysely.selectFrom("meta_taggings").select(["meta_id", "sub_id"]).execute();
    const userRows = await app.kysely.selectFrom("users").select("username_key").execute();
    existing = {
      tags: tagRows.map((t) => ({
        id: t.id,
        num: Number(t.num),
        name: t.name,
        type: t.type as TagType,
        canonical: t.canonical,
        mergerId: t.merger_id,
      })),
      metaTaggings: metaRows.map((m) => [m.meta_id, m.sub_id] as [string, string]),
      tagKeys: new Set(tagRows.map((t) => t.name_key)),
      userKeys: new Set(userRows.map((u) => u.username_key)),
    };
  } finally {
    await app.close();
  }

  const sizes = defaultSizes(options.works);
  const r = prng(options.seed);
  const corpusStarted = performance.now();
  const corpus = new Corpus(r, options.works, existing, {
    fandoms: options.fandoms ?? sizes.fandoms,
    users: options.users ?? sizes.users,
  });
  log(
    `  corpus: ${int(corpus.fandoms.length)} fandoms, ${int(corpus.tags.length)} tags (${int(corpus.synonymOf.size)} synonyms), ` +
      `${int(corpus.users.length)} users with ${int(corpus.pseuds.length)} pseuds, in ${int(performance.now() - corpusStarted)} ms`,
  );
  const writer: RowWriter =
    dialect === "sqlite"
      ? new SqliteWriter(options.sqlitePath)
      : await PostgresWriter.open(options.databaseUrl);
  const seedAt = new Date().toISOString();
  let report: SeedReport;
  try {
    await writer.writeCorpus(corpus, new Date(CORPUS_START).toISOString());
    const tagsById = new Map<string, SeedTag>([...existing.tags, ...corpus.tags].map((t) => [t.id, t]));
    const tagsByNum = new Map<number, SeedTag>([...existing.tags, ...corpus.tags].map((t) => [t.num, t]));
    const pseudNames = new Map(corpus.pseuds.map((p) => [p.id, p.name]));
    const fandomCounts = new Uint32Array(corpus.fandoms.length);
    const batchSize = dialect === "sqlite" ? 5000 : 1000;
    const worksStarted = performance.now();
    let lastLine = worksStarted;
    let posted = 0;
    for (let i = 0; i < options.works; i += batchSize) {
      const batch: SeedWork[] = [];
      for (let j = i; j < Math.min(options.works, i + batchSize); j++) {
        const w = makeWork(corpus, r, j, options.works, options.words);
        w.search = searchDocOf(w, corpus, pseudNames, tagsById, tagsByNum);
        if (w.posted) posted++;
        fandomCounts[w.fandom]!++;
        batch.push(w);
      }
      await writer.writeWorks(batch, seedAt);
      const now = performance.now();
      const done = Math.min(options.works, i + batchSize);
      if (now - lastLine > 3000 || done === options.works) {
        lastLine = now;
        const rate = done / ((now - worksStarted) / 1000);
        log(
          `  ${int(done)} / ${int(options.works)} works (${((100 * done) / options.works).toFixed(0)}%), ` +
            `${int(rate)} works/s, ETA ${int((options.works - done) / rate)} s, RSS ${mb(process.memoryUsage().rss)}`,
        );
      }
    }
    const worksMs = performance.now() - worksStarted;
    const finished = await writer.finish();
    let top = 0;
    for (let f = 1; f < fandomCounts.length; f++) if (fandomCounts[f]! > fandomCounts[top]!) top = f;
    const elapsedMs = performance.now() - started;
    report = {
      dialect,
      works: options.works,
      posted,
      tags: existing.tags.length + corpus.tags.length,
      users: corpus.users.length,
      elapsedMs,
      worksMs,
      indexMs: finished.indexMs,
      analyzeMs: finished.analyzeMs,
      worksPerSecond: options.works / (elapsedMs / 1000),
      bytes: finished.bytes,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      topFandom: { name: corpus.fandoms[top]!.tag.name, works: fandomCounts[top]! },
    };
  } finally {
    await writer.close();
  }
  return report;
}

// --- Command line -----------------------------------------------------------------------------------

function usage(): string {
  return (
    "usage: npm run seed:synthetic -- [--works N] [--words W] [--seed S] [--sqlite FILE | --database-url URL]\n" +
    "                                 [--fresh] [--fandoms F] [--users U] [--quiet]\n" +
    "See the header of scripts/seed-synthetic.ts."
  );
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const config = loadConfig();
  const options: SeedOptions = {
    works: 10_000,
    words: 300,
    seed: 1,
    databaseUrl: config.databaseUrl,
    sqlitePath: config.sqlitePath,
    fresh: false,
    progress: true,
  };
  const number = (name: string, value: string | undefined, min: number): number => {
    const n = Number((value ?? "").replace(/[_,]/g, ""));
    if (!Number.isInteger(n) || n < min) {
      console.error(`seed:synthetic: ${name} needs a whole number ≥ ${min}\n${usage()}`);
      process.exit(64);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes("=")
      ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]
      : [a, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case "--works":
        options.works = number(flag, value(), 1);
        break;
      case "--words":
        options.words = number(flag, value(), 20);
        break;
      case "--seed":
        options.seed = number(flag, value(), 0);
        break;
      case "--fandoms":
        options.fandoms = number(flag, value(), 2);
        break;
      case "--users":
        options.users = number(flag, value(), 1);
        break;
      case "--sqlite":
        options.sqlitePath = path.resolve(value() ?? "");
        options.databaseUrl = "";
        break;
      case "--database-url":
        options.databaseUrl = value() ?? "";
        break;
      case "--fresh":
        options.fresh = true;
        break;
      case "--quiet":
        options.progress = false;
        break;
      case "--help":
      case "-h":
        console.log(usage());
        return;
      default:
        console.error(`seed:synthetic: unknown option ${a}\n${usage()}`);
        process.exit(64);
    }
  }
  const where = options.databaseUrl
    ? `PostgreSQL ${options.databaseUrl.replace(/\/\/[^@/]*@/, "//…@")}`
    : `SQLite ${options.sqlitePath}`;
  log(
    `seed:synthetic: ${int(options.works)} works of ${int(options.words)} words, seed ${options.seed}, into ${where}`,
  );
  const r = await seedSynthetic(options);
  const lines = [
    `seeded ${int(r.works)} works (${int(r.posted)} posted), ${int(r.tags)} tags, ${int(r.users)} users into ${r.dialect}`,
    `  elapsed ${(r.elapsedMs / 1000).toFixed(1)} s: ${int(r.worksPerSecond)} works/s overall; writing works ${(r.worksMs / 1000).toFixed(1)} s ` +
      `(${int(r.works / (r.worksMs / 1000))} works/s), indexes ${(r.indexMs / 1000).toFixed(1)} s, ANALYZE ${(r.analyzeMs / 1000).toFixed(1)} s`,
    `  database size ${mb(r.bytes)}; peak RSS ${mb(r.peakRssBytes)}`,
    `  biggest fandom: ${r.topFandom.name} with ${int(r.topFandom.works)} works (${((100 * r.topFandom.works) / r.works).toFixed(1)}%)`,
  ];
  console.log(lines.join("\n"));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((err: unknown) => {
    console.error(`seed:synthetic: ${err instanceof Error ? err.message : String(err)}`);
    if (err instanceof Error && !/already has/.test(err.message)) console.error(err.stack);
    process.exit(1);
  });
}
