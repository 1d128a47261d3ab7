// Relationships between the leading characters that the story shows romantic (or as friends),
// read sentence by sentence with the pronouns that point to them (docs/import-format.md,
// "Suggestions from the text"). The scan and its sentences come from infer.ts.
/** What the text says about two characters, summed over every sentence that can be about both. */
export interface PairScore {
  characters: [KnownCharacter, KnownCharacter];
  /** Romantic cue points, each weighted by how surely the sentence is about both. */
  romance: number;
  /** Unmistakable romantic cues (a kiss, "in love", "married") surely about both. */
  strong: number;
  friendship: number;
  /** "Best friend", "friendship" and the like, surely about both. */
  strongFriendship: number;
  family: number;
  /** Sentences about both. */
  together: number;
  /** The cue words that counted, with their weighted points. */
  words: Map<string, number>;
}
import type { ImportTag } from "./import-result.js";
import { PRONOUN, sentencesIn, type TextScan } from "./infer.js";
import type { Cue } from "./knowledge/relationship-cues.js";
import { withoutQualifier, type KnownCharacter, type KnownFandom } from "./knowledge/fandom-knowledge.js";
import { relationshipName } from "./resolve-names.js";

/** How fast a character fades from a scene: per sentence, and again at each new paragraph (a lead, slower). */
const FADE_SENTENCE = 0.9;
const FADE_PARAGRAPH = 0.7;
/** The viewpoint character's presence never fades below this. */
const VIEWPOINT = 0.5;
/** A character only talked about in dialogue: as present as this. */
const REPORTED = 0.4;
/** Below this, a character has left the scene: no pronoun points to them. */
const GONE = 0.15;

/**
 * Scores every pair of the given characters from the scan's sentences. Each sentence is about the
 * characters it names and the ones its pronouns point to: "he" to the most present man of the scene
 * (a character's presence fades sentence by sentence, the viewpoint character's never entirely),
 * "he ... him" to two, "I", "you" and "we" to the two most present characters. A cue counts fully
 * for a pair the sentence is about, a little for a pair merely still in the scene, and little when
 * the sentence names a third character instead of one of the two.
 */
export function scorePairs(scan: TextScan, leads: readonly KnownCharacter[]): PairScore[] {
  const pairs: PairScore[] = [];
  for (let a = 0; a < leads.length; a++) {
    for (let b = a + 1; b < leads.length; b++) {
      if (leads[a]!.fandom !== leads[b]!.fandom) continue;
      pairs.push({
        characters: [leads[a]!, leads[b]!],
        romance: 0,
        strong: 0,
        friendship: 0,
        strongFriendship: 0,
        family: 0,
        together: 0,
        words: new Map(),
      });
    }
  }
  if (pairs.length === 0) return pairs;
  // Names another fandom's character shares ("Elizabeth" in Pirates of the Caribbean) are not a third person here.
  const fandoms = new Set(leads.map((c) => c.fandom));
  // The first lead the story names is, most often, the one whose eyes it is told through: always in the scene.
  const sentences = sentencesIn(scan);
  const viewpoint = sentences.flatMap((s) => s.named).find((c) => leads.includes(c));
  // Between two equally present characters, a pronoun points to the viewpoint, then to the one the story names most.
  const most = Math.max(1, ...leads.map((c) => scan.mentions.get(c)?.count ?? 0));
  const weightOf = new Map(
    leads.map((c) => [c, c === viewpoint ? 1.2 : 1 + (0.2 * (scan.mentions.get(c)?.count ?? 0)) / most]),
  );
  const isLead = new Set(leads);
  const sentenceFade = [FADE_SENTENCE, Math.sqrt(FADE_SENTENCE)];
  const paragraphFade = [FADE_PARAGRAPH, Math.sqrt(FADE_PARAGRAPH)];
  const presence = new Map<KnownCharacter, number>();
  const about = new Map<KnownCharacter, number>();
  // The most present characters (of a sex, or any) the sentence isn't already about, most prominent first.
  const inScene = (gender: string | null, count: number): KnownCharacter[] => {
    const best: [KnownCharacter, number][] = [];
    for (const [c, p] of presence) {
      if (p <= GONE || about.has(c) || (gender !== null && c.gender !== gender)) continue;
      const score = p * (weightOf.get(c) ?? 1);
      const at = best.findIndex(([, s]) => score > s);
      best.splice(at < 0 ? best.length : at, 0, [c, score]);
      if (best.length > count) best.pop();
    }
    return best.map(([c]) => c);
  };
  let paragraph = -1;
  for (const sentence of sentences) {
    const fade = sentence.paragraph === paragraph ? sentenceFade : paragraphFade;
    paragraph = sentence.paragraph;
    for (const [c, p] of presence) {
      const faded = p * fade[isLead.has(c) ? 1 : 0]!;
      presence.set(c, c === viewpoint ? Math.max(VIEWPOINT, faded) : faded);
    }
    const named =
      sentence.named.length === 0 ? sentence.named : sentence.named.filter((c) => fandoms.has(c.fandom));
    about.clear();
    // The last one named is the freshest; one only talked about in dialogue may not be there at all.
    named.forEach((c, i) => {
      const reported = sentence.reported.includes(c);
      presence.set(
        c,
        reported ? Math.max(presence.get(c) ?? 0, REPORTED) : 1 - 0.05 * (named.length - 1 - i),
      );
      about.set(c, reported ? REPORTED : 1);
    });
    for (const gender of ["m", "f"] as const) {
      if ((sentence.pronouns & PRONOUN[gender]) === 0) continue;
      // With none named, "he" is the scene's man, "he ... him" two. With a man named, "his" is most
      // likely his own, but "him" is another man ("Steve kissed him"); likewise "kissed her back".
      const namedToo = named.some((c) => c.gender === gender && !sentence.reported.includes(c));
      const two = (sentence.pronouns & PRONOUN[gender === "m" ? "m2" : "f2"]) !== 0;
      // ("He kissed her ... Elizabeth kissed him back": with the other sex in it too, the object is the named one.)
      const other = PRONOUN[gender === "m" ? "f" : "m"];
      const object =
        (sentence.pronouns & PRONOUN[gender === "m" ? "him" : "herObject"]) !== 0 &&
        (sentence.pronouns & other) === 0;
      const hold = !namedToo || object ? 0.85 : 0.35;
      for (const c of inScene(gender, namedToo ? 1 : two ? 2 : 1)) {
        const p = Math.max(presence.get(c)!, hold);
        presence.set(c, p);
        about.set(c, namedToo ? hold : p);
      }
    }
    if ((sentence.pronouns & (PRONOUN.plural | PRONOUN.dialogue)) !== 0 && about.size < 2) {
      // "I love you", "we": the two most present characters, whoever they are.
      inScene(null, 2 - about.size).forEach((c, k) => {
        const p = Math.max(presence.get(c)!, k === 0 ? 0.85 : 0.7);
        presence.set(c, p);
        about.set(c, p);
      });
    }
    if (sentence.cues.length === 0 && named.length < 2) continue;
    // A name said once or twice ("Eleven dollars") is not a third person who takes the cue.
    const others = named.filter((c) => (scan.mentions.get(c)?.count ?? 0) >= 3);
    for (const pair of pairs) {
      const weight = pairWeight(pair.characters, named, others, about, presence);
      if (weight === 0) continue;
      if (weight >= 0.5) pair.together++;
      for (const cue of sentence.cues) {
        if (!fits(pair.characters, cue)) continue;
        const points = cue.points * weight;
        if (cue.kind === "romance") {
          pair.romance += points;
          if (cue.strong && weight >= 0.5) pair.strong++;
        } else if (cue.kind === "friendship") {
          pair.friendship += points;
          if (cue.strong && weight >= 0.5) pair.strongFriendship++;
        } else if (weight >= 0.5) {
          // "Brother", "sister": only when the sentence is surely about these two.
          pair.family += points;
        }
        if (points > 0) pair.words.set(cue.phrase, (pair.words.get(cue.phrase) ?? 0) + points);
      }
    }
  }
  return pairs;
}

/** "Wife" needs a woman in the pair; "her boyfriend" a woman and a man; "his boyfriend" two men. */
function fits(pair: readonly [KnownCharacter, KnownCharacter], cue: Cue): boolean {
  if (cue.needs === null) return true;
  const [a, b] = pair;
  if (cue.owner === null) return a.gender === cue.needs || b.gender === cue.needs;
  return (
    (a.gender === cue.needs && b.gender === cue.owner) || (b.gender === cue.needs && a.gender === cue.owner)
  );
}

/** How surely a sentence is about both characters of a pair: 0 to 1. */
function pairWeight(
  pair: readonly [KnownCharacter, KnownCharacter],
  named: readonly KnownCharacter[],
  others: readonly KnownCharacter[],
  about: ReadonlyMap<KnownCharacter, number>,
  presence: ReadonlyMap<KnownCharacter, number>,
): number {
  const one = (c: KnownCharacter): number => about.get(c) ?? 0.3 * (presence.get(c) ?? 0);
  let weight = one(pair[0]) * one(pair[1]);
  // "Oz was her boyfriend": a third character named in the sentence is more likely the other half.
  if (!pair.every((c) => named.includes(c)) && others.some((c) => !pair.includes(c))) weight *= 0.3;
  return weight < 0.05 ? 0 : weight;
}

/** Romantic points a known pairing needs (a kiss surely about both is 2). */
const ROMANCE_NEEDED = 2;
/** Friendship points, with two unmistakable cues, that make two leads "A & B". */
const FRIENDSHIP_NEEDED = 4;

/**
 * Relationships between the story's leading characters (the first five given) that the text shows
 * (scorePairs). Romantic when the romantic cues about both add up and include an unmistakable one:
 * a kiss, "in love", "married" (or add up to twice as much without one), more easily for a pair the
 * knowledge base knows, less easily for a pair it doesn't and for siblings; friends who say so more
 * than anything romantic stay friends unless two unmistakable cues say otherwise. Platonic
 * ("A & B", as AO3 writes friendships) for the two leads when the text keeps calling them friends.
 * A second romance must score at least 0.6 of the first. Names come from the knowledge base, or
 * from AO3's rule for a pair it doesn't know (relationshipName).
 */
export function guessRelationships(
  scan: TextScan,
  fandoms: readonly KnownFandom[],
  characters: readonly ImportTag[],
): ImportTag[] {
  const known = new Map(
    [...scan.mentions.keys()].filter((c) => fandoms.includes(c.fandom)).map((c) => [c.name, c]),
  );
  const leads = characters
    .map((c) => known.get(c.name))
    .filter((c): c is KnownCharacter => c !== undefined)
    .slice(0, 5);
  const rank = (c: KnownCharacter): number => leads.indexOf(c);
  const romances: { tag: ImportTag; score: number }[] = [];
  const friendships: ImportTag[] = [];
  for (const pair of scorePairs(scan, leads)) {
    const [a, b] = pair.characters;
    const names = [a.name, b.name];
    const listed = a.fandom.relationships.filter((r) => names.every((n) => r.characters.includes(n)));
    const romantic = listed.find((r) => r.kind === "romantic");
    // A pair the knowledge base knows needs less; one it doesn't must be two of the three leads.
    const need =
      romantic !== undefined
        ? ROMANCE_NEEDED
        : Math.max(rank(a), rank(b)) <= 2
          ? 2 * ROMANCE_NEEDED
          : Infinity;
    // Siblings need twice as much, and two more unmistakable cues.
    const family = pair.family >= 3 || relatives(a, b);
    const strongNeeded = (romantic !== undefined ? 1 : 2) + (family ? 2 : 0);
    const romance = Math.max(0, pair.romance);
    const enough =
      (romance >= need * (family ? 2 : 1) && pair.strong >= strongNeeded) ||
      (!family && romance >= 2 * need && pair.strong >= strongNeeded - 1);
    // Friends who say so more than anything romantic are friends, unless two unmistakable cues say more.
    if (enough && (romance > pair.friendship || pair.strong >= 2)) {
      romances.push({
        score: romance,
        tag: {
          name: romantic?.name ?? relationshipName(names, true),
          source: "inferred",
          confidence: relationshipConfidence(romance / need, romantic !== undefined),
          evidence: pairEvidence(pair, "romantic", romance, romantic !== undefined),
        },
      });
    } else if (
      rank(a) <= 1 &&
      rank(b) <= 1 &&
      pair.friendship >= FRIENDSHIP_NEEDED &&
      pair.strongFriendship >= 2 &&
      pair.friendship > romance
    ) {
      const platonic = listed.find((r) => r.kind === "platonic");
      friendships.push({
        name:
          platonic?.name ??
          relationshipName(
            [...names].sort((x, y) => x.localeCompare(y, "en")),
            false,
          ),
        source: "inferred",
        confidence: relationshipConfidence(pair.friendship / FRIENDSHIP_NEEDED, platonic !== undefined),
        evidence: pairEvidence(pair, "friends", pair.friendship, platonic !== undefined),
      });
    }
  }
  romances.sort((x, y) => y.score - x.score);
  const best = romances[0]?.score ?? 0;
  // A second romance must be a story of its own, not a shadow of the first.
  return [...romances.filter((r) => r.score >= best * 0.6).map((r) => r.tag), ...friendships];
}

/** Characters sharing a family name ("Sam Winchester", "Dean Winchester"; "Uchiha Itachi"). */
function relatives(a: KnownCharacter, b: KnownCharacter): boolean {
  const family = (c: KnownCharacter): string | undefined => {
    const parts = withoutQualifier(c.name).split(/\s+/u);
    if (parts.length < 2) return undefined;
    return c.fandom.medium === "anime" ? parts[0] : parts.at(-1);
  };
  const fa = family(a);
  return fa !== undefined && fa === family(b);
}

/**
 * 0.5 at the threshold (ratio 1), 0.8 at twice it, towards 0.9 beyond; 0.05 more for a pair the
 * knowledge base knows. Monotone in the evidence rather than measured: the corpus holds too few
 * relationships to calibrate it.
 */
function relationshipConfidence(ratio: number, listed: boolean): number {
  const c = 0.5 + (listed ? 0.05 : 0) + 0.4 * (1 - Math.exp(-1.4 * (ratio - 1)));
  return Math.round(Math.min(0.9, Math.max(0.4, c)) * 100) / 100;
}

function pairEvidence(pair: PairScore, what: string, score: number, listed: boolean): string {
  const words = [...pair.words.entries()]
    .sort((x, y) => y[1] - x[1])
    .slice(0, 4)
    .map(([w]) => `“${w}”`)
    .join(", ");
  const names = pair.characters.map((c) => withoutQualifier(c.name)).join(" and ");
  return `${names} ${what}: ${words} (score ${Math.round(score * 10) / 10} over ${pair.together} sentences${listed ? "; a known pairing" : ""})`;
}
