// Declared names onto canonical ones through the fandom knowledge base: "HP" → "Harry Potter -
// J. K. Rowling"; "Harry P." → "Harry Potter"; "DracoxHarry", "Drarry", "Harry/Draco" → "Draco
// Malfoy/Harry Potter". Names the knowledge base doesn't know are kept as written, normalised.
import { normaliseTagName } from "../tags/tag-name.js";
import {
  nameKey,
  qualifierSplit,
  withoutQualifier,
  type FandomKnowledge,
  type KnownCharacter,
  type KnownFandom,
} from "./knowledge/fandom-knowledge.js";

export function resolveFandom(kb: FandomKnowledge, written: string): { name: string; known?: KnownFandom } {
  const known = kb.fandomByKey.get(nameKey(written));
  if (known === undefined) return { name: normaliseTagName(written) };
  // "Captain America (Movies)" is a fandom of its own on AO3, related to the MCU but not it.
  const base = (name: string): string => squash(withoutQualifier(name).replace(/(?<!\s)\s+-\s+.*$/u, ""));
  const qualified = /\([^)]*\)\s*$/u.test(qualifierSplit(written)[1]) && base(written) !== base(known.fandom);
  return { name: qualified ? normaliseTagName(written) : known.fandom, known };
}

/** The canonical character for a name, preferring the given fandoms when several share it. */
const squash = (name: string): string => nameKey(name).replace(/[^\p{L}\p{N}]/gu, "");

export function resolveCharacter(
  kb: FandomKnowledge,
  written: string,
  fandoms: readonly KnownFandom[],
): { name: string; known?: KnownCharacter } {
  const cleaned = written.replace(/(?<!\s)\s+\((?:OC|oc)\)$/u, "").trim();
  const candidates =
    kb.charactersByKey.get(nameKey(cleaned)) ?? kb.charactersByKey.get(nameKey(cleaned.replace(/\.$/u, "")));
  if (candidates === undefined || candidates.length === 0) return { name: normaliseTagName(written) };
  const inContext = candidates.filter((c) => fandoms.includes(c.fandom));
  const pool = inContext.length > 0 ? inContext : fandoms.length === 0 ? candidates : [];
  // A bare first name shared by several characters of different fandoms stays as written.
  const distinct = new Set(pool.map((c) => c.name));
  if (pool.length === 0 || distinct.size > 1) return { name: normaliseTagName(written) };
  return { name: pool[0]!.name, known: pool[0]! };
}

export interface ResolvedRelationship {
  name: string;
  characters: string[];
  romantic: boolean;
  known: boolean;
}

/** One pairing as written ("A/B", "A x B", "AxB", "A&B", "A and B", "A+B", "Drarry"). */
export function resolveRelationship(
  kb: FandomKnowledge,
  written: string,
  fandoms: readonly KnownFandom[],
): ResolvedRelationship | undefined {
  const trimmed = written.trim();
  const text = (/^\[.*\]$|^\(.*\)$/u.test(trimmed) ? trimmed.slice(1, -1) : trimmed).trim();
  if (text === "") return undefined;
  const known = kb.relationshipsByKey.get(nameKey(text));
  if (known !== undefined && known.length > 0) {
    const pick = known.find((r) => fandoms.includes(r.fandom)) ?? known[0]!;
    return { name: pick.name, characters: pick.characters, romantic: pick.kind === "romantic", known: true };
  }
  const split = splitPairing(text);
  if (split === undefined) return undefined;
  const resolved = split.names.map((n) => resolveCharacter(kb, n, fandoms));
  const names = resolved.map((r) => r.name);
  // The knowledge base's name for the same pair, if it has one.
  const pool =
    fandoms.length > 0 ? fandoms : [...new Set(resolved.flatMap((r) => (r.known ? [r.known.fandom] : [])))];
  const same = pool
    .flatMap((f) => f.relationships)
    .find(
      (r) =>
        (r.kind === "romantic") === split.romantic &&
        r.characters.length === names.length &&
        names.every((n) => r.characters.includes(n)),
    );
  if (same !== undefined)
    return { name: same.name, characters: same.characters, romantic: split.romantic, known: true };
  return {
    name: relationshipName(names, split.romantic),
    characters: names,
    romantic: split.romantic,
    known: resolved.every((r) => r.known !== undefined),
  };
}

export function splitPairing(text: string): { names: string[]; romantic: boolean } | undefined {
  const attempt = (
    pattern: RegExp,
    romantic: boolean,
  ): { names: string[]; romantic: boolean } | undefined => {
    const names = text.split(pattern).map((n) => n.trim());
    return names.length >= 2 && names.every((n) => n !== "") ? { names, romantic } : undefined;
  };
  return (
    attempt(/(?:(?<!\s)\s+)?\/\s*/u, true) ??
    attempt(/(?:(?<!\s)\s+)?&\s*/u, false) ??
    attempt(/(?<!\s)\s+[xX×]\s+/u, true) ??
    attempt(/(?:(?<!\s)\s+)?\+\s*/u, true) ??
    attempt(/(?<!\s)\s+and\s+/u, false) ??
    camelCaseX(text)
  );
}

/** "DracoxHarry", "SasukeXNaruto": two capitalised names joined by x. */
function camelCaseX(text: string): { names: string[]; romantic: boolean } | undefined {
  const m = /^(\p{Lu}[\p{L}'.-]+?)[xX](\p{Lu}[\p{L}'.-]+)$/u.exec(text);
  return m ? { names: [m[1]!, m[2]!], romantic: true } : undefined;
}

/**
 * AO3's spelling of a relationship: romantic names sorted and joined with "/", platonic ones in
 * order with " & "; a disambiguator shared by every name ("(Good Omens)") is written once, at the end.
 */
export function relationshipName(names: readonly string[], romantic: boolean): string {
  const qualifiers = names.map((n) =>
    n.endsWith(")") ? /(?<![\s(])\s*(\([^)]*\))$/u.exec(qualifierSplit(n)[1])?.[1] : undefined,
  );
  const shared =
    qualifiers[0] !== undefined && qualifiers.every((q) => q === qualifiers[0]) ? qualifiers[0] : undefined;
  // AO3 writes "Castiel/Dean Winchester": a disambiguator not shared by every name is left out.
  const bare = names.map(withoutQualifier);
  const ordered = romantic ? [...bare].sort((a, b) => a.localeCompare(b, "en")) : bare;
  const joined = ordered.join(romantic ? "/" : " & ");
  return shared === undefined ? joined : `${joined} ${shared}`;
}
