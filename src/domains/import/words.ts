// Words as the importer's inference reads them: a word is a run of letters, marks and digits, joined
// by single apostrophes, full stops and hyphens ("don't", "S.H.I.E.L.D", "Jean-Luc"), with a full
// stop at its end kept ("Mr."): the pattern
//   [\p{L}\p{M}\p{Nd}]+(?:['’.-][\p{L}\p{M}\p{Nd}]+)*\.?
// Read by hand in one pass over the characters (as word-count.ts does), with each word's bare form
// and, for splitting sentences, the quotation marks and punctuation between the words: the same
// items, in the same order, as matching that pattern (and punctuation) against the text, at a
// fraction of the cost. words.test.ts holds it to the regular expressions.

/** What lies between two words, for sentences: a quotation mark (-1 to -3), a sentence's end, a comma. */
export const QUOTE_STRAIGHT = -1; // "
export const QUOTE_OPEN = -2; // “
export const QUOTE_CLOSE = -3; // ”
export const STOP = -4; // a run of ! ? … or a run of full stops
export const PAUSE = -5; // , ; : — –

/** A text's words, their bare forms, and (when asked for) every item in order. */
export interface Lexed {
  tokens: string[];
  /** bareWord of each token. */
  lower: string[];
  /** Items in order: a word's index in `tokens`, or one of the punctuation kinds above (< 0). */
  items: number[];
}

const OTHER = 0;
const WORD = 1;
const UNKNOWN = 255;
const WORD_CHARACTER = /[\p{L}\p{M}\p{Nd}]/u;
// Filled in as characters are first seen.
const bmpKinds = new Uint8Array(0x10000).fill(UNKNOWN);
const astralKinds = new Map<number, number>();

function kindOf(code: number): number {
  let kind = bmpKinds[code]!;
  if (kind === UNKNOWN) {
    kind = WORD_CHARACTER.test(String.fromCharCode(code)) ? WORD : OTHER;
    bmpKinds[code] = kind;
  }
  return kind;
}

/** ASCII characters: OTHER, WORD (a-z, 0-9: their own lower case) or CAPITAL (A-Z). */
const CAPITAL = 2;
const ASCII = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) ASCII[c] = WORD;
for (let c = 0x61; c <= 0x7a; c++) ASCII[c] = WORD;
for (let c = 0x41; c <= 0x5a; c++) ASCII[c] = CAPITAL;

function isWordAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code < 128 ? ASCII[code] !== OTHER : i < text.length && wordCharacterAt(text, i) > 0;
}

/** The length (1 or 2 code units) of the word character at i, or 0 when there is none. */
function wordCharacterAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 0xd800 || code > 0xdbff)
    return (code < 0xdc00 || code > 0xdfff) && kindOf(code) === WORD ? 1 : 0;
  const low = text.charCodeAt(i + 1);
  if (!(low >= 0xdc00 && low <= 0xdfff)) return 0;
  const point = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  let kind = astralKinds.get(point);
  if (kind === undefined) {
    kind = WORD_CHARACTER.test(String.fromCodePoint(point)) ? WORD : OTHER;
    astralKinds.set(point, kind);
  }
  return kind === WORD ? 2 : 0;
}

/** A token as the scanner compares it: "Harry's" → "harry"; "Dr." → "dr". */
export function bareWord(token: string): string {
  let word = token.toLowerCase();
  if (word.endsWith("'s") || word.endsWith("’s")) word = word.slice(0, -2);
  if (word.endsWith(".")) word = word.slice(0, -1);
  return word;
}

/** Words of a name or a text, as the scanner sees them. */
export function tokenize(text: string): string[] {
  return lex(text, false).tokens;
}

/** The words of `text` with their bare forms, and with `punctuation` every item in order. */
export function lex(text: string, punctuation: boolean): Lexed {
  const tokens: string[] = [];
  const lower: string[] = [];
  const items: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (!isWordAt(text, i)) {
      if (punctuation) {
        let kind = 0;
        if (code === 0x22) kind = QUOTE_STRAIGHT;
        else if (code === 0x201c) kind = QUOTE_OPEN;
        else if (code === 0x201d) kind = QUOTE_CLOSE;
        else if (isStopMark(code)) {
          kind = STOP;
          while (i + 1 < n && isStopMark(text.charCodeAt(i + 1))) i++;
        } else if (code === 0x2e) {
          kind = STOP;
          while (i + 1 < n && text.charCodeAt(i + 1) === 0x2e) i++;
        } else if (code === 0x2c || code === 0x3b || code === 0x3a || code === 0x2014 || code === 0x2013) {
          kind = PAUSE;
        }
        if (kind !== 0) items.push(kind);
      }
      i++; // (the low half of a pair that is no letter is no word character either)
      continue;
    }
    // A word: runs of word characters joined by one of ' ’ . - each, and a full stop at its end.
    const start = i;
    let plain = true; // only a-z, digits, full stops and hyphens: its own lower case
    for (;;) {
      for (;;) {
        const c = text.charCodeAt(i); // NaN past the end
        if (c < 128) {
          const kind = ASCII[c]!;
          if (kind === OTHER) break;
          if (kind === CAPITAL) plain = false;
          i++;
        } else {
          const step = i < n ? wordCharacterAt(text, i) : 0;
          if (step === 0) break;
          plain = false;
          i += step;
        }
      }
      const joiner = text.charCodeAt(i);
      if (
        (joiner === 0x27 || joiner === 0x2019 || joiner === 0x2e || joiner === 0x2d) &&
        isWordAt(text, i + 1)
      ) {
        if (joiner !== 0x2e && joiner !== 0x2d) plain = false;
        i++;
        continue;
      }
      break;
    }
    if (i < n && text.charCodeAt(i) === 0x2e) i++;
    const token = text.slice(start, i);
    if (punctuation) items.push(tokens.length);
    tokens.push(token);
    lower.push(plain ? plainBare(token) : bareWord(token));
  }
  return { tokens, lower, items };
}

/** bareWord of a token of a-z, digits, full stops and hyphens: only a final full stop to drop. */
function plainBare(token: string): string {
  return token.charCodeAt(token.length - 1) === 0x2e ? token.slice(0, -1) : token;
}

function isStopMark(code: number): boolean {
  return code === 0x21 || code === 0x3f || code === 0x2026;
}
