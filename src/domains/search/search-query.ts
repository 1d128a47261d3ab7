// The search box's query language, which is also "search within results" on listings: words (all must
// match), "quoted phrases", -exclusions and NOT, OR (binding tighter than the implicit AND), parentheses,
// field:value for title, creator, tag and fandom, a trailing * for a prefix, and AO3's shortcuts
// (words>1000, kudos:10-50, sort:kudos) that are taken out of the text. Parsing forgives what it can
// (unbalanced quotes and parentheses are closed at the end, stray operators are dropped) and never
// recurses, so no input can overflow the stack; what can't be searched as typed is a QueryError.
// toFts5 turns the parsed words into an SQLite FTS5 MATCH expression.
import type { WorkSort } from "./work-filter.js";

export type QueryField = "title" | "creator" | "tag" | "fandom";
export type QueryNode =
  /** `text` is as typed, lower-cased, without the trailing `*`. */
  | { kind: "term"; text: string; prefix: boolean; field: QueryField | null }
  /** `text` is the words inside the quotes, lower-cased, spaces squeezed. */
  | { kind: "phrase"; text: string; field: QueryField | null }
  | { kind: "and"; children: QueryNode[] }
  | { kind: "or"; children: QueryNode[] }
  | { kind: "not"; child: QueryNode };
export interface CountRange {
  min: number | null;
  max: number | null;
}
export interface Highlight {
  text: string;
  prefix: boolean;
}
export type CountKey = "words" | "kudos" | "hits" | "comments" | "bookmarks";
export interface ParsedQuery {
  /** What full-text search must match; null when the query is only shortcuts (or empty). */
  text: QueryNode | null;
  words: CountRange | null;
  kudos: CountRange | null;
  hits: CountRange | null;
  comments: CountRange | null;
  bookmarks: CountRange | null;
  sort: WorkSort | null;
  direction: "asc" | "desc" | null;
  /** The words and phrases to highlight in snippets: every term/phrase not under a "not". */
  highlights: Highlight[];
}
export interface QueryLimits {
  maxLength: number;
  maxDepth: number;
  maxTerms: number;
}

/** A message for the reader: the query can't be run as typed. */
export class QueryError extends Error {
  override readonly name = "QueryError";
}

const fields = new Map<string, QueryField>([
  ["title", "title"],
  ["creator", "creator"],
  ["creators", "creator"],
  ["author", "creator"],
  ["by", "creator"],
  ["tag", "tag"],
  ["tags", "tag"],
  ["fandom", "fandom"],
  ["fandoms", "fandom"],
]);

const sortKeys = new Map<string, WorkSort>([
  ["updated", "updated"],
  ["date", "updated"],
  ["date_updated", "updated"],
  ["revised", "updated"],
  ["posted", "posted"],
  ["date_posted", "posted"],
  ["published", "posted"],
  ["title", "title"],
  ["creator", "creator"],
  ["author", "creator"],
  ["words", "words"],
  ["word_count", "words"],
  ["length", "words"],
  ["kudos", "kudos"],
  ["hits", "hits"],
  ["comments", "comments"],
  ["bookmarks", "bookmarks"],
  ["relevance", "relevance"],
  ["best", "relevance"],
  ["best_match", "relevance"],
]);

const countKeys: readonly CountKey[] = ["words", "kudos", "hits", "comments", "bookmarks"];

// ---------------------------------------------------------------------------------------------------
// Tokens: the words of a text as the index sees them.

/** A word: a letter, digit or private-use character, then more of those or combining marks. */
const wordRunSource = "[\\p{L}\\p{N}\\p{Co}][\\p{L}\\p{N}\\p{Co}\\p{M}]*";
const wordRun = new RegExp(wordRunSource, "gu");
const hasWord = new RegExp(wordRunSource, "u");
const nonAscii = /[^\p{ASCII}]/u;
const marks = /\p{M}/gu;

/** One word as an index token: lower-cased, diacritics removed (then recomposed, for Hangul). */
export function foldToken(word: string): string {
  const lower = word.toLowerCase();
  return !nonAscii.test(lower) ? lower : lower.normalize("NFD").replace(marks, "").normalize("NFC");
}

/** Splits text into index tokens the way SQLite's unicode61 tokenizer (remove_diacritics 2) does:
 *  runs of letters/digits (Unicode \p{L}\p{N}, plus \p{M} marks inside a word), lower-cased, diacritics removed (NFD then drop \p{M}). */
export function tokens(text: string): string[] {
  return (text.match(wordRun) ?? []).map(foldToken);
}

/**
 * The words of a term as FTS5 should be given them: lower-cased and composed (NFC) but with their
 * accents kept. FTS5 folds the accents it knows itself; folding here too would lose the ones it keeps
 * (ё, Greek tonos), and "желтый" would never find "жёлтый".
 */
function ftsWords(text: string): string[] {
  return text.toLowerCase().normalize("NFC").match(wordRun) ?? [];
}

// ---------------------------------------------------------------------------------------------------
// Lexing: the query as a list of items and operators. Shortcuts are taken out here.

type Lexeme =
  | { t: "word"; text: string; prefix: boolean; start: number; end: number }
  | { t: "phrase"; text: string; start: number; end: number }
  | { t: "open"; start: number }
  | { t: "close"; end: number }
  | { t: "or" }
  | { t: "and" }
  | { t: "not"; start: number }
  | { t: "field"; field: QueryField; start: number }
  /** A shortcut, taken out of the text: as if never typed, but it uses up a `-` or `field:` before it. */
  | { t: "nothing" };

interface Shortcuts {
  counts: Map<CountKey, { range: CountRange; typed: string }>;
  sort: WorkSort | null;
  direction: "asc" | "desc" | null;
}

const space = /\s/;
const countShortcut = /(words|kudos|hits|comments|bookmarks)(?=[:<>])/iy;
const sortShortcut = /sort:/iy;
const fieldPrefix = /(title|creators?|author|by|tags?|fandoms?):/iy;

function isOperatorPair(s: string, i: number): boolean {
  const c = s[i];
  return (c === "|" || c === "&") && s[i + 1] === c;
}

/** Where a run of non-space characters starting at `i` ends; `colon` says whether a `:` ends it too. */
function runEnd(s: string, i: number, colon: boolean): number {
  let j = i;
  while (j < s.length) {
    const c = s[j]!;
    if (space.test(c) || c === "(" || c === ")" || c === '"' || (colon && c === ":") || isOperatorPair(s, j))
      break;
    j++;
  }
  return j;
}

function lex(s: string, shortcuts: Shortcuts): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (space.test(c) || c === ":") {
      i++; // a colon that starts no field is a word separator, as it is to the index
    } else if (c === "(") {
      out.push({ t: "open", start: i++ });
    } else if (c === ")") {
      out.push({ t: "close", end: ++i });
    } else if (c === '"') {
      const close = s.indexOf('"', i + 1);
      const end = close < 0 ? s.length : close;
      const text = s
        .slice(i + 1, end)
        .toLowerCase()
        .trim()
        .replace(/\s+/g, " ");
      out.push({ t: "phrase", text, start: i, end: close < 0 ? end : end + 1 });
      i = close < 0 ? end : end + 1;
    } else if (isOperatorPair(s, i)) {
      out.push({ t: c === "|" ? "or" : "and" });
      i += 2;
    } else if (c === "-" && i + 1 < s.length && !space.test(s[i + 1]!)) {
      out.push({ t: "not", start: i++ });
    } else if (sticky(countShortcut, s, i)) {
      const end = runEnd(s, i, false);
      addCount(shortcuts, s.slice(i, end));
      out.push({ t: "nothing" });
      i = end;
    } else if (sticky(sortShortcut, s, i)) {
      const end = runEnd(s, i, false);
      addSort(shortcuts, s.slice(i, end));
      out.push({ t: "nothing" });
      i = end;
    } else if (sticky(fieldPrefix, s, i)) {
      const name = s.slice(i, fieldPrefix.lastIndex - 1).toLowerCase();
      out.push({ t: "field", field: fields.get(name)!, start: i });
      i = fieldPrefix.lastIndex;
    } else {
      const end = runEnd(s, i, true);
      const raw = s.slice(i, end);
      const typed = raw.toLowerCase();
      // Only capitals are operators, as on AO3: "to be or not to be" is six words.
      if (raw === "OR") out.push({ t: "or" });
      else if (raw === "AND") out.push({ t: "and" });
      else if (raw === "NOT") out.push({ t: "not", start: i });
      else {
        const text = typed.replace(/(?<!\*)\*+$/, "");
        out.push({ t: "word", text, prefix: text.length < typed.length, start: i, end });
      }
      i = end;
    }
  }
  return out;
}

function sticky(re: RegExp, s: string, i: number): boolean {
  re.lastIndex = i;
  return re.test(s);
}

// ---------------------------------------------------------------------------------------------------
// Shortcuts: word and stat counts, and the sort order.

/** A count as readers type it: digits, with `,` or `.` between thousands. */
function count(typed: string): number | null {
  if (!/^\d+(?:[.,]\d+)*$/.test(typed)) return null;
  const n = Number(typed.replace(/[.,]/g, ""));
  return Number.isSafeInteger(n) ? n : null;
}

function addCount(shortcuts: Shortcuts, typed: string): void {
  const key = countKeys.find((k) => typed.toLowerCase().startsWith(k))!;
  const range = countRange(typed.slice(key.length));
  if (range === "malformed") {
    throw new QueryError(
      `Can't read the number in "${quote(typed)}": try ${key}>1000, ${key}<5000 or ${key}:1000-5000.`,
    );
  }
  if (range.min !== null && range.max !== null && range.min > range.max) {
    throw new QueryError(
      `"${quote(typed)}" starts above where it ends: try ${key}:${range.max}-${range.min}.`,
    );
  }
  const before = shortcuts.counts.get(key);
  if (before) {
    const min = maxOf(before.range.min, range.min);
    const max = minOf(before.range.max, range.max);
    if (min !== null && max !== null && min > max) {
      throw new QueryError(`No work can match both "${quote(before.typed)}" and "${quote(typed)}".`);
    }
    shortcuts.counts.set(key, { range: { min, max }, typed });
  } else {
    shortcuts.counts.set(key, { range, typed });
  }
}

/** `>N`, `<N`, `>=N`, `<=N`, optionally after a colon; or after the colon `N` or `N-M`. */
function countRange(rest: string): CountRange | "malformed" {
  const colon = rest.startsWith(":");
  const value = colon ? rest.slice(1) : rest;
  const op = /^(>=|<=|>|<)/.exec(value)?.[0];
  if (op) {
    const n = count(value.slice(op.length));
    if (n === null) return "malformed";
    if (op === ">") return { min: n + 1, max: null };
    if (op === ">=") return { min: n, max: null };
    if (op === "<") return { min: null, max: n - 1 };
    return { min: null, max: n };
  }
  if (!colon) return "malformed";
  const dash = value.indexOf("-");
  if (dash >= 0) {
    const min = count(value.slice(0, dash));
    const max = count(value.slice(dash + 1));
    return min === null || max === null ? "malformed" : { min, max };
  }
  const n = count(value);
  return n === null ? "malformed" : { min: n, max: n };
}

function addSort(shortcuts: Shortcuts, typed: string): void {
  let value = typed.slice("sort:".length).toLowerCase();
  let direction: "asc" | "desc" | null = null;
  if (value.startsWith(">") || value.startsWith("<")) {
    direction = value.startsWith(">") ? "asc" : "desc";
    value = value.slice(1);
  }
  const suffix = /-(asc|desc|ascending|descending)$/.exec(value);
  if (suffix) {
    const named = suffix[1]!.startsWith("asc") ? "asc" : "desc";
    if (direction !== null && direction !== named) {
      throw new QueryError(`"${quote(typed)}" asks for two sort directions: keep one.`);
    }
    direction = named;
    value = value.slice(0, suffix.index);
  }
  if (value === "") {
    throw new QueryError(`"${quote(typed)}" needs something to sort by, as in sort:kudos.`);
  }
  const key = sortKeys.get(value);
  if (!key) {
    throw new QueryError(
      `Can't sort by "${quote(value)}": try sort:updated, sort:posted, sort:title, sort:creator, ` +
        `sort:words, sort:kudos, sort:hits, sort:comments, sort:bookmarks or sort:relevance.`,
    );
  }
  shortcuts.sort = key;
  shortcuts.direction = direction;
}

function maxOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

function minOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

/** Part of the reader's query, short enough to quote in a message. */
function quote(typed: string): string {
  const t = typed.trim();
  return t.length > 60 ? `${t.slice(0, 59)}…` : t;
}

// ---------------------------------------------------------------------------------------------------
// The tree. Built bottom-up and normalised as it is built, so nothing here recurses.

function makeGroup(kind: "and" | "or", nodes: readonly (QueryNode | null)[]): QueryNode | null {
  const children: QueryNode[] = [];
  for (const n of nodes) {
    if (n === null) continue;
    if (n.kind === kind) children.push(...n.children);
    else children.push(n);
  }
  if (children.length === 0) return null;
  if (children.length === 1) return children[0]!;
  return { kind, children };
}

/** True for a node that only excludes: a "not", or an "and" of nots (and-in-and is flattened). */
function onlyExcludes(node: QueryNode): boolean {
  return node.kind === "not" || (node.kind === "and" && node.children.every((c) => c.kind === "not"));
}

/** not(not a) is a; not(-a -b) is (a OR b); anything else gets a "not". */
function negate(node: QueryNode): QueryNode {
  if (node.kind === "not") return node.child;
  if (node.kind === "and" && onlyExcludes(node)) {
    return makeGroup(
      "or",
      node.children.map((c) => (c as { child: QueryNode }).child),
    )!;
  }
  return { kind: "not", child: node };
}

// ---------------------------------------------------------------------------------------------------
// Parsing: an explicit stack of open parentheses.

interface Item {
  node: QueryNode;
  start: number;
  end: number;
}

interface Frame {
  /** The AND-ed parts; each is a list of OR-ed items. */
  chains: Item[][];
  /** An OR came after the last item. */
  orPending: boolean;
  /** A `-`/NOT and a `field:` waiting for the next item, and where the first of them was typed. */
  negated: boolean;
  field: QueryField | null;
  prefixStart: number | null;
  /** The field every word in this group is in, from a `field:` before its parenthesis. */
  groupField: QueryField | null;
  start: number;
}

function newFrame(groupField: QueryField | null, start: number): Frame {
  return { chains: [], orPending: false, negated: false, field: null, prefixStart: null, groupField, start };
}

function addItem(frame: Frame, node: QueryNode | null, start: number, end: number): void {
  const negated = frame.negated;
  const from = frame.prefixStart ?? start;
  frame.negated = false;
  frame.field = null;
  frame.prefixStart = null;
  // A word with no letters, an empty group or a shortcut: as if it had not been typed.
  if (node === null) return;
  const item = { node: negated ? negate(node) : node, start: from, end };
  const last = frame.chains.at(-1);
  if (frame.orPending && last) last.push(item);
  else frame.chains.push([item]);
  frame.orPending = false;
}

function clearPrefix(frame: Frame): void {
  frame.negated = false;
  frame.field = null;
  frame.prefixStart = null;
}

function closeFrame(frame: Frame, input: string): QueryNode | null {
  const parts: (QueryNode | null)[] = [];
  for (const chain of frame.chains) {
    if (chain.length > 1 && chain.some((item) => onlyExcludes(item.node))) {
      const typed = input.slice(chain[0]!.start, chain.at(-1)!.end);
      throw new QueryError(
        `Can't search "${quote(typed)}": you can't only exclude words inside OR. ` +
          `Put what you exclude outside the OR, as in "(a OR b) -c".`,
      );
    }
    parts.push(
      makeGroup(
        "or",
        chain.map((item) => item.node),
      ),
    );
  }
  return makeGroup("and", parts);
}

function parse(lexemes: readonly Lexeme[], input: string, limits: QueryLimits): QueryNode | null {
  const stack: Frame[] = [newFrame(null, 0)];
  let terms = 0;
  const leaf = (frame: Frame, text: string, make: (field: QueryField | null) => QueryNode) => {
    if (!hasWord.test(text)) return null;
    if (++terms > limits.maxTerms) {
      throw new QueryError(`The search has too many words: at most ${limits.maxTerms}.`);
    }
    return make(frame.field ?? frame.groupField);
  };
  for (const x of lexemes) {
    const frame = stack.at(-1)!;
    switch (x.t) {
      case "word":
        addItem(
          frame,
          leaf(frame, x.text, (field) => ({ kind: "term", text: x.text, prefix: x.prefix, field })),
          x.start,
          x.end,
        );
        break;
      case "phrase":
        addItem(
          frame,
          leaf(frame, x.text, (field) => ({ kind: "phrase", text: x.text, field })),
          x.start,
          x.end,
        );
        break;
      case "nothing":
        addItem(frame, null, 0, 0);
        break;
      case "not":
        frame.negated = !frame.negated;
        frame.prefixStart ??= x.start;
        break;
      case "field":
        frame.field = x.field;
        frame.prefixStart ??= x.start;
        break;
      case "or":
        clearPrefix(frame);
        if (frame.chains.length > 0) frame.orPending = true;
        break;
      case "and":
        clearPrefix(frame);
        frame.orPending = false;
        break;
      case "open":
        if (stack.length > limits.maxDepth) {
          throw new QueryError(
            `The search has too many parentheses inside each other: at most ${limits.maxDepth}.`,
          );
        }
        stack.push(newFrame(frame.field ?? frame.groupField, x.start));
        break;
      case "close":
        // A ")" with no "(" before it is forgiven: it closes nothing.
        if (stack.length > 1) {
          stack.pop();
          addItem(stack.at(-1)!, closeFrame(frame, input), frame.start, x.end);
        }
        break;
    }
  }
  while (stack.length > 1) {
    const frame = stack.pop()!;
    addItem(stack.at(-1)!, closeFrame(frame, input), frame.start, input.length);
  }
  return closeFrame(stack[0]!, input);
}

function highlightsOf(root: QueryNode | null): Highlight[] {
  const out: Highlight[] = [];
  const seen = new Set<string>();
  const todo = root ? [root] : [];
  while (todo.length > 0) {
    const node = todo.pop()!;
    if (node.kind === "not") continue;
    if (node.kind === "and" || node.kind === "or") {
      for (let i = node.children.length - 1; i >= 0; i--) todo.push(node.children[i]!);
      continue;
    }
    const prefix = node.kind === "term" && node.prefix;
    const key = `${prefix ? "*" : "="}${node.text}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ text: node.text, prefix });
    }
  }
  return out;
}

/**
 * Reads what a reader typed in the search box. Throws QueryError, with a message for the reader, when
 * the query is longer than `maxLength` characters, nests parentheses deeper than `maxDepth`, has more
 * than `maxTerms` words and phrases, has a count or sort shortcut it can't read, or only excludes
 * inside an OR (`a OR -b`, `(-a -b) OR c`): those would find nearly every work, which is hardly ever
 * what the reader meant, so the reader is asked to say it another way. Anything else is forgiven.
 */
export function parseSearchQuery(input: string, limits: QueryLimits): ParsedQuery {
  if (input.length > limits.maxLength && codePoints(input, limits.maxLength + 1) > limits.maxLength) {
    throw new QueryError(`The search is too long: at most ${limits.maxLength} characters.`);
  }
  const shortcuts: Shortcuts = { counts: new Map(), sort: null, direction: null };
  const text = parse(lex(input, shortcuts), input, limits);
  const range = (key: CountKey) => shortcuts.counts.get(key)?.range ?? null;
  return {
    text,
    words: range("words"),
    kudos: range("kudos"),
    hits: range("hits"),
    comments: range("comments"),
    bookmarks: range("bookmarks"),
    sort: shortcuts.sort,
    direction: shortcuts.direction,
    highlights: highlightsOf(text),
  };
}

/** How many characters (code points) `s` has, counting no further than `upTo`. */
function codePoints(s: string, upTo: number): number {
  let n = 0;
  for (let i = 0; i < s.length && n < upTo; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) i++;
    n++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------------
// FTS5.

const columns: Record<QueryField, string> = {
  title: "title",
  creator: "creators",
  tag: "{tags fandoms}",
  fandom: "fandoms",
};

/** An FTS5 expression, and whether it stands for the works it does NOT match. */
type Fts = { fts: string; excludes: boolean } | null;

function leafFts(node: { text: string; field: QueryField | null }, prefix: boolean): Fts {
  const words = ftsWords(node.text);
  if (words.length === 0) return null;
  const string = `"${words.join(" ").replaceAll('"', '""')}"${prefix ? " *" : ""}`;
  return { fts: node.field ? `${columns[node.field]} : (${string})` : string, excludes: false };
}

function joined(parts: readonly string[], op: "AND" | "OR"): string {
  if (parts.length === 1) return parts[0]!;
  // Concatenated, not joined: join would copy every nested part again at each level.
  let s = `(${parts[0]!}`;
  for (let i = 1; i < parts.length; i++) s += ` ${op} ${parts[i]!}`;
  return `${s})`;
}

function combine(kind: "and" | "or", kids: readonly Fts[]): Fts {
  const positives: string[] = [];
  const negatives: string[] = [];
  for (const k of kids) if (k) (k.excludes ? negatives : positives).push(k.fts);
  if (positives.length === 0 && negatives.length === 0) return null;
  if (kind === "and") {
    if (positives.length === 0) return { fts: joined(negatives, "OR"), excludes: true };
    if (negatives.length === 0) return { fts: joined(positives, "AND"), excludes: false };
    return { fts: `(${joined(positives, "AND")} NOT ${joined(negatives, "OR")})`, excludes: false };
  }
  if (negatives.length === 0) return { fts: joined(positives, "OR"), excludes: false };
  // a OR -b is everything except (b NOT a). parseSearchQuery refuses this; a tree built by hand gets it.
  if (positives.length === 0) return { fts: joined(negatives, "AND"), excludes: true };
  return { fts: `(${joined(negatives, "AND")} NOT ${joined(positives, "OR")})`, excludes: true };
}

/**
 * The FTS5 MATCH expression for a query, for a table with the columns title, creators, summary,
 * notes, tags, fandoms and body. FTS5's NOT is binary, so an "and" with exclusions becomes
 * `(positives NOT (excluded OR excluded))`; a query that only excludes (`-a -b`) comes back as
 * `exclude`, and the caller takes every work except those it matches. Never throws; words with no
 * letters or digits and empty groups are left out, and a null or empty tree gives two nulls.
 */
export function toFts5(node: QueryNode | null): { match: string | null; exclude: string | null } {
  if (node === null) return { match: null, exclude: null };
  // Post-order without recursion: `todo` holds nodes to visit (true once their children are done).
  const todo: [QueryNode, boolean][] = [[node, false]];
  const done: Fts[] = [];
  while (todo.length > 0) {
    const [n, childrenDone] = todo.pop()!;
    if (n.kind === "term" || n.kind === "phrase") {
      done.push(leafFts(n, n.kind === "term" && n.prefix));
    } else if (!childrenDone) {
      todo.push([n, true]);
      const kids = n.kind === "not" ? [n.child] : n.children;
      for (let i = kids.length - 1; i >= 0; i--) todo.push([kids[i]!, false]);
    } else if (n.kind === "not") {
      const kid = done.pop()!;
      done.push(kid && { fts: kid.fts, excludes: !kid.excludes });
    } else {
      done.push(combine(n.kind, done.splice(done.length - n.children.length)));
    }
  }
  const result = done[0] ?? null;
  if (!result) return { match: null, exclude: null };
  return result.excludes ? { match: null, exclude: result.fts } : { match: result.fts, exclude: null };
}

/**
 * What a query that only excludes ("-angst -fluff") leaves out, as one tree (the OR of its parts);
 * null when the query also looks for something. Search answers such a query by listing the works
 * to leave out.
 */
export function excludedOnly(node: QueryNode): QueryNode | null {
  const children = node.kind === "and" ? node.children : [node];
  if (!children.every((c) => c.kind === "not")) return null;
  const parts = children.map((c) => (c as { child: QueryNode }).child);
  return parts.length === 1 ? parts[0]! : { kind: "or", children: parts };
}
