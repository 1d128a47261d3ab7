// npm run bench:import: the importer's speed benchmark (docs/benchmarks.md, "Import").
//
// Generates its inputs into a temporary folder, from a fixed seed: one 500,000-word plain-text fic in
// 100 chapters (header fields, A/N notes, scene breaks), and 1,000 mixed fic files of about 50 MB
// (60% .txt in UTF-8 and Windows-1252, 10% .md, 15% .html of which half are AO3 downloads, 10% .epub,
// 5% .docx), written from a word list that includes character names and setting words of a few fandoms
// in data/fandoms/, so that inference does real work. Then:
//
//   1. Parse: readFic on the 500,000-word file, 1 warm-up and 9 timed runs (target: median < 300 ms).
//   2. Bulk import, in a fresh process (so its memory is its own): a fresh SQLite database, one
//      account, and every file imported as a posted work, as `quire import --post` does: importFiles
//      reads and prepares the files in a pool of worker threads (--threads N; the available cores by
//      default) while the main thread saves them in order, each work with its chapters, filter set,
//      full-text search document and change log in one transaction. Timed as a whole, the threads'
//      start included (target: 10 MB/s or more of input); peak memory of the process (all its
//      threads) sampled every 50 ms (target: under 500 MB). Posted works, not drafts, because a
//      draft has no search document. Then the same files again: every one should be skipped as a
//      duplicate. --threads 0 imports with importFile in turn on the main thread instead.
//   3. Peers: `ebook-convert` (calibre) and `pandoc`, when installed (`command -v`), convert the same
//      500,000-word file and a sample of the same files, timed in the same run.
//
// It ends with a markdown block to paste into docs/benchmarks.md.
//
//   npm run bench:import                 the full run
//   npm run bench:import -- --quick      100 files and a 100,000-word parse: a smoke run, not a result
//   npm run bench:import -- --keep       keep the temporary folder (inputs and database) and print its path
//   npm run bench:import -- --threads 1  one reading thread (0: read on the main thread, no pool)
//
// It is a benchmark, not a test: a missed target prints MISS and the exit status stays 0; only a broken
// run (a file that fails to import, a parse that throws) fails it.
import { fork, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { strToU8, zipSync, type Zippable } from "fflate";
import { sql, type KyselyPlugin } from "kysely";
import { loadConfig } from "../src/config/config.js";
import { git, machine, ms, prng, stats, type Stats } from "./bench-support.js";
import { openDatabase, type Db } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrator.js";
import type { Actor } from "../src/domains/actor.js";
import type { Ctx } from "../src/domains/context.js";
import { importFile } from "../src/domains/import/import.service.js";
import { importLimits } from "../src/domains/import/import-limits.js";
import { readFic } from "../src/domains/import/read-fic.js";
import { createAccount } from "../src/domains/users/user.service.js";
import { buildApp } from "../src/http/app.js";
import { createMailer } from "../src/mail/mailer.js";

// --- Settings ----------------------------------------------------------------------------------

const SEED = 20261121;
const TARGET_PARSE_MS = 300;
const TARGET_MB_PER_S = 10;
const TARGET_PEAK_MB = 500;
const PARSE_WARMUP = 1;
const PARSE_RUNS = 9;
const RSS_SAMPLE_MS = 50;
/** Peers convert every PEER_EVERY-th bulk file (the same mix), not all 1,000: calibre takes seconds per file. */
const PEER_EVERY = 10;
const PEER_RUNS = 3;

const argv = process.argv.slice(2);
/** Internal: `--bulk-child MANIFEST` runs only the bulk import, in a fresh process (see runBulkInChild). */
const bulkChild = argv[0] === "--bulk-child" ? argv[1] : undefined;
const options = bulkChild === undefined ? argv : argv.slice(2);
const args = new Set<string>();
let threadsOption: number | undefined;
for (let i = 0; i < options.length; i++) {
  const a = options[i]!;
  if (a === "--help" || a === "-h") {
    console.log(
      "usage: npm run bench:import [-- --quick] [--keep] [--threads N]\n" +
        "See the header of scripts/bench-import.ts and docs/benchmarks.md.",
    );
    process.exit(0);
  } else if (a === "--threads" && /^\d+$/u.test(options[i + 1] ?? "")) {
    threadsOption = Number(options[++i]);
  } else if (a === "--quick" || a === "--keep") {
    args.add(a);
  } else {
    console.error(`bench:import: unknown option ${a} (try --help)`);
    process.exit(64);
  }
}
const quick = args.has("--quick");
const keep = args.has("--keep");
/** Reading threads of the bulk import; 0 reads on the main thread (importFile in turn). */
const THREADS = threadsOption ?? Math.max(1, os.availableParallelism());
const BIG_WORDS = quick ? 100_000 : 500_000;
const BIG_CHAPTERS = quick ? 20 : 100;
const FILES = quick ? 100 : 1_000;
const MIN_WORDS = 1_000;
const MAX_WORDS = 30_000;
const loadAtStart = os.loadavg()[0]!;

const log = (line: string) => console.log(line);
const int = (x: number) => Math.round(x).toLocaleString("en-US");
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
/** Memory in megabytes (10^6 bytes), the unit of the issue's "under 500 MB". */
const rssMb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

// --- Seeded randomness ---------------------------------------------------------------------------

type Rand = () => number;
const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const chance = (r: Rand, p: number) => r() < p;
const between = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// --- Fandoms: names and setting words from the knowledge base -------------------------------------

interface FandomVoice {
  /** The knowledge base's canonical fandom tag; null for original fiction. */
  fandom: string | null;
  /** What an author might write in a Fandom: field. */
  written: string;
  /** Names as they appear in prose (each character's first alias). */
  names: string[];
  /** Canonical character names, for Characters: and Pairing: fields. */
  characters: string[];
  keywords: string[];
}

const FANDOM_FILES = [
  "harry-potter",
  "sherlock",
  "naruto",
  "mcu",
  "good-omens",
  "star-wars",
  "supernatural",
  "my-hero-academia",
];

interface FandomFile {
  fandom: string;
  aliases: string[];
  keywords: string[];
  characters: { name: string; aliases: string[] }[];
}

function loadFandoms(): FandomVoice[] {
  const voices: FandomVoice[] = [];
  for (const slug of FANDOM_FILES) {
    const file = path.join(process.cwd(), "data", "fandoms", `${slug}.json`);
    const data = JSON.parse(fs.readFileSync(file, "utf8")) as FandomFile;
    const main = data.characters.slice(0, 8);
    voices.push({
      fandom: data.fandom,
      written: data.aliases[0] ?? data.fandom,
      names: main.map((c) => c.aliases[0] ?? c.name),
      characters: main.map((c) => c.name),
      keywords: data.keywords.slice(0, 12),
    });
  }
  // Original fiction: names no fandom knows, so inference finds nothing (as it should).
  voices.push({
    fandom: null,
    written: "Original Work",
    names: ["Mara", "Tobias", "Ines", "Aunt Wil", "Corran", "Pell"],
    characters: ["Mara Quell", "Tobias Fenn", "Ines Arbel", "Wil Quell", "Corran Dee", "Pell Ashby"],
    keywords: ["the lighthouse", "the harbour", "the ledger", "the winter fair"],
  });
  return voices;
}

// --- English-like prose -----------------------------------------------------------------------

const vocab = {
  pronouns: ["she", "he", "they", "she", "he"],
  adjectives: (
    "quiet cold grey narrow bright salt-stained old small heavy pale distant warm broken careful " +
    "familiar strange empty patient tired sudden low wet long bitter green restless faint naïve"
  ).split(" "),
  nouns: (
    "lamp door window stair rope letter kettle lantern shore tide boat coat table map morning " +
    "evening light wind rain stone bell ledger voice silence fire road hand café book cup knife"
  ).split(" "),
  verbs: (
    "watched opened carried found turned lifted followed remembered crossed closed touched held " +
    "counted mended folded read left kept climbed answered pulled"
  ).split(" "),
  intransitive: (
    "waited laughed shivered paused listened sighed hesitated stayed wandered slept nodded " +
    "smiled frowned stopped breathed"
  ).split(" "),
  adverbs: "slowly|quietly|again|carefully|at last|once more|for a while|without a word|too soon".split("|"),
  preps: "across beside under over behind toward against near past through".split(" "),
  openers: [
    "In the morning",
    "After a while",
    "By the time the rain stopped",
    "Later",
    "Somewhere below",
    "Outside",
    "When the bell rang",
    "For a moment",
    "That night",
    "Even so",
  ],
  speech: [
    "I don't think it matters now",
    "You should have told me",
    "We can't stay here",
    "Did you see the light",
    "It's only the wind",
    "Come inside before the rain",
    "I kept the letter",
    "Nobody remembers the old road",
    "Wait for me by the door",
  ],
  romance: ["kissed", "held close", "reached for", "leaned into", "wanted"],
  titles: (
    "Salt Lines|The Long Winter|Small Hours|What the Tide Left|A Lamp in the Window|Borrowed Light|" +
    "Seven Letters|The Quiet Part|Afterimage|Paper Boats|Holding Pattern|The Slow Road|Ember|Undertow|" +
    "Common Ground|Every Other Tuesday|Wild Geese|The Weight of Rain|Second Star|Ordinary Magic"
  ).split("|"),
  authors: (
    "inkwell silverquill moth_and_lamp tea_leaves quietfox paper_crane nightjar saltwater_ink " +
    "fernwood lanternlight"
  ).split(" "),
  anNotes: [
    "Thanks for reading! Comments make my day.",
    "Sorry this one took so long, work has been a lot.",
    "This chapter fought me the whole way.",
    "Huge thanks to my beta for catching all my typos.",
    "Short one this week, the next one is longer.",
  ],
  sceneBreaks: ["* * *", "***", "~~~", "-x-x-x-", "ooo"],
};

interface Style {
  /** Curly quotes and dashes (as word processors write them) instead of straight ones. */
  smart: boolean;
}

/** Writes paragraphs of about the asked number of words for one fic's cast and setting. */
class Writer {
  words = 0;
  constructor(
    private readonly r: Rand,
    private readonly voice: FandomVoice,
    private readonly cast: string[],
    private readonly style: Style,
    private readonly romantic: boolean,
  ) {}

  private name(): string {
    return pick(this.r, this.cast);
  }

  /** Two different names of the cast. */
  private twoNames(): [string, string] {
    const a = this.name();
    let b = this.name();
    for (let i = 0; b === a && i < 8; i++) b = this.name();
    return [a, b];
  }

  /** Who acts: a name about a third of the time, otherwise a pronoun (as in published fic). */
  private who(): string {
    return chance(this.r, 0.3) ? this.name() : pick(this.r, vocab.pronouns);
  }

  /** A determiner and a noun phrase: "the" in about a third, as in English prose. */
  private thing(adjective = chance(this.r, 0.4)): string {
    const r = this.r;
    const det = pick(r, ["the", "the", "the", "a", "his", "her", "their", "that", "this", "one"]);
    const noun = adjective ? `${pick(r, vocab.adjectives)} ${pick(r, vocab.nouns)}` : pick(r, vocab.nouns);
    return det === "a" && /^[aeiou]/u.test(noun) ? `an ${noun}` : `${det} ${noun}`;
  }

  private sentence(): string {
    const r = this.r;
    const q = this.style.smart ? ["“", "”"] : ['"', '"'];
    const dash = this.style.smart ? "—" : "--";
    const pron = () => pick(r, vocab.pronouns);
    switch (Math.floor(r() * 12)) {
      case 0:
        return `${q[0]}${pick(r, vocab.speech)},${q[1]} ${this.who()} said.`;
      case 1:
        return `${pick(r, vocab.openers)}, ${this.who()} ${pick(r, vocab.intransitive)} ${pick(r, vocab.adverbs)}.`;
      case 2:
        return `${cap(this.who())} ${pick(r, vocab.verbs)} ${this.thing()} ${pick(r, vocab.preps)} ${this.thing()}.`;
      case 3:
        return `${cap(this.who())} thought about ${chance(r, 0.5) ? pick(r, this.voice.keywords) : this.thing()} for a long time${dash}and then ${pron()} ${pick(r, vocab.intransitive)}.`;
      case 4: {
        const [a, b] = this.twoNames();
        return this.romantic
          ? `${a} ${pick(r, vocab.romance)} ${b} ${pick(r, vocab.preps)} ${this.thing()}, and for a while neither of them said anything.`
          : `${a} and ${b} ${pick(r, vocab.verbs)} ${this.thing()} ${pick(r, vocab.adverbs)}.`;
      }
      case 5:
        return `It was ${this.thing(true)}, and ${this.who()} had not expected it to be.`;
      case 6:
        return `${q[0]}${pick(r, vocab.speech)}?${q[1]} ${this.who()} asked, and ${pron()} ${pick(r, vocab.intransitive)}.`;
      case 7:
        return `There was ${this.thing(true)
          .replace(/^\w+ /u, "a ")
          .replace(
            /^a (?=[aeiou])/u,
            "an ",
          )} on ${this.thing()}, which ${pron()} had left there in the spring.`;
      case 8:
        return `${cap(this.who())} wanted to ask about it, but ${pron()} did not know how to begin.`;
      case 9:
        return `In the end ${pron()} ${pick(r, vocab.verbs)} it anyway, because that was what ${pron()} always did.`;
      case 10:
        return `Nothing about ${this.thing()} was ${pick(r, vocab.adjectives)}, not really, but ${this.who()} ${pick(r, vocab.intransitive)} anyway.`;
      default:
        return `${cap(this.who())} ${pick(r, vocab.verbs)} ${this.thing()} and ${pick(r, vocab.verbs)} ${this.thing()} ${pick(r, vocab.adverbs)}.`;
    }
  }

  /** One paragraph (plain text); `emphasis` wraps a phrase the way the format marks italics. */
  paragraph(emphasis?: (s: string) => string): string {
    const count = between(this.r, 2, 7);
    const parts: string[] = [];
    for (let i = 0; i < count; i++) {
      let s = this.sentence();
      if (emphasis && chance(this.r, 0.08)) {
        const cut = s.indexOf(" ", Math.floor(s.length / 2));
        if (cut > 0) s = `${s.slice(0, cut + 1)}${emphasis(s.slice(cut + 1, s.length - 1))}${s.slice(-1)}`;
      }
      parts.push(s);
    }
    const text = parts.join(" ");
    this.words += text.split(/\s+/u).length;
    return text;
  }
}

// --- One fic, format-independent ------------------------------------------------------------------

interface Chapter {
  title: string | null;
  noteBegin: string | null;
  noteEnd: string | null;
  /** Paragraphs; null is a scene break. */
  paras: (string | null)[];
}

interface Fic {
  title: string;
  author: string;
  voice: FandomVoice;
  /** Which header fields the file declares (the rest is left to inference). */
  declares: { rating: boolean; fandom: boolean; pairing: boolean; summary: boolean; status: boolean };
  rating: string;
  pairing: string;
  characters: string[];
  summary: string;
  complete: boolean;
  chapters: Chapter[];
  words: number;
  smart: boolean;
}

function makeFic(
  r: Rand,
  voices: FandomVoice[],
  words: number,
  opts: { chapters?: number; emphasis?: (s: string) => string; smart?: boolean } = {},
): Fic {
  const voice = pick(r, voices);
  const crossover = voice.fandom !== null && chance(r, 0.05) ? pick(r, voices) : null;
  const castSize = between(r, 2, Math.min(5, voice.names.length));
  const start = between(r, 0, voice.names.length - castSize);
  const cast = voice.names.slice(start, start + castSize);
  // The main pair is mentioned most: listed twice.
  cast.push(cast[0]!, cast[1]!);
  if (crossover && crossover !== voice) cast.push(...crossover.names.slice(0, 2));
  const characters = voice.characters.slice(start, start + castSize);
  const romantic = chance(r, 0.6);
  const smart = opts.smart ?? chance(r, 0.5);
  const writer = new Writer(r, voice, cast, { smart }, romantic);
  const chapterCount =
    opts.chapters ?? (words < 2_500 ? 1 : Math.max(1, Math.round(words / between(r, 1_500, 5_000))));
  const perChapter = words / chapterCount;
  const chapters: Chapter[] = [];
  for (let c = 0; c < chapterCount; c++) {
    const target = Math.round(perChapter * (c + 1));
    const paras: (string | null)[] = [];
    let sinceBreak = 0;
    while (writer.words < target) {
      paras.push(writer.paragraph(opts.emphasis));
      if (++sinceBreak > 12 && chance(r, 0.06)) {
        paras.push(null);
        sinceBreak = 0;
      }
    }
    if (paras[paras.length - 1] === null) paras.pop();
    chapters.push({
      title: chapterCount > 1 && chance(r, 0.7) ? pick(r, vocab.titles) : null,
      noteBegin: chance(r, 0.3) ? pick(r, vocab.anNotes) : null,
      noteEnd: chance(r, 0.2) ? pick(r, vocab.anNotes) : null,
      paras,
    });
  }
  return {
    title: `${pick(r, vocab.titles)}${chance(r, 0.5) ? ` ${between(r, 2, 99)}` : ""}`,
    author: pick(r, vocab.authors),
    voice,
    declares: {
      rating: chance(r, 0.7),
      fandom: chance(r, 0.5),
      pairing: romantic && chance(r, 0.5),
      summary: chance(r, 0.7),
      status: chance(r, 0.5),
    },
    rating: pick(r, ["K+", "T", "Teen And Up Audiences", "M", "Mature", "General Audiences", "PG-13"]),
    pairing: `${voice.characters[start]}/${voice.characters[start + 1]}`,
    characters,
    summary: writer.paragraph().split(". ").slice(0, 2).join(". ").replace(/\.?$/u, "."),
    complete: chance(r, 0.6),
    chapters,
    words: writer.words,
    smart,
  };
}

// --- Renderers --------------------------------------------------------------------------------------

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function headerLines(fic: Fic): string[] {
  const lines = [`Title: ${fic.title}`, `Author: ${fic.author}`];
  if (fic.declares.fandom) lines.push(`Fandom: ${fic.voice.written}`);
  if (fic.declares.rating) lines.push(`Rating: ${fic.rating}`);
  if (fic.declares.pairing) lines.push(`Pairing: ${fic.pairing}`);
  if (fic.declares.pairing) lines.push(`Characters: ${fic.characters.join(", ")}`);
  if (fic.declares.status) lines.push(`Status: ${fic.complete ? "Complete" : "In Progress"}`);
  if (fic.declares.summary) lines.push(`Summary: ${fic.summary}`);
  return lines;
}

function chapterHeading(c: Chapter, n: number): string {
  return c.title ? `Chapter ${n}: ${c.title}` : `Chapter ${n}`;
}

/** Plain text: header fields, chapter headings, A/N paragraphs, scene-break lines, "The End". */
function renderTxt(fic: Fic, r: Rand, opts: { eol: string; sceneBreak?: string }): string {
  const sceneBreak = opts.sceneBreak ?? pick(r, vocab.sceneBreaks);
  const out: string[] = [headerLines(fic).join("\n"), ""];
  const several = fic.chapters.length > 1;
  fic.chapters.forEach((c, i) => {
    if (several) out.push(chapterHeading(c, i + 1), "");
    if (c.noteBegin) out.push(`A/N: ${c.noteBegin}`, "");
    for (const p of c.paras) out.push(p ?? sceneBreak, "");
    if (c.noteEnd) out.push(`A/N: ${c.noteEnd}`, "");
  });
  if (fic.complete) out.push("The End", "");
  return out.join("\n").replace(/\n/g, opts.eol);
}

function renderMd(fic: Fic): string {
  const out: string[] = [`# ${fic.title}`, "", `**Author:** ${fic.author}  `];
  if (fic.declares.fandom) out.push(`**Fandom:** ${fic.voice.written}  `);
  if (fic.declares.rating) out.push(`**Rating:** ${fic.rating}  `);
  if (fic.declares.pairing) out.push(`**Pairing:** ${fic.pairing}  `);
  if (fic.declares.summary) out.push(`**Summary:** ${fic.summary}  `);
  out.push("");
  const several = fic.chapters.length > 1;
  fic.chapters.forEach((c, i) => {
    if (several) out.push(`## ${chapterHeading(c, i + 1)}`, "");
    if (c.noteBegin) out.push(`**A/N:** ${c.noteBegin}`, "");
    for (const p of c.paras) out.push(p ?? "---", "");
    if (c.noteEnd) out.push(`**A/N:** ${c.noteEnd}`, "");
  });
  return out.join("\n");
}

const pTag = (p: string | null) => (p === null ? '<hr class="scene-break" />' : `<p>${p}</p>`);

/** A generic HTML page: h1 title, bold header fields, h2 chapters. */
function renderHtml(fic: Fic): string {
  const fields = headerLines(fic)
    .slice(1)
    .map((l) => {
      const [label, ...rest] = l.split(": ");
      return `<p><b>${esc(label!)}:</b> ${esc(rest.join(": "))}</p>`;
    });
  const body: string[] = [`<h1>${esc(fic.title)}</h1>`, ...fields];
  const several = fic.chapters.length > 1;
  fic.chapters.forEach((c, i) => {
    if (several) body.push(`<h2>${esc(chapterHeading(c, i + 1))}</h2>`);
    if (c.noteBegin) body.push(`<p><b>A/N:</b> ${esc(c.noteBegin)}</p>`);
    for (const p of c.paras) body.push(pTag(p));
    if (c.noteEnd) body.push(`<p><b>A/N:</b> ${esc(c.noteEnd)}</p>`);
  });
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${esc(fic.title)}</title>\n</head>\n<body>\n${body.join("\n")}\n</body>\n</html>\n`;
}

const ao3Tag = (name: string) =>
  `<a href="https://archiveofourown.org/tags/${encodeURIComponent(name).replace(/%2F/g, "*s*")}/works">${esc(name)}</a>`;

/** The shape of an AO3 "Download → HTML" file: preface with tag list, chapters, afterword. */
function renderAo3(fic: Fic, id: number): string {
  const ratingName = fic.rating.length > 5 ? fic.rating : "Teen And Up Audiences";
  const fandom = fic.voice.fandom ?? "Original Work";
  const chapters = fic.chapters.length;
  const dl = [
    ["Rating:", ao3Tag(ratingName)],
    ["Archive Warning:", ao3Tag("No Archive Warnings Apply")],
    ["Category:", ao3Tag(fic.declares.pairing ? "M/M" : "Gen")],
    ["Fandom:", ao3Tag(fandom)],
    ...(fic.declares.pairing ? [["Relationship:", ao3Tag(fic.pairing)]] : []),
    ["Characters:", fic.characters.map(ao3Tag).join(", ")],
    ["Additional Tags:", ["Slow Burn", "Hurt/Comfort", "Fluff"].map(ao3Tag).join(", ")],
    ["Language:", "English"],
    [
      "Stats:",
      `\n          Published: 2019-03-0${(id % 9) + 1}\n          Words: ${int(fic.words)}\n          Chapters: ${chapters}/${fic.complete ? chapters : "?"}\n        `,
    ],
  ]
    .map(([dt, dd]) => `        <dt>${dt}</dt>\n        <dd>${dd}</dd>`)
    .join("\n");
  const userstuff = (ps: (string | null)[]) => ps.map(pTag).join("\n    ");
  const body = fic.chapters
    .map((c, i) => {
      const n = i + 1;
      const meta: string[] = [];
      if (chapters > 1) meta.push(`    <h2 class="heading">${esc(chapterHeading(c, n))}</h2>`);
      if (c.noteBegin) {
        meta.push(`    <p>Chapter Notes</p>`);
        meta.push(`    <blockquote class="userstuff"><p>${esc(c.noteBegin)}</p></blockquote>`);
      }
      const end = c.noteEnd
        ? `\n  <div class="meta" id="endnotes${n}">\n    <p>Chapter End Notes</p>\n    <blockquote class="userstuff"><p>${esc(c.noteEnd)}</p></blockquote>\n  </div>`
        : "";
      return `  <div class="meta group">\n${meta.join("\n")}\n  </div>\n  <div class="userstuff">\n    ${userstuff(c.paras)}\n  </div>${end}`;
    })
    .join("\n");
  const url = `https://archiveofourown.org/works/${4_000_000 + id}`;
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<title>${esc(fic.title)}</title>
</head>
<body>
<div id="preface">
  <h2 class="toc-heading">Preface</h2>
  <p class="message">
    <b>${esc(fic.title)}</b><br/>
    Posted originally on the <a href="https://archiveofourown.org/">Archive of Our Own</a> at <a href="${url}">${url}</a>.
  </p>
  <div class="meta">
    <dl class="tags">
${dl}
    </dl>
    <h1>${esc(fic.title)}</h1>
    <div class="byline">by <a rel="author" href="https://archiveofourown.org/users/${fic.author}/pseuds/${fic.author}">${fic.author}</a></div>
      <p>Summary</p>
      <blockquote class="userstuff"><p>${esc(fic.summary)}</p></blockquote>
  </div>
</div>

<div id="chapters" class="userstuff">
${body}
</div>

<div id="afterword">
  <h2 class="toc-heading">Afterword</h2>
  <p class="message">Please <a href="${url}/comments/new">drop by the archive and comment</a> to let the creator know if you enjoyed their work!</p>
</div>
</body>
</html>
`;
}

const ZIP_MTIME = new Date("2020-01-01T00:00:00Z");

/** An EPUB 2: mimetype first and stored, container.xml, an OPF, an NCX and one XHTML per chapter. */
function renderEpub(fic: Fic, id: number): Uint8Array {
  const several = fic.chapters.length > 1;
  const docs = fic.chapters.map((c, i) => {
    const heading = several ? `<h2>${esc(chapterHeading(c, i + 1))}</h2>\n` : "";
    const notes = c.noteBegin ? `<p><b>A/N:</b> ${esc(c.noteBegin)}</p>\n` : "";
    const end = c.noteEnd ? `\n<p><b>A/N:</b> ${esc(c.noteEnd)}</p>` : "";
    return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head><title>${esc(chapterHeading(c, i + 1))}</title></head>
<body>
${heading}${notes}${c.paras.map((p) => (p === null ? '<hr class="scene-break"/>' : `<p>${p}</p>`)).join("\n")}${end}
</body>
</html>
`;
  });
  const uid = `urn:uuid:00000000-0000-4000-8000-${String(id).padStart(12, "0")}`;
  const subjects = [
    ...(fic.declares.rating ? [fic.rating] : []),
    ...(fic.declares.fandom && fic.voice.fandom ? [fic.voice.fandom] : []),
    ...(fic.declares.pairing ? [fic.pairing] : []),
  ]
    .map((s) => `    <dc:subject>${esc(s)}</dc:subject>`)
    .join("\n");
  const opf = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="uid">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
    <dc:identifier id="uid">${uid}</dc:identifier>
    <dc:title>${esc(fic.title)}</dc:title>
    <dc:creator opf:role="aut">${esc(fic.author)}</dc:creator>
    <dc:language>en</dc:language>
${fic.declares.summary ? `    <dc:description>${esc(fic.summary)}</dc:description>\n` : ""}${subjects}
  </metadata>
  <manifest>
    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
${docs.map((_, i) => `    <item id="c${i + 1}" href="chapter${i + 1}.xhtml" media-type="application/xhtml+xml"/>`).join("\n")}
  </manifest>
  <spine toc="ncx">
${docs.map((_, i) => `    <itemref idref="c${i + 1}"/>`).join("\n")}
  </spine>
</package>
`;
  const ncx = `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
  <head><meta name="dtb:uid" content="${uid}"/></head>
  <docTitle><text>${esc(fic.title)}</text></docTitle>
  <navMap>
${fic.chapters.map((c, i) => `    <navPoint id="n${i + 1}" playOrder="${i + 1}"><navLabel><text>${esc(chapterHeading(c, i + 1))}</text></navLabel><content src="chapter${i + 1}.xhtml"/></navPoint>`).join("\n")}
  </navMap>
</ncx>
`;
  const files: Zippable = {
    mimetype: [strToU8("application/epub+zip"), { level: 0 }],
    "META-INF/container.xml": strToU8(`<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`),
    "OEBPS/content.opf": strToU8(opf),
    "OEBPS/toc.ncx": strToU8(ncx),
  };
  docs.forEach((d, i) => (files[`OEBPS/chapter${i + 1}.xhtml`] = strToU8(d)));
  return zipSync(files, { mtime: ZIP_MTIME, level: 6 });
}

/** A minimal valid Word document: Title and Heading1 styles, one run per paragraph (italics split out). */
function renderDocx(fic: Fic): Uint8Array {
  const run = (text: string, italic = false, bold = false) => {
    const props = `${bold ? "<w:b/>" : ""}${italic ? "<w:i/>" : ""}`;
    return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ""}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
  };
  const para = (runs: string, style?: string, center = false) => {
    const pPr = [style ? `<w:pStyle w:val="${style}"/>` : "", center ? '<w:jc w:val="center"/>' : ""].join(
      "",
    );
    return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ""}${runs}</w:p>`;
  };
  /** "<i>…</i>" marks (from the emphasis hook) become italic runs. */
  const runs = (text: string) =>
    text
      .split(/(<i>[^<]*<\/i>)/u)
      .filter((s) => s !== "")
      .map((s) => (s.startsWith("<i>") ? run(s.slice(3, -4), true) : run(s)))
      .join("");
  const ps: string[] = [para(run(fic.title), "Title")];
  for (const line of headerLines(fic).slice(1)) {
    const [label, ...rest] = line.split(": ");
    ps.push(para(`${run(`${label}:`, false, true)}${run(` ${rest.join(": ")}`)}`));
  }
  const several = fic.chapters.length > 1;
  fic.chapters.forEach((c, i) => {
    if (several) ps.push(para(run(chapterHeading(c, i + 1)), "Heading1"));
    if (c.noteBegin) ps.push(para(`${run("A/N:", false, true)}${run(` ${c.noteBegin}`)}`));
    for (const p of c.paras) ps.push(p === null ? para(run("* * *"), undefined, true) : para(runs(p)));
    if (c.noteEnd) ps.push(para(`${run("A/N:", false, true)}${run(` ${c.noteEnd}`)}`));
  });
  const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>
${ps.join("\n")}
<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>
`;
  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W}">
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
</w:styles>
`;
  const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
  <Default Extension="xml" ContentType="application/xml"/>
  <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
  <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>
`;
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>
`;
  const documentRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>
`;
  return zipSync(
    {
      "[Content_Types].xml": strToU8(contentTypes),
      "_rels/.rels": strToU8(rels),
      "word/document.xml": strToU8(document),
      "word/_rels/document.xml.rels": strToU8(documentRels),
      "word/styles.xml": strToU8(styles),
    },
    { mtime: ZIP_MTIME, level: 6 },
  );
}

/** Windows-1252's characters in 0x80–0x9F (the rest of 0x00–0xFF is ISO-8859-1). */
const CP1252_HIGH: Record<string, number> = {
  "€": 0x80, "‚": 0x82, "ƒ": 0x83, "„": 0x84, "…": 0x85, "†": 0x86, "‡": 0x87, "ˆ": 0x88, "‰": 0x89,
  "Š": 0x8a, "‹": 0x8b, "Œ": 0x8c, "Ž": 0x8e, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "•": 0x95,
  "–": 0x96, "—": 0x97, "˜": 0x98, "™": 0x99, "š": 0x9a, "›": 0x9b, "œ": 0x9c, "ž": 0x9e, "Ÿ": 0x9f,
}; // prettier-ignore

/** The text in Windows-1252, or null when it holds a character that encoding lacks. */
function encodeCp1252(text: string): Uint8Array | null {
  const out = new Uint8Array(text.length);
  let n = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const high = CP1252_HIGH[ch];
    if (high !== undefined) out[n++] = high;
    else if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) out[n++] = code;
    else return null;
  }
  return out.subarray(0, n);
}

// --- Inputs -----------------------------------------------------------------------------------------

type Kind = "txt" | "txt-cp1252" | "md" | "html" | "html-ao3" | "epub" | "docx";

interface InputFile {
  name: string;
  file: string;
  kind: Kind;
  bytes: number;
  words: number;
}

interface Inputs {
  dir: string;
  big: { file: string; name: string; bytes: number; words: number };
  files: InputFile[];
  totalBytes: number;
  totalWords: number;
  generateMs: number;
}

/** The mix: 60% txt (a fifth of it Windows-1252), 10% md, 15% html (half AO3), 10% epub, 5% docx. */
function kindsFor(count: number, r: Rand): Kind[] {
  const share: [Kind, number][] = [
    ["txt", 0.48],
    ["txt-cp1252", 0.12],
    ["md", 0.1],
    ["html", 0.075],
    ["html-ao3", 0.075],
    ["epub", 0.1],
    ["docx", 0.05],
  ];
  const kinds: Kind[] = [];
  for (const [kind, p] of share) for (let i = 0; i < Math.round(p * count); i++) kinds.push(kind);
  while (kinds.length < count) kinds.push("txt");
  kinds.length = count;
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
  }
  return kinds;
}

const extension: Record<Kind, string> = {
  txt: "txt",
  "txt-cp1252": "txt",
  md: "md",
  html: "html",
  "html-ao3": "html",
  epub: "epub",
  docx: "docx",
};

function generate(dir: string): Inputs {
  const start = performance.now();
  const voices = loadFandoms();
  const r = prng(SEED);

  // The long fic: Harry Potter, every header field, notes and scene breaks in every chapter.
  const hp = voices.find((v) => v.fandom?.startsWith("Harry Potter"))!;
  const bigFic = makeFic(prng(SEED + 1), [hp], BIG_WORDS, { chapters: BIG_CHAPTERS, smart: true });
  bigFic.declares = { rating: true, fandom: true, pairing: true, summary: true, status: true };
  bigFic.complete = true;
  bigFic.chapters.forEach((c, i) => {
    c.noteBegin ??= i % 3 === 0 ? pick(r, vocab.anNotes) : null;
    if (!c.paras.includes(null)) c.paras.splice(Math.floor(c.paras.length / 2), 0, null);
  });
  const bigText = renderTxt(bigFic, r, { eol: "\n", sceneBreak: "* * *" });
  const bigName = `long-fic-${BIG_WORDS / 1000}k-words.txt`;
  const bigFile = path.join(dir, bigName);
  const bigBytes = Buffer.from(bigText, "utf8");
  fs.writeFileSync(bigFile, bigBytes);

  // The bulk set, written as it is generated (not kept in memory).
  const bulkDir = path.join(dir, "files");
  fs.mkdirSync(bulkDir);
  const files: InputFile[] = [];
  const kinds = kindsFor(FILES, r);
  let totalBytes = 0;
  let totalWords = 0;
  for (let i = 0; i < FILES; i++) {
    const kind = kinds[i]!;
    // Lengths from 1,000 to 30,000 words, about log-uniform (many short fics, fewer long ones),
    // skewed a little toward longer ones (the 0.76) so that the set comes to about 50 MB.
    const words = Math.round(MIN_WORDS * Math.exp(r() ** 0.76 * Math.log(MAX_WORDS / MIN_WORDS)));
    const emphasis =
      kind === "md"
        ? (s: string) => `*${s}*`
        : kind === "html" || kind === "html-ao3" || kind === "epub"
          ? (s: string) => `<em>${s}</em>`
          : kind === "docx"
            ? (s: string) => `<i>${s}</i>`
            : undefined;
    const fic = makeFic(r, voices, words, { emphasis, smart: kind === "txt-cp1252" ? true : undefined });
    let bytes: Uint8Array;
    switch (kind) {
      case "txt":
        bytes = Buffer.from(renderTxt(fic, r, { eol: chance(r, 0.25) ? "\r\n" : "\n" }), "utf8");
        break;
      case "txt-cp1252": {
        const text = renderTxt(fic, r, { eol: "\r\n" });
        bytes = encodeCp1252(text) ?? Buffer.from(text, "utf8");
        break;
      }
      case "md":
        bytes = Buffer.from(renderMd(fic), "utf8");
        break;
      case "html":
        bytes = Buffer.from(renderHtml(fic), "utf8");
        break;
      case "html-ao3":
        bytes = Buffer.from(renderAo3(fic, i), "utf8");
        break;
      case "epub":
        bytes = renderEpub(fic, i);
        break;
      case "docx":
        bytes = renderDocx(fic);
        break;
    }
    const slug = fic.title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    const name = `${String(i + 1).padStart(4, "0")}-${slug}.${extension[kind]}`;
    const file = path.join(bulkDir, name);
    fs.writeFileSync(file, bytes);
    files.push({ name, file, kind, bytes: bytes.length, words: fic.words });
    totalBytes += bytes.length;
    totalWords += fic.words;
  }
  return {
    dir,
    big: { file: bigFile, name: bigName, bytes: bigBytes.length, words: bigFic.words },
    files,
    totalBytes,
    totalWords,
    generateMs: performance.now() - start,
  };
}

function mixDescription(files: InputFile[]): string {
  const labels: [Kind, string][] = [
    ["txt", "txt (UTF-8)"],
    ["txt-cp1252", "txt (Windows-1252)"],
    ["md", "md"],
    ["html", "html (generic)"],
    ["html-ao3", "html (AO3 download)"],
    ["epub", "epub"],
    ["docx", "docx"],
  ];
  return labels
    .map(([kind, label]) => {
      const of = files.filter((f) => f.kind === kind);
      return `${of.length} ${label} (${mb(of.reduce((n, f) => n + f.bytes, 0))})`;
    })
    .join(", ");
}

// --- Peak memory ------------------------------------------------------------------------------------

/** Samples the resident set size every 50 ms (and whenever asked) and keeps the peak. */
class RssSampler {
  peak = 0;
  private timer: NodeJS.Timeout | undefined;
  start(): void {
    this.peak = process.memoryUsage.rss();
    this.timer = setInterval(() => this.sample(), RSS_SAMPLE_MS);
  }
  sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
  }
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}

/** The process's peak resident set size so far, in bytes (resourceUsage reports kilobytes). */
const maxRss = () => process.resourceUsage().maxRSS * 1024;

/** Lets timers run: the import loop is mostly synchronous work behind promises that resolve at once. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

// --- 1. Parse ---------------------------------------------------------------------------------------

interface ParseResult {
  stats: Stats;
  /** Process CPU time (user + system) per run: on a shared machine, the work without the waiting. */
  cpu: Stats;
  chapters: number;
  words: number;
  fandoms: string[];
  diagnostics: number;
}

async function benchParse(inputs: Inputs, limits: ReturnType<typeof importLimits>): Promise<ParseResult> {
  const bytes = new Uint8Array(fs.readFileSync(inputs.big.file));
  log(`\n== Parse: readFic on ${inputs.big.name} (${mb(bytes.length)}, ${int(inputs.big.words)} words) ==`);
  let last: Awaited<ReturnType<typeof readFic>> | undefined;
  for (let i = 0; i < PARSE_WARMUP; i++) {
    const t = performance.now();
    last = await readFic(inputs.big.name, bytes, { limits });
    log(`  warm-up: ${ms(performance.now() - t)} ms`);
  }
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < PARSE_RUNS; i++) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    last = await readFic(inputs.big.name, bytes, { limits });
    times.push(performance.now() - t);
    cpuTimes.push(cpuMs(process.cpuUsage(cpu)));
  }
  const s = stats(times);
  const cpu = stats(cpuTimes);
  const result = last!.result;
  log(`  runs: ${times.map(ms).join(", ")} ms`);
  log(`  process CPU time per run: median ${ms(cpu.median)} ms (min ${ms(cpu.min)}, max ${ms(cpu.max)})`);
  log(
    `  median ${ms(s.median)} ms (min ${ms(s.min)}, max ${ms(s.max)}); target < ${TARGET_PARSE_MS} ms: ` +
      `${s.median < TARGET_PARSE_MS ? "PASS" : "MISS"}`,
  );
  log(
    `  read: ${result.chapters.length} chapters, ${int(result.words)} words, fandoms ` +
      `${result.fandoms.map((f) => f.name).join(", ") || "none"}, ${result.diagnostics.length} diagnostics`,
  );
  if (result.chapters.length !== BIG_CHAPTERS)
    log(`  NOTE: expected ${BIG_CHAPTERS} chapters, read ${result.chapters.length}`);
  return {
    stats: s,
    cpu,
    chapters: result.chapters.length,
    words: result.words,
    fandoms: result.fandoms.map((f) => f.name),
    diagnostics: result.diagnostics.length,
  };
}

// --- 2. Bulk import ---------------------------------------------------------------------------------

/** Counts the SQL statements Kysely runs (BEGIN and COMMIT of a transaction are not among them). */
let queryCount = 0;
const queryCounter: KyselyPlugin = {
  transformQuery(a) {
    queryCount++;
    return a.node;
  },
  transformResult: async (a) => a.result,
};

/** process.cpuUsage() microseconds → milliseconds of CPU (user + system, all the process's threads). */
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

interface PassResult {
  /** RSS when the pass began: the process with the app built and the account created. */
  startRss: number;
  seconds: number;
  /** Process CPU seconds (user + system) the pass used. */
  cpuSeconds: number;
  /** SQL statements the pass ran (BEGIN and COMMIT not counted). */
  queries: number;
  imported: number;
  duplicates: number;
  failed: number;
  failures: string[];
  peakRss: number;
  maxRss: number;
}

interface BulkResult {
  sqlite: string;
  first: PassResult;
  second: PassResult;
  works: number;
  chapters: number;
  /** Rows in the full-text index (one per posted work). */
  searchDocuments: number;
  dbBytes: number;
}

async function importPass(
  ctx: Ctx,
  actor: Actor,
  pseudId: string,
  files: InputFile[],
  label: string,
): Promise<PassResult> {
  const sampler = new RssSampler();
  const result: PassResult = {
    startRss: process.memoryUsage.rss(),
    seconds: 0,
    cpuSeconds: 0,
    queries: 0,
    imported: 0,
    duplicates: 0,
    failed: 0,
    failures: [],
    peakRss: 0,
    maxRss: 0,
  };
  // As the operator's `quire import --post` does: posted works (so each gets its search document),
  // not counted toward the posting rate limit.
  const options = { pseudId, post: true, countPosting: false };
  const count = (status: string, name: string, reason?: string) => {
    if (status === "duplicate") result.duplicates++;
    else if (status === "imported") result.imported++;
    else {
      result.failed++;
      if (result.failures.length < 10) result.failures.push(`${name}: ${reason ?? "failed"}`);
    }
  };
  const progress = (i: number) => {
    sampler.sample();
    if ((i + 1) % Math.max(1, Math.floor(files.length / 5)) === 0)
      log(`  ${label}: ${i + 1}/${files.length} files, ${((performance.now() - start) / 1000).toFixed(1)} s`);
  };
  sampler.start();
  const cpu = process.cpuUsage();
  const queriesBefore = queryCount;
  const start = performance.now();
  if (THREADS > 0) {
    // Loaded here, so that --threads 0 also runs on a checkout from before the pool existed.
    const { ReadPool } = await import("../src/domains/import/read-pool.js");
    const { importFiles } = await import("../src/domains/import/import-bulk.js");
    const pool = new ReadPool({ limits: importLimits(ctx.config), fileNameTitle: true, size: THREADS });
    try {
      const names = new Map(files.map((f) => [f.file, f.name]));
      await importFiles(
        ctx,
        actor,
        files.map((f) => f.file),
        {
          ...options,
          pool,
          load: async (file) => new Uint8Array(await fs.promises.readFile(file)),
          onFile: (row, i) => {
            count(
              row.status,
              names.get(row.file) ?? row.file,
              row.status === "failed" ? row.reason : undefined,
            );
            progress(i);
          },
        },
      );
    } finally {
      await pool.close();
    }
  } else {
    for (let i = 0; i < files.length; i++) {
      const f = files[i]!;
      const bytes = new Uint8Array(await fs.promises.readFile(f.file));
      try {
        const outcome = await importFile(ctx, actor, { fileName: f.name, bytes }, options);
        count(outcome.status, f.name);
      } catch (err) {
        count("failed", f.name, err instanceof Error ? err.message : String(err));
      }
      progress(i);
      await yieldToEventLoop();
    }
  }
  result.seconds = (performance.now() - start) / 1000;
  result.cpuSeconds = cpuMs(process.cpuUsage(cpu)) / 1000;
  result.queries = queryCount - queriesBefore;
  result.peakRss = sampler.stop();
  result.maxRss = maxRss();
  return result;
}

function describePass(p: PassResult, inputs: Inputs): string {
  return (
    `${p.seconds.toFixed(2)} s, ${(inputs.files.length / p.seconds).toFixed(1)} files/s, ` +
    `${(inputs.totalBytes / 1e6 / p.seconds).toFixed(2)} MB/s (CPU ${p.cpuSeconds.toFixed(1)} s), ` +
    `${(p.queries / inputs.files.length).toFixed(1)} SQL statements per file; imported ${p.imported}, duplicates ` +
    `${p.duplicates}, failed ${p.failed}; RSS ${rssMb(p.startRss)} at the start, peak ${rssMb(p.peakRss)} ` +
    `(sampled), maxRSS ${rssMb(p.maxRss)}` +
    (THREADS > 0
      ? `; ${THREADS} reading threads (started at the first file to read, their start included)`
      : "; read on the main thread")
  );
}

async function benchBulk(inputs: Inputs): Promise<BulkResult> {
  log(
    `\n== Bulk import: ${inputs.files.length} files, ${mb(inputs.totalBytes)}, into a fresh SQLite database ==`,
  );
  const dataDir = path.join(inputs.dir, "data");
  fs.mkdirSync(dataDir);
  const sqlitePath = path.join(dataDir, "quire.db");
  const db = openDatabase({ databaseUrl: "", sqlitePath });
  const config = loadConfig({}, { dataDir, sqlitePath, databaseUrl: "", logLevel: "silent" });
  await migrateToLatest(db);
  const mailer = createMailer(config);
  // The app's queries go through a counting plugin (a counter, nothing else): statements per file.
  const counted: Db = { ...db, kysely: db.kysely.withPlugin(queryCounter) };
  const { app, ctx } = await buildApp({ config, db: counted, mailer, logger: false });
  try {
    await app.ready();
    const version = (await sql<{ v: string }>`select sqlite_version() as v`.execute(db.kysely)).rows[0]?.v;
    const sqlite = `SQLite ${version ?? "?"} (better-sqlite3, WAL, synchronous=NORMAL)`;
    log(`  ${sqlite}`);
    const user = await createAccount(ctx, {
      username: "bench_importer",
      email: "bench_importer@example.org",
      password: "a long benchmark passphrase",
      isAdmin: false,
    });
    const actor: Actor = { kind: "user", user, via: "session" };
    const pseud = await ctx.db
      .selectFrom("pseuds")
      .select("id")
      .where("user_id", "=", user.id)
      .executeTakeFirstOrThrow();

    const first = await importPass(ctx, actor, pseud.id, inputs.files, "first pass");
    log(`  first pass: ${describePass(first, inputs)}`);
    for (const f of first.failures) log(`    failed: ${f}`);
    const second = await importPass(ctx, actor, pseud.id, inputs.files, "second pass");
    log(`  second pass (the same files again): ${describePass(second, inputs)}`);
    for (const f of second.failures) log(`    failed: ${f}`);

    const works = await ctx.db
      .selectFrom("works")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const chapters = await ctx.db
      .selectFrom("chapters")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const searchDocuments = Number(
      (await sql<{ n: number }>`select count(*) as n from work_search`.execute(db.kysely)).rows[0]?.n ?? 0,
    );
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db.kysely);
    const dbBytes = fs
      .readdirSync(dataDir)
      .filter((n) => n.startsWith("quire.db"))
      .reduce((n, f) => n + fs.statSync(path.join(dataDir, f)).size, 0);
    log(
      `  database: ${int(Number(works.n))} works, ${int(Number(chapters.n))} chapters, ` +
        `${int(searchDocuments)} search documents, ${mb(dbBytes)} on disk`,
    );
    return {
      sqlite,
      first,
      second,
      works: Number(works.n),
      chapters: Number(chapters.n),
      searchDocuments,
      dbBytes,
    };
  } finally {
    await app.close();
    mailer.close();
    await db.close();
  }
}

/**
 * The bulk import runs in a fresh process (this script again, with the same Node flags, so tsx and
 * --cpu-prof carry over), so that its peak memory is its own and not what generating the inputs and
 * parsing the long fic left on the heap.
 */
function runBulkInChild(inputs: Inputs): Promise<BulkResult> {
  const manifest = path.join(inputs.dir, "inputs.json");
  fs.writeFileSync(manifest, JSON.stringify(inputs));
  return new Promise((resolve, reject) => {
    let result: BulkResult | undefined;
    const child = fork(fileURLToPath(import.meta.url), ["--bulk-child", manifest, ...options], {
      execArgv: process.execArgv,
      stdio: "inherit",
    });
    child.on("message", (m) => (result = m as BulkResult));
    child.on("error", reject);
    child.on("exit", (code) =>
      result && code === 0
        ? resolve(result)
        : reject(new Error(`the bulk import process exited with ${code}`)),
    );
  });
}

// --- 3. Peers: ebook-convert and pandoc ------------------------------------------------------------

interface PeerResult {
  tool: string;
  version: string | null;
  /** Converting the long fic (median of PEER_RUNS after one warm-up), or why not. */
  big: { stats: Stats; output: string } | string;
  /** Converting the sample of bulk files, or why not. */
  bulk: { files: number; bytes: number; seconds: number; failed: number; output: string } | string;
}

function which(tool: string): string | null {
  const r = spawnSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
}

function timed(cmd: string, argv: string[]): { ms: number; ok: boolean } {
  const t = performance.now();
  const r = spawnSync(cmd, argv, { stdio: "ignore", timeout: 600_000 });
  return { ms: performance.now() - t, ok: r.status === 0 };
}

const pandocFrom: Record<Kind, string> = {
  txt: "markdown",
  "txt-cp1252": "markdown",
  md: "markdown",
  html: "html",
  "html-ao3": "html",
  epub: "epub",
  docx: "docx",
};

function benchPeers(inputs: Inputs): PeerResult[] {
  log(`\n== Peers: ebook-convert and pandoc on the same files ==`);
  const out = path.join(inputs.dir, "peer-out");
  fs.mkdirSync(out, { recursive: true });
  const sample = inputs.files.filter((_, i) => i % PEER_EVERY === 0);
  const sampleBytes = sample.reduce((n, f) => n + f.bytes, 0);
  const results: PeerResult[] = [];
  const tools: {
    tool: string;
    version: string[];
    big: (bin: string) => [string[], string];
    file: (f: InputFile, to: string) => string[];
    output: string;
  }[] = [
    {
      tool: "ebook-convert",
      version: ["--version"],
      // calibre: the text file to EPUB (what a reader would do with it), the bulk files to text.
      big: () => [[inputs.big.file, path.join(out, "big.epub")], "TXT → EPUB"],
      file: (f, to) => [f.file, `${to}.txt`],
      output: "to TXT",
    },
    {
      tool: "pandoc",
      version: ["--version"],
      big: () => [
        ["-f", "markdown", "-t", "plain", "-o", path.join(out, "big.txt"), inputs.big.file],
        "to plain text",
      ],
      file: (f, to) => ["-f", pandocFrom[f.kind], "-t", "plain", "-o", `${to}.txt`, f.file],
      output: "to plain text",
    },
  ];
  for (const t of tools) {
    const bin = which(t.tool);
    if (!bin) {
      log(`  ${t.tool}: not installed`);
      results.push({ tool: t.tool, version: null, big: "not installed", bulk: "not installed" });
      continue;
    }
    const v = spawnSync(bin, t.version, { encoding: "utf8" });
    const version = (v.stdout || v.stderr || "").split("\n")[0]!.trim() || "unknown version";
    log(`  ${t.tool}: ${version} (${bin})`);
    const [bigArgs, bigOutput] = t.big(bin);
    let big: PeerResult["big"];
    const warm = timed(bin, bigArgs);
    if (!warm.ok) big = `failed on ${inputs.big.name}`;
    else {
      const times: number[] = [];
      for (let i = 0; i < PEER_RUNS; i++) times.push(timed(bin, bigArgs).ms);
      big = { stats: stats(times), output: bigOutput };
      log(`    ${inputs.big.name} ${bigOutput}: median ${ms(big.stats.median)} ms of ${PEER_RUNS}`);
    }
    let failed = 0;
    const start = performance.now();
    sample.forEach((f, i) => {
      if (!timed(bin, t.file(f, path.join(out, `${t.tool}-${i}`))).ok) failed++;
    });
    const seconds = (performance.now() - start) / 1000;
    log(
      `    ${sample.length} files (${mb(sampleBytes)}) ${t.output}: ${seconds.toFixed(1)} s, ` +
        `${(sampleBytes / 1e6 / seconds).toFixed(2)} MB/s, ${failed} failed`,
    );
    results.push({
      tool: t.tool,
      version,
      big,
      bulk: { files: sample.length, bytes: sampleBytes, seconds, failed, output: t.output },
    });
  }
  return results;
}

// --- Report ---------------------------------------------------------------------------------------

function report(
  inputs: Inputs,
  parse: ParseResult,
  bulk: BulkResult,
  peers: PeerResult[],
  parseMaxRss: number,
): string {
  const commit = git("rev-parse", "--short", "HEAD");
  const dirty = git("status", "--porcelain").length > 0;
  const command = `npm run bench:import${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;
  const mbps = (p: PassResult) => inputs.totalBytes / 1e6 / p.seconds;
  const peak = Math.max(bulk.first.peakRss, bulk.second.peakRss);
  const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");
  const lines: string[] = [];
  lines.push(
    `#### Run of ${new Date().toISOString().slice(0, 10)}${quick ? " (--quick: a smoke run, not a result)" : ""}`,
    "",
  );
  lines.push(`- Command: \`${command}\``);
  lines.push(`- Commit: ${commit || "unknown"}${dirty ? " (with uncommitted changes)" : ""}`);
  lines.push(`- Machine: ${machine()}`);
  lines.push(`- Date: ${new Date().toISOString().replace(/\.\d+Z$/, "Z")}`);
  lines.push(
    `- Load average (1 min): ${loadAtStart.toFixed(2)} at the start, ${os.loadavg()[0]!.toFixed(2)} at the end`,
  );
  lines.push(
    `- Database: ${bulk.sqlite}, a fresh file; every work posted, so each has its filter set and its ` +
      `full-text (FTS5) search document: ${int(bulk.searchDocuments)} search documents at the end`,
  );
  lines.push(
    `- Inputs (seed ${SEED}, generated in ${(inputs.generateMs / 1000).toFixed(1)} s): ${inputs.big.name} ` +
      `(${mb(inputs.big.bytes)}, ${int(inputs.big.words)} words, ${BIG_CHAPTERS} chapters); ` +
      `${inputs.files.length} files, ${mb(inputs.totalBytes)}, ${int(inputs.totalWords)} words: ${mixDescription(inputs.files)}`,
  );
  lines.push(
    `- Parse read ${parse.chapters} chapters, ${int(parse.words)} words, fandom ${parse.fandoms.join(", ") || "none"}; ` +
      `the database ended with ${int(bulk.works)} works, ${int(bulk.chapters)} chapters, ${mb(bulk.dbBytes)}. ` +
      `The bulk import ran in a fresh process; the first process (generating the inputs, then parsing) peaked at ` +
      `${rssMb(parseMaxRss)} maxRSS`,
  );
  lines.push("");
  lines.push("| Measure | Result | Target | Verdict |");
  lines.push("|---|--:|--:|---|");
  lines.push(
    `| Parse ${int(inputs.big.words)} words (readFic, median of ${PARSE_RUNS}; min–max) | ${ms(parse.stats.median)} ms (${ms(parse.stats.min)}–${ms(parse.stats.max)}); CPU ${ms(parse.cpu.median)} ms | < ${TARGET_PARSE_MS} ms | ${verdict(parse.stats.median < TARGET_PARSE_MS)} |`,
  );
  const p1 = bulk.first;
  lines.push(
    `| Bulk import, ${inputs.files.length} files (${THREADS > 0 ? `importFiles, ${THREADS} reading threads` : "importFile in turn, no threads"}; posted, search index included) | ${mbps(p1).toFixed(2)} MB/s, ${(inputs.files.length / p1.seconds).toFixed(1)} files/s, ${p1.seconds.toFixed(1)} s (CPU ${p1.cpuSeconds.toFixed(1)} s${THREADS > 0 ? "; the threads' start included" : ""}), ${(p1.queries / inputs.files.length).toFixed(1)} SQL statements per file; imported ${p1.imported}, duplicates ${p1.duplicates}, failed ${p1.failed} | ≥ ${TARGET_MB_PER_S} MB/s | ${verdict(mbps(p1) >= TARGET_MB_PER_S && p1.failed === 0)} |`,
  );
  const p2 = bulk.second;
  lines.push(
    `| Same files again (all duplicates) | ${mbps(p2).toFixed(2)} MB/s, ${(inputs.files.length / p2.seconds).toFixed(1)} files/s, ${p2.seconds.toFixed(2)} s (CPU ${p2.cpuSeconds.toFixed(2)} s), ${(p2.queries / inputs.files.length).toFixed(1)} SQL statements per file; imported ${p2.imported}, duplicates ${p2.duplicates}, failed ${p2.failed} | — | ${p2.duplicates === inputs.files.length ? "all skipped" : "NOT all skipped"} |`,
  );
  lines.push(
    `| Peak memory of the import process (RSS sampled every ${RSS_SAMPLE_MS} ms; its maxRSS; RSS before the first file) | ${rssMb(peak)} (maxRSS ${rssMb(bulk.second.maxRss)}; ${rssMb(p1.startRss)} before) | < ${TARGET_PEAK_MB} MB | ${verdict(peak / 1e6 < TARGET_PEAK_MB)} |`,
  );
  lines.push("");
  lines.push("| Peer | Long fic | Same files |");
  lines.push("|---|--:|--:|");
  for (const p of peers) {
    const big =
      typeof p.big === "string"
        ? p.big
        : `${ms(p.big.stats.median)} ms (${p.big.output}, median of ${PEER_RUNS})`;
    const bulkCell =
      typeof p.bulk === "string"
        ? p.bulk
        : `${(p.bulk.bytes / 1e6 / p.bulk.seconds).toFixed(2)} MB/s (every ${PEER_EVERY}th file: ${p.bulk.files} files, ${mb(p.bulk.bytes)}, ${p.bulk.output}, ${p.bulk.failed} failed)`;
    lines.push(`| ${p.tool}${p.version ? ` (${p.version})` : ""} | ${big} | ${bulkCell} |`);
  }
  return lines.join("\n");
}

// --- Main -------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-bench-import-"));
  try {
    log(`bench:import${quick ? " --quick" : ""}: inputs in ${dir}`);
    const inputs = generate(dir);
    log(
      `  generated in ${(inputs.generateMs / 1000).toFixed(1)} s: ${inputs.big.name} (${mb(inputs.big.bytes)}), ` +
        `${inputs.files.length} files (${mb(inputs.totalBytes)}, ${int(inputs.totalWords)} words): ${mixDescription(inputs.files)}`,
    );
    log(`  maxRSS after generating: ${rssMb(maxRss())}`);
    const config = loadConfig({}, { dataDir: dir, logLevel: "silent" });
    const parse = await benchParse(inputs, importLimits(config));
    const parseMaxRss = maxRss();
    log(`  maxRSS after parsing: ${rssMb(parseMaxRss)}`);
    const bulk = await runBulkInChild(inputs);
    const peers = benchPeers(inputs);

    console.log("");
    const mbps = inputs.totalBytes / 1e6 / bulk.first.seconds;
    const peakMb = Math.max(bulk.first.peakRss, bulk.second.peakRss) / 1e6;
    console.log(
      `${parse.stats.median < TARGET_PARSE_MS ? "PASS" : "MISS"} parse: median ${ms(parse.stats.median)} ms (target < ${TARGET_PARSE_MS} ms)`,
    );
    console.log(
      `${mbps >= TARGET_MB_PER_S ? "PASS" : "MISS"} bulk import: ${mbps.toFixed(2)} MB/s (target ≥ ${TARGET_MB_PER_S} MB/s)`,
    );
    console.log(
      `${peakMb < TARGET_PEAK_MB ? "PASS" : "MISS"} peak memory: ${peakMb.toFixed(0)} MB sampled RSS (target < ${TARGET_PEAK_MB} MB)`,
    );
    console.log(
      `  search index: written for every imported (posted) work: ${int(bulk.searchDocuments)} search documents`,
    );
    console.log("\n----- markdown for docs/benchmarks.md -----\n");
    console.log(report(inputs, parse, bulk, peers, parseMaxRss));
    console.log("\n-------------------------------------------");
    if (bulk.first.failed > 0 || bulk.second.failed > 0) process.exitCode = 1;
  } finally {
    if (keep) log(`\nkept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function childMain(manifest: string): Promise<void> {
  const inputs = JSON.parse(fs.readFileSync(manifest, "utf8")) as Inputs;
  const bulk = await benchBulk(inputs);
  await new Promise<void>((resolve, reject) =>
    process.send!(bulk, (err: Error | null) => (err ? reject(err) : resolve())),
  );
}

(bulkChild === undefined ? main() : childMain(bulkChild)).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
