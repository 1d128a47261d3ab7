// npm run bench:works: issue 3's speed benchmark (docs/benchmarks.md, "Works (issue 3)").
//
// Builds the app on a fresh temporary SQLite database, seeds one posted 500,000-word work in 100
// chapters through the real services (postWork, then addChapter 99 times), then measures with
// app.inject (no network) the server time of a chapter page, the entire-work page, the work JSON and a
// chapter JSON, as a guest from one address (so every view records a hit; only the first counts).
// Then it serves the same app on 127.0.0.1 and points wrk at the chapter page. It ends with a
// markdown block to paste into docs/benchmarks.md.
//
//   npm run bench:works                      SQLite
//   npm run bench:works -- --postgres        SQLite, then PostgreSQL in the same run, with ratios
//   npm run bench:works -- --quick           fewer samples and a 3-second wrk (a smoke run)
//   npm run bench:works -- --no-wrk          skip the wrk part
//   npm run bench:works -- --profile         CPU-profile each measured request type; print where the time goes
//
// PostgreSQL needs a server where the benchmark may CREATE DATABASE: QUIRE_BENCH_POSTGRES_URL (setting it
// also turns --postgres on), else QUIRE_TEST_POSTGRES_URL, so `bash scripts/with-postgres.sh npm run
// bench:works -- --postgres` runs it on a throwaway server. It is a benchmark, not a test: a missed
// target prints MISS and the exit status stays 0; only a broken run (a wrong status code) fails.
import fs from "node:fs";
import { Session } from "node:inspector/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql, type KyselyPlugin } from "kysely";
import pg from "pg";
import type { FastifyInstance } from "fastify";
import { loadConfig } from "../src/config/config.js";
import {
  git,
  machine,
  ms,
  prng,
  readWrk,
  runWrkProcess,
  stats,
  WRK_BIN,
  wrkAvailable,
  type Stats,
  type WrkOutput,
} from "./bench-support.js";
import { openDatabase, type Db, type DialectName } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrator.js";
import type { Actor } from "../src/domains/actor.js";
import { addChapter } from "../src/domains/chapters/chapter.service.js";
import type { Ctx } from "../src/domains/context.js";
import { createAccount } from "../src/domains/users/user.service.js";
import { postWork } from "../src/domains/works/work.service.js";
import { buildApp } from "../src/http/app.js";
import { createMailer } from "../src/mail/mailer.js";

// --- Settings ----------------------------------------------------------------------------------

const CHAPTERS = 100;
const WORDS_PER_CHAPTER = 5_000;
const MIDDLE_CHAPTER = 50; // the chapter page measured (position from 1)
const TARGET_CHAPTER_MS = 15;
const TARGET_ENTIRE_MS = 250;

const args = new Set(process.argv.slice(2));
if (args.has("--help") || args.has("-h")) {
  console.log(
    "usage: npm run bench:works [-- --postgres] [--quick] [--no-wrk] [--profile]\n" +
      "See the header of scripts/bench-works.ts and docs/benchmarks.md.",
  );
  process.exit(0);
}
for (const a of args) {
  if (!["--postgres", "--quick", "--no-wrk", "--profile"].includes(a)) {
    console.error(`bench:works: unknown option ${a} (try --help)`);
    process.exit(64);
  }
}
const quick = args.has("--quick");
const profile = args.has("--profile");
const postgresUrl = process.env.QUIRE_BENCH_POSTGRES_URL || process.env.QUIRE_TEST_POSTGRES_URL || "";
const withPostgres = args.has("--postgres") || Boolean(process.env.QUIRE_BENCH_POSTGRES_URL);
const wrkSeconds = quick ? 3 : 10;
const loadAtStart = os.loadavg()[0]!;

interface Case {
  label: string;
  target?: number;
  warmup: number;
  samples: number;
  url: (ids: Seeded) => string;
}

const cases: Case[] = [
  {
    label: `Chapter page (chapter ${MIDDLE_CHAPTER})`,
    target: TARGET_CHAPTER_MS,
    warmup: quick ? 10 : 50,
    samples: quick ? 40 : 200,
    url: (s) => `/works/${s.workId}/chapters/${s.middleChapterId}`,
  },
  {
    label: "Entire work page",
    target: TARGET_ENTIRE_MS,
    warmup: quick ? 2 : 5,
    samples: quick ? 8 : 30,
    url: (s) => `/works/${s.workId}?view_full_work=true`,
  },
  {
    label: "Work JSON",
    warmup: quick ? 10 : 50,
    samples: quick ? 40 : 200,
    url: (s) => `/api/v1/works/${s.workId}`,
  },
  {
    label: `Chapter JSON (chapter ${MIDDLE_CHAPTER})`,
    warmup: quick ? 10 : 50,
    samples: quick ? 40 : 200,
    url: (s) => `/api/v1/works/${s.workId}/chapters/${s.middleChapterId}`,
  },
];

// --- Deterministic English-like prose ------------------------------------------------------------

const words = {
  names: ["Mara", "Tobias", "Ines", "the keeper", "her brother", "the captain", "Aunt Wil", "the boy"],
  pronouns: ["she", "he", "they", "she", "he"],
  adjectives: (
    "quiet cold grey narrow bright salt-stained old small heavy pale distant warm broken careful " +
    "familiar strange empty patient tired sudden low wet long bitter green restless faint"
  ).split(" "),
  nouns: (
    "lamp door window harbour stair rope letter kettle lantern shore tide boat coat table map " +
    "morning evening light wind rain stone gull bell island ledger voice silence fire road hand"
  ).split(" "),
  verbs: (
    "watched opened carried found turned lifted followed remembered crossed closed touched held " +
    "counted mended folded read left kept climbed answered pulled"
  ).split(" "),
  intransitive: (
    "waited laughed shivered paused listened sighed hesitated stayed wandered slept nodded " +
    "smiled frowned stopped breathed"
  ).split(" "),
  adverbs: "slowly quietly again carefully at last once more for a while without a word too soon".split(" "),
  preps: "across beside under over behind toward against near past through".split(" "),
  openers: [
    "In the morning",
    "After a while",
    "By the time the tide turned",
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
    "Wait for me by the harbour",
  ],
  said: ["she said", "he said", "Mara said", "Tobias said", "Ines asked", "she whispered", "he answered"],
};

function makeWriter(seed: number) {
  const r = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const subject = () => (r() < 0.5 ? pick(words.names) : pick(words.pronouns));
  const object = () => `the ${r() < 0.6 ? `${pick(words.adjectives)} ` : ""}${pick(words.nouns)}`;
  const clause = () => {
    const n = r();
    if (n < 0.45) return `${subject()} ${pick(words.verbs)} ${object()}`;
    if (n < 0.75) return `${subject()} ${pick(words.intransitive)} ${pick(words.preps)} ${object()}`;
    return `${subject()} ${pick(words.verbs)} ${object()} ${pick(words.adverbs)}`;
  };
  const sentence = () => {
    const n = r();
    if (n < 0.15) return `${pick(words.openers)}, ${clause()}.`;
    if (n < 0.35) return `${cap(clause())}, and ${clause()}.`;
    if (n < 0.45) return `${cap(clause())} ${pick(words.preps)} ${object()}, because ${clause()}.`;
    return `${cap(clause())}.`;
  };
  /** Wraps one run of one to three words in <em> or <strong>. */
  const emphasise = (text: string) => {
    const parts = text.split(" ");
    const at = 1 + Math.floor(r() * Math.max(1, parts.length - 4));
    const length = 1 + Math.floor(r() * 3);
    const tag = r() < 0.8 ? "em" : "strong";
    const inner = parts.slice(at, at + length).join(" ");
    if (!/^[\w' -]+$/.test(inner)) return text;
    return [...parts.slice(0, at), `<${tag}>${inner}</${tag}>`, ...parts.slice(at + length)].join(" ");
  };
  const paragraph = () => {
    let text: string;
    if (r() < 0.25) {
      text = `"${pick(words.speech)}," ${pick(words.said)}. ${sentence()}`;
    } else {
      const sentences: string[] = [];
      const count = 2 + Math.floor(r() * 6);
      for (let i = 0; i < count; i++) sentences.push(sentence());
      text = sentences.join(" ");
    }
    return r() < 0.3 ? emphasise(text) : text;
  };
  const countOf = (html: string) =>
    html
      .replace(/<[^>]+>/g, " ")
      .split(/\s+/)
      .filter((w) => /\w/.test(w)).length;

  return {
    /** About `target` words of HTML paragraphs, with a scene break or two. */
    chapter(target: number): string {
      const paragraphs: string[] = [];
      let total = 0;
      for (;;) {
        const p = paragraph();
        const n = countOf(p);
        // Stop at whichever side of the target is nearer, so 100 chapters come to about 500,000 words.
        if (total + n > target && total + n - target > target - total) break;
        if (paragraphs.length > 0 && r() < 0.01) paragraphs.push("<hr />");
        total += n;
        paragraphs.push(`<p>${p}</p>`);
      }
      return paragraphs.join("\n");
    },
    title(): string {
      return cap(`${pick(words.adjectives)} ${pick(words.nouns)}`);
    },
  };
}

// --- Measuring ---------------------------------------------------------------------------------

const kb = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
const int = (n: number) => n.toLocaleString("en");

function log(line = ""): void {
  // Progress goes to stderr, so stdout can be redirected to a file holding only the report.
  process.stderr.write(`${line}\n`);
}

async function inject(
  app: FastifyInstance,
  url: string,
): Promise<{ ms: number; bytes: number; body: string }> {
  const start = performance.now();
  const res = await app.inject({ method: "GET", url });
  const elapsed = performance.now() - start;
  if (res.statusCode !== 200)
    throw new Error(`GET ${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  return { ms: elapsed, bytes: res.rawPayload.length, body: res.body };
}

// --- Queries per request, time in the app under wrk ------------------------------------------------

/** Counts the SQL statements Kysely runs (BEGIN and COMMIT of a transaction are not among them). */
let queryCount = 0;
/** While wrk runs, each request's time in the app (the onResponse hook added in run()). */
let timingServer = false;
const serverTimes: number[] = [];
const queryCounter: KyselyPlugin = {
  transformQuery(args) {
    queryCount++;
    return args.node;
  },
  transformResult: async (args) => args.result,
};

// --- CPU profile summary (--profile) ---------------------------------------------------------------

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Where a function lives, shortly: a package name, or a path under the checkout. */
function place(url: string): string {
  if (!url) return "(native)";
  const file = url.replace(/^file:\/\//, "");
  const nm = file.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = file.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (file.startsWith("node:")) return file;
  return path.relative(process.cwd(), file);
}

/** "name place:line"; tsx reports line 0 for the project's own files, so no line there. */
function frameName(functionName: string, url: string, lineNumber: number): string {
  return `${functionName || "(anonymous)"} ${place(url)}${url && lineNumber > 0 ? `:${lineNumber + 1}` : ""}`;
}

function summariseProfile(profile: Profile, requests: number): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const selfByPlace = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]!);
    const dt = (deltas[i] ?? 0) / 1000; // µs → ms
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === "(idle)" || functionName === "(program)") continue;
    // Stopping the profiler is sampled too; it is not the server's time.
    let profilerItself = false;
    for (let id: number | undefined = node.id; id !== undefined && !profilerItself; id = parent.get(id))
      profilerItself = byId.get(id)!.callFrame.url === "node:inspector";
    if (profilerItself) continue;
    total += dt;
    const key = frameName(functionName, url, lineNumber);
    self.set(key, (self.get(key) ?? 0) + dt);
    selfByPlace.set(place(url), (selfByPlace.get(place(url)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      if (!f.url || place(f.url).startsWith("node:")) continue;
      const k = frameName(f.functionName, f.url, f.lineNumber);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
    }
  }
  const per = (x: number) => `${(x / requests).toFixed(2)} ms/req (${((100 * x) / total).toFixed(0)}%)`;
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  const lines = [`    busy CPU: ${(total / requests).toFixed(2)} ms per request over ${requests} requests`];
  lines.push("    self time by package or file:");
  for (const [k, v] of top(selfByPlace, 10)) lines.push(`      ${per(v).padEnd(24)} ${k}`);
  lines.push("    self time by function:");
  for (const [k, v] of top(self, 12)) lines.push(`      ${per(v).padEnd(24)} ${k}`);
  lines.push("    inclusive time, Quire functions (src/):");
  const ours = new Map([...inclusive].filter(([k]) => / src\//.test(k)));
  for (const [k, v] of top(ours, 14)) lines.push(`      ${per(v).padEnd(24)} ${k}`);
  return lines;
}

// --- One database ---------------------------------------------------------------------------------

interface Seeded {
  workId: string;
  middleChapterId: string;
  wordCount: number;
  chapterHtmlBytes: number;
  generateMs: number;
  postWorkMs: number;
  addChapterMs: Stats;
  seedMs: number;
}

interface CaseResult {
  case: Case;
  stats: Stats;
  bytes: number;
  /** SQL statements Kysely ran for one request (BEGIN and COMMIT not counted). */
  queries: number;
  profile?: string[];
}

interface WrkResult extends WrkOutput {
  command: string;
  /** Time in the app (reply.elapsedTime) during the wrk run, to tell work from waiting outside it. */
  server: Stats & { p99: number };
}

interface RunResult {
  dialect: DialectName;
  version: string;
  seeded: Seeded;
  results: CaseResult[];
  wrk: WrkResult | string;
}

async function openFresh(
  dialect: DialectName,
): Promise<{ db: Db; dataDir: string; databaseUrl: string; drop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-bench-"));
  let databaseUrl = "";
  let dropPostgres = async () => {};
  if (dialect === "postgres") {
    const name = `quire_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(postgresUrl);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    dropPostgres = async () => {
      const c = new pg.Client({ connectionString: postgresUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const db = openDatabase({ databaseUrl, sqlitePath: path.join(dataDir, "quire.db"), poolSize: 10 });
  return {
    db,
    dataDir,
    databaseUrl,
    async drop() {
      await db.close();
      await dropPostgres();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function databaseVersion(db: Db): Promise<string> {
  if (db.dialect === "sqlite") {
    const r = await sql<{ v: string }>`select sqlite_version() as v`.execute(db.kysely);
    return `SQLite ${r.rows[0]?.v ?? "?"} (better-sqlite3, WAL, synchronous=NORMAL)`;
  }
  const r = await sql<{ v: string }>`show server_version`.execute(db.kysely);
  const row = r.rows[0] as Record<string, string> | undefined;
  return `PostgreSQL ${row ? Object.values(row)[0] : "?"}`;
}

async function seed(ctx: Ctx): Promise<Seeded> {
  const user = await createAccount(ctx, {
    username: "bench_writer",
    email: "bench_writer@example.org",
    password: "a long benchmark passphrase",
    isAdmin: false,
  });
  const actor: Actor = { kind: "user", user, via: "session" };

  let start = performance.now();
  const writer = makeWriter(20261121);
  const texts: string[] = [];
  const titles: string[] = [];
  for (let i = 0; i < CHAPTERS; i++) {
    texts.push(writer.chapter(WORDS_PER_CHAPTER));
    titles.push(writer.title());
  }
  const generateMs = performance.now() - start;

  const seedStart = performance.now();
  start = performance.now();
  const work = await postWork(
    ctx,
    actor,
    {
      title: "The Lighthouse at the End of the Year",
      rating: "General Audiences",
      warnings: ["No Archive Warnings Apply"],
      categories: ["F/M", "Gen"],
      fandoms: "The Lighthouse Keepers (Original Work)",
      relationships: "Mara Quell/Tobias Fenn",
      characters: "Mara Quell, Tobias Fenn, Ines Arbel",
      freeforms: "Slow Burn, Found Family, Lighthouses, Long Winter",
      summary: "<p>A keeper, a ledger and a hundred winter nights. <em>Very</em> long.</p>",
      notes: "<p>Written for the benchmark. Thanks to everyone who read the drafts.</p>",
      endnotes: "<p>Thank you for reading.</p>",
      language: "en",
      expected_chapters: String(CHAPTERS),
      chapter_title: titles[0],
      comment_permissions: "anyone",
      text: texts[0],
    },
    "post",
  );
  const postWorkMs = performance.now() - start;

  const addTimes: number[] = [];
  for (let i = 1; i < CHAPTERS; i++) {
    start = performance.now();
    await addChapter(ctx, actor, work.id, {
      title: titles[i],
      summary: i % 10 === 0 ? `<p>Part ${i / 10 + 1} begins.</p>` : "",
      notes: i % 7 === 0 ? "<p>A shorter one this week.</p>" : "",
      endnotes: "",
      text: texts[i],
    });
    addTimes.push(performance.now() - start);
    if (i % 20 === 0) log(`  … ${i + 1} chapters`);
  }
  const seedMs = performance.now() - seedStart;

  const row = await ctx.db
    .selectFrom("works")
    .select(["word_count", "posted_chapters"])
    .where("id", "=", work.id)
    .executeTakeFirstOrThrow();
  const chapterRows = await ctx.db
    .selectFrom("chapters")
    .select(["id", "position", "content"])
    .where("work_id", "=", work.id)
    .execute();
  if (Number(row.posted_chapters) !== CHAPTERS)
    throw new Error(`seeded ${row.posted_chapters} posted chapters, not ${CHAPTERS}`);
  const middle = chapterRows.find((c) => Number(c.position) === MIDDLE_CHAPTER);
  if (!middle) throw new Error(`no chapter at position ${MIDDLE_CHAPTER}`);
  return {
    workId: work.id,
    middleChapterId: middle.id,
    wordCount: Number(row.word_count),
    chapterHtmlBytes: chapterRows.reduce((n, c) => n + Buffer.byteLength(c.content), 0),
    generateMs,
    postWorkMs,
    addChapterMs: stats(addTimes),
    seedMs,
  };
}

async function measure(app: FastifyInstance, c: Case, seeded: Seeded): Promise<CaseResult> {
  const url = c.url(seeded);
  let bytes = 0;
  for (let i = 0; i < c.warmup; i++) {
    const r = await inject(app, url);
    bytes = r.bytes;
    if (i === 0 && !url.startsWith("/api/")) {
      if (/adult content/i.test(r.body)) throw new Error(`${url} showed the adult content notice`);
      if (!r.body.includes("<p>")) throw new Error(`${url} shows no chapter text`);
    }
  }
  const before = queryCount;
  await inject(app, url);
  const queries = queryCount - before;
  let session: Session | undefined;
  if (profile) {
    session = new Session();
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 100 });
    await session.post("Profiler.start");
  }
  const times: number[] = [];
  for (let i = 0; i < c.samples; i++) times.push((await inject(app, url)).ms);
  const result: CaseResult = { case: c, stats: stats(times), bytes, queries };
  if (session) {
    const { profile: p } = (await session.post("Profiler.stop")) as { profile: Profile };
    session.disconnect();
    const file = path.join(
      os.tmpdir(),
      `quire-bench-${c.label.replace(/\W+/g, "-").toLowerCase()}.cpuprofile`,
    );
    fs.writeFileSync(file, JSON.stringify(p));
    result.profile = [
      ...summariseProfile(p, c.samples),
      `    profile: ${file} (timings above include profiler overhead)`,
    ];
  }
  return result;
}

/** wrk against the chapter page; wrk runs as a child process while this process serves. */
async function runWrk(app: FastifyInstance, seeded: Seeded): Promise<WrkResult | string> {
  if (args.has("--no-wrk")) return "skipped (--no-wrk)";
  if (!wrkAvailable()) {
    const message = `skipped: wrk is not installed at ${WRK_BIN} (Debian/Ubuntu: apt-get install wrk)`;
    log(`  ${message}`);
    return message;
  }
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("the server has no TCP address");
  const url = `http://127.0.0.1:${address.port}/works/${seeded.workId}/chapters/${seeded.middleChapterId}`;
  const wrkArgs = ["-t2", "-c32", `-d${wrkSeconds}s`, "--latency", url];
  const command = `wrk ${wrkArgs
    .join(" ")
    .replace(/:\d+\//, ":PORT/")
    .replace(/works\/\S+/, "works/ID/chapters/ID")}`;
  // The HTTP path (parser, sockets) has not run yet in this process: warm it up first, unreported.
  log(`  wrk warm-up (2 s)…`);
  await runWrkProcess(["-t2", "-c32", "-d2s", url]);
  log(`  ${command}`);
  serverTimes.length = 0;
  timingServer = true;
  const output = await runWrkProcess(wrkArgs).finally(() => (timingServer = false));
  const sorted = [...serverTimes].sort((a, b) => a - b);
  const server = {
    ...stats(serverTimes),
    p99: sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)]!,
  };
  return { command, server, ...readWrk(output) };
}

async function run(dialect: DialectName): Promise<RunResult> {
  log(`\n== ${dialect} ==`);
  const fresh = await openFresh(dialect);
  let app: FastifyInstance | undefined;
  let mailer: ReturnType<typeof createMailer> | undefined;
  try {
    await migrateToLatest(fresh.db);
    const config = loadConfig(
      {},
      {
        dataDir: fresh.dataDir,
        sqlitePath: path.join(fresh.dataDir, "quire.db"),
        databaseUrl: fresh.databaseUrl,
        logLevel: "silent",
        // One account posts 100 chapters in seconds here; the posting rate limit is not what is measured.
        postsPerHour: 100_000,
        baseUrl: "http://127.0.0.1:3000",
        publicUrl: "http://127.0.0.1:3000",
      },
    );
    mailer = createMailer(config);
    // The app's queries go through a counting plugin (a counter, nothing else), for the Queries column.
    const db: Db = { ...fresh.db, kysely: fresh.db.kysely.withPlugin(queryCounter) };
    const built = await buildApp({ config, db, mailer, logger: false });
    app = built.app;
    // Only while wrk runs: each request's time in the app, from Fastify taking it (before every hook)
    // to the response being sent (reply.elapsedTime).
    app.addHook("onResponse", async (_request, reply) => {
      if (timingServer) serverTimes.push(reply.elapsedTime);
    });
    await app.ready();
    const version = await databaseVersion(fresh.db);
    log(`  ${version}`);
    log(`  seeding ${CHAPTERS} chapters of about ${int(WORDS_PER_CHAPTER)} words…`);
    const seeded = await seed(built.ctx);
    log(
      `  seeded ${int(seeded.wordCount)} words in ${(seeded.seedMs / 1000).toFixed(1)} s ` +
        `(add chapter: median ${ms(seeded.addChapterMs.median)} ms)`,
    );
    const results: CaseResult[] = [];
    for (const c of cases) {
      log(`  ${c.label}: ${c.warmup} warm-up, ${c.samples} samples…`);
      const r = await measure(app, c, seeded);
      log(
        `    median ${ms(r.stats.median)} ms, p95 ${ms(r.stats.p95)} ms, ${kb(r.bytes)}, ${r.queries} queries`,
      );
      for (const line of r.profile ?? []) log(line);
      results.push(r);
    }
    const wrk = await runWrk(app, seeded);
    return { dialect, version, seeded, results, wrk };
  } finally {
    await app?.close();
    mailer?.close();
    await fresh.drop();
  }
}

// --- Report ---------------------------------------------------------------------------------------

function report(runs: RunResult[]): string {
  const commit = git("rev-parse", "--short", "HEAD");
  const dirty = git("status", "--porcelain").length > 0;
  const command = `npm run bench:works${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;
  const lines: string[] = [];
  lines.push(`#### Run of ${new Date().toISOString().slice(0, 10)}`, "");
  lines.push(`- Command: \`${command}\``);
  lines.push(`- Commit: ${commit || "unknown"}${dirty ? " (with uncommitted changes)" : ""}`);
  lines.push(`- Machine: ${machine()}`);
  lines.push(`- Date: ${new Date().toISOString().replace(/\.\d+Z$/, "Z")}`);
  // The reference machine is shared: what else was running shows in the load average.
  lines.push(
    `- Load average (1 min): ${loadAtStart.toFixed(2)} at the start, ${os.loadavg()[0]!.toFixed(2)} at the end`,
  );
  for (const r of runs) {
    const s = r.seeded;
    lines.push(`- Database: ${r.version}`);
    lines.push(
      `- Seeded (${r.dialect}): 1 posted work, General Audiences, ${CHAPTERS} chapters, ${int(s.wordCount)} words ` +
        `(server count), ${kb(s.chapterHtmlBytes)} of stored chapter HTML, in ${(s.seedMs / 1000).toFixed(1)} s ` +
        `through the services: postWork ${ms(s.postWorkMs)} ms, addChapter median ${ms(s.addChapterMs.median)} ms ` +
        `(p95 ${ms(s.addChapterMs.p95)} ms); generating the text took ${ms(s.generateMs)} ms more`,
    );
  }
  lines.push("");
  const both = runs.length > 1;
  lines.push(
    both
      ? "| Request (guest, app.inject) | Samples | SQLite median | SQLite p95 | PostgreSQL median | PostgreSQL p95 | PG/SQLite | Target | Result | Response | Queries |"
      : "| Request (guest, app.inject) | Samples | Median | p95 | Target | Result | Response | Queries |",
  );
  lines.push(both ? "|---|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|" : "|---|--:|--:|--:|--:|---|--:|--:|");
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i]!;
    const cells = runs.map((r) => r.results[i]!);
    const target = c.target === undefined ? "—" : `≤ ${c.target} ms`;
    const verdict =
      c.target === undefined
        ? "—"
        : runs.map((r) => (r.results[i]!.stats.median <= c.target! ? "PASS" : "MISS")).join(" / ");
    const timing = cells.map((x) => `${ms(x.stats.median)} ms | ${ms(x.stats.p95)} ms`).join(" | ");
    const ratio = both ? ` | ${(cells[1]!.stats.median / cells[0]!.stats.median).toFixed(2)}×` : "";
    lines.push(
      `| ${c.label} | ${c.samples} | ${timing}${ratio} | ${target} | ${verdict} | ${kb(cells[0]!.bytes)} | ${cells[0]!.queries} |`,
    );
  }
  lines.push("");
  for (const r of runs) {
    if (typeof r.wrk === "string") {
      lines.push(`- wrk (${r.dialect}): ${r.wrk}`);
      continue;
    }
    const w = r.wrk;
    const p = w.percentiles;
    lines.push(
      `- wrk (${r.dialect}), chapter page: \`${w.command}\` → **${int(Math.round(w.requestsPerSecond))} requests/s**; ` +
        `latency avg ${w.latencyAvg} (stdev ${w.latencyStdev}), p50 ${p["50"] ?? "?"}, p90 ${p["90"] ?? "?"}, ` +
        `p99 ${p["99"] ?? "?"}, max ${w.latencyMax}; ${w.requests}; time in the app per request ` +
        `(Fastify's reply.elapsedTime) median ${ms(w.server.median)} ms, p99 ${ms(w.server.p99)} ms` +
        (w.errors.length > 0 ? `; ${w.errors.join("; ")}` : ""),
    );
  }
  return lines.join("\n");
}

// --- Main -------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const dialects: DialectName[] = ["sqlite"];
  if (withPostgres) {
    if (!postgresUrl) {
      console.error(
        "bench:works: --postgres needs QUIRE_BENCH_POSTGRES_URL (or QUIRE_TEST_POSTGRES_URL) naming a server " +
          "where it may create a database; or run: bash scripts/with-postgres.sh npm run bench:works -- --postgres",
      );
      process.exit(64);
    }
    dialects.push("postgres");
  }
  const runs: RunResult[] = [];
  for (const d of dialects) runs.push(await run(d));

  console.log("");
  for (const r of runs) {
    for (const x of r.results) {
      if (x.case.target === undefined) continue;
      const pass = x.stats.median <= x.case.target;
      console.log(
        `${pass ? "PASS" : "MISS"} ${r.dialect}: ${x.case.label} median ${ms(x.stats.median)} ms (target ≤ ${x.case.target} ms)`,
      );
    }
  }
  console.log("\n----- markdown for docs/benchmarks.md -----\n");
  console.log(report(runs));
  console.log("\n-------------------------------------------");
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
