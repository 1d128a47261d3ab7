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
  let words = 0;
  let inWord = false;
  let hyphens = 0;
  scanHtml(html, {
    markup() {
      inWord = false;
      hyphens = 0;
    },
    text(source, start, end) {
      for (let i = start; i < end; i++) {
        const code = source.charCodeAt(i);
        let kind = bmpKinds[code] as number;
        if (code >= 0xd800 && code <= 0xdbff && i + 1 < end) {
          const low = source.charCodeAt(i + 1);
          if (low >= 0xdc00 && low <= 0xdfff) {
            const codePoint = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
            kind = astralKinds.get(codePoint) ?? UNKNOWN;
            if (kind === UNKNOWN) astralKinds.set(codePoint, (kind = classify(codePoint)));
            i++;
          }
        } else if (kind === UNKNOWN) {
          bmpKinds[code] = kind = classify(code);
        }
        if (kind === HYPHEN) {
          hyphens++;
          continue;
        }
        if (hyphens > 1) inWord = false; // "--" breaks; a single hyphen joins
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
    },
  });
  return words;
}
