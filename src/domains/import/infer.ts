// Suggestions from the story text when the author declared nothing: fandoms from the characters
// and setting words found, characters of those fandoms mentioned often, a rating from sexual
// content and warnings from graphic violence and a main character's death, each with a confidence
// and the words that gave it. The scan's sentences, with their pronouns, also serve
// infer-relationships.ts.
import type { Deadline } from "./deadline.js";
import type { ImportTag } from "./import-result.js";
import { cuesAt, cueStarts, PRONOUNS, type Cue } from "./knowledge/relationship-cues.js";
import {
  type CharacterAlias,
  type FandomKnowledge,
  type KnownCharacter,
  type KnownFandom,
} from "./knowledge/fandom-knowledge.js";
import { lex, QUOTE_CLOSE, QUOTE_OPEN, QUOTE_STRAIGHT, STOP, tokenize, type Lexed } from "./words.js";

export interface TextScan {
  /** Mentions per character, by canonical name and fandom. */
  mentions: Map<
    KnownCharacter,
    { count: number; strong: number; unique: number; words: Map<string, number> }
  >;
  keywords: Map<KnownFandom, Map<string, number>>;
  /** Paragraph index → characters mentioned in it. */
  paragraphs: { characters: Set<KnownCharacter> }[];
  tokens: number;
  /** What was read (up to the limit), to read again sentence by sentence when relationships are wanted. */
  read: { kb: FandomKnowledge; paragraphs: Lexed[] };
}

export interface ScannedSentence {
  paragraph: number;
  named: KnownCharacter[];
  /** Those of the named who are only talked about in dialogue ("Ginny said you'd be here"), not spoken to. */
  reported: KnownCharacter[];
  /** PRONOUN bits: he/him, she/her, they/we/together, I/you, "he ... him" (two men), likewise two women, "him", "her" as an object. */
  pronouns: number;
  cues: Cue[];
}

/** Words after which "her" is an object ("kissed her back"), not a possessive ("her hand"). */
const AFTER_OBJECT = new Set(
  "and back then again to with for in on at as like the a an so too when while but or up down close softly gently hard once properly that this before after until anyway".split(
    " ",
  ),
);

export const PRONOUN = {
  m: 1,
  f: 2,
  plural: 4,
  dialogue: 8,
  m2: 16,
  f2: 32,
  him: 64,
  herObject: 128,
} as const;

/** Inference reads at most this many words of a long work: enough to tell, quick on 500,000. */
const SCAN_TOKENS = 60_000;

/** Counts every alias and keyword of the knowledge base in the text, paragraph by paragraph. */
export function scanText(kb: FandomKnowledge, paragraphs: readonly string[], deadline?: Deadline): TextScan {
  const scan: TextScan = {
    mentions: new Map(),
    keywords: new Map(),
    paragraphs: [],
    tokens: 0,
    read: { kb, paragraphs: [] },
  };
  for (const [n, whole] of paragraphs.entries()) {
    if ((n & 255) === 0) deadline?.check();
    if (scan.tokens > SCAN_TOKENS) break;
    const paragraph = whole.length > 200_000 ? whole.slice(0, 200_000) : whole;
    const words = lex(paragraph, true);
    scan.read.paragraphs.push(words);
    const { tokens, lower } = words;
    scan.tokens += tokens.length;
    const here = new Set<KnownCharacter>();
    for (let i = 0; i < tokens.length; i++) {
      if (!kb.scanStarts.has(lower[i]!)) continue;
      const match = matchAliases(scan.read.kb, tokens, lower, i);
      if (match.length > 0) {
        for (const alias of match) {
          countMention(scan, alias, tokens.slice(i, i + alias.tokens.length).join(" "));
          here.add(alias.character);
        }
        i += match[0]!.tokens.length - 1;
        continue;
      }
      const keywords = kb.keywordsByFirstToken.get(lower[i]!);
      if (keywords !== undefined) countKeyword(scan, keywords, tokens, lower, i);
    }
    scan.paragraphs.push({ characters: here });
  }
  return scan;
}

function countMention(scan: TextScan, alias: CharacterAlias, said: string): void {
  const entry = scan.mentions.get(alias.character) ?? {
    count: 0,
    strong: 0,
    unique: 0,
    words: new Map<string, number>(),
  };
  entry.count++;
  if (alias.strong) entry.strong++;
  if (alias.shared === 1) entry.unique++;
  entry.words.set(said, (entry.words.get(said) ?? 0) + 1);
  scan.mentions.set(alias.character, entry);
}

const sentenceCache = new WeakMap<TextScan, ScannedSentence[]>();

/**
 * The scan's text again, sentence by sentence: who each sentence names (and whether only in
 * dialogue), its pronouns and its relationship cues (knowledge/relationship-cues.ts). Read only
 * when relationships are wanted, and once.
 */
export function sentencesIn(scan: TextScan): ScannedSentence[] {
  const cached = sentenceCache.get(scan);
  if (cached !== undefined) return cached;
  const out: ScannedSentence[] = [];
  for (const [n, words] of scan.read.paragraphs.entries()) {
    for (const sentence of sentenceSpans(words)) {
      const { start, end, marks } = sentence;
      out.push(
        readSentence(scan.read.kb, n, words.tokens.slice(start, end), words.lower.slice(start, end), marks),
      );
    }
  }
  sentenceCache.set(scan, out);
  return out;
}

function readSentence(
  kb: FandomKnowledge,
  paragraph: number,
  tokens: string[],
  lower: string[],
  marks: readonly number[],
): ScannedSentence {
  const scanned: ScannedSentence = { paragraph, named: [], reported: [], pronouns: 0, cues: [] };
  const known = sentenceWords(kb);
  let cuesFrom = 0;
  for (let i = 0; i < tokens.length; i++) {
    const word = lower[i]!;
    const what = known.get(word);
    if (what === undefined) continue;
    scanned.pronouns |= what & PRONOUN_BITS;
    if (i >= cuesFrom && (what & CUE_START) !== 0) {
      for (const cue of cuesAt(lower, i)) {
        scanned.cues.push(cue);
        cuesFrom = Math.max(cuesFrom, i + cue.length);
      }
    }
    const match = (what & ALIAS_START) !== 0 ? matchAliases(kb, tokens, lower, i) : NONE;
    if (match.length > 0) {
      const length = match[0]!.tokens.length;
      const reported = (marks[i]! & QUOTED) !== 0 && !vocative(marks, i, i + length - 1);
      for (const { character } of match) {
        if (!scanned.named.includes(character)) scanned.named.push(character);
        if (reported && !scanned.reported.includes(character)) scanned.reported.push(character);
      }
      i += length - 1;
    }
  }
  scanned.pronouns |= pairedPronouns(lower, scanned.pronouns);
  return scanned;
}

/** What a sentence's word may be, in one lookup: a pronoun (its PRONOUN bit), a cue's start, an alias's start. */
const PRONOUN_BITS = PRONOUN.m | PRONOUN.f | PRONOUN.plural | PRONOUN.dialogue;
const CUE_START = 1 << 10;
const ALIAS_START = 1 << 11;
const sentenceWordsOf = new WeakMap<FandomKnowledge, Map<string, number>>();

function sentenceWords(kb: FandomKnowledge): Map<string, number> {
  let words = sentenceWordsOf.get(kb);
  if (words === undefined) {
    words = new Map<string, number>();
    const mark = (word: string, bit: number) => words!.set(word, (words!.get(word) ?? 0) | bit);
    for (const [word, kind] of PRONOUNS) mark(word, PRONOUN[kind]);
    for (const word of cueStarts) mark(word, CUE_START);
    for (const word of kb.aliasStarts.keys()) mark(word, ALIAS_START);
    sentenceWordsOf.set(kb, words);
  }
  return words;
}

/** The longest aliases at token i (one per fandom sharing it). */
function matchAliases(kb: FandomKnowledge, tokens: string[], lower: string[], i: number): CharacterAlias[] {
  // Most words start no alias; the index says at once whether this one and the next could.
  const word = lower[i]!;
  const token = tokens[i]!;
  const start = kb.aliasStarts.get(word);
  if (start === undefined) return NONE;
  const next = lower[i + 1];
  const capital = startsWithCapital(token);
  const possible =
    (start.alone && (capital || start.lowerCase)) ||
    (next !== undefined && (start.seconds.has(next) || start.seconds.has(tokens[i + 1]!.toLowerCase())));
  const aliases = possible ? kb.aliasesByFirstToken.get(word) : undefined;
  if (aliases === undefined) return NONE;
  return longestAlias(aliases, tokens, lower, i);
}

const NONE: CharacterAlias[] = [];

function countKeyword(
  scan: TextScan,
  keywords: { tokens: string[]; fandom: KnownFandom; keyword: string }[],
  tokens: string[],
  lower: string[],
  i: number,
): void {
  for (const keyword of keywords) {
    if (keyword.tokens.every((t, k) => sameWord(t, tokens, lower, i + k))) {
      const counts = scan.keywords.get(keyword.fandom) ?? new Map<string, number>();
      counts.set(keyword.keyword, (counts.get(keyword.keyword) ?? 0) + 1);
      scan.keywords.set(keyword.fandom, counts);
      return;
    }
  }
}

/**
 * "Him", "her" as an object ("kissed her back", not "her hand"), and two of a sex: "he kissed him",
 * "she kissed her", unless the other sex is in it too ("he kissed her ... she kissed him back").
 */
function pairedPronouns(lower: readonly string[], pronouns: number): number {
  let bits = 0;
  const him = lower.includes("him");
  if (him) bits |= PRONOUN.him;
  let herObject = false;
  for (let k = 0; k < lower.length; k++) {
    if (lower[k] === "her" && (k === lower.length - 1 || AFTER_OBJECT.has(lower[k + 1]!))) herObject = true;
  }
  if (herObject) bits |= PRONOUN.herObject;
  if ((pronouns & PRONOUN.f) === 0 && him && lower.includes("he")) bits |= PRONOUN.m2;
  if ((pronouns & PRONOUN.m) === 0 && herObject && lower.includes("she")) bits |= PRONOUN.f2;
  return bits;
}

/** A sentence's words (as tokenize reads them), each with marks for what stands around it. */
export interface Words {
  tokens: string[];
  marks: number[];
}

/** Marks: inside quotation marks; right after the opening one; right before the closing one; after a comma; before punctuation. */
const QUOTED = 1;
const OPENS = 2;
const CLOSES = 4;
const AFTER_COMMA = 8;
const BEFORE_STOP = 16;

const LOWER_START = /^\p{Ll}/u;
/** "Mr.", "Dr.", an initial ("A.", "S.H.I.E.L.D."): a full stop that ends no sentence. */
const ABBREVIATION = /(?:^|[.'’-])(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Mt|Lt|Sgt|Capt|Col|Prof|\p{Lu})\.$/u;

/**
 * A paragraph's sentences, split after . ! ? … (and closing quotation marks), not after "Mr." or
 * an initial, with each word marked as inside or outside quotation marks; a quotation may run over
 * several sentences.
 */
export function sentencesOf(paragraph: string): Words[] {
  const words = lex(paragraph, true);
  return sentenceSpans(words).map(({ start, end, marks }) => ({
    tokens: words.tokens.slice(start, end),
    marks,
  }));
}

/** The sentences of a lexed paragraph (sentencesOf): the range of their words, and the words' marks. */
function sentenceSpans(words: Lexed): { start: number; end: number; marks: number[] }[] {
  const out: { start: number; end: number; marks: number[] }[] = [];
  let current = { start: 0, end: 0, marks: [] as number[] };
  let quoted = false;
  let ended = false;
  let previous: "start" | "word" | "open" | "close" | "comma" | "stop" = "start";
  for (const item of words.items) {
    const word = item >= 0;
    const quote = !word && item >= QUOTE_CLOSE; // the three quotation marks are -1 to -3
    const opening: boolean = item === QUOTE_OPEN || (item === QUOTE_STRAIGHT && !quoted);
    const token = word ? words.tokens[item]! : "";
    // “You came!” she said: the speech tag after a quotation goes on with its sentence.
    if (ended && word && previous === "close" && LOWER_START.test(token)) ended = false;
    if (ended && (word || opening)) {
      out.push(current);
      current = { start: current.end, end: current.end, marks: [] };
      ended = false;
    }
    const last = current.marks.length - 1;
    if (word) {
      let mark = quoted ? QUOTED : 0;
      if (quoted && previous === "open") mark |= OPENS;
      if (previous === "comma") mark |= AFTER_COMMA;
      if (token.endsWith(".") && !ABBREVIATION.test(token)) {
        mark |= BEFORE_STOP;
        ended = true;
      }
      current.end = item + 1;
      current.marks.push(mark);
      previous = "word";
    } else if (quote) {
      if (!opening && (previous === "word" || previous === "stop") && last >= 0)
        current.marks[last]! |= CLOSES;
      quoted = opening;
      previous = opening ? "open" : "close";
    } else {
      if (previous === "word" && last >= 0) current.marks[last]! |= BEFORE_STOP;
      if (item === STOP) ended = true;
      previous = item === STOP ? "stop" : "comma";
    }
  }
  if (current.marks.length > 0) out.push(current);
  return out;
}

/** "Luna," he said; "Sammy. Talk to me": a name said to someone, who is there to hear it. */
function vocative(marks: readonly number[], first: number, end: number): boolean {
  const a = marks[first]!;
  const b = marks[end] ?? 0;
  return ((a & OPENS) !== 0 && (b & BEFORE_STOP) !== 0) || ((a & AFTER_COMMA) !== 0 && (b & CLOSES) !== 0);
}

/**
 * Whether token i is the (lower-case) word `want`: as its bare form, or in lower case ("mrs.",
 * "o'neill's"), which differs from the bare form only when `want` ends in "s" or ".".
 */
function sameWord(want: string, tokens: readonly string[], lower: readonly string[], i: number): boolean {
  if (lower[i] === want) return true;
  const last = want.charCodeAt(want.length - 1);
  return (last === 0x73 || last === 0x2e) && tokens[i]?.toLowerCase() === want;
}

function startsWithCapital(token: string): boolean {
  const code = token.charCodeAt(0);
  return code < 128 ? code >= 65 && code <= 90 : /^\p{Lu}/u.test(token);
}

/** The aliases of the longest length matching at token i (one per fandom sharing it). */
function longestAlias(
  aliases: CharacterAlias[],
  tokens: string[],
  lower: string[],
  i: number,
): CharacterAlias[] {
  let best: CharacterAlias[] = [];
  for (const alias of aliases) {
    if (best.length > 0 && alias.tokens.length < best[0]!.tokens.length) break;
    // ("Mr Darcy" and "Mr. Darcy" both fit "Mr. Darcy": one mention.)
    if (best.some((b) => b.character === alias.character)) continue;
    const fits = alias.tokens.every((t, k) => {
      const token = tokens[i + k];
      if (token === undefined || !sameWord(t, tokens, lower, i + k)) return false;
      return !alias.capitalised[k] || startsWithCapital(token);
    });
    if (fits) best = [...best, alias];
  }
  return best;
}

export interface FandomGuess {
  fandom: KnownFandom;
  score: number;
  evidence: string;
}

/** Fandoms the text points to: several distinct characters, full names, setting words. */
export function guessFandoms(scan: TextScan): FandomGuess[] {
  // Names several fandoms share ("Crowley", "Gabriel") only count for a fandom with evidence of its own.
  const byFandom = new Map<KnownFandom, { own: number; shared: number; words: Map<string, number> }>();
  const entryOf = (fandom: KnownFandom) => {
    const entry = byFandom.get(fandom) ?? { own: 0, shared: 0, words: new Map<string, number>() };
    byFandom.set(fandom, entry);
    return entry;
  };
  for (const [character, mention] of scan.mentions) {
    const entry = entryOf(character.fandom);
    const unique = mention.unique > 0;
    const weight =
      mention.strong > 0 && unique
        ? 2
        : unique
          ? mention.words.size > 0 && [...mention.words.keys()].every(sharedAlias)
            ? 0.8
            : 1
          : 0.5;
    const points = weight * Math.min(1 + Math.log2(mention.count), 4);
    if (unique) entry.own += points;
    else entry.shared += points;
    for (const [word, count] of mention.words) entry.words.set(word, (entry.words.get(word) ?? 0) + count);
  }
  for (const [fandom, counts] of scan.keywords) {
    const entry = entryOf(fandom);
    for (const [keyword, count] of counts) {
      entry.own += 1.5 * Math.min(1 + Math.log2(count), 3);
      entry.words.set(keyword, count);
    }
  }
  const ranked = [...byFandom.entries()]
    .map(([fandom, entry]) => ({
      fandom,
      score: entry.own > 0 ? entry.own + entry.shared : 0,
      evidence: evidenceOf(entry.words),
    }))
    .sort((a, b) => b.score - a.score);
  const top = ranked[0];
  if (top === undefined || top.score < 5) return [];
  return ranked.filter((g, i) => i === 0 || (g.score >= 5 && g.score >= top.score * 0.35)).slice(0, 3);
}

/** A single ordinary first name ("Sam", "John") could be anyone's. */
function sharedAlias(word: string): boolean {
  return tokenize(word).length === 1 && word.length < 7;
}

function evidenceOf(words: Map<string, number>): string {
  return [...words.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([w, n]) => `${w} ×${n}`)
    .join(", ");
}

export function confidenceOf(score: number): number {
  return Math.round(Math.min(0.95, 0.4 + score / 40) * 100) / 100;
}

/** Characters of the given fandoms mentioned at least three times (or by full name twice), most first. */
export function guessCharacters(scan: TextScan, fandoms: readonly KnownFandom[]): ImportTag[] {
  const total = [...scan.mentions.values()].reduce((n, m) => n + m.count, 0);
  const candidates = [...scan.mentions.entries()].filter(
    ([c, m]) => fandoms.includes(c.fandom) && (m.count >= 3 || m.strong >= 2),
  );
  // In a crossover, "Harry" found only through a name shared with another fandom's character who is
  // also here by name of their own belongs to that character.
  const claimed = (character: KnownCharacter, words: Map<string, number>): boolean =>
    candidates.some(
      ([other, m]) =>
        other.fandom !== character.fandom && m.unique > 0 && [...words.keys()].every((w) => m.words.has(w)),
    );
  return candidates
    .filter(([c, m]) => m.unique > 0 || !claimed(c, m.words))
    .sort((a, b) => b[1].count - a[1].count)
    .slice(0, 12)
    .map(([c, m]) => ({
      name: c.name,
      source: "inferred" as const,
      confidence: Math.round(Math.min(0.95, 0.5 + m.count / Math.max(total, 1)) * 100) / 100,
      evidence: evidenceOf(m.words),
    }));
}

// The content patterns, case-insensitive, each in two forms: with the "u" flag (Unicode case
// folding, under which "ſ" and the Kelvin sign are spellings of "s" and "k", and word characters
// for \b and \w) and without it, three times faster over a long text. The second gives the same
// matches on any text without those two characters, which is nearly every text.
const UNICODE_FOLDS = /[\u017f\u212a]/;
const contentPattern = (pattern: RegExp) => ({ unicode: pattern, ascii: new RegExp(pattern.source, "gi") });
const EXPLICIT = contentPattern(
  /\b(?:cock|cocks|cunt|clit|clitoris|orgasm(?:ed|s)?|came hard|cum(?:ming|med)?|ejaculat\w*|erection|penis|vagina|nipples?|thrust(?:ed|ing)? into|fucked (?:him|her|them|me)|fucking (?:him|her|them|me)|blowjob|handjob|lube|moaned (?:his|her) name|inside (?:him|her) (?:again|deeper))\b/giu,
);
const SENSUAL = contentPattern(
  /\b(?:naked|undress(?:ed|ing)|in bed together|made love|sex|aroused|moaned|groaned (?:into|against))\b/giu,
);
const VIOLENCE = contentPattern(
  /\b(?:blood (?:pooled|sprayed|spurted|gushed)|entrails|intestines|disembowel\w*|decapitat\w*|severed|gore|viscera|skull (?:cracked|shattered)|bones? (?:snapped|cracked|splintered)|stabbed (?:him|her|them) (?:again|repeatedly)|slit (?:his|her|their) throat|gouged|mutilat\w*|torture[ds]?)\b/giu,
);

/** A long text's beginning, middle and end, for the content patterns. */
export function sampleText(text: string): string {
  const window = 200_000;
  if (text.length <= window * 3) return text;
  const middle = Math.floor(text.length / 2 - window / 2);
  return `${text.slice(0, window)}\n${text.slice(middle, middle + window)}\n${text.slice(-window)}`;
}

/** Graphic violence in the text: read once by assemble for the rating and the warnings. */
export function graphicViolence(text: string): string[] {
  return distinctMatches(text, VIOLENCE);
}

export function guessRating(text: string, violence = graphicViolence(text)): ImportTag | undefined {
  const explicit = distinctMatches(text, EXPLICIT);
  if (explicit.length >= 3) {
    return {
      name: "Explicit",
      source: "inferred",
      confidence: 0.75,
      evidence: explicit.slice(0, 5).join(", "),
    };
  }
  const sensual = distinctMatches(text, SENSUAL);
  if (explicit.length > 0 || sensual.length >= 2 || violence.length >= 3) {
    const words = [...explicit, ...sensual, ...violence];
    return { name: "Mature", source: "inferred", confidence: 0.5, evidence: words.slice(0, 5).join(", ") };
  }
  return undefined;
}

export function guessWarnings(
  text: string,
  mainCharacters: readonly { name: string; words: string[] }[],
  violence = graphicViolence(text),
): ImportTag[] {
  const out: ImportTag[] = [];
  if (violence.length >= 3) {
    out.push({
      name: "Graphic Depictions Of Violence",
      source: "inferred",
      confidence: 0.6,
      evidence: violence.slice(0, 5).join(", "),
    });
  }
  for (const character of mainCharacters) {
    for (const word of character.words) {
      const escaped = word.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
      const death = new RegExp(
        `\\b${escaped} (?:(?:was|is|had been) (?:dead|gone)\\b(?! (?:for|from|to|by|when|before|after|already|again))|(?:had )?died\\b|(?:had )?stopped breathing|breathed (?:his|her|their) last|never woke up)|\\b(?:killed|murdered) ${escaped}\\b|\\bdeath of ${escaped}\\b|\\b${escaped}['’]s (?:death|funeral|grave|corpse|lifeless body|dead body)\\b`,
        "u",
      );
      const found = death.exec(text);
      if (found) {
        out.push({ name: "Major Character Death", source: "inferred", confidence: 0.6, evidence: found[0] });
        return out;
      }
    }
  }
  return out;
}

function distinctMatches(text: string, pattern: ReturnType<typeof contentPattern>): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(UNICODE_FOLDS.test(text) ? pattern.unicode : pattern.ascii)) {
    found.add(m[0].toLowerCase());
    if (found.size >= 8) break;
  }
  return [...found];
}
