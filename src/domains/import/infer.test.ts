// Suggestions from the story text (docs/import-format.md, "Suggestions from the text"): fandoms,
// characters, a rating and warnings, each with its evidence and a confidence below 1.
import { describe, expect, it } from "vitest";
import { guessCharacters, guessFandoms, guessRating, guessWarnings, scanText } from "./infer.js";
import { fandomKnowledge, nameKey, type KnownFandom } from "./knowledge/fandom-knowledge.js";

const kb = fandomKnowledge();
const fandom = (name: string): KnownFandom => {
  const found = kb.fandomByKey.get(nameKey(name));
  if (found === undefined) throw new Error(`no fandom ${name} in data/fandoms`);
  return found;
};

const harryPotter = [
  "Harry pushed open the door of the common room. Hermione was already waiting by the fire, a stack of books at her elbow.",
  "“You're late,” Hermione said. “Ron went down to Quidditch practice without you.”",
  "Harry shrugged and dropped into the armchair. Through the window he could see the lights of Hogsmeade and the dark edge of the forest beyond Hogwarts.",
  "“Malfoy was in the corridor again,” he said. “Skulking about near the Slytherin dungeons.”",
  "Hermione frowned. “Draco Malfoy is always skulking. It doesn't mean anything.”",
  "Ron came in later, muddy and cheerful, and told Harry all about the practice.",
];

const originalFiction = [
  "Sam walked to the bakery on the corner, as he did every morning. Mary was already behind the counter.",
  "“The usual?” Mary asked. John, her brother, waved from the back where he was kneading dough.",
  "Sam nodded and paid. Outside, the rain had started again, and Jack was waiting under the awning with two umbrellas.",
  "They walked to the office together, talking about nothing much. Sam liked mornings like this.",
  "At lunch Charlie called to say the meeting had moved, and Sam sighed and went back to his desk.",
];

const crossover = [
  "Harry Potter stepped out of the Floo at 221B Baker Street, brushing soot from his robes. Sherlock Holmes did not look up from his microscope.",
  "“You're a wizard,” Sherlock said flatly. “Obviously. The soot, the wand, the Hogwarts scarf.”",
  "John Watson came in with two mugs of tea and stopped dead. “Sherlock, there is a man in our fireplace.”",
  "Harry grinned. “Hermione said you'd be difficult. Dumbledore wanted me to come anyway.”",
  "Sherlock finally looked up. Harry met his eyes. John set the tea down very carefully.",
  "“Scotland Yard can't help with this,” Harry said. “The Ministry of Magic sent me.”",
];

describe("scanText and guessFandoms", () => {
  it("finds Harry Potter in a passage full of its characters and places, with the words as evidence", () => {
    const guesses = guessFandoms(scanText(kb, harryPotter));
    expect(guesses.map((g) => g.fandom.fandom)).toEqual(["Harry Potter - J. K. Rowling"]);
    expect(guesses[0]!.evidence).toMatch(/Harry ×3/u);
    expect(guesses[0]!.evidence).toMatch(/Hermione ×3/u);
  });

  it("counts mentions per character and paragraph", () => {
    const scan = scanText(kb, harryPotter);
    const hermione = [...scan.mentions.entries()].find(([c]) => c.name === "Hermione Granger");
    expect(hermione?.[1].count).toBe(3);
    expect(scan.paragraphs).toHaveLength(harryPotter.length);
    const inHp = [...scan.paragraphs[0]!.characters].filter((c) => c.fandom === fandom("Harry Potter"));
    expect(inHp.map((c) => c.name).sort()).toEqual(["Harry Potter", "Hermione Granger"]);
    expect(scan.keywords.get(fandom("Harry Potter"))?.get("Hogwarts")).toBe(1);
    expect(scan.tokens).toBeGreaterThan(90);
  });

  it("finds nothing in original fiction with common first names", () => {
    expect(guessFandoms(scanText(kb, originalFiction))).toEqual([]);
  });

  it("finds nothing in an empty text", () => {
    expect(guessFandoms(scanText(kb, []))).toEqual([]);
  });

  it("finds both fandoms of a crossover whose characters are both frequent", () => {
    const names = guessFandoms(scanText(kb, crossover)).map((g) => g.fandom.fandom);
    expect(names).toHaveLength(2);
    expect(names).toEqual(expect.arrayContaining(["Harry Potter - J. K. Rowling", "Sherlock (TV)"]));
  });
});

describe("guessCharacters", () => {
  const hp = fandom("Harry Potter");

  it("suggests the characters of the fandom mentioned at least three times, most first, with evidence", () => {
    const characters = guessCharacters(scanText(kb, harryPotter), [hp]);
    expect(characters.map((c) => c.name)).toEqual(["Harry Potter", "Hermione Granger"]);
    expect(characters[0]).toMatchObject({ source: "inferred", evidence: "Harry ×3" });
    for (const c of characters) {
      expect(c.confidence).toBeGreaterThan(0);
      expect(c.confidence).toBeLessThan(1);
    }
  });

  it("leaves out a character mentioned only twice by first name", () => {
    const twice = ["Harry and Ron went to Hogwarts.", "Harry laughed at Ron.", "Harry slept."];
    expect(guessCharacters(scanText(kb, twice), [hp]).map((c) => c.name)).toEqual(["Harry Potter"]);
    const thrice = [...twice, "Ron snored."];
    expect(guessCharacters(scanText(kb, thrice), [hp]).map((c) => c.name)).toEqual([
      "Harry Potter",
      "Ron Weasley",
    ]);
  });

  it("suggests only characters of the given fandoms", () => {
    expect(guessCharacters(scanText(kb, harryPotter), [fandom("Supernatural")])).toEqual([]);
    expect(guessCharacters(scanText(kb, harryPotter), [])).toEqual([]);
  });
});

describe("guessRating", () => {
  it("suggests Explicit for explicit sexual content", () => {
    const rating = guessRating(
      "He kissed her and moaned her name, his erection pressing against her thigh. She reached for the lube, and he thrust into her until she orgasmed.",
    );
    expect(rating).toMatchObject({ name: "Explicit", source: "inferred" });
    expect(rating!.confidence).toBeLessThan(1);
    expect(rating!.evidence).toMatch(/erection/u);
  });

  it("suggests Mature for sexual content that isn't explicit", () => {
    expect(
      guessRating("They undressed slowly in the dark. Naked, she moaned softly against his shoulder."),
    ).toMatchObject({ name: "Mature", source: "inferred" });
  });

  it("suggests nothing for a clean text", () => {
    expect(
      guessRating(
        "They had tea and talked about the weather. It was a lovely day in the garden, and the roses bloomed.",
      ),
    ).toBeUndefined();
    expect(guessRating("")).toBeUndefined();
  });
});

describe("guessWarnings", () => {
  const harry = [{ name: "Harry Potter", words: ["Harry"] }];

  it("suggests Major Character Death when a main character dies", () => {
    expect(guessWarnings("In the end Harry died in the rubble, and nobody could save him.", harry)).toEqual([
      { name: "Major Character Death", source: "inferred", confidence: 0.6, evidence: "Harry died" },
    ]);
    expect(guessWarnings("At Harry's funeral, everyone cried.", harry)).toMatchObject([
      { name: "Major Character Death", evidence: "Harry's funeral" },
    ]);
  });

  it("suggests nothing when someone else dies or nobody does", () => {
    expect(guessWarnings("Harry laughed all day.", harry)).toEqual([]);
    expect(guessWarnings("The spider died. Harry laughed.", harry)).toEqual([]);
    expect(guessWarnings("In the end Harry died in the rubble.", [])).toEqual([]);
  });

  it("suggests Graphic Depictions Of Violence for graphic violence", () => {
    expect(
      guessWarnings(
        "Entrails everywhere. Blood sprayed across the wall; he was decapitated and then mutilated.",
        [],
      ),
    ).toMatchObject([{ name: "Graphic Depictions Of Violence", source: "inferred" }]);
    expect(guessWarnings("He punched the wall.", [])).toEqual([]);
  });
});
