// The fandom knowledge base (data/fandoms/*.json, described in docs/fandom-knowledge.md): fandoms
// with their canonical characters (aliases, nicknames, epithets) and well-known relationships,
// indexed for looking up what an author wrote ("Drarry", "Harry P.") and for scanning story text.
import { readdirSync, readFileSync } from "node:fs";
import { z } from "zod";
import { bareWord, tokenize } from "../words.js";

const characterSchema = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string()),
  gender: z.enum(["m", "f", "nb", "other"]),
});

const fandomSchema = z.object({
  fandom: z.string().min(1),
  aliases: z.array(z.string()),
  medium: z.enum(["books", "film", "tv", "anime", "games", "comics"]),
  keywords: z.array(z.string()),
  characters: z.array(characterSchema),
  relationships: z.array(
    z.object({
      name: z.string().min(1),
      characters: z.array(z.string()).length(2),
      kind: z.enum(["romantic", "platonic"]),
      aliases: z.array(z.string()),
    }),
  ),
});

export type KnownFandom = z.infer<typeof fandomSchema>;
export type KnownCharacter = z.infer<typeof characterSchema> & { fandom: KnownFandom };
export type KnownRelationship = KnownFandom["relationships"][number] & { fandom: KnownFandom };

/** One way of naming a character in prose, as tokens. */
export interface CharacterAlias {
  tokens: string[];
  /** Token by token: must the text's token start with a capital letter? */
  capitalised: boolean[];
  character: KnownCharacter;
  /** A full name or an unmistakable epithet, rather than a first name or surname alone. */
  strong: boolean;
  /** How many fandoms' characters share this alias. */
  shared: number;
}

export interface FandomKnowledge {
  fandoms: KnownFandom[];
  fandomByKey: Map<string, KnownFandom>;
  charactersByKey: Map<string, KnownCharacter[]>;
  relationshipsByKey: Map<string, KnownRelationship[]>;
  /**
   * Aliases by the bare form (bareWord) of their first word, as a text's words are looked up:
   * "Mr. Spock" and "Mr Darcy" under "mr"; the words themselves are then compared exactly.
   */
  aliasesByFirstToken: Map<string, CharacterAlias[]>;
  /**
   * Per first word (its bare form, as above): the second tokens of its longer aliases, and whether
   * it is an alias alone.
   */
  aliasStarts: Map<string, { seconds: Set<string>; alone: boolean; lowerCase: boolean }>;
  /** Setting words, likewise by the bare form of their first word. */
  keywordsByFirstToken: Map<string, { tokens: string[]; fandom: KnownFandom; keyword: string }[]>;
  /**
   * Every word of a text (as bareWord gives it) that may start an alias, and every keyword's first
   * word: a scan passes over any other word at once.
   */
  scanStarts: Set<string>;
}

export const nameKey = (name: string): string =>
  name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[’‘`]/gu, "'")
    .replace(/[\s_]+/gu, " ")
    .trim();

const defaultDirectory = new URL("../../../../data/fandoms/", import.meta.url);
let cached: FandomKnowledge | undefined;

/** The knowledge base shipped in data/fandoms/ (read once per process). */
export function fandomKnowledge(): FandomKnowledge {
  cached ??= loadFandomKnowledge(defaultDirectory);
  return cached;
}

export function loadFandomKnowledge(directory: URL | string): FandomKnowledge {
  let files: string[] = [];
  try {
    files = readdirSync(directory)
      .filter((f) => f.endsWith(".json"))
      .sort();
  } catch {
    files = [];
  }
  const fandoms = files.map((file) => {
    const path = typeof directory === "string" ? `${directory}/${file}` : new URL(file, directory);
    const parsed = fandomSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
    if (!parsed.success)
      throw new Error(`data/fandoms/${file}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    return parsed.data;
  });
  return indexFandoms(fandoms);
}

export function indexFandoms(fandoms: KnownFandom[]): FandomKnowledge {
  const knowledge: FandomKnowledge = {
    fandoms,
    fandomByKey: new Map(),
    charactersByKey: new Map(),
    relationshipsByKey: new Map(),
    aliasesByFirstToken: new Map(),
    aliasStarts: new Map(),
    keywordsByFirstToken: new Map(),
    scanStarts: new Set(),
  };
  const push = <T>(map: Map<string, T[]>, key: string, value: T): void => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [value]);
    else if (!list.includes(value)) list.push(value);
  };
  const proseAliases: { alias: string; character: KnownCharacter; strong: boolean }[] = [];
  for (const fandom of fandoms) {
    for (const name of [fandom.fandom, ...fandom.aliases, withoutQualifier(fandom.fandom)]) {
      if (!knowledge.fandomByKey.has(nameKey(name))) knowledge.fandomByKey.set(nameKey(name), fandom);
    }
    for (const c of fandom.characters) {
      const character: KnownCharacter = { ...c, fandom };
      const plain = withoutQualifier(c.name);
      const names = new Set([c.name, plain, ...c.aliases, ...ffnAbbreviations(plain)]);
      for (const name of c.name.includes(" | ") ? c.name.split(" | ") : []) names.add(name.trim());
      for (const name of names) push(knowledge.charactersByKey, nameKey(name), character);
      for (const name of names) {
        if (name === c.name && name !== plain) continue;
        const strong =
          tokenize(name).length > 1 &&
          !/^(the|mr|mrs|ms|miss|dr|lady|lord|sir)\.?$/iu.test(tokenize(name)[0]!)
            ? true
            : isUnusual(name);
        proseAliases.push({ alias: name, character, strong });
      }
    }
    for (const r of fandom.relationships) {
      const relationship: KnownRelationship = { ...r, fandom };
      for (const name of [r.name, ...r.aliases])
        push(knowledge.relationshipsByKey, nameKey(name), relationship);
    }
    for (const keyword of fandom.keywords) {
      const tokens = tokenize(keyword).map((t) => t.toLowerCase());
      if (tokens.length > 0)
        push(knowledge.keywordsByFirstToken, bareWord(tokens[0]!), { tokens, fandom, keyword });
    }
  }
  const fandomsPerAlias = new Map<string, Set<KnownFandom>>();
  for (const { alias, character } of proseAliases) {
    const key = nameKey(alias);
    if (!fandomsPerAlias.has(key)) fandomsPerAlias.set(key, new Set());
    fandomsPerAlias.get(key)!.add(character.fandom);
  }
  const seen = new Set<string>();
  for (const { alias, character, strong } of proseAliases) {
    const tokens = tokenize(alias);
    if (tokens.length === 0) continue;
    const id = `${nameKey(alias)}\u0000${character.name}\u0000${character.fandom.fandom}`;
    if (seen.has(id)) continue;
    seen.add(id);
    push(knowledge.aliasesByFirstToken, bareWord(tokens[0]!), {
      tokens: tokens.map((t) => t.toLowerCase()),
      capitalised: tokens.map((t) => /^\p{Lu}/u.test(t)),
      character,
      strong,
      shared: fandomsPerAlias.get(nameKey(alias))!.size,
    });
  }
  for (const [first, list] of knowledge.aliasesByFirstToken) {
    list.sort((a, b) => b.tokens.length - a.tokens.length);
    knowledge.aliasStarts.set(first, {
      seconds: new Set(list.filter((a) => a.tokens.length > 1).map((a) => a.tokens[1]!)),
      alone: list.some((a) => a.tokens.length === 1),
      lowerCase: list.some((a) => !a.capitalised[0]),
    });
  }
  for (const list of knowledge.keywordsByFirstToken.values())
    list.sort((a, b) => b.tokens.length - a.tokens.length);
  for (const word of [...knowledge.aliasStarts.keys(), ...knowledge.keywordsByFirstToken.keys()]) {
    knowledge.scanStarts.add(word);
  }
  return knowledge;
}

/** "Castiel (Supernatural)" → "Castiel"; "Loki (Marvel)" → "Loki". */
export function withoutQualifier(name: string): string {
  const [head, tail] = qualifierSplit(name);
  return (head + tail.replace(/(?<![\s(])\s*\([^)]*\)\s*$/u, "")).trim();
}

/**
 * A name cut where its closing "(…)" can begin: after its last ")" but the final one. Patterns for
 * that parenthesis run on the tail alone: on a long name of many "(" they would otherwise try each
 * one up to the next ")", which takes time growing with the square of the name's length.
 */
export function qualifierSplit(name: string): [head: string, tail: string] {
  const from = name.lastIndexOf(")", name.trimEnd().length - 2) + 1;
  return [name.slice(0, from), name.slice(from)];
}

/** FanFiction.Net's "Harry P." for "Harry Potter". */
function ffnAbbreviations(name: string): string[] {
  const parts = name.split(/\s+/u);
  if (parts.length < 2 || name.includes("|")) return [];
  return [`${parts[0]} ${parts.at(-1)![0]}.`];
}

/** A one-word alias unusual enough to be strong evidence alone ("Hermione", "Aziraphale"). */
function isUnusual(name: string): boolean {
  return name.length >= 7 && !commonFirstNames.has(name.toLowerCase());
}

const commonFirstNames = new Set(
  "charles michael richard william anthony matthew stephen jonathan patrick timothy raymond gregory nicholas benjamin jeffrey lawrence francis douglas natalie jessica jennifer michelle stephanie victoria kimberly caroline elizabeth christine margaret patricia dorothy barbara rebecca amanda melissa deborah cynthia kathleen catherine theodore jackson johnson thompson robinson harrison phillips campbell mitchell roberts stewart edwards collins morris rogers peterson anderson williams brandon jeremiah abigail charlotte gabriel captain colonel general sergeant professor detective commander inspector doctor".split(
    " ",
  ),
);
