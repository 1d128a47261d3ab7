// The words that tell a romance from a friendship or a family (relationship-cues.ts), as the
// relationship inference reads them: lower-case words, one sentence at a time.
import { describe, expect, it } from "vitest";
import { cuesAt, type Cue } from "./relationship-cues.js";

/** Every cue of a sentence, as infer.ts collects them (a cue's words are not read again). */
function cuesOf(sentence: string): Cue[] {
  const words = sentence
    .toLowerCase()
    .split(/[^\p{L}'’]+/u)
    .filter((w) => w !== "");
  const out: Cue[] = [];
  for (let i = 0; i < words.length; i++) {
    const found = cuesAt(words, i);
    out.push(...found);
    if (found.length > 0) i += Math.max(...found.map((c) => c.length)) - 1;
  }
  return out;
}

const romance = (sentence: string): Cue[] => cuesOf(sentence).filter((c) => c.kind === "romance");

describe("cuesAt", () => {
  it("reads a kiss as unmistakable, a kiss on the lips as more, and one on the cheek as tender", () => {
    expect(romance("He kissed her.")).toMatchObject([{ phrase: "kissed", points: 2, strong: true }]);
    expect(romance("She kissed him on the mouth.")).toMatchObject([{ points: 3, strong: true }]);
    expect(romance("She kissed his cheek and left.")).toMatchObject([{ points: 1, strong: false }]);
    expect(romance("Katara kissed the top of his head.")).toMatchObject([{ points: 1, strong: false }]);
  });

  it("finds phrases before their words: “in love”, not “love”", () => {
    expect(romance("I think I've been in love with you since the summer")).toMatchObject([
      { phrase: "in love", points: 3, strong: true },
    ]);
    expect(romance("I love you")).toMatchObject([{ phrase: "love you", strong: false }]);
  });

  it("counts nothing after not, never, could and the like", () => {
    expect(romance("It's not a date, Sherlock")).toEqual([]);
    expect(romance("I'm not his date")).toEqual([]);
    expect(romance("He had never kissed anyone")).toEqual([]);
    expect(romance("I could kiss you")).toEqual([]);
    expect(romance("Who said they didn't kiss")).toEqual([]);
  });

  it("takes romance back for “not like that” and “like a brother”, and calls it friendship", () => {
    expect(cuesOf("It was not like that")).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "romance", points: -2 }),
        expect.objectContaining({ kind: "friendship", points: 1 }),
      ]),
    );
    expect(cuesOf("He loved him like a brother").map((c) => [c.kind, c.points])).toEqual(
      expect.arrayContaining([
        ["romance", -2],
        ["friendship", 1],
      ]),
    );
  });

  it("says which partners a role word needs: the role's, and whose it is", () => {
    expect(romance("He loved his wife")).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ phrase: "wife", needs: "f", owner: "m", strong: true }),
      ]),
    );
    expect(romance("Oz was her boyfriend")).toMatchObject([{ phrase: "boyfriend", needs: "m", owner: "f" }]);
    expect(romance("I want a wife")).toMatchObject([{ phrase: "wife", needs: "f", owner: null }]);
    expect(romance("They were married in the autumn")).toMatchObject([
      { phrase: "married", needs: null, owner: null },
    ]);
  });

  it("reads holding someone's hand as tender, but not a hand held out to shake or to help up", () => {
    expect(romance("Ron was holding Hermione's hand")).toMatchObject([{ phrase: "holding hands" }]);
    expect(romance("He took both her hands in his")).toMatchObject([{ phrase: "holding hands" }]);
    expect(romance("She held out her hand, very formally")).toEqual([]);
    expect(romance("Kageyama held out his hand and hauled him up")).toEqual([]);
  });

  it("tells friendship and siblings apart", () => {
    expect(cuesOf("You're my best friend")).toMatchObject([{ kind: "friendship", strong: true }]);
    expect(cuesOf("his brother")).toMatchObject([{ kind: "family" }]);
    expect(cuesOf("The dog ran across the field")).toEqual([]);
  });
});
