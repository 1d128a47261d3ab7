// Runs axe-core inside the page and turns its violations into a readable report.
//
// The app's Content-Security-Policy forbids inline script, so axe is not added as a <script> tag
// (page.addScriptTag inlines it and the CSP would block it). It is evaluated through the DevTools
// protocol instead, which CSP does not govern, so the page keeps its real CSP while it is checked.
import fs from "node:fs";
import { createRequire } from "node:module";
import type * as Axe from "axe-core";
import type { Page } from "playwright-core";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string; summary: string }[];
}

/** The accessibility violations axe finds on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= fs.readFileSync(axePath, "utf8");
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== "undefined");
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: typeof Axe }).axe;
    const results = await axe.run();
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? "unknown",
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map((t) => (Array.isArray(t) ? t.join(" >>> ") : String(t))).join(", "),
        html: n.html,
        summary: n.failureSummary ?? "",
      })),
    }));
  });
}

/** A report of the violations, one block per rule, naming each offending element and the fix. */
export function formatViolations(label: string, violations: AxeViolation[]): string {
  if (violations.length === 0) return `${label}: no accessibility violations`;
  const blocks = violations.map((v) => {
    const nodes = v.nodes
      .map((n) => `    - ${n.target}\n      ${n.html}\n      ${n.summary.replace(/\n/g, "\n      ")}`)
      .join("\n");
    return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}`;
  });
  return `${label}: ${violations.length} accessibility violation(s)\n${blocks.join("\n")}`;
}
