// Suggestions from the story text when the author declared nothing: fandoms from the characters
// and setting words found, characters of those fandoms mentioned often, relationships whose two
// characters lead the story and meet with romantic words nearby, a rating from sexual content and
// warnings from graphic violence and a main character's death. Each comes with a confidence and
// the words that gave it.
import type { Deadline } from "./deadline.js";
import type { ImportTag } from "./import-result.js";
import {
  tokenize,
  type CharacterAlias,
  type FandomKnowledge,
  type KnownCharacter,
  type KnownFandom,
} from "./knowledge/fandom-knowledge.js";

export interface TextScan {
  /** Mentions per character, by canonical name and fandom. */
  mentions: Map<
    KnownCharacter,
    { count: number; strong: number; unique: number; words: Map<string, number> }
  >;
  keywords: Map<KnownFandom, Map<string, number>>;
  /** Paragraph index → characters mentioned in it. */
  paragraphs: { characters: Set<KnownCharacter>; romance: number; strong: number }[];
  tokens: number;
}

/** Romantic words: 2 points for the unmistakable ones, 1 for the gestures. */
const ROMANCE = new Map<string, number>([
  ...[
    "kiss",
    "kissed",
    "kisses",
    "kissing",
    "lover",
    "lovers",
    "boyfriend",
    "girlfriend",
    "husband",
    "wife",
    "married",
    "marry",
    "wedding",
    "darling",
    "sweetheart",
    "dating",
    "proposed",
    "beloved",
    "proposal",
  ].map((w) => [w, 2] as const),
  ...[
    "love",
    "loved",
    "loves",
    "lips",
    "blush",
    "blushed",
    "blushing",
    "embrace",
    "embraced",
    "caress",
    "caressed",
    "cuddled",
    "cuddling",
    "nuzzled",
    "holding",
    "held",
    "hand",
    "hands",
    "fingers",
    "laced",
    "dear",
    "heart",
    "date",
    "angel",
    "smiled",
    "tucked",
    "arm",
  ].map((w) => [w, 1] as const),
]);

/** Inference reads at most this many words of a long work: enough to tell, quick on 500,000. */
const SCAN_TOKENS = 60_000;

/** Counts every alias and keyword of the knowledge base in the text, paragraph by paragraph. */
export function scanText(kb: FandomKnowledge, paragraphs: readonly string[], deadline?: Deadline): TextScan {
  const scan: TextScan = { mentions: new Map(), keywords: new Map(), paragraphs: [], tokens: 0 };
  for (const [n, paragraph] of paragraphs.entries()) {
    if ((n & 255) === 0) deadline?.check();
    if (scan.tokens > SCAN_TOKENS) break;
    const tokens = tokenize(paragraph.length > 200_000 ? paragraph.slice(0, 200_000) : paragraph);
    scan.tokens += tokens.length;
    const lower = tokens.map(bareWord);
    const here = new Set<KnownCharacter>();
    let romance = 0;
    let strong = 0;
    for (let i = 0; i < tokens.length; i++) {
      const word = lower[i]!;
      const points = ROMANCE.get(word);
      if (points !== undefined) {
        romance += points;
        if (points === 2) strong++;
      }
      // Most words start no alias; the index says at once whether this one and the next could.
      const token = tokens[i]!;
      const key = kb.aliasStarts.has(word) ? word : token.toLowerCase();
      const start = kb.aliasStarts.get(key);
      const next = lower[i + 1];
      const code = token.charCodeAt(0);
      const capital = code < 128 ? code >= 65 && code <= 90 : /^\p{Lu}/u.test(token);
      const possible =
        start !== undefined &&
        ((start.alone && (capital || start.lowerCase)) ||
          (next !== undefined &&
            (start.seconds.has(next) || start.seconds.has(tokens[i + 1]!.toLowerCase()))));
      const aliases = possible ? kb.aliasesByFirstToken.get(key) : undefined;
      if (aliases !== undefined) {
        const match = longestAlias(aliases, tokens, lower, i);
        if (match.length > 0) {
          for (const alias of match) {
            const entry = scan.mentions.get(alias.character) ?? {
              count: 0,
              strong: 0,
              unique: 0,
              words: new Map(),
            };
            entry.count++;
            if (alias.strong) entry.strong++;
            if (alias.shared === 1) entry.unique++;
            const said = tokens.slice(i, i + alias.tokens.length).join(" ");
            entry.words.set(said, (entry.words.get(said) ?? 0) + 1);
            scan.mentions.set(alias.character, entry);
            here.add(alias.character);
          }
          i += match[0]!.tokens.length - 1;
          continue;
        }
      }
      const keywords = kb.keywordsByFirstToken.get(word);
      if (keywords !== undefined) {
        for (const keyword of keywords) {
          if (keyword.tokens.every((t, k) => lower[i + k] === t || tokens[i + k]?.toLowerCase() === t)) {
            const counts = scan.keywords.get(keyword.fandom) ?? new Map<string, number>();
            counts.set(keyword.keyword, (counts.get(keyword.keyword) ?? 0) + 1);
            scan.keywords.set(keyword.fandom, counts);
            break;
          }
        }
      }
    }
    scan.paragraphs.push({ characters: here, romance, strong });
  }
  return scan;
}

/** "Harry's" → "harry"; "Dr." → "dr". */
function bareWord(token: string): string {
  let word = token.toLowerCase();
  if (word.endsWith("'s") || word.endsWith("’s")) word = word.slice(0, -2);
  if (word.endsWith(".")) word = word.slice(0, -1);
  return word;
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
    const fits = alias.tokens.every((t, k) => {
      const token = tokens[i + k];
      if (token === undefined) return false;
      const same = lower[i + k] === t || token.toLowerCase() === t;
      return same && (!alias.capitalised[k] || /^\p{Lu}/u.test(token));
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

/**
 * Known romantic relationships of the fandoms whose two characters are among the three most
 * mentioned and share paragraphs with romantic words at least twice.
 */
export function guessRelationships(
  scan: TextScan,
  fandoms: readonly KnownFandom[],
  characters: readonly ImportTag[],
): ImportTag[] {
  const leads = new Set(characters.slice(0, 4).map((c) => c.name));
  const candidates: { tag: ImportTag; score: number }[] = [];
  for (const fandom of fandoms) {
    const names = (i: number): Set<string> =>
      new Set(
        [...(scan.paragraphs[i]?.characters ?? [])].filter((c) => c.fandom === fandom).map((c) => c.name),
      );
    for (const relationship of fandom.relationships) {
      if (relationship.kind !== "romantic" || !relationship.characters.every((c) => leads.has(c))) continue;
      // Romantic words count fully in a paragraph naming both, half in one next to a paragraph naming the other.
      let same = 0;
      let near = 0;
      let strong = 0;
      let together = 0;
      for (let i = 0; i < scan.paragraphs.length; i++) {
        const here = names(i);
        const paragraph = scan.paragraphs[i]!;
        if (relationship.characters.every((c) => here.has(c))) {
          together++;
          same += paragraph.romance;
          strong += paragraph.strong;
        } else {
          const around = new Set([...names(i - 1), ...here, ...names(i + 1)]);
          if (relationship.characters.every((c) => around.has(c))) near += paragraph.romance;
        }
      }
      const score = same + near / 2;
      // Family (a shared surname) needs unmistakable words.
      const surnames = relationship.characters.map((c) => c.split(/\s+/u).at(-1));
      const family = surnames.length === 2 && surnames[0] === surnames[1];
      const enough = family ? strong >= 2 : (score >= 3 && strong >= 1) || score >= 5;
      if (together >= 1 && enough) {
        candidates.push({
          score,
          tag: {
            name: relationship.name,
            source: "inferred",
            confidence: Math.round(Math.min(0.9, 0.4 + score / 20) * 100) / 100,
            evidence: `${relationship.characters.join(" and ")} together in ${together} paragraph${together === 1 ? "" : "s"} with romantic words (score ${score})`,
          },
        });
      }
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0]?.score ?? 0;
  return candidates.filter((c, i) => i === 0 || c.score >= best).map((c) => c.tag);
}

const EXPLICIT =
  /\b(?:cock|cocks|cunt|clit|clitoris|orgasm(?:ed|s)?|came hard|cum(?:ming|med)?|ejaculat\w*|erection|penis|vagina|nipples?|thrust(?:ed|ing)? into|fucked (?:him|her|them|me)|fucking (?:him|her|them|me)|blowjob|handjob|lube|moaned (?:his|her) name|inside (?:him|her) (?:again|deeper))\b/giu;
const SENSUAL =
  /\b(?:naked|undress(?:ed|ing)|in bed together|made love|sex|aroused|moaned|groaned (?:into|against))\b/giu;
const VIOLENCE =
  /\b(?:blood (?:pooled|sprayed|spurted|gushed)|entrails|intestines|disembowel\w*|decapitat\w*|severed|gore|viscera|skull (?:cracked|shattered)|bones? (?:snapped|cracked|splintered)|stabbed (?:him|her|them) (?:again|repeatedly)|slit (?:his|her|their) throat|gouged|mutilat\w*|torture[ds]?)\b/giu;

/** A long text's beginning, middle and end, for the content patterns. */
export function sampleText(text: string): string {
  const window = 200_000;
  if (text.length <= window * 3) return text;
  const middle = Math.floor(text.length / 2 - window / 2);
  return `${text.slice(0, window)}\n${text.slice(middle, middle + window)}\n${text.slice(-window)}`;
}

export function guessRating(text: string): ImportTag | undefined {
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
  const violence = distinctMatches(text, VIOLENCE);
  if (explicit.length > 0 || sensual.length >= 2 || violence.length >= 3) {
    const words = [...explicit, ...sensual, ...violence];
    return { name: "Mature", source: "inferred", confidence: 0.5, evidence: words.slice(0, 5).join(", ") };
  }
  return undefined;
}

export function guessWarnings(
  text: string,
  mainCharacters: readonly { name: string; words: string[] }[],
): ImportTag[] {
  const out: ImportTag[] = [];
  const violence = distinctMatches(text, VIOLENCE);
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

function distinctMatches(text: string, pattern: RegExp): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(pattern)) {
    found.add(m[0].toLowerCase());
    if (found.size >= 8) break;
  }
  return [...found];
}
