// From what was read (RawFic) to the importer's result: declared fields mapped onto the archive's
// vocabularies and the knowledge base's canonical names, then suggestions from the text for what
// wasn't declared, then plain text and HTML for every part.
import { countWords } from "../../content/word-count.js";
import { normaliseTagName, tagNameKey } from "../tags/tag-name.js";
import type { TagType } from "../tags/tag-types.js";
import { blocksToHtml, blocksToText, paragraph, trimBlocks, type Block } from "./blocks.js";
import type { Deadline } from "./deadline.js";
import { isoDate, usDate, type HeaderField } from "./header-fields.js";
import type { ImportedFic, ImportFormat, ImportNotes, ImportResult, ImportTag } from "./import-result.js";
import {
  confidenceOf,
  guessCharacters,
  guessFandoms,
  graphicViolence,
  guessRating,
  guessWarnings,
  sampleText,
  scanText,
} from "./infer.js";
import { guessRelationships } from "./infer-relationships.js";
import { nameKey, type FandomKnowledge, type KnownFandom } from "./knowledge/fandom-knowledge.js";
import type { RawFic } from "./read-structure.js";
import { resolveCharacter, resolveFandom, resolveRelationship, splitPairing } from "./resolve-names.js";
import { categoryWords, mapCategory, mapRating, mapStatus, mapWarnings, splitGenres } from "./vocabulary.js";

export interface AssembleOptions {
  file: string;
  format: ImportFormat;
  kb: FandomKnowledge;
  deadline?: Deadline;
  diagnostics?: string[];
  language?: string | null;
}

class TagList {
  readonly tags: ImportTag[] = [];
  constructor(private readonly type: TagType) {}

  add(name: string, source: "declared" | "inferred", evidence: string, confidence = 1): void {
    // PDF-to-text conversions of AO3 downloads write "Alternate_Universe_-_Muggle".
    const spaced = /_/u.test(name) && !/\s/u.test(name) ? name.replace(/_/gu, " ") : name;
    const cleaned = normaliseTagName(spaced.replace(/[*<>^{}=`\\%]/gu, ""), this.type);
    if (cleaned === "") return;
    const key = tagNameKey(cleaned, this.type);
    if (this.tags.some((t) => tagNameKey(t.name, this.type) === key)) return;
    this.tags.push({ name: cleaned, source, confidence, evidence: evidence.slice(0, 200) });
  }

  get declared(): boolean {
    return this.tags.some((t) => t.source === "declared");
  }
}

const evidenceOf = (field: HeaderField): string => `${field.label}: ${field.value}`.replace(/\s+/gu, " ");

function splitList(value: string): string[] {
  return value
    .split(/(?:(?<!\s)\s+)?[,;]\s*/u)
    .map((v) =>
      v
        .trim()
        .replace(/^[-–—*•]\s*/u, "")
        .replace(/(?<!\b\p{Lu})\.$/u, ""),
    )
    .filter((v) => v !== "" && !/^(?:none|n\/a|-|no|nothing)$/iu.test(v));
}

export function assemble(fic: RawFic, options: AssembleOptions): ImportedFic {
  const { kb } = options;
  const diagnostics = [...(options.diagnostics ?? []), ...fic.diagnostics];
  const fields = fic.fields;
  const byKey = (key: HeaderField["key"]): HeaderField[] =>
    fields.filter((f) => f.key === key && f.value.trim() !== "");

  const fandoms = new TagList("fandom");
  const categories = new TagList("category");
  const relationships = new TagList("relationship");
  const characters = new TagList("character");
  const freeforms = new TagList("freeform");
  const warnings = new TagList("archive_warning");
  let rating: ImportTag | null = null;

  // Fandoms, and AO3 categories written in a Category field.
  const knownFandoms: KnownFandom[] = [];
  for (const field of byKey("fandoms")) {
    for (const part of splitFandoms(field.value)) {
      const category = mapCategory(part);
      if (category !== undefined) {
        categories.add(category, "declared", evidenceOf(field));
        continue;
      }
      const resolved = resolveFandom(kb, part);
      if (resolved.known !== undefined && !knownFandoms.includes(resolved.known))
        knownFandoms.push(resolved.known);
      fandoms.add(resolved.name, "declared", evidenceOf(field));
    }
  }

  // Relationships (and the characters they name).
  const pairings: { written: string; evidence: string }[] = [];
  for (const field of byKey("relationships"))
    for (const part of splitList(field.value)) pairings.push({ written: part, evidence: evidenceOf(field) });
  for (const pair of fic.ffn?.pairings ?? [])
    pairings.push({ written: pair.join("/"), evidence: `[${pair.join(", ")}]` });
  const declaredCharacters: { written: string; evidence: string }[] = [];
  for (const field of byKey("characters")) {
    for (const part of splitList(field.value).flatMap((p) => p.split(/(?<!\s)\s+&\s+/u)))
      declaredCharacters.push({ written: part, evidence: evidenceOf(field) });
  }
  for (const name of fic.ffn?.characters ?? [])
    declaredCharacters.push({ written: name, evidence: `FanFiction.Net characters: ${name}` });

  // Fandoms implied by declared characters, when none is declared.
  if (knownFandoms.length === 0) {
    const votes = new Map<KnownFandom, string[]>();
    for (const { written } of [
      ...declaredCharacters,
      ...pairings.flatMap((p) => relationshipParts(p.written)),
    ]) {
      const candidates = kb.charactersByKey.get(nameKey(written));
      const fandomsOf = new Set((candidates ?? []).map((c) => c.fandom));
      if (fandomsOf.size === 1) {
        const fandom = [...fandomsOf][0]!;
        votes.set(fandom, [...(votes.get(fandom) ?? []), written]);
      }
    }
    const relAliasFandoms = pairings
      .flatMap((p) => kb.relationshipsByKey.get(nameKey(p.written)) ?? [])
      .map((r) => r.fandom);
    for (const fandom of relAliasFandoms) votes.set(fandom, [...(votes.get(fandom) ?? []), "relationship"]);
    knownFandoms.push(...votes.keys());
  }

  for (const { written, evidence } of pairings) {
    const resolved = resolveRelationship(kb, written, knownFandoms);
    if (resolved === undefined) {
      freeforms.add(written, "declared", evidence);
      continue;
    }
    relationships.add(resolved.name, "declared", evidence);
    for (const name of resolved.characters) characters.add(name, "declared", evidence);
  }
  for (const { written, evidence } of declaredCharacters) {
    if (
      /^(?:oc|ocs|original characters?|original female character|original male character)$/iu.test(written)
    ) {
      characters.add(written.length <= 3 ? "Original Characters" : written, "declared", evidence);
      continue;
    }
    characters.add(resolveCharacter(kb, written, knownFandoms).name, "declared", evidence);
  }

  // Warnings, ratings, genres, tags.
  for (const field of byKey("warnings")) {
    const mapped = mapWarnings(field.value);
    for (const w of mapped.warnings) warnings.add(w, "declared", evidenceOf(field));
    for (const f of mapped.freeforms) {
      const category = categoryWords(f)[0];
      if (category !== undefined && f.trim().toLowerCase() === category.word.toLowerCase()) continue;
      freeforms.add(f, "declared", evidenceOf(field));
    }
  }
  const ratingFields = byKey("rating");
  for (const field of ratingFields) {
    const mapped = mapRating(field.value);
    if (mapped !== undefined) {
      rating ??= { name: mapped, source: "declared", confidence: 1, evidence: evidenceOf(field) };
    } else {
      diagnostics.push(
        `The rating “${field.value}” is not one Quire recognises; no rating was taken from it.`,
      );
    }
  }
  if (rating === null && fic.ffn !== undefined) {
    const mapped = mapRating(fic.ffn.rating);
    if (mapped !== undefined)
      rating = {
        name: mapped,
        source: "declared",
        confidence: 1,
        evidence: `Rated: Fiction ${fic.ffn.rating}`,
      };
  }
  for (const field of byKey("genre")) {
    for (const genre of splitGenres(field.value)) {
      const category = categoryWords(genre)[0];
      if (category !== undefined && genre.trim().toLowerCase() === category.word.toLowerCase()) continue;
      freeforms.add(genre, "declared", evidenceOf(field));
    }
  }
  for (const genre of fic.ffn?.genres ?? [])
    freeforms.add(genre, "declared", `FanFiction.Net genre: ${genre}`);
  for (const field of byKey("freeforms"))
    for (const tag of splitList(field.value)) freeforms.add(tag, "declared", evidenceOf(field));
  for (const field of fields.filter((f) =>
    ["genre", "fandoms", "relationships", "warnings", "freeforms"].includes(f.key),
  )) {
    for (const { category } of categoryWords(field.value))
      categories.add(category, "declared", evidenceOf(field));
  }

  // Completion, language, series, dates, words.
  let complete: boolean | null | undefined;
  for (const field of byKey("status")) complete ??= mapStatus(field.value);
  for (const field of [...byKey("chapters"), ...byKey("stats")]) {
    const chapterCount =
      field.key === "stats" ? (/chapters:?\s*([\d?/\s]+)/iu.exec(field.value)?.[1] ?? "") : field.value;
    const m = /(?<!\d)(\d+)\s*\/\s*(\d+|\?)/u.exec(chapterCount);
    if (m) complete ??= m[2] === "?" ? false : Number(m[1]) >= Number(m[2]);
  }
  complete ??= fic.ffn?.complete;
  if (complete === undefined) {
    if (fic.asksToContinue) complete = null;
    else if (fic.ending === "complete") complete = true;
    else if (fic.ending === "in-progress") complete = false;
    else complete = null;
  }
  const language = byKey("language")[0]?.value ?? fic.ffn?.language ?? options.language ?? null;
  const seriesField = byKey("series")[0];
  const series = seriesField === undefined ? null : parseSeries(seriesField.value);
  const publishedField = byKey("published")[0] ?? byKey("stats")[0];
  const published =
    (publishedField &&
      (usDate(publishedField.value.replace(/^.*?published:?\s*/iu, "").split(/\s/u)[0] ?? "") ??
        isoDate(publishedField.value))) ??
    fic.ffn?.published ??
    null;

  // Text parts.
  const noteLines = byKey("noteLine").map((f) => paragraph(`${noteLabel(f.label)}: ${f.value}`));
  const fieldNotes = byKey("notes").map((f) => paragraph(f.value));
  const summaryBlocks =
    fic.summary.length > 0 ? fic.summary : byKey("summary").map((f) => paragraph(f.value));
  const disclaimerBlocks =
    fic.disclaimer.length > 0 ? fic.disclaimer : byKey("disclaimer").map((f) => paragraph(f.value));
  const notesBegin = trimBlocks([...fieldNotes, ...noteLines, ...fic.notesBegin]);
  const notesEnd = trimBlocks(fic.notesEnd);

  const chapters = fic.chapters.map((c) => {
    const html = blocksToHtml(c.body);
    return {
      result: {
        title: c.title,
        summary: textOrNull(c.summary),
        notes: notesOf(c.notesBegin, c.notesEnd),
        text: blocksToText(c.body),
        words: countWords(html),
      },
      html: { summary: htmlOrNull(c.summary), notes: htmlNotesOf(c.notesBegin, c.notesEnd), text: html },
    };
  });
  const words = chapters.reduce((n, c) => n + c.result.words, 0);
  for (const field of byKey("words")) {
    const declared = Number(field.value.replace(/[^0-9]/gu, ""));
    if (declared > 0 && Math.abs(declared - words) > Math.max(50, declared * 0.1)) {
      diagnostics.push(
        `The header says ${declared.toLocaleString("en")} words; the text has ${words.toLocaleString("en")}.`,
      );
    }
  }

  // Suggestions for what wasn't declared.
  const needFandoms = !fandoms.declared;
  const needCharacters = !characters.declared;
  const needRelationships = !relationships.declared;
  const needRating = rating === null;
  const needWarnings = !warnings.declared;
  if (needFandoms || needCharacters || needRelationships || needRating || needWarnings) {
    const paragraphs = fic.chapters.flatMap((c) => c.body.filter((b) => b.kind === "p").map((b) => b.text));
    const scan = scanText(kb, paragraphs, options.deadline);
    if (needFandoms) {
      const implied = knownFandoms.map((f) => f);
      for (const fandom of implied) {
        fandoms.add(fandom.fandom, "inferred", `declared characters of ${fandom.fandom}`, 0.8);
      }
      if (implied.length === 0) {
        for (const guess of guessFandoms(scan)) {
          fandoms.add(guess.fandom.fandom, "inferred", guess.evidence, confidenceOf(guess.score));
          knownFandoms.push(guess.fandom);
        }
      }
    }
    const inferredCharacters = guessCharacters(scan, knownFandoms);
    if (needCharacters)
      for (const c of inferredCharacters) characters.add(c.name, "inferred", c.evidence, c.confidence);
    if (needRelationships && knownFandoms.length > 0) {
      const leads = needCharacters
        ? inferredCharacters
        : inferredCharacters.filter((c) => characters.tags.some((t) => t.name === c.name));
      for (const r of guessRelationships(scan, knownFandoms, leads))
        relationships.add(r.name, "inferred", r.evidence, r.confidence);
    }
    const fullText = sampleText(paragraphs.join("\n"));
    const violence = needRating || needWarnings ? graphicViolence(fullText) : [];
    if (needRating) rating = guessRating(fullText, violence) ?? null;
    if (needWarnings) {
      const mains = inferredCharacters.slice(0, 3).map((c) => ({
        name: c.name,
        words: [...new Set(c.evidence.split(", ").map((e) => e.replace(/ ×\d+$/u, "")))],
      }));
      for (const w of guessWarnings(fullText, mains, violence))
        warnings.add(w.name, "inferred", w.evidence, w.confidence);
    }
  }

  const result: ImportResult = {
    file: options.file,
    format: options.format,
    source: fic.source,
    title: fic.title?.text ?? null,
    titleSource: fic.title?.source ?? null,
    authors: [...new Set(fic.authors)],
    summary: textOrNull(summaryBlocks),
    disclaimer: textOrNull(disclaimerBlocks),
    notes: { begin: textOrNull(notesBegin), end: textOrNull(notesEnd) },
    rating,
    warnings: warnings.tags,
    categories: categories.tags,
    fandoms: fandoms.tags,
    relationships: relationships.tags,
    characters: characters.tags,
    freeforms: freeforms.tags,
    language,
    complete,
    series,
    published,
    chapters: chapters.map((c) => c.result),
    words,
    diagnostics,
  };
  if (result.chapters.length === 0 || words === 0) diagnostics.push("The file has no story text.");
  return {
    result,
    html: {
      summary: htmlOrNull(summaryBlocks),
      disclaimer: htmlOrNull(disclaimerBlocks),
      notes: { begin: htmlOrNull(notesBegin), end: htmlOrNull(notesEnd) },
      chapters: chapters.map((c) => c.html),
    },
  };
}

/** "Harry Potter, Sherlock (TV)" and "Harry Potter x Sherlock" crossovers. */
function splitFandoms(value: string): string[] {
  return splitList(value)
    .flatMap((v) => v.split(/(?<!\s)\s+(?:x|X|×|\+)\s+/u))
    .filter((v) => v !== "");
}

function relationshipParts(written: string): { written: string; evidence: string }[] {
  return (splitPairing(written)?.names ?? [written]).map((w) => ({ written: w, evidence: "" }));
}

function parseSeries(value: string): { title: string; part: number | null } {
  const partOf = /^part\s+(\d+)\s+of\s+(.+)$/iu.exec(value.trim());
  if (partOf)
    return { title: partOf[2]!.split(/,\s*part\s+\d+\s+of\s+/iu)[0]!.trim(), part: Number(partOf[1]) };
  const bracket = /^(.+?)(?<!\s)\s*\[(\d+)\]$/u.exec(value.trim());
  if (bracket) return { title: bracket[1]!.trim(), part: Number(bracket[2]) };
  const comma = /^(.+?)(?<!\s),?\s+(?:part|book|#)\s*(\d+)$/iu.exec(value.trim());
  if (comma) return { title: comma[1]!.trim(), part: Number(comma[2]) };
  return { title: value.trim(), part: null };
}

/** "Beta'd by" → "Beta", "spoiler" → "Spoilers"; other labels capitalised as they are. */
function noteLabel(label: string): string {
  const key = label.toLowerCase().replace(/[’']/gu, "'");
  if (/^beta/u.test(key)) return "Beta";
  if (/^spoiler/u.test(key)) return "Spoilers";
  if (/^dedicat/u.test(key)) return "Dedication";
  return label.charAt(0).toUpperCase() + label.slice(1);
}

function textOrNull(blocks: readonly Block[]): string | null {
  const text = blocksToText(trimBlocks([...blocks])).trim();
  return text === "" ? null : text;
}

function htmlOrNull(blocks: readonly Block[]): string | null {
  const trimmed = trimBlocks([...blocks]);
  return trimmed.length === 0 ? null : blocksToHtml(trimmed);
}

function notesOf(begin: readonly Block[], end: readonly Block[]): ImportNotes {
  return { begin: textOrNull(begin), end: textOrNull(end) };
}

function htmlNotesOf(begin: readonly Block[], end: readonly Block[]): ImportNotes {
  return { begin: htmlOrNull(begin), end: htmlOrNull(end) };
}
