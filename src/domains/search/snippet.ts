// The excerpt a search result shows: the stretch of a work's text with the most of the reader's search
// words in it, those words marked. Words match as the index matches them (whole tokens, whatever their
// case and accents; a prefix term matches the start of a token; a phrase matches its tokens in a row,
// with only spaces and punctuation between them). Plain text in, plain text out: the caller escapes it.
import { foldToken, tokens, type Highlight } from "./search-query.js";

export interface SnippetPart {
  text: string;
  mark: boolean;
}

interface Wanted {
  id: number;
  tokens: string[];
  prefix: boolean;
}

/** Matches in the order they end, as flat (start, end, highlight) triples: no object per match. */
class Matches {
  private readonly flat: number[] = [];
  get length(): number {
    return this.flat.length / 3;
  }
  start(i: number): number {
    return this.flat[3 * i]!;
  }
  end(i: number): number {
    return this.flat[3 * i + 1]!;
  }
  id(i: number): number {
    return this.flat[3 * i + 2]!;
  }
  /** Adds a match and says its index. */
  push(start: number, end: number, id: number): number {
    this.flat.push(start, end, id);
    return this.length - 1;
  }
}

const defaultLength = 200;
const space = /\s/;

/** The best excerpt of `text` (plain text) around the highlights, about `length` characters, cut at
 *  word boundaries, with "…" at a cut end; null when nothing matches. */
export function snippet(
  text: string,
  highlights: readonly Highlight[],
  length: number = defaultLength,
): SnippetPart[] | null {
  const wanted = prepare(highlights);
  if (wanted.length === 0) return null;
  const found = new WindowFinder(text, wanted, length).find();
  if (!found) return null;
  const [start, end] = widen(text, found.from, found.to, length);
  return parts(text, found.matches, start, end);
}

/** The highlights as token lists, each once. */
function prepare(highlights: readonly Highlight[]): Wanted[] {
  const seen = new Set<string>();
  const wanted: Wanted[] = [];
  for (const h of highlights) {
    const t = tokens(h.text);
    const key = `${h.prefix ? "*" : "="}${t.join(" ")}`;
    if (t.length === 0 || seen.has(key)) continue;
    seen.add(key);
    wanted.push({ id: wanted.length, tokens: t, prefix: h.prefix });
  }
  return wanted;
}

// ---------------------------------------------------------------------------------------------------
// Reading the text's words without a regular expression per word: what each character is, looked up
// once and kept. This splits text exactly as `tokens` does.

const other = 1;
const wordStart = 2; // a letter, digit or private-use character
const mark = 3; // a combining mark: part of a word, but can't start one
const isWordStart = /^[\p{L}\p{N}\p{Co}]$/u;
const isMark = /^\p{M}$/u;
const bmpKinds = new Uint8Array(0x10000);
const astralKinds = new Map<number, number>();
/** What the first character of a BMP character's folded form is, or 0 when that can't be known alone. */
const bmpFirsts = new Uint16Array(0x10000);

function kindOf(codePoint: number): number {
  const c = String.fromCodePoint(codePoint);
  return isWordStart.test(c) ? wordStart : isMark.test(c) ? mark : other;
}

function bmpKind(code: number): number {
  return bmpKinds[code] || (bmpKinds[code] = kindOf(code));
}

for (let code = 0; code < 0x80; code++) bmpKind(code);

function astralKind(codePoint: number): number {
  let k = astralKinds.get(codePoint);
  if (k === undefined) astralKinds.set(codePoint, (k = kindOf(codePoint)));
  return k;
}

/** Hangul jamo compose with the letters after them, so the first one alone says nothing. */
function isJamo(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x11ff) ||
    (code >= 0xa960 && code <= 0xa97f) ||
    (code >= 0xd7b0 && code <= 0xd7ff)
  );
}

function firstFolded(code: number): number {
  if (code >= 0xd800 && code <= 0xdfff) return 0;
  let f = bmpFirsts[code]!;
  if (f === 0 && !isJamo(code)) f = bmpFirsts[code] = foldToken(String.fromCharCode(code)).charCodeAt(0) || 0;
  return f;
}

// ---------------------------------------------------------------------------------------------------
// Finding the window.

interface Window {
  /** Every match read, in the order they end. */
  matches: Matches;
  from: number;
  to: number;
}

/**
 * Reads the text once, keeping only the last few words (as many as the longest phrase has), and slides
 * a window of `length` characters over the matches to find the one with the most distinct highlights,
 * the earliest of equals. Once a window has every highlight, nothing later can beat it, so reading
 * stops a window's length after it. Only a word whose first letter could begin a highlight's last word
 * is looked at; an ASCII word is compared where it stands, any other is cut out and folded (once).
 * (A class rather than closures, so that the engine's optimised code serves every call.)
 */
class WindowFinder {
  private readonly byFirst = new Map<number, Wanted[]>();
  private readonly firsts = new Uint8Array(0x10000);
  private readonly longest: number;
  // The last `longest` words, in a ring: where each starts and ends, whether it is all ASCII, and its
  // folded form once known.
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly asciiOnly: Uint8Array;
  private readonly folded: (string | undefined)[];
  private readonly memo = new Map<string, string>();
  // The sliding window over the matches.
  readonly matches = new Matches();
  private readonly inWindow: Int32Array;
  private distinct = 0;
  private left = 0;
  private best = 0;
  private bestLeft = 0;
  private bestRight = 0;
  private stopAt = Number.MAX_SAFE_INTEGER;

  constructor(
    private readonly text: string,
    private readonly wanted: readonly Wanted[],
    private readonly length: number,
  ) {
    let longest = 1;
    for (const w of wanted) {
      const first = w.tokens.at(-1)!.charCodeAt(0);
      this.byFirst.set(first, [...(this.byFirst.get(first) ?? []), w]);
      this.firsts[first] = 1;
      longest = Math.max(longest, w.tokens.length);
    }
    this.longest = longest;
    this.starts = new Int32Array(longest);
    this.ends = new Int32Array(longest);
    this.asciiOnly = new Uint8Array(longest);
    this.folded = new Array<string | undefined>(longest);
    this.inWindow = new Int32Array(wanted.length);
  }

  find(): Window | null {
    this.read();
    if (this.best === 0) return null;
    let from = Number.MAX_SAFE_INTEGER;
    for (let m = this.bestLeft; m <= this.bestRight; m++) from = Math.min(from, this.matches.start(m));
    return { matches: this.matches, from, to: this.matches.end(this.bestRight) };
  }

  private read(): void {
    const { text, starts, ends, asciiOnly, folded, longest, firsts } = this;
    const n = text.length;
    let count = 0;
    let i = 0;
    while (i < n) {
      // Skip to the next word start.
      const code = text.charCodeAt(i);
      let width = 1;
      let kind: number;
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < n && isLow(text.charCodeAt(i + 1))) {
        kind = astralKind(text.codePointAt(i)!);
        width = 2;
      } else kind = bmpKinds[code] || bmpKind(code);
      if (kind !== wordStart) {
        i += width;
        continue;
      }
      const start = i;
      if (start > this.stopAt) break;
      let ascii = code < 0x80;
      i += width;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c < 0x80) {
          if (bmpKinds[c] === other) break;
          i++;
        } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && isLow(text.charCodeAt(i + 1))) {
          if (astralKind(text.codePointAt(i)!) === other) break;
          ascii = false;
          i += 2;
        } else {
          if ((bmpKinds[c] || bmpKind(c)) === other) break;
          ascii = false;
          i++;
        }
      }
      const slot = count % longest;
      starts[slot] = start;
      ends[slot] = i;
      asciiOnly[slot] = ascii ? 1 : 0;
      folded[slot] = undefined;
      count++;
      const first = width === 1 ? firstFolded(code) : 0;
      if (first !== 0 && firsts[first] === 0) continue;
      for (const w of first === 0 ? this.wanted : this.byFirst.get(first)!) {
        const k = w.tokens.length;
        if (k > count || !this.is(slot, w.tokens[k - 1]!, w.prefix)) continue;
        let phrase = true;
        for (let j = 1; j < k && phrase; j++)
          phrase = this.is((count - 1 - j) % longest, w.tokens[k - 1 - j]!, false);
        if (phrase) this.found(starts[(count - k) % longest]!, i, w.id);
      }
    }
  }

  /** Whether the word in `slot` is `token`, or starts with it. */
  private is(slot: number, token: string, prefix: boolean): boolean {
    const start = this.starts[slot]!;
    const size = this.ends[slot]! - start;
    if (this.asciiOnly[slot]) {
      if (prefix ? size < token.length : size !== token.length) return false;
      for (let j = 0; j < token.length; j++) {
        const c = this.text.charCodeAt(start + j);
        if ((c >= 65 && c <= 90 ? c + 32 : c) !== token.charCodeAt(j)) return false;
      }
      return true;
    }
    let f = this.folded[slot];
    if (f === undefined) {
      const word = this.text.slice(start, start + size);
      f = this.memo.get(word);
      if (f === undefined) this.memo.set(word, (f = foldToken(word)));
      this.folded[slot] = f;
    }
    return prefix ? f.startsWith(token) : f === token;
  }

  private found(start: number, end: number, id: number): void {
    const { matches, inWindow } = this;
    const right = matches.push(start, end, id);
    if (inWindow[id]!++ === 0) this.distinct++;
    while (this.left < right && end - matches.start(this.left) > this.length) {
      if (--inWindow[matches.id(this.left)]! === 0) this.distinct--;
      this.left++;
    }
    if (this.distinct > this.best) {
      this.best = this.distinct;
      this.bestLeft = this.left;
      this.bestRight = right;
      if (this.best === this.wanted.length) this.stopAt = end + this.length;
    }
  }
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

// ---------------------------------------------------------------------------------------------------
// Cutting the excerpt.

/**
 * Grows [from, to) to about `length` characters, as evenly as the text allows. Each end is cut at a
 * space in the outer half of its share; failing that (a language written without spaces) after
 * punctuation there; failing that between two characters.
 */
function widen(text: string, from: number, to: number, length: number): [number, number] {
  const room = Math.max(0, length - (to - from));
  let before = Math.min(from, Math.floor(room / 2));
  const after = Math.min(text.length - to, room - before);
  before = Math.min(from, room - after);

  let start = from - before;
  if (start > 0) {
    const limit = start + Math.floor(before / 2);
    start =
      firstCut(start, limit, (p) => space.test(text[p - 1]!)) ??
      firstCut(start, limit, (p) => !isWordChar(text, p - 1)) ??
      (isLow(text.charCodeAt(start)) ? start + 1 : start);
  }
  while (start < from && space.test(text[start]!)) start++;

  let end = to + after;
  if (end < text.length) {
    const limit = end - Math.floor(after / 2);
    end =
      lastCut(limit, end, (p) => space.test(text[p]!)) ??
      lastCut(limit, end, (p) => !isWordChar(text, p - 1)) ??
      (isLow(text.charCodeAt(end)) ? end - 1 : end);
  }
  while (end > to && space.test(text[end - 1]!)) end--;
  return [start, end];
}

function firstCut(from: number, to: number, ok: (p: number) => boolean): number | null {
  for (let p = from; p <= to; p++) if (ok(p)) return p;
  return null;
}

function lastCut(from: number, to: number, ok: (p: number) => boolean): number | null {
  for (let p = to; p >= from; p--) if (ok(p)) return p;
  return null;
}

/** Whether the character at `i` is part of a word (half a surrogate pair counts, so pairs stay whole). */
function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c >= 0xd800 && c <= 0xdfff) || (bmpKinds[c] || bmpKind(c)) !== other;
}

/** Whether anything but spaces lies from `from` on, stepping by `step`, before reaching `to`. */
function hasText(text: string, from: number, to: number, step: 1 | -1): boolean {
  for (let i = from; step > 0 ? i < to : i >= to; i += step) if (!space.test(text[i]!)) return true;
  return false;
}

/** The excerpt [start, end) as parts, every match inside it marked (overlapping ones as one mark). */
function parts(text: string, matches: Matches, start: number, end: number): SnippetPart[] {
  // Matches are in the order they end: find the first that ends inside the excerpt by halving.
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (matches.end(mid) <= start) lo = mid + 1;
    else hi = mid;
  }
  const inside: [number, number][] = [];
  for (let i = lo; i < matches.length && matches.end(i) <= end; i++) {
    if (matches.start(i) >= start) inside.push([matches.start(i), matches.end(i)]);
  }
  inside.sort((a, b) => a[0] - b[0]);
  const marks: [number, number][] = [];
  for (const [from, to] of inside) {
    const last = marks.at(-1);
    if (last && from < last[1]) last[1] = Math.max(last[1], to);
    else marks.push([from, to]);
  }

  const out: SnippetPart[] = [];
  const plain = (s: string) => {
    const t = s.replace(/\s+/g, " ");
    const last = out.at(-1);
    if (t === "") return;
    if (last && !last.mark) last.text += t;
    else out.push({ text: t, mark: false });
  };
  if (hasText(text, start - 1, 0, -1)) plain("…");
  let at = start;
  for (const [from, to] of marks) {
    plain(text.slice(at, from));
    out.push({ text: text.slice(from, to), mark: true });
    at = to;
  }
  plain(text.slice(at, end));
  if (hasText(text, end, text.length, 1)) plain("…");
  return out;
}
