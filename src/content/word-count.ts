// AO3's word count (lib/word_counter.rb), counted in one pass over the HTML without building a tree.
// Per text node: "--" is a break; apostrophes (' ’ ‘) and single hyphens are ignored, so "one-word" and
// "don't" are one word; every Han, Hiragana, Katakana and Thai character is a word of its own; any
// other run of letters, marks, digits and connector punctuation ([[:word:]]) is one word.
import { scanHtml } from "./html-scan.js";

const OTHER = 0;
const WORD = 1;
const COUNTED = 2; // a character that is a word by itself
const HYPHEN = 3;
const APOSTROPHE = 4;
const UNKNOWN = 255;

const COUNTED_SCRIPTS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const WORD_CHARACTER = /[\p{L}\p{M}\p{Nd}\p{Pc}]/u;

// Character classes, filled in as characters are first seen (a few microseconds each, once).
const bmpKinds = new Uint8Array(0x10000).fill(UNKNOWN);
const astralKinds = new Map<number, number>();
bmpKinds[0x2d] = HYPHEN;
for (const apostrophe of [0x27, 0x2018, 0x2019]) bmpKinds[apostrophe] = APOSTROPHE;

function classify(codePoint: number): number {
  const character = String.fromCodePoint(codePoint);
  return COUNTED_SCRIPTS.test(character) ? COUNTED : WORD_CHARACTER.test(character) ? WORD : OTHER;
}

/** The number of words in an HTML fragment, as AO3 counts them (see the header). */
export function countWords(html: string): number {
  const state = { words: 0, inWord: false, hyphens: 0 };
  scanHtml(html, {
    markup() {
      state.inWord = false;
      state.hyphens = 0;
    },
    text(source, start, end) {
      countText(source, start, end, state);
    },
  });
  return state.words;
}

interface CountState {
  words: number;
  inWord: boolean;
  hyphens: number; // hyphens just seen: one joins a word, two or more are a break
}

function countText(source: string, start: number, end: number, state: CountState): void {
  let { words, inWord, hyphens } = state;
  for (let i = start; i < end; i++) {
    const code = source.charCodeAt(i);
    let kind = bmpKinds[code] as number;
    if (kind === UNKNOWN) {
      const low = code >= 0xd800 && code <= 0xdbff && i + 1 < end ? source.charCodeAt(i + 1) : 0;
      if (low >= 0xdc00 && low <= 0xdfff) {
        kind = astralKind((code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000);
        i++;
      } else {
        kind = classify(code);
        if (code < 0xd800 || code > 0xdfff) bmpKinds[code] = kind; // surrogates depend on their neighbour
      }
    }
    if (kind === HYPHEN) {
      hyphens++;
      continue;
    }
    if (hyphens > 1) inWord = false;
    hyphens = 0;
    if (kind === WORD) {
      if (!inWord) words++;
      inWord = true;
    } else if (kind === COUNTED) {
      words++;
      inWord = false;
    } else if (kind !== APOSTROPHE) {
      inWord = false;
    }
  }
  state.words = words;
  state.inWord = inWord;
  state.hyphens = hyphens;
}

function astralKind(codePoint: number): number {
  let kind = astralKinds.get(codePoint);
  if (kind === undefined) astralKinds.set(codePoint, (kind = classify(codePoint)));
  return kind;
}
