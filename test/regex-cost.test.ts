// Regular expressions that run on what users type or upload must take time in proportion to the
// text. A pattern such as /\s+$/ is tried at every position of a long run of spaces that is not at
// the end, which grows with the square of the run: "x", 40,000 spaces and "x" took 1.5 s, and a
// chapter of 500,000 took minutes of the server's only thread. So:
//
// 1. every regular expression literal in src/ is run on long runs of the characters such patterns
//    trip on, and must finish each in well under what a square-time pattern takes;
// 2. the few that can't be made linear on their own, because they only ever see part of a text
//    (a name cut after its last ")", a header cut at its last "]"), are run through the functions
//    that guard them, on texts of 200,000 characters.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { prepareHtml } from "../src/content/text-format.js";
import { fandomKnowledge, withoutQualifier } from "../src/domains/import/knowledge/fandom-knowledge.js";
import { readFic } from "../src/domains/import/read-fic.js";
import { relationshipName, resolveFandom } from "../src/domains/import/resolve-names.js";

/** What the patterns that went square-time tripped on, each repeated to 20,000 characters. */
const probes = [
  " ", "\n", "\r", "\t", "\u00a0", "\u3000", ".", ",", "*", "_", "-", "~", "=", "#", "/", ":", "'", '"',
  "<", "&", "0", "a", "A", "(", ")", "[", "x(", "((x", "ab ", "x ", " x", ". ", "\r\n", " ,", ", ",
  " & ", "by ", " by", "<br />", "<br /> ", "  \n", "1/", "a.", "-a",
]; // prettier-ignore
const PROBE_LENGTH = 20_000;
/** A linear pattern takes about a millisecond on these; the square-time ones took 0.3–2.4 s. */
const PROBE_BUDGET_MS = 150;

/** Patterns run only on a guarded part of their text: the functions tested below do the guarding. */
const guarded = new Set([
  "src/domains/import/header-fields.ts /\\[([^\\]]*)\\]/gu",
  "src/domains/import/header-fields.ts /\\[[^\\]]*\\]/gu",
  "src/domains/import/resolve-names.ts /\\([^)]*\\)\\s*$/u",
  "src/domains/import/resolve-names.ts /(?<![\\s(])\\s*(\\([^)]*\\))$/u",
  "src/domains/import/knowledge/fandom-knowledge.ts /(?<![\\s(])\\s*\\([^)]*\\)\\s*$/u",
]);

function regexLiterals(): { where: string; source: string; regex: RegExp }[] {
  const files = execFileSync("git", ["ls-files", "src"], { encoding: "utf8" })
    .split("\n")
    .filter((f) => /\.tsx?$/u.test(f) && !/\.test\.tsx?$/u.test(f));
  const found: { where: string; source: string; regex: RegExp }[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const source = node.getText(sourceFile);
        const slash = source.lastIndexOf("/");
        const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
        found.push({
          where: `${file}:${line}`,
          source: `${file} ${source}`,
          regex: new RegExp(source.slice(1, slash), source.slice(slash + 1).replace("y", "")),
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return found;
}

/** The slowest probe for `regex`, in milliseconds, and which it was. */
function slowestProbe(regex: RegExp): { ms: number; probe: string } {
  let slowest = { ms: 0, probe: "" };
  for (const probe of probes) {
    const text = `x${probe.repeat(Math.ceil(PROBE_LENGTH / probe.length))}x`;
    const started = performance.now();
    if (regex.global) text.replace(regex, "");
    else regex.exec(text);
    const ms = performance.now() - started;
    if (ms > slowest.ms) slowest = { ms, probe };
    if (ms > PROBE_BUDGET_MS) break;
  }
  return slowest;
}

describe("the cost of regular expressions", () => {
  it("finds the patterns in src/ (the scan itself works)", () => {
    const literals = regexLiterals();
    expect(literals.length).toBeGreaterThan(200);
    for (const g of guarded)
      expect(
        literals.map((l) => l.source),
        g,
      ).toContain(g);
    // A square-time pattern is caught: the kind that was fixed.
    expect(slowestProbe(/[ \t]+$/u).ms).toBeGreaterThan(PROBE_BUDGET_MS);
  });

  it("runs every pattern in src/ in linear time on long runs of characters", { timeout: 120_000 }, () => {
    const slow = regexLiterals()
      .filter((l) => !guarded.has(l.source))
      .map((l) => ({ ...l, ...slowestProbe(l.regex) }))
      .filter((l) => l.ms > PROBE_BUDGET_MS)
      .map((l) => `${l.where} ${l.regex} took ${Math.round(l.ms)} ms on ${JSON.stringify(l.probe)} repeated`);
    expect(slow).toEqual([]);
  });

  describe("the guarded patterns, through their functions, on 200,000 characters", () => {
    const n = 200_000;
    const budget = 3_000;
    const within = async (f: () => unknown): Promise<number> => {
      const started = performance.now();
      await f();
      return performance.now() - started;
    };
    const limits = {
      maxBytes: 30_000_000,
      maxUnzippedBytes: 100_000_000,
      maxZipEntries: 10_000,
      timeLimitMs: 600_000,
    };
    const fic = (name: string, text: string) => readFic(name, new TextEncoder().encode(text), { limits });

    it("reads names with many unclosed parentheses", async () => {
      const kb = fandomKnowledge();
      expect(await within(() => withoutQualifier(`${"x(".repeat(n)})`))).toBeLessThan(budget);
      expect(await within(() => relationshipName([`a${"x(".repeat(n)}) `, "b"], true))).toBeLessThan(budget);
      expect(await within(() => resolveFandom(kb, `Harry Potter${"(".repeat(n)}`))).toBeLessThan(budget);
      // What the guard cuts away never held the match.
      expect(withoutQualifier("Loki ((Marvel) (Comics)")).toBe("Loki ((Marvel)");
      expect(relationshipName(["Aziraphale (Good Omens)", "Crowley (Good Omens)"], true)).toBe(
        "Aziraphale/Crowley (Good Omens)",
      );
    });

    it("reads a FanFiction.Net header with a long run of unclosed brackets", async () => {
      const header = `Rated: Fiction T - English - Romance - [Harry P., Draco M.] ${"[".repeat(n)} - Chapters: 3`;
      expect(await within(() => fic("f.txt", `${header}\n\nStory text here.\n`))).toBeLessThan(budget);
    });

    it("prepares posted text and reads files full of long runs", async () => {
      const spaces = `x${" ".repeat(n)}x`;
      for (const format of ["markdown", "html"] as const)
        expect(await within(() => prepareHtml(spaces, format, "content"))).toBeLessThan(budget);
      expect(
        await within(() => prepareHtml(`<a href="x${" ".repeat(n)}x">a</a>`, "html", "content")),
      ).toBeLessThan(budget);
      expect(await within(() => fic("f.txt", `Title: A\n\n${spaces}\n`))).toBeLessThan(budget);
      expect(await within(() => fic("f.html", `<p>x${"\n".repeat(n)}x</p>`))).toBeLessThan(budget);
    });
  });
});
