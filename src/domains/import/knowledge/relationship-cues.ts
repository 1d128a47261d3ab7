// The words that tell a romance from a friendship or a family in story text, for inferring
// relationships (infer.ts). Each cue is a word or a short phrase with points: romantic cues say
// "these two are together" (a kiss, "in love", "boyfriend"), friendship cues say "these two are
// friends" ("best friend", "friendship"), family cues say "these two are related" ("brother"), and
// a few phrases take romance back ("not like that", "like a brother"). Strong cues are the ones a
// tagger would act on alone; the rest only add up. Words are compared as the scanner sees them:
// lower case, without a possessive "'s" or a final full stop.

export type CueKind = "romance" | "friendship" | "family";

export interface Cue {
  kind: CueKind;
  /** Negative for the phrases that take romance back. */
  points: number;
  strong: boolean;
  /** A role word that names one partner's gender: "wife" needs a woman in the pair. */
  needs: "m" | "f" | null;
  /** And the other partner's, when a pronoun says whose: "her boyfriend" needs a woman too. */
  owner: "m" | "f" | null;
  /** The words as written, for evidence. */
  phrase: string;
  /** How many tokens the cue covers. */
  length: number;
}

type Entry = Omit<Cue, "phrase" | "length" | "owner"> & { tokens: string[] };

const entries: Entry[] = [];
const add = (kind: CueKind, points: number, strong: boolean, phrases: string, needs?: "m" | "f"): void => {
  for (const phrase of phrases.split("|")) {
    entries.push({ kind, points, strong, needs: needs ?? null, tokens: phrase.split(" ") });
  }
};

// Unmistakable: what a tagger would tag a romance for.
add("romance", 3, true, "in love|fell in love|falling in love|make love|made love|love of my life");
add("romance", 2, true, "lover|lovers|married|marry|marrying|wedding|proposed|proposal|honeymoon|dating");
add("romance", 2, true, "husband|boyfriend|fiancé|fiance|groom", "m");
add("romance", 2, true, "wife|girlfriend|fiancée|fiancee|bride", "f");
add("romance", 2, true, "kiss|kissed|kisses|kissing");
// Tender, romantic more often than not.
add("romance", 1.5, false, "love you|loved you|on a date|first date|a date|your date|his date|her date");
add("romance", 1.5, false, "held hands|holding hands|hand in hand|laced their fingers|fingers laced");
add(
  "romance",
  1.5,
  true,
  "date him|date her|dating him|dating her|dated him|dated her|asked him out|asked her out",
);
add("romance", 1, false, "blush|blushed|blushing|flushed|crush|flirt|flirted|flirting|flirty|swoon|smitten");
add("romance", 1, false, "darling|sweetheart|beloved|cuddle|cuddled|cuddling|nuzzled|caress|caressed");
add("romance", 1, false, "lips|longing|adored|adore|cherish|romantic|romance|gorgeous|butterflies");
add("romance", 1, false, "laced|intertwined|entwined|interlaced|forehead against|foreheads together");
add(
  "romance",
  1,
  false,
  "head on his shoulder|head on her shoulder|heart pounding|heart racing|heart skipped",
);
add("romance", 1, false, "went pink|went red|turned pink|turned red|go hot|went hot|grow warm|grew warm");
add("romance", 1.5, true, "been together");
add(
  "romance",
  0.5,
  false,
  "love|loved|loving|beautiful|handsome|jealous|his mouth|her mouth|embrace|embraced",
);
add(
  "romance",
  0.5,
  false,
  "arms around|arm around|his waist|her waist|tucked|slept together|in bed together",
);
// Romance taken back.
add("romance", -2, false, "not like that|just friends|like a brother|like a sister|like kissing a cousin");
// Friendship.
add(
  "friendship",
  2,
  true,
  "best friend|best friends|friendship|first friend|oldest friend|best mate|platonic",
);
add("friendship", 1.5, false, "my friend|your friend|his friend|her friend|our friend|family you pick");
add("friendship", 1, false, "friend|friends|buddy|buddies|pal|pals|comrade|comrades");
add("friendship", 1, false, "like family|like a brother|like a sister|not like that|just friends");
// Family: siblings. ("Mother", "uncle" and the like are mostly about someone else: "my mother's grave".)
add("family", 1, false, "brother|brothers|sister|sisters|sibling|siblings|twin|twins|cousin|cousins");

/** Cues by their first word, longest first. */
const byFirst = new Map<string, Entry[]>();
for (const entry of entries) {
  const list = byFirst.get(entry.tokens[0]!) ?? [];
  list.push(entry);
  byFirst.set(entry.tokens[0]!, list);
}
for (const list of byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);

/** Words that can start a cue: most words start none, and this says so at once. */
export const cueStarts: ReadonlySet<string> = new Set([...byFirst.keys(), "hand", "hands"]);

const NEGATORS = new Set([
  "not",
  "never",
  "no",
  "nobody",
  "nothing",
  "without",
  "almost",
  "nearly",
  "could",
  "would",
  "should",
  "might",
  "pretend",
  "pretending",
]);

/** Where a kiss lands: a forehead or a hand is tender, not necessarily romantic; lips are. */
const TENDER = new Set(["cheek", "forehead", "temple", "hair", "brow", "head", "knuckles", "hand", "top"]);
const LIPS = new Set(["lips", "mouth"]);

/**
 * The cues starting at token i of a sentence (lower-case, bare words), at most one per kind,
 * longest first. A cue after "not", "never", "could" and the like within three words counts for
 * nothing.
 */
export function cuesAt(words: readonly string[], i: number): Cue[] {
  const found: Cue[] = [];
  for (const entry of byFirst.get(words[i]!) ?? []) {
    if (found.some((c) => c.kind === entry.kind)) continue;
    if (!entry.tokens.every((t, k) => words[i + k] === t)) continue;
    if (entry.points > 0 && negated(words, i)) continue;
    const cue: Cue = {
      kind: entry.kind,
      points: entry.points,
      strong: entry.strong,
      needs: entry.needs,
      owner:
        entry.needs === null
          ? null
          : i > 0 && words[i - 1] === "his"
            ? "m"
            : i > 0 && words[i - 1] === "her"
              ? "f"
              : null,
      phrase: entry.tokens.join(" "),
      length: entry.tokens.length,
    };
    if (entry.tokens[0]!.startsWith("kiss")) {
      const after = words.slice(i + 1, i + 5);
      if (after.some((w) => LIPS.has(w))) cue.points = 3;
      else if (after.some((w) => TENDER.has(w))) {
        cue.points = 1;
        cue.strong = false;
      }
    }
    found.push(cue);
  }
  if (
    (words[i] === "hand" || words[i] === "hands") &&
    !found.some((c) => c.kind === "romance") &&
    heldBefore(words, i)
  ) {
    found.push({
      kind: "romance",
      points: 1,
      strong: false,
      needs: null,
      owner: null,
      phrase: "holding hands",
      length: 1,
    });
  }
  return found;
}

const HOLDING = new Set([
  "holding",
  "held",
  "hold",
  "took",
  "taking",
  "squeezed",
  "squeezing",
  "clasped",
  "clasping",
]);

/** "Holding Hermione's hand", "took both her hands", but not "held out his hand" (a handshake, a help up). */
function heldBefore(words: readonly string[], i: number): boolean {
  for (let k = Math.max(0, i - 4); k < i; k++) {
    if (HOLDING.has(words[k]!) && words[k + 1] !== "out") return !negated(words, k);
  }
  return false;
}

function negated(words: readonly string[], i: number): boolean {
  for (let k = Math.max(0, i - 3); k < i; k++) {
    const w = words[k]!;
    if (NEGATORS.has(w) || w.endsWith("n't") || w.endsWith("n’t")) return true;
  }
  return false;
}

/** Pronouns, by who they can point to. */
export const PRONOUNS: ReadonlyMap<string, "m" | "f" | "plural" | "dialogue"> = new Map([
  ...["he", "him", "his", "himself"].map((w) => [w, "m"] as const),
  ...["she", "her", "hers", "herself"].map((w) => [w, "f"] as const),
  ...["they", "them", "their", "theirs", "themselves", "we", "us", "our", "ours", "both", "together"].map(
    (w) => [w, "plural"] as const,
  ),
  ...["i", "me", "my", "mine", "myself", "you", "your", "yours", "yourself"].map(
    (w) => [w, "dialogue"] as const,
  ),
]);
