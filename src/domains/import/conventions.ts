// The small recognisers of fic conventions in one paragraph: chapter headings, author's notes,
// disclaimers, end markers, AO3's landmark lines, tables of contents and title lines.

const NUMBER_WORDS = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const NUMBER_WORD = `(?:(?:${TENS.slice(2).join("|")})(?:[- ](?:${NUMBER_WORDS.slice(1, 10).join("|")}))?|${NUMBER_WORDS.join("|")}|one hundred|hundred)`;
const ROMAN = "(?=[MDCLXVI])M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})";
const NUMBER = `(?:\\d{1,4}|${NUMBER_WORD}|${ROMAN})`;
const SEPARATOR = "(?:\\s*[:.\\-–—|]\\s*|\\s+(?=[\"“'‘(]))";

const CHAPTER_HEADING = new RegExp(
  `^(?:\\*\\*|__|#+\\s*)?\\s*(chapter|chap\\.?|ch\\.?|part|book)\\s*(${NUMBER})\\b\\.?(?:${SEPARATOR}(.*?))?\\s*(?:\\*\\*|__)?$`,
  "iu",
);
const NAMED_HEADING =
  /^(?:\*\*|__|#+\s*)?\s*(prologue|epilogue|interlude|afterword|foreword|author['’]?s note|intermission|coda)\b(?:\s*(?:[:.\-–—]|\s(?=\S))\s*(.*?))?\s*(?:\*\*|__)?$/iu;

export interface ChapterHeading {
  /** The chapter's title: the words after "Chapter N:", or the whole line for "Prologue: Ashes". */
  title: string | null;
  kind: "numbered" | "named";
}

/** The chapter heading a one-line paragraph is, or undefined. */
export function chapterHeading(text: string): ChapterHeading | undefined {
  if (text.includes("\n") || text.length > 150) return undefined;
  const line = text.trim();
  const numbered = CHAPTER_HEADING.exec(line);
  if (numbered) {
    // "Part of me wanted…" is prose: after the number there must be nothing, a separator, or a quote.
    const title = numbered[3]?.trim().replace(/^["“](.*)["”]$/u, "$1") ?? "";
    if (
      numbered[1]!.toLowerCase() === "part" &&
      !/^\d+$|^[IVXLC]+$/u.test(numbered[2]!) &&
      !NUMBER_WORDS.includes(numbered[2]!.toLowerCase())
    ) {
      return undefined;
    }
    if (title !== "" && /[.!?]$/u.test(title) && title.split(/\s+/u).length > 12) return undefined;
    return { title: title === "" ? null : title, kind: "numbered" };
  }
  const named = NAMED_HEADING.exec(line);
  if (named) {
    const rest = (named[2] ?? "").trim();
    // "Author's Note: thanks for reading!" is a note; "Prologue: Ashes" is a heading.
    if (
      rest !== "" &&
      (/^author/iu.test(named[1]!) || rest.split(/\s+/u).length > 8 || /[.!?,;]$/u.test(rest))
    )
      return undefined;
    const whole = line.replace(/^(\*\*|__|#+\s*)|(\*\*|__)$/gu, "").trim();
    return { title: whole, kind: "named" };
  }
  return undefined;
}

/** The title in a Markdown/HTML heading: "Chapter 2: The Storm" → "The Storm"; "Chapter 2" → null. */
export function headingTitle(text: string): string | null {
  const heading = chapterHeading(text);
  if (heading) return heading.title;
  const trimmed = text.trim();
  return trimmed === "" ? null : trimmed;
}

const NOTE_LABEL =
  /^(?:\*\*|__)?\s*(?:A\/N|A\.N\.?|Authors?['’]?s?\s+Notes?|Author\s+Notes?|Notes?(?=\s*(?:\*\*|__)?\s*[:\-–—]))\s*(?:\*\*|__)?\s*[:.\-–—]?\s*(?:\*\*|__)?\s*/iu;
const NOTE_LABEL_STRICT = /^(?:\*\*|__)?\s*AN\s*(?:\*\*|__)?\s*[:\-–—]\s*(?:\*\*|__)?\s*/u;
const DISCLAIMER_LABEL = /^(?:\*\*|__)?\s*Disclaimers?\s*(?:\*\*|__)?\s*(?:[:.]|\s[-–—])\s*(?:\*\*|__)?\s*/iu;

export interface NoteStart {
  /** The note's words with its label (and an opening bracket) removed. */
  text: string;
  /** ")" or "]" when the note is wrapped and the bracket isn't closed in this paragraph. */
  closer: string | null;
  kind: "note" | "disclaimer";
}

/** A paragraph that starts an author's note or a disclaimer. */
export function noteStart(text: string): NoteStart | undefined {
  const trimmed = text.trim();
  let body = trimmed;
  let opener = "";
  const bracket = /^[([{]/u.exec(body);
  if (bracket) {
    opener = bracket[0];
    body = body.slice(1).trimStart();
  }
  const label = NOTE_LABEL.exec(body) ?? NOTE_LABEL_STRICT.exec(body);
  const disclaimer = label ? undefined : DISCLAIMER_LABEL.exec(body);
  const found = label ?? disclaimer;
  if (!found) return undefined;
  // "Note" must carry a separator; "Notes" alone as a line is a landmark, handled elsewhere.
  let rest = body.slice(found[0].length);
  let closer: string | null = null;
  if (opener !== "") {
    const close = opener === "(" ? ")" : opener === "[" ? "]" : "}";
    if (rest.trimEnd().endsWith(close)) rest = rest.trimEnd().slice(0, -1);
    else closer = close;
  }
  if (rest.trim() === "" && found === disclaimer && opener === "") return undefined;
  return { text: rest.trim(), closer, kind: label ? "note" : "disclaimer" };
}

/**
 * A paragraph that reads like the author talking to readers rather than the story: the reader
 * addressed outside dialogue, fandom words (chapter, review, update, beta, kudos), or an emoticon.
 * With `firstPerson`, "I" and "my" outside dialogue count too (only used next to a scene break).
 */
export function soundsLikeNote(text: string, firstPerson = false): boolean {
  const outsideQuotes = text.replace(/["“][^"”]*["”]/gu, " ");
  return (
    /\b(?:you|your|you're|you’re|y'all|guys|everyone|readers?)\b/iu.test(outsideQuotes) ||
    /\b(?:chapters?|reviews?|reviewing|update[sd]?|beta|beta'd|kudos|comments?|fics?|fanfic|tumblr|discord|prompt|sequel|oneshot|one-shot|drabble|wip|canon|fandom)\b/iu.test(
      outsideQuotes,
    ) ||
    /(?:^|\s)[:;]-?[)(DP](?:\s|$)|<3|\bxx+\b|\blol\b/iu.test(outsideQuotes) ||
    (firstPerson && /\b(?:I|I'm|I’m|I've|I’ve|I'll|I’ll|my|me)\b/u.test(outsideQuotes))
  );
}

export type EndMarker = "complete" | "in-progress" | "end-file";

/** "The End", "Fin", "TBC", "To be continued…", "End file." as a paragraph of its own. */
export function endMarker(text: string): EndMarker | undefined {
  if (text.length > 60) return undefined;
  const t = text
    .trim()
    .replace(/^[\s~*\-=_.·•<>[\](){}]+|(?<![\s~*\-=_·•<>[\](){}])[\s~*\-=_·•<>[\](){}]+$/gu, "")
    .replace(/(?<![.!…])[.!…]+$/u, "")
    .trim()
    .toLowerCase();
  if (t === "end file") return "end-file";
  if (["the end", "fin", "finis", "end", "the end?", "owari", "finite"].includes(t)) return "complete";
  if (["tbc", "to be continued", "continued", "to be cont'd", "to be continued?"].includes(t))
    return "in-progress";
  return undefined;
}

/** "Tell me if you want another chapter", "should I continue?" and the like. */
export function asksWhetherToContinue(text: string): boolean {
  return /\b(?:tell|let) me (?:know )?if (?:you(?:'d| would)? (?:want|like)|i should)\b.{0,40}\b(?:chapter|continue|more|part|sequel)|\bshould i (?:continue|write more|keep going|add (?:another|more))|\bwant (?:another|more) chapters?\b.{0,20}\?|\breview if you want (?:more|another)|\bif (?:people|you guys|y'all) want more\b/iu.test(
    text,
  );
}

/** AO3's structural lines in downloads and copied pages. */
export type Landmark =
  | "work-header"
  | "work-text"
  | "chapter-text"
  | "summary"
  | "notes"
  | "chapter-summary"
  | "chapter-notes"
  | "chapter-end-notes"
  | "end-notes"
  | "see-end-notes"
  | "posted-on-ao3"
  | "preface"
  | "afterword"
  | "comment-please"
  | "inspired-works"
  | "toc";

const LANDMARK_START =
  /^\s*\(?\s*(?:work|chapter|summary|notes?|author|end|see|posted|preface|afterword|please|table|contents|toc)/iu;

export function landmark(text: string): Landmark | undefined {
  if (text.length > 400 || !LANDMARK_START.test(text)) return undefined;
  const t = text.trim().replace(/\s+/gu, " ");
  if (/^work header$/iu.test(t)) return "work-header";
  if (/^work text:?$/iu.test(t)) return "work-text";
  if (/^chapter text$/iu.test(t)) return "chapter-text";
  if (/^summary:?$/iu.test(t)) return "summary";
  if (/^(?:author['’]?s )?notes?:?$/iu.test(t)) return "notes";
  if (/^chapter summary:?$/iu.test(t)) return "chapter-summary";
  if (/^chapter notes:?$/iu.test(t)) return "chapter-notes";
  if (/^chapter end notes:?$/iu.test(t)) return "chapter-end-notes";
  if (/^end notes:?$/iu.test(t)) return "end-notes";
  if (
    /^\(?see the end of the (?:work|chapter) for (?:more )?notes(?: and other works inspired by this one)?\.?\)?$/iu.test(
      t,
    )
  ) {
    return "see-end-notes";
  }
  if (/^posted originally on the archive of our own at\b/iu.test(t)) return "posted-on-ao3";
  if (/^preface$/iu.test(t)) return "preface";
  if (/^afterword$/iu.test(t)) return "afterword";
  if (/^please drop by the archive and comment\b/iu.test(t)) return "comment-please";
  if (/^works inspired by this one:?$/iu.test(t)) return "inspired-works";
  if (/^(?:table of contents|contents|toc):?$/iu.test(t)) return "toc";
  return undefined;
}

/**
 * A paragraph that could be a standalone title: one line of at most 15 words that doesn't end like
 * a sentence and isn't dialogue.
 */
export function titleLine(text: string): string | undefined {
  if (text.includes("\n") || text.length > 150) return undefined;
  let t = text.trim();
  const decorated = /^(?:\*{2,}|_{2,}|={2,}|#+|~+)\s*(.+?)\s*(?:\*{2,}|_{2,}|={2,}|#*|~+)$/u.exec(t);
  if (decorated) t = decorated[1]!.trim();
  if (t === "" || t.split(/\s+/u).length > 15) return undefined;
  if (/[.!?…,;:"”'’)]$/u.test(t)) return undefined;
  if (/^["“'‘(\-–—]/u.test(t)) return undefined;
  return t;
}

/** "by inkwell", "By: inkwell", "written by inkwell & quill": the authors named, or undefined. */
export function byline(text: string): string[] | undefined {
  if (text.includes("\n") || text.length > 200) return undefined;
  const m = /^(?:written\s+)?by\s*:?\s+(.+)$/iu.exec(text.trim());
  if (!m) return undefined;
  const rest = m[1]!.trim();
  // "By the time he woke, it was dark." is the story.
  if (
    /^(?:the|a|an|this|that|then|now|noon|midnight|morning|night|evening|dawn|far|all|way|which|his|her|their|my|your|our|its|accident|chance|default|design|hand|heart|mistake|nightfall|sunset|sunrise|lunchtime|tomorrow|tonight|now|degrees)\b/iu.test(
      rest,
    )
  )
    return undefined;
  if (/[.!?]\s+\S/u.test(rest) || rest.split(/\s+/u).length > 8 || /[!?]$/u.test(rest)) return undefined;
  return splitAuthors(rest);
}

export function splitAuthors(value: string): string[] {
  return value
    .split(/(?:(?<!\s)\s+)?,\s*|(?<!\s)\s+&\s+|(?<!\s)\s+and\s+/u)
    .map((a) =>
      a
        .replace(/^by\s+/iu, "")
        .replace(/(?<![.*_])[.*_]+$/u, "")
        .trim(),
    )
    .filter((a) => a !== "");
}
