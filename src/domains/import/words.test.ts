// The hand-written word reader against the regular expressions it stands for (words.ts).
import { describe, expect, it } from "vitest";
import { prng } from "../../../test/support/prng.js";
import { bareWord, lex, PAUSE, QUOTE_CLOSE, QUOTE_OPEN, QUOTE_STRAIGHT, STOP, tokenize } from "./words.js";

const WORD = /[\p{L}\p{M}\p{Nd}]+(?:['’.-][\p{L}\p{M}\p{Nd}]+)*\.?/gu;
const STREAM = /[\p{L}\p{M}\p{Nd}]+(?:['’.-][\p{L}\p{M}\p{Nd}]+)*\.?|["“”]|[!?…]+|\.+|[,;:—–]/gu;

/** What lex's items stand for, written back as the regular expression's matches would be. */
function itemsAsText(text: string): string[] {
  const { tokens, items } = lex(text, true);
  const kinds = new Map([
    [QUOTE_STRAIGHT, "q"],
    [QUOTE_OPEN, "“"],
    [QUOTE_CLOSE, "”"],
    [STOP, "stop"],
    [PAUSE, "pause"],
  ]);
  return items.map((item) => (item >= 0 ? tokens[item]! : kinds.get(item)!));
}

function streamAsText(text: string): string[] {
  return (text.match(STREAM) ?? []).map((m) => {
    const first = m.charCodeAt(0);
    if (first === 0x22) return "q";
    if (m === "“" || m === "”") return m;
    if (/^[!?….]/u.test(m)) return "stop";
    if (/^[,;:—–]/u.test(m)) return "pause";
    return m;
  });
}

describe("lex", () => {
  it("reads words as the word pattern does: joined by ' ’ . -, with a final full stop", () => {
    const text = "Mr. O'Brien's S.H.I.E.L.D. badge—Jean-Luc’s—said “don't” ... 3.5 km. x--y 'quoted' end.";
    expect(tokenize(text)).toEqual(text.match(WORD));
    expect(tokenize(text)).toEqual([
      "Mr.",
      "O'Brien's",
      "S.H.I.E.L.D.",
      "badge",
      "Jean-Luc’s",
      "said",
      "don't",
      "3.5",
      "km.",
      "x",
      "y",
      "quoted",
      "end.",
    ]);
  });

  it("gives each word its bare form", () => {
    const { tokens, lower } = lex("Harry's wand. the Doctor’s TARDIS, dr. who-knows 42.", false);
    expect(lower).toEqual(tokens.map(bareWord));
    expect(lower).toEqual(["harry", "wand", "the", "doctor", "tardis", "dr", "who-knows", "42"]);
  });

  it("reads letters outside the Basic Multilingual Plane and marks as part of words, and lone surrogates as none", () => {
    const text = "𝒜lice e\u0301te 𐐀𐐨 \ud800x \udc00y 😀 ok";
    expect(tokenize(text)).toEqual(text.match(WORD));
  });

  it("finds the quotation marks and punctuation between words in order", () => {
    const text = '“You came!” she said… "Yes." Then, quietly: wait?! No—never.';
    expect(itemsAsText(text)).toEqual(streamAsText(text));
  });

  it("agrees with the regular expressions on random text", () => {
    const random = prng(20261121);
    const pieces = [
      "a",
      "Z",
      "é",
      "\u0301",
      "ß",
      "İ",
      "7",
      "'",
      "’",
      ".",
      "-",
      " ",
      "\n",
      '"',
      "“",
      "”",
      "!",
      "?",
      "…",
      ",",
      ";",
      ":",
      "—",
      "–",
      "'s",
      "’s",
      "Mr.",
      "𝒜",
      "😀",
      "\ud800",
      "\udc00",
      "_",
      "(",
      "ǅ",
      "٣",
      "𝟙",
      "\ud834\udd65",
      "Σ",
      "ﬁ",
    ];
    for (let run = 0; run < 2000; run++) {
      let text = "";
      const length = Math.floor(random() * 40);
      for (let k = 0; k < length; k++) text += pieces[Math.floor(random() * pieces.length)];
      const { tokens, lower } = lex(text, false);
      expect(tokens, JSON.stringify(text)).toEqual(text.match(WORD) ?? []);
      expect(lower, JSON.stringify(text)).toEqual(tokens.map(bareWord));
      expect(itemsAsText(text), JSON.stringify(text)).toEqual(streamAsText(text));
    }
  });
});
