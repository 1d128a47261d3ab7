// Checks every file of the fandom knowledge base (data/fandoms/*.json) against the format in
// docs/fandom-knowledge.md, so that a contributor's new file fails here rather than in the importer.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const dataDir = new URL("../../../../data/fandoms/", import.meta.url);
const files = readdirSync(dataDir)
  .filter((f) => f.endsWith(".json"))
  .sort();

const MEDIA = ["books", "film", "tv", "anime", "games", "comics"];
const GENDERS = ["m", "f", "nb", "other"];
const KINDS = ["romantic", "platonic"];
const FANDOM_KEYS = ["aliases", "characters", "fandom", "keywords", "medium", "relationships"];
const CHARACTER_KEYS = ["aliases", "gender", "name"];
const RELATIONSHIP_KEYS = ["aliases", "characters", "kind", "name"];

interface Character {
  name: string;
  aliases: string[];
  gender: string;
}
interface Relationship {
  name: string;
  characters: string[];
  kind: string;
  aliases: string[];
}
interface Fandom {
  fandom: string;
  aliases: string[];
  medium: string;
  keywords: string[];
  characters: Character[];
  relationships: Relationship[];
}

function load(file: string): unknown {
  return JSON.parse(readFileSync(new URL(file, dataDir), "utf8"));
}

const keysOf = (value: unknown): string[] =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? Object.keys(value).sort() : [];

const isName = (value: unknown): value is string =>
  typeof value === "string" && value.length > 0 && value === value.trim() && !/\s{2}/.test(value);

const isNameList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isName);

// "Castiel (Supernatural)" → ["Castiel", "Supernatural"]; "Dean Winchester" → ["Dean Winchester", null].
function splitDisambiguator(name: string): [string, string | null] {
  const m = /^(.*) \(([^()]+)\)$/.exec(name);
  return m && m[1] && m[2] ? [m[1], m[2]] : [name, null];
}

const byName = (a: string, b: string): number => a.localeCompare(b, "en");

/**
 * The names a relationship between a and b may carry. Romantic: the two names sorted and joined with
 * "/"; platonic: joined with " & " in the listed order. A disambiguator may be dropped ("Castiel/Dean
 * Winchester", as AO3 writes it), and one both names share is written once at the end
 * ("Aziraphale/Crowley (Good Omens)").
 */
function relationshipNames(a: string, b: string, kind: string): string[] {
  const join = (x: string, y: string): string => {
    if (kind === "platonic") return `${x} & ${y}`;
    return [x, y].sort(byName).join("/");
  };
  const [baseA, disA] = splitDisambiguator(a);
  const [baseB, disB] = splitDisambiguator(b);
  const formsA = disA ? [a, baseA] : [a];
  const formsB = disB ? [b, baseB] : [b];
  const names = formsA.flatMap((x) => formsB.map((y) => join(x, y)));
  if (disA && disA === disB) names.push(`${join(baseA, baseB)} (${disA})`);
  return names;
}

describe("relationshipNames", () => {
  it("sorts romantic names, keeps platonic order and writes a shared disambiguator once", () => {
    expect(relationshipNames("Harry Potter", "Draco Malfoy", "romantic")).toEqual([
      "Draco Malfoy/Harry Potter",
    ]);
    expect(relationshipNames("Harry Potter", "Ron Weasley", "platonic")).toEqual([
      "Harry Potter & Ron Weasley",
    ]);
    expect(relationshipNames("Thor (Marvel)", "Loki (Marvel)", "romantic")).toContain("Loki/Thor (Marvel)");
    expect(relationshipNames("Castiel (Supernatural)", "Dean Winchester", "romantic")).toContain(
      "Castiel/Dean Winchester",
    );
    expect(relationshipNames("Faramir", "Éowyn", "romantic")).toEqual(["Éowyn/Faramir"]);
  });
});

describe("the fandom knowledge base", () => {
  it("has at least 25 fandoms in at least 4 media", () => {
    const media = new Set(files.map((f) => (load(f) as { medium?: unknown }).medium));
    expect(files.length).toBeGreaterThanOrEqual(25);
    expect(media.size).toBeGreaterThanOrEqual(4);
  });

  it("names each fandom once across all files, aliases included", () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const file of files) {
      const data = load(file) as Partial<Fandom>;
      for (const n of [data.fandom, ...(data.aliases ?? [])]) {
        if (typeof n !== "string") continue;
        const key = n.toLowerCase();
        const other = owner.get(key);
        if (other && other !== file) clashes.push(`"${n}" in ${other} and ${file}`);
        owner.set(key, file);
      }
    }
    expect(clashes).toEqual([]);
  });
});

describe.each(files)("%s", (file) => {
  const raw = readFileSync(new URL(file, dataDir), "utf8");

  it("is valid JSON with a slug file name", () => {
    expect(file).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.json$/);
    expect(() => JSON.parse(raw)).not.toThrow();
  });

  it("has exactly the format's keys and types", () => {
    const data = JSON.parse(raw) as Fandom;
    expect(keysOf(data)).toEqual(FANDOM_KEYS);
    expect(isName(data.fandom)).toBe(true);
    expect(isNameList(data.aliases)).toBe(true);
    expect(MEDIA).toContain(data.medium);
    expect(isNameList(data.keywords)).toBe(true);
    expect(Array.isArray(data.characters)).toBe(true);
    expect(Array.isArray(data.relationships)).toBe(true);
    for (const c of data.characters) {
      expect(keysOf(c), JSON.stringify(c)).toEqual(CHARACTER_KEYS);
      expect(isName(c.name), JSON.stringify(c)).toBe(true);
      expect(isNameList(c.aliases), JSON.stringify(c)).toBe(true);
      expect(GENDERS, c.name).toContain(c.gender);
    }
    for (const r of data.relationships) {
      expect(keysOf(r), JSON.stringify(r)).toEqual(RELATIONSHIP_KEYS);
      expect(isName(r.name), JSON.stringify(r)).toBe(true);
      expect(isNameList(r.characters), JSON.stringify(r)).toBe(true);
      expect(KINDS, r.name).toContain(r.kind);
      expect(isNameList(r.aliases), JSON.stringify(r)).toBe(true);
    }
  });

  it("has 8–25 keywords and 15–60 characters with unique names", () => {
    const data = JSON.parse(raw) as Fandom;
    expect(data.keywords.length).toBeGreaterThanOrEqual(8);
    expect(data.keywords.length).toBeLessThanOrEqual(25);
    expect(data.characters.length).toBeGreaterThanOrEqual(15);
    expect(data.characters.length).toBeLessThanOrEqual(60);
    const names = data.characters.map((c) => c.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it("gives no name or alias to two characters", () => {
    const data = JSON.parse(raw) as Fandom;
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const c of data.characters) {
      for (const n of new Set([c.name, ...c.aliases].map((x) => x.toLowerCase()))) {
        const other = owner.get(n);
        if (other !== undefined) clashes.push(`"${n}": ${other} and ${c.name}`);
        else owner.set(n, c.name);
      }
    }
    expect(clashes).toEqual([]);
  });

  it("has 3–15 relationships between its own characters, named as AO3 names them", () => {
    const data = JSON.parse(raw) as Fandom;
    expect(data.relationships.length).toBeGreaterThanOrEqual(3);
    expect(data.relationships.length).toBeLessThanOrEqual(15);
    const names = new Set(data.characters.map((c) => c.name));
    for (const r of data.relationships) {
      expect(r.characters, r.name).toHaveLength(2);
      const [a = "", b = ""] = r.characters;
      expect(a, r.name).not.toBe(b);
      expect(names.has(a), `${r.name}: unknown character "${a}"`).toBe(true);
      expect(names.has(b), `${r.name}: unknown character "${b}"`).toBe(true);
      expect(relationshipNames(a, b, r.kind), r.name).toContain(r.name);
    }
    const keys = data.relationships.map((r) => `${r.kind} ${r.name}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });
});
