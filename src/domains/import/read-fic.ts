// A fic file to the importer's result: refuse what can't be read, read the format into blocks,
// read the conventions, recognise the producer, then map and suggest tags. One call per file,
// within the size and time limits.
import { assemble } from "./assemble.js";
import { blocksToText, type Block } from "./blocks.js";
import { htmlToBlocks } from "./html-blocks.js";
import { Deadline } from "./deadline.js";
import type { HeaderField } from "./header-fields.js";
import { withoutNul } from "../../lib/nul.js";
import { ImportRefused } from "./import-refused.js";
import type { ImportedFic, ImportFormat, ImportSource } from "./import-result.js";
import { fandomKnowledge, type FandomKnowledge } from "./knowledge/fandom-knowledge.js";
import {
  readDocx,
  readEpub,
  readHtml,
  readMarkdown,
  readText,
  type PackageMetadata,
  type ReadDocument,
} from "./read-formats.js";
import { readStructure, type RawFic } from "./read-structure.js";
import { sniffFormat } from "./sniff.js";
import { ffnGenres, mapCategory, mapRating, mapWarnings } from "./vocabulary.js";
import { megabytes } from "./zip.js";

export interface ImportLimits {
  maxBytes: number;
  maxUnzippedBytes: number;
  /** Most files an EPUB or DOCX may hold. */
  maxZipEntries: number;
  timeLimitMs: number;
}

export interface ReadFicOptions {
  limits: ImportLimits;
  kb?: FandomKnowledge;
  /** Offer the file's name as the title when nothing names one (the CLI does; the form asks). */
  fileNameTitle?: boolean;
}

export async function readFic(
  file: string,
  bytes: Uint8Array,
  options: ReadFicOptions,
): Promise<ImportedFic> {
  try {
    return await readFicUnguarded(file, bytes, options);
  } catch (err) {
    // Markup nested tens of thousands deep overflows the parsers' recursion: a refusal like any
    // other, not a crash.
    if (err instanceof RangeError && /call stack/iu.test(err.message))
      throw new ImportRefused("the file's markup is nested too deeply to read");
    throw err;
  }
}

/** The refusal of a file of `bytes` over the `maxBytes` limit. */
export function tooLarge(bytes: number, maxBytes: number): ImportRefused {
  const [size, limit] = [megabytes(bytes), megabytes(maxBytes)];
  const exact =
    size === limit
      ? [`${bytes.toLocaleString("en")} bytes`, `${maxBytes.toLocaleString("en")}-byte`]
      : [size, limit];
  return new ImportRefused(`the file is ${exact[0]}, over the ${exact[1]} limit (QUIRE_IMPORT_MAX_BYTES)`);
}

async function readFicUnguarded(
  file: string,
  bytes: Uint8Array,
  options: ReadFicOptions,
): Promise<ImportedFic> {
  const { limits } = options;
  if (bytes.length > limits.maxBytes) throw tooLarge(bytes.length, limits.maxBytes);
  const deadline = new Deadline(limits.timeLimitMs);
  const format = sniffFormat(file, bytes);
  const document = await readFormat(format, bytes, limits, deadline);
  deadline.check();
  if (document.blocks.length === 0) throw new ImportRefused("the file has no text");
  const metadata = document.metadata;
  // The package's summary, read once: to skip its copy on a title page, and as the summary.
  const packageSummary = metadata?.summaryHtml ? htmlToBlocks(metadata.summaryHtml) : [];
  const knownSummary = packageSummary.length > 0 ? blocksToText(packageSummary) : null;
  const hint = detectSource(undefined, document, format);
  const fic = readStructure(document.blocks, {
    deadline,
    knownTitle: metadata?.title ?? null,
    knownSummary,
    source: hint,
  });
  fic.source = detectSource(fic, document, format);
  if (metadata !== null) applyPackage(fic, metadata, packageSummary);
  if (
    fic.title?.source === "heading" &&
    (fic.source === "ao3" || fic.source === "fanficfare") &&
    fic.fields.length > 0
  ) {
    fic.title.source = "declared";
  }
  const fileTitle = file.replace(/^.*[\\/]/u, "");
  if (fic.title === null && options.fileNameTitle === true) {
    fic.title = {
      text:
        fileTitle
          .replace(/\.[^.]+$/u, "")
          .replace(/[_]+/gu, " ")
          .trim() || fileTitle,
      source: "filename",
    };
  }
  const diagnostics = [...document.diagnostics];
  if (document.encoding !== undefined && !document.encoding.startsWith("UTF-8"))
    diagnostics.unshift(`Read as ${document.encoding}.`);
  const imported = assemble(fic, {
    file: fileTitle,
    format,
    kb: options.kb ?? fandomKnowledge(),
    deadline,
    diagnostics,
    language:
      metadata?.language === undefined || metadata.language === null ? null : languageName(metadata.language),
  });
  if (imported.result.chapters.every((c) => c.text.trim() === "")) {
    const hasNotes = imported.result.notes.begin !== null || imported.result.notes.end !== null;
    throw new ImportRefused(
      hasNotes ? "the file holds only author's notes, no story" : "the file has no story text",
    );
  }
  // A NUL in a package's metadata or a file's text would reach titles and tags, which no sanitizer
  // cleans (and PostgreSQL refuses it).
  return withoutNul(imported);
}

async function readFormat(
  format: ImportFormat,
  bytes: Uint8Array,
  limits: ImportLimits,
  deadline: Deadline,
): Promise<ReadDocument> {
  switch (format) {
    case "txt":
      return readText(bytes, deadline);
    case "md":
      return readMarkdown(bytes, deadline);
    case "html":
      return readHtml(bytes, deadline);
    case "epub":
      return readEpub(bytes, limits, deadline);
    case "docx":
      return readDocx(bytes, limits, deadline);
  }
}

function detectSource(fic: RawFic | undefined, document: ReadDocument, format: ImportFormat): ImportSource {
  // Producers sign the top of a file (and FanFicFare's text its last line).
  const signature = document.signature.slice(0, 16_384);
  const tail = document.signature.slice(-200);
  const metadata = document.metadata;
  if (
    metadata?.contributor?.includes("FanFicFare") ||
    /fanficfare|name="chapterurl"|title_page\.xhtml|<table class="full">|<b>Packaged:<\/b>/iu.test(
      signature,
    ) ||
    (format === "txt" && /\bEnd file\.\s*$/u.test(tail))
  ) {
    return "fanficfare";
  }
  if (
    fic?.source === "ao3" ||
    /posted originally on the archive of our own|archiveofourown\.org\/works|^[^\S\r\n\u2028\u2029]*(?:work text:|chapter text)[^\S\r\n\u2028\u2029]*$|>\s*(?:work header|work text:)\s*</imu.test(
      signature,
    ) ||
    metadata?.publisher === "Archive of Our Own"
  ) {
    return "ao3";
  }
  if (fic?.source === "ffn" || /fanfiction\.net\/s\/\d+/iu.test(signature)) return "ffn";
  // The cheap test first: the full one can't use a literal scan (it starts with \b) and is slow.
  if (
    /viewstory\.php|completed:/iu.test(signature) &&
    /viewstory\.php\?sid=|\bCompleted:\s*(?:Yes|No)\b/iu.test(signature)
  )
    return "efiction";
  return fic?.source ?? "generic";
}

/** The EPUB package's title, creators, summary, language, series and (untyped) subjects. */
function applyPackage(fic: RawFic, metadata: PackageMetadata, summary: Block[]): void {
  if (metadata.title !== null && (fic.title === null || fic.title.source !== "declared")) {
    fic.title = { text: metadata.title, source: "declared" };
  }
  if (fic.authors.length === 0) fic.authors.push(...metadata.authors);
  if (fic.summary.length === 0) fic.summary.push(...summary);
  if (metadata.series !== null && !fic.fields.some((f) => f.key === "series")) {
    fic.fields.push({
      key: "series",
      label: "Series",
      value: `${metadata.series.title}${metadata.series.part === null ? "" : ` [${metadata.series.part}]`}`,
    });
  }
  const typed = fic.fields.some((f) =>
    ["rating", "warnings", "fandoms", "relationships", "characters", "freeforms"].includes(f.key),
  );
  if (!typed) for (const subject of metadata.subjects) fic.fields.push(subjectField(subject));
}

/** An untyped EPUB subject, typed by what it looks like. */
function subjectField(subject: string): HeaderField {
  const value = subject.trim();
  if (/^fanworks?$/iu.test(value)) return { key: "ignored", label: "Subject", value };
  if (mapRating(value) !== undefined && value.length > 2) return { key: "rating", label: "Subject", value };
  const warnings = mapWarnings(value);
  if (warnings.warnings.length > 0 && warnings.freeforms.length === 0 && value.length > 4)
    return { key: "warnings", label: "Subject", value };
  if (mapCategory(value) !== undefined && /\/|^gen$|^multi$|^other$/iu.test(value))
    return { key: "fandoms", label: "Category", value };
  if (/\/|\s&\s/u.test(value) && !ffnGenres.some((g) => g.toLowerCase() === value.toLowerCase())) {
    return { key: "relationships", label: "Subject", value };
  }
  return { key: "freeforms", label: "Subject", value };
}

function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "language" }).of(code.trim()) ?? code;
  } catch {
    return code;
  }
}
