// Declared names onto canonical ones through the shipped fandom knowledge base
// (docs/import-format.md, "Pairings and categories").
import { describe, expect, it } from "vitest";
import { fandomKnowledge, nameKey, type KnownFandom } from "./knowledge/fandom-knowledge.js";
import {
  relationshipName,
  resolveCharacter,
  resolveFandom,
  resolveRelationship,
  splitPairing,
} from "./resolve-names.js";

const kb = fandomKnowledge();
const fandom = (name: string): KnownFandom => {
  const found = kb.fandomByKey.get(nameKey(name));
  if (found === undefined) throw new Error(`no fandom ${name} in data/fandoms`);
  return found;
};
const hp = fandom("Harry Potter");
const spn = fandom("Supernatural");
const sherlock = fandom("Sherlock");

describe("relationshipName", () => {
  it("sorts romantic names alphabetically and joins them with /", () => {
    expect(relationshipName(["Harry Potter", "Draco Malfoy"], true)).toBe("Draco Malfoy/Harry Potter");
    expect(relationshipName(["Draco Malfoy", "Harry Potter"], true)).toBe("Draco Malfoy/Harry Potter");
    expect(relationshipName(["Sherlock Holmes", "John Watson"], true)).toBe("John Watson/Sherlock Holmes");
  });

  it("keeps platonic names in their order, joined with &", () => {
    expect(relationshipName(["Sam Winchester", "Dean Winchester"], false)).toBe(
      "Sam Winchester & Dean Winchester",
    );
    expect(relationshipName(["Dean Winchester", "Sam Winchester"], false)).toBe(
      "Dean Winchester & Sam Winchester",
    );
  });

  it("writes a disambiguator both names share once, at the end", () => {
    expect(relationshipName(["Crowley (Good Omens)", "Aziraphale (Good Omens)"], true)).toBe(
      "Aziraphale/Crowley (Good Omens)",
    );
    expect(relationshipName(["Aziraphale (Good Omens)", "Crowley (Good Omens)"], false)).toBe(
      "Aziraphale & Crowley (Good Omens)",
    );
  });

  it("leaves out a disambiguator not every name shares, as AO3 writes it", () => {
    expect(relationshipName(["Dean Winchester", "Castiel (Supernatural)"], true)).toBe(
      "Castiel/Dean Winchester",
    );
  });

  it("joins more than two names", () => {
    expect(relationshipName(["Ron Weasley", "Harry Potter", "Hermione Granger"], true)).toBe(
      "Harry Potter/Hermione Granger/Ron Weasley",
    );
  });
});

describe("splitPairing", () => {
  it.each([
    ["Draco/Harry", ["Draco", "Harry"], true],
    ["Draco / Harry", ["Draco", "Harry"], true],
    ["Draco x Harry", ["Draco", "Harry"], true],
    ["Draco X Harry", ["Draco", "Harry"], true],
    ["DracoxHarry", ["Draco", "Harry"], true],
    ["SasukeXNaruto", ["Sasuke", "Naruto"], true],
    ["Draco+Harry", ["Draco", "Harry"], true],
    ["Sam&Dean", ["Sam", "Dean"], false],
    ["Sam & Dean", ["Sam", "Dean"], false],
    ["Sam and Dean", ["Sam", "Dean"], false],
    ["Harry P./Draco M.", ["Harry P.", "Draco M."], true],
    ["Harry/Hermione/Ron", ["Harry", "Hermione", "Ron"], true],
  ])("splits %j into %j (romantic: %s)", (written, names, romantic) => {
    expect(splitPairing(written)).toEqual({ names, romantic });
  });

  it.each(["Alex", "Xander", "Roxanne", "Max x", "maxine"])(
    "does not split the single name %j",
    (written) => {
      expect(splitPairing(written)).toBeUndefined();
    },
  );
});

describe("resolveRelationship through the knowledge base", () => {
  it.each(["Drarry", "drarry", "Harco"])("maps the portmanteau %j to its relationship", (written) => {
    expect(resolveRelationship(kb, written, [])).toEqual({
      name: "Draco Malfoy/Harry Potter",
      characters: ["Draco Malfoy", "Harry Potter"],
      romantic: true,
      known: true,
    });
  });

  it.each([
    "DracoxHarry",
    "Harry/Draco",
    "Harry x Draco",
    "Draco / Harry",
    "Harry P./Draco M.",
    "Potter/Malfoy",
  ])("maps %j in Harry Potter to Draco Malfoy/Harry Potter", (written) => {
    expect(resolveRelationship(kb, written, [hp])).toMatchObject({
      name: "Draco Malfoy/Harry Potter",
      romantic: true,
      known: true,
    });
  });

  it("maps full canonical names and FanFiction.Net's abbreviations without a fandom", () => {
    expect(resolveRelationship(kb, "Draco Malfoy/Harry Potter", [])?.name).toBe("Draco Malfoy/Harry Potter");
    expect(resolveRelationship(kb, "Harry P./Draco M.", [])?.name).toBe("Draco Malfoy/Harry Potter");
  });

  it("maps Johnlock", () => {
    expect(resolveRelationship(kb, "Johnlock", [])).toEqual({
      name: "John Watson/Sherlock Holmes",
      characters: ["John Watson", "Sherlock Holmes"],
      romantic: true,
      known: true,
    });
    expect(resolveRelationship(kb, "Sherlock/John", [sherlock])?.name).toBe("John Watson/Sherlock Holmes");
  });

  it("gives a platonic pair the knowledge base's name (Sam & Dean in Supernatural)", () => {
    expect(resolveRelationship(kb, "Sam & Dean", [spn])).toEqual({
      name: "Dean Winchester & Sam Winchester",
      characters: ["Dean Winchester", "Sam Winchester"],
      romantic: false,
      known: true,
    });
    expect(resolveRelationship(kb, "Dean and Sam", [spn])?.name).toBe("Dean Winchester & Sam Winchester");
  });

  it("keeps a platonic pair the knowledge base doesn't name in the order written", () => {
    expect(resolveRelationship(kb, "Jo & Bobby", [spn])).toMatchObject({
      name: "Jo Harvelle & Bobby Singer",
      romantic: false,
    });
    expect(resolveRelationship(kb, "Bobby and Jo", [spn])?.name).toBe("Bobby Singer & Jo Harvelle");
  });

  it("keeps romantic and platonic pairs of the same characters apart", () => {
    expect(resolveRelationship(kb, "Sam/Dean", [spn])?.name).toBe("Dean Winchester/Sam Winchester");
    expect(resolveRelationship(kb, "Harry & Draco", [hp])).toMatchObject({
      name: "Harry Potter & Draco Malfoy",
      romantic: false,
    });
  });

  it("leaves names it doesn't know as written, sorted for a romantic pair", () => {
    expect(resolveRelationship(kb, "Zoe/Adam Smith", [])).toEqual({
      name: "Adam Smith/Zoe",
      characters: ["Zoe", "Adam Smith"],
      romantic: true,
      known: false,
    });
  });

  it("leaves a first name several fandoms share as written when no fandom is known", () => {
    expect(resolveRelationship(kb, "Sam & Dean", [])).toMatchObject({ name: "Sam & Dean", known: false });
  });

  it("reads a pairing in brackets and refuses an empty one", () => {
    expect(resolveRelationship(kb, "[Drarry]", [])?.name).toBe("Draco Malfoy/Harry Potter");
    expect(resolveRelationship(kb, "  ", [])).toBeUndefined();
    expect(resolveRelationship(kb, "Angst", [])).toBeUndefined();
  });
});

describe("resolveCharacter", () => {
  it("maps first names, surnames, nicknames and FanFiction.Net's 'Harry P.'", () => {
    expect(resolveCharacter(kb, "Harry P.", []).name).toBe("Harry Potter");
    expect(resolveCharacter(kb, "Harry", [hp]).name).toBe("Harry Potter");
    expect(resolveCharacter(kb, "Malfoy", [hp]).name).toBe("Draco Malfoy");
    expect(resolveCharacter(kb, "Padfoot", []).name).toBe("Sirius Black");
    expect(resolveCharacter(kb, "Hermione", []).name).toBe("Hermione Granger");
  });

  it("prefers the characters of the given fandoms", () => {
    expect(resolveCharacter(kb, "Sam", [spn]).name).toBe("Sam Winchester");
    expect(resolveCharacter(kb, "Gabriel", [spn]).name).toBe("Gabriel (Supernatural)");
    expect(resolveCharacter(kb, "Sam", []).name).toBe("Sam");
  });

  it("normalises a name it doesn't know", () => {
    expect(resolveCharacter(kb, "  Original   Girl ", []).name).toBe("Original Girl");
  });
});

describe("resolveFandom", () => {
  it.each(["HP", "hp", "Harry Potter", "Harry Potter - J.K. Rowling"])(
    "maps %j to Harry Potter - J. K. Rowling",
    (w) => {
      expect(resolveFandom(kb, w)).toMatchObject({ name: "Harry Potter - J. K. Rowling", known: hp });
    },
  );

  it("maps other aliases", () => {
    expect(resolveFandom(kb, "SPN").name).toBe("Supernatural (TV 2005)");
    expect(resolveFandom(kb, "BBC Sherlock").name).toBe("Sherlock (TV)");
  });

  it("keeps an unknown fandom as written, normalised", () => {
    expect(resolveFandom(kb, "  My   Original   World ")).toEqual({ name: "My Original World" });
  });
});
