// Scores the importer against the labelled corpus (test/fixtures/import/corpus/**, each file with a
// `<name>.expected.json` beside it): exact matches for structure, precision/recall/F1 for tags,
// split into declared and inferred. `npm run fidelity` prints it; fidelity.test.ts holds the targets.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { tagNameKey } from "../tags/tag-name.js";
import { ImportRefused } from "./import-refused.js";
import { tagFields, type ImportResult } from "./import-result.js";
import { readFic, type ImportLimits } from "./read-fic.js";

interface ExpectedTag {
  name: string;
  source: "declared" | "inferred";
}

interface ExpectedChapter {
  title: string | null;
  summary?: string | null;
  notes?: { begin: string | null; end: string | null };
  textStarts?: string;
  textEnds?: string;
}

export interface Expected {
  comment?: string;
  format?: string;
  source?: string;
  title: string | null;
  titleSource?: string | null;
  authors?: string[];
  summary?: string | null;
  disclaimer?: string | null;
  notes?: { begin: string | null; end: string | null };
  rating?: ExpectedTag | null;
  warnings?: ExpectedTag[];
  categories?: ExpectedTag[];
  fandoms?: ExpectedTag[];
  relationships?: ExpectedTag[];
  characters?: ExpectedTag[];
  freeforms?: ExpectedTag[];
  complete?: boolean | null;
  chapters?: ExpectedChapter[];
}

export const structureFields = [
  "format",
  "source",
  "title",
  "authors",
  "summary",
  "disclaimer",
  "notes.begin",
  "notes.end",
  "chapter count",
  "chapter boundaries",
  "chapter notes",
  "complete",
] as const;
export const tagScoreFields = ["rating", ...tagFields] as const;

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface FidelityReport {
  files: number;
  failedToRead: string[];
  structure: Record<(typeof structureFields)[number], { right: number; total: number }>;
  tags: Record<(typeof tagScoreFields)[number], { declared: Counts; inferred: Counts }>;
  mismatches: { file: string; field: string; expected: unknown; actual: unknown }[];
}

export function corpusFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (!name.endsWith(".expected.json") && !name.startsWith(".")) {
        try {
          statSync(`${full}.expected.json`);
          out.push(full);
        } catch {
          // not labelled
        }
      }
    }
  };
  walk(root);
  return out;
}

const squeeze = (s: string | null | undefined): string | null =>
  s === null || s === undefined
    ? null
    : s.replace(/\s+/gu, " ").trim().replace(/[’‘]/gu, "'").replace(/[“”]/gu, '"') || null;

export async function scoreCorpus(root: string, limits: ImportLimits): Promise<FidelityReport> {
  const report: FidelityReport = {
    files: 0,
    failedToRead: [],
    structure: Object.fromEntries(
      structureFields.map((f) => [f, { right: 0, total: 0 }]),
    ) as FidelityReport["structure"],
    tags: Object.fromEntries(
      tagScoreFields.map((f) => [
        f,
        { declared: { tp: 0, fp: 0, fn: 0 }, inferred: { tp: 0, fp: 0, fn: 0 } },
      ]),
    ) as FidelityReport["tags"],
    mismatches: [],
  };
  for (const file of corpusFiles(root)) {
    const expected = JSON.parse(readFileSync(`${file}.expected.json`, "utf8")) as Expected;
    const name = relative(root, file);
    report.files++;
    let actual: ImportResult;
    try {
      actual = (await readFic(file, readFileSync(file), { limits, fileNameTitle: true })).result;
    } catch (err) {
      report.failedToRead.push(`${name}: ${err instanceof ImportRefused ? err.message : String(err)}`);
      continue;
    }
    scoreFile(name, expected, actual, report);
  }
  return report;
}

export function scoreFile(
  name: string,
  expected: Expected,
  actual: ImportResult,
  report: FidelityReport,
): void {
  const check = (field: (typeof structureFields)[number], want: unknown, got: unknown): void => {
    const entry = report.structure[field];
    entry.total++;
    if (JSON.stringify(want) === JSON.stringify(got)) entry.right++;
    else report.mismatches.push({ file: name, field, expected: want, actual: got });
  };
  if (expected.format !== undefined) check("format", expected.format, actual.format);
  if (expected.source !== undefined) check("source", expected.source, actual.source);
  check(
    "title",
    [squeeze(expected.title), expected.titleSource ?? null],
    [squeeze(actual.title), actual.titleSource],
  );
  if (expected.authors !== undefined) check("authors", expected.authors, actual.authors);
  if (expected.summary !== undefined) check("summary", squeeze(expected.summary), squeeze(actual.summary));
  if (expected.disclaimer !== undefined)
    check("disclaimer", squeeze(expected.disclaimer), squeeze(actual.disclaimer));
  if (expected.notes !== undefined) {
    check("notes.begin", squeeze(expected.notes.begin), squeeze(actual.notes.begin));
    check("notes.end", squeeze(expected.notes.end), squeeze(actual.notes.end));
  }
  if (expected.complete !== undefined) check("complete", expected.complete, actual.complete);
  if (expected.chapters !== undefined) {
    check("chapter count", expected.chapters.length, actual.chapters.length);
    const boundaries = (
      chapters: { title: string | null; text?: string; textStarts?: string; textEnds?: string }[],
      isExpected: boolean,
    ) =>
      chapters.map((c, i) => {
        const text = squeeze(isExpected ? null : (c.text ?? "")) ?? "";
        const want = expected.chapters![i];
        return {
          title: squeeze(c.title),
          starts: isExpected
            ? squeeze(c.textStarts)
            : want?.textStarts === undefined
              ? null
              : text.startsWith(squeeze(want.textStarts) ?? "")
                ? squeeze(want.textStarts)
                : text.slice(0, 60),
          ends: isExpected
            ? squeeze(c.textEnds)
            : want?.textEnds === undefined
              ? null
              : text.endsWith(squeeze(want.textEnds) ?? "")
                ? squeeze(want.textEnds)
                : text.slice(-60),
        };
      });
    check("chapter boundaries", boundaries(expected.chapters, true), boundaries(actual.chapters, false));
    check(
      "chapter notes",
      expected.chapters.map((c) => [
        squeeze(c.summary ?? null),
        squeeze(c.notes?.begin ?? null),
        squeeze(c.notes?.end ?? null),
      ]),
      actual.chapters.map((c) => [squeeze(c.summary), squeeze(c.notes.begin), squeeze(c.notes.end)]),
    );
  }
  for (const field of tagScoreFields) {
    const want =
      field === "rating" ? (expected.rating ? [expected.rating] : []) : (expected[field] ?? undefined);
    if (want === undefined) continue;
    const got = field === "rating" ? (actual.rating ? [actual.rating] : []) : actual[field];
    const key = (n: string): string => tagNameKey(n, field === "relationships" ? "relationship" : undefined);
    const wantKeys = new Map(want.map((t) => [key(t.name), t.source]));
    const gotKeys = new Map(got.map((t) => [key(t.name), t.source]));
    const counts = report.tags[field];
    for (const [k, source] of wantKeys) {
      if (gotKeys.has(k)) counts[source].tp++;
      else counts[source].fn++;
    }
    for (const [k, source] of gotKeys) if (!wantKeys.has(k)) counts[source].fp++;
    const missing = [...wantKeys.keys()].filter((k) => !gotKeys.has(k));
    const extra = [...gotKeys.keys()].filter((k) => !wantKeys.has(k));
    if (missing.length > 0 || extra.length > 0) {
      report.mismatches.push({
        file: name,
        field,
        expected: want.map((t) => `${t.name} (${t.source})`),
        actual: got.map((t) => `${t.name} (${t.source})`),
      });
    }
  }
}

export function f1(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  return {
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
  };
}

/** Declared tags over every tag field together, and the inferred fandoms/characters/relationships. */
export function totals(report: FidelityReport): { declared: Counts; inferred: Counts } {
  const sum = (fields: readonly (typeof tagScoreFields)[number][], source: "declared" | "inferred"): Counts =>
    fields.reduce(
      (acc, f) => ({
        tp: acc.tp + report.tags[f][source].tp,
        fp: acc.fp + report.tags[f][source].fp,
        fn: acc.fn + report.tags[f][source].fn,
      }),
      { tp: 0, fp: 0, fn: 0 },
    );
  return {
    declared: sum(["rating", "warnings", "categories", "fandoms", "relationships", "characters"], "declared"),
    inferred: sum(["fandoms", "characters", "relationships"], "inferred"),
  };
}

export function formatReport(report: FidelityReport): string {
  const pct = (n: number): string => `${(n * 100).toFixed(1)}%`;
  const lines: string[] = [];
  lines.push(
    `Files: ${report.files}${report.failedToRead.length > 0 ? ` (${report.failedToRead.length} could not be read)` : ""}`,
  );
  lines.push("", "| Structure | Right | Of | Exact |", "| --- | ---: | ---: | ---: |");
  for (const field of structureFields) {
    const s = report.structure[field];
    if (s.total > 0) lines.push(`| ${field} | ${s.right} | ${s.total} | ${pct(s.right / s.total)} |`);
  }
  lines.push(
    "",
    "| Tags | Source | Precision | Recall | F1 | Expected |",
    "| --- | --- | ---: | ---: | ---: | ---: |",
  );
  for (const field of tagScoreFields) {
    for (const source of ["declared", "inferred"] as const) {
      const c = report.tags[field][source];
      if (c.tp + c.fn + c.fp === 0) continue;
      const s = f1(c);
      lines.push(
        `| ${field} | ${source} | ${pct(s.precision)} | ${pct(s.recall)} | ${s.f1.toFixed(3)} | ${c.tp + c.fn} |`,
      );
    }
  }
  const t = totals(report);
  const d = f1(t.declared);
  const i = f1(t.inferred);
  lines.push(
    `| all declared (rating…characters) | declared | ${pct(d.precision)} | ${pct(d.recall)} | ${d.f1.toFixed(3)} | ${t.declared.tp + t.declared.fn} |`,
  );
  lines.push(
    `| fandoms, characters, relationships | inferred | ${pct(i.precision)} | ${pct(i.recall)} | ${i.f1.toFixed(3)} | ${t.inferred.tp + t.inferred.fn} |`,
  );
  return lines.join("\n");
}
