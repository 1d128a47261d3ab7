// Suggestions from the story text (docs/import-format.md, "Suggestions from the text"): fandoms,
// characters, relationships, a rating and warnings, each with its evidence and a confidence below 1.
import { describe, expect, it } from "vitest";
import {
  guessCharacters,
  guessFandoms,
  guessRating,
  guessWarnings,
  scanText,
  sentencesIn,
  sentencesOf,
} from "./infer.js";
import { guessRelationships, scorePairs, type PairScore } from "./infer-relationships.js";
import {
  fandomKnowledge,
  indexFandoms,
  nameKey,
  type KnownCharacter,
  type KnownFandom,
} from "./knowledge/fandom-knowledge.js";
import { readFic } from "./read-fic.js";

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
  it("finds “Dr. Strange” when another alias starts “Dr”, “Mr. Darcy” once under both spellings, and a possessive setting word", () => {
    const small = indexFandoms([
      {
        fandom: "Doctors",
        aliases: [],
        medium: "books",
        keywords: ["Devil's Trap"],
        characters: [
          { name: "Stephen Strange", aliases: ["Dr. Strange"], gender: "m" },
          { name: "John Watson", aliases: ["Dr Watson"], gender: "m" },
          { name: "Fitzwilliam Darcy", aliases: ["Mr Darcy", "Mr. Darcy"], gender: "m" },
        ],
        relationships: [],
      },
    ]);
    const scan = scanText(small, [
      "Dr. Strange drew a devil's trap. Dr Watson frowned. Mr. Darcy bowed; Dr. Watson didn't.",
    ]);
    const words = new Map([...scan.mentions].map(([c, m]) => [c.name, Object.fromEntries(m.words)]));
    expect(Object.fromEntries(words)).toEqual({
      "Stephen Strange": { "Dr. Strange": 1 },
      "John Watson": { "Dr Watson": 1, "Dr. Watson": 1 },
      "Fitzwilliam Darcy": { "Mr. Darcy": 1 },
    });
    expect(Object.fromEntries([...scan.keywords.values()][0] ?? [])).toEqual({ "Devil's Trap": 1 });
  });

  it("finds an alias whose first word ends in a full stop, and one written possessive", () => {
    const small = indexFandoms([
      {
        fandom: "Baker Street",
        aliases: [],
        medium: "books",
        keywords: ["Baker Street"],
        characters: [{ name: "Martha Hudson", aliases: ["Mrs. Hudson"], gender: "f" }],
        relationships: [],
      },
    ]);
    const scan = scanText(small, [
      "Mrs. Hudson brought tea. Martha Hudson's tray rattled on Baker Street's stairs.",
    ]);
    const hudson = [...scan.mentions.values()][0];
    expect(Object.fromEntries(hudson?.words ?? [])).toEqual({ "Mrs. Hudson": 1, "Martha Hudson's": 1 });
    expect(Object.fromEntries([...scan.keywords.values()][0] ?? [])).toEqual({ "Baker Street": 1 });
    // Read again sentence by sentence, for relationships: the same aliases name her.
    expect(sentencesIn(scan).map((s) => s.named.map((c) => c.name))).toEqual([
      ["Martha Hudson"],
      ["Martha Hudson"],
    ]);
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
  it("reads “ſ” as an “s” in the content patterns, as Unicode case folding does", () => {
    expect(guessRating("They were naked. The ſex was slow.")).toMatchObject({ name: "Mature" });
    expect(guessRating("They were naked. The sex was slow.")).toMatchObject({ name: "Mature" });
    expect(guessRating("They were naked. The Kex was slow.")).toBeUndefined();
  });

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

/** What the inference suggests for a story, as assemble.ts asks it: fandoms, then characters, then relationships. */
function relationshipsOf(paragraphs: string[]) {
  const scan = scanText(kb, paragraphs);
  const fandoms = guessFandoms(scan).map((g) => g.fandom);
  return guessRelationships(scan, fandoms, guessCharacters(scan, fandoms));
}

function pairOf(paragraphs: string[], names: string[]): (a: string, b: string) => PairScore {
  const scan = scanText(kb, paragraphs);
  const leads = names.map((n) => [...scan.mentions.keys()].find((c) => c.name === n)!);
  const pairs = scorePairs(scan, leads);
  return (a, b) => pairs.find((p) => p.characters.every((c: KnownCharacter) => [a, b].includes(c.name)))!;
}

describe("sentencesOf", () => {
  it("splits after . ! ? and closing quotation marks, not after “Mr.” or an initial", () => {
    const sentences = sentencesOf(
      "Mr. Darcy bowed. “You came!” she said. A. Z. Fell opened the shop? Yes… It was S.H.I.E.L.D. business.",
    ).map((s) => s.tokens.join(" "));
    expect(sentences).toEqual([
      "Mr. Darcy bowed.",
      "You came she said.",
      "A. Z. Fell opened the shop",
      "Yes",
      "It was S.H.I.E.L.D. business.",
    ]);
  });

  it("keeps an empty sentence before a quotation when the paragraph starts with a full stop", () => {
    expect(sentencesOf("… “Hi.” Bye.").map((s) => s.tokens)).toEqual([[], ["Hi."], ["Bye."]]);
  });

  it("marks the words inside quotation marks, also when a quotation runs over several sentences", () => {
    const [first, second, third] = sentencesOf("“I know. Ginny told me.” He smiled.");
    expect(first!.marks.every((m) => (m & 1) === 1)).toBe(true);
    expect(second!.marks.every((m) => (m & 1) === 1)).toBe(true);
    expect(third!.marks.every((m) => (m & 1) === 0)).toBe(true);
  });
});

describe("scorePairs", () => {
  it("credits a kiss told in pronouns to the two the scene is about", () => {
    const pair = pairOf(
      [
        "Harry Potter and Hermione Granger waited by the fire in the Gryffindor common room at Hogwarts.",
        "Ron Weasley came in late, muddy from Quidditch practice.",
        "He kissed her.",
      ],
      ["Harry Potter", "Hermione Granger", "Ron Weasley"],
    );
    expect(pair("Ron Weasley", "Hermione Granger").romance).toBeGreaterThan(1);
    expect(pair("Ron Weasley", "Hermione Granger").strong).toBe(1);
    expect(pair("Harry Potter", "Hermione Granger").romance).toBeLessThan(
      pair("Ron Weasley", "Hermione Granger").romance / 2,
    );
  });

  it("gives a role word to a third character the sentence names, and only to a pair it fits", () => {
    const pair = pairOf(
      [
        "Willow Rosenberg sat on the swings in Sunnydale with Xander Harris.",
        "Willow talked to Xander about the Hellmouth and the Bronze and Giles and the library.",
        "Oz was her boyfriend, and Oz was in the van tonight.",
        "Xander swung higher. Oz would pick her up at midnight.",
      ],
      ["Willow Rosenberg", "Xander Harris", "Oz (Buffyverse)"],
    );
    expect(pair("Willow Rosenberg", "Oz (Buffyverse)").words.get("boyfriend")).toBeGreaterThan(0.5);
    expect(pair("Willow Rosenberg", "Xander Harris").words.get("boyfriend") ?? 0).toBeLessThan(0.3);
    expect(pair("Xander Harris", "Oz (Buffyverse)").words.get("boyfriend") ?? 0).toBeLessThan(0.3);
  });

  it("counts nothing for a date that isn't one, and friendship for friends", () => {
    const pair = pairOf(
      [
        "Sherlock Holmes and John Watson sat at Angelo's in Baker Street with a candle between them.",
        "“I'm not his date,” John said. “It's not a date, Sherlock.”",
        "“You're my best friend,” said Sherlock. “My only friend.”",
        "John laughed. Sherlock did not.",
      ],
      ["Sherlock Holmes", "John Watson"],
    );
    expect(pair("Sherlock Holmes", "John Watson")).toMatchObject({ romance: 0, strongFriendship: 1 });
    expect(pair("Sherlock Holmes", "John Watson").friendship).toBeGreaterThan(2);
  });
});

describe("guessRelationships", () => {
  const hermioneAndRon = [
    "The Gryffindor common room at Hogwarts was quiet. Hermione Granger sat by the fire with her books.",
    "Ron Weasley came down the stairs and sat beside her, and Harry Potter went up to bed.",
    "Ron said nothing for a long time. Then he took her hand.",
    "“I've been in love with you since the Yule Ball,” he said.",
    "Hermione looked at him. Then she kissed him, and he kissed her back.",
    "Ron laughed. Hermione laughed too, and did not let go of his hand.",
  ];

  it("suggests the knowledge base's name for a romance told in pronouns, with its evidence", () => {
    const [tag, ...rest] = relationshipsOf(hermioneAndRon);
    expect(rest).toEqual([]);
    expect(tag).toMatchObject({ name: "Hermione Granger/Ron Weasley", source: "inferred" });
    expect(tag!.evidence).toMatch(/Hermione Granger and Ron Weasley romantic: .*“kissed”/u);
    expect(tag!.evidence).toMatch(/a known pairing/u);
    expect(tag!.confidence).toBeGreaterThan(0.4);
    expect(tag!.confidence).toBeLessThan(1);
  });

  it("names a pair the knowledge base doesn't know by AO3's rule, and needs more for it", () => {
    const story = [
      "Neville Longbottom worked late in the greenhouses at Hogwarts, and Luna Lovegood came to help.",
      "Luna talked to the Venomous Tentacula until it uncurled. Neville watched her.",
      "“I think I'm in love with you,” Neville said.",
      "Luna smiled, and kissed him.",
      "Neville kissed her back, and Luna laughed.",
    ];
    expect(relationshipsOf(story).map((t) => t.name)).toEqual(["Luna Lovegood/Neville Longbottom"]);
    // One kiss is enough for a known pairing, not for an unknown one.
    expect(relationshipsOf(story.slice(0, 2).concat("Luna kissed Neville once, and went home."))).toEqual([]);
  });

  it("suggests nothing for rivals who grab and glare, or brothers who hug", () => {
    const rivals = [
      "Hinata Shouyou and Kageyama Tobio were thrown out of the gym at Karasuno on their first day.",
      "Kageyama grabbed Hinata by the collar. “Jump higher, dumbass!” Hinata's heart was pounding.",
      "Hinata glared at Kageyama. Kageyama glared at Hinata. Daichi sighed.",
      "Kageyama held out his hand and hauled Hinata up off the floor. They shook on it.",
    ];
    const brothers = [
      "Dean Winchester drove the Impala through Kansas while Sam Winchester slept.",
      "Sam woke up. Dean hugged his brother hard and held his hand on Sam's shoulder.",
      "“I love you, man,” Dean said. “You're my brother.” Sam laughed.",
      "Dean kissed the top of Sam's head, and Sam shoved him off.",
    ];
    expect(relationshipsOf(rivals)).toEqual([]);
    expect(relationshipsOf(brothers)).toEqual([]);
  });

  it("suggests friends “A & B” when the story keeps calling them best friends", () => {
    const friends = [
      "Willow Rosenberg and Xander Harris sat on the swings in Sunnydale, where they had been best friends since kindergarten.",
      "“You're my best friend,” Xander said. “You've been my best friend since the purple dinosaur.”",
      "Willow hugged him. “I love you, Xander. Not like that. Like family.”",
      "“Best friends,” said Xander. “Forever.” Willow laughed and swung higher.",
    ];
    expect(relationshipsOf(friends)).toMatchObject([
      { name: "Willow Rosenberg & Xander Harris", source: "inferred" },
    ]);
    expect(relationshipsOf(friends)[0]!.evidence).toMatch(/friends: .*“best friend”/u);
  });

  it("suggests nothing when the author declared a relationship", async () => {
    const text = ["Title: Common Room", "Pairing: Ginny/Harry", "", ...hermioneAndRon].join("\n\n");
    const { result } = await readFic("story.txt", new TextEncoder().encode(text), {
      limits: { maxBytes: 1_000_000, maxUnzippedBytes: 1_000_000, maxZipEntries: 10_000, timeLimitMs: 5_000 },
    });
    expect(result.relationships).toMatchObject([{ name: "Ginny Weasley/Harry Potter", source: "declared" }]);
  });
});
