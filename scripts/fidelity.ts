// npm run fidelity [-- --verbose] [-- --only NAME]: scores the importer on the labelled corpus in
// test/fixtures/import/corpus/ and prints precision/recall/F1 per field (docs/benchmarks.md keeps the table).
import { fileURLToPath } from "node:url";
import { loadConfig } from "../src/config/config.js";
import { formatReport, scoreCorpus } from "../src/domains/import/fidelity.js";
import { importLimits } from "../src/domains/import/import-limits.js";

const root = fileURLToPath(new URL("../test/fixtures/import/corpus/", import.meta.url));
const verbose = process.argv.includes("--verbose");
const onlyAt = process.argv.indexOf("--only");
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;

const report = await scoreCorpus(root, importLimits(loadConfig()));
console.log(formatReport(report));
for (const failure of report.failedToRead) console.log(`could not read: ${failure}`);
if (verbose || only !== undefined) {
  console.log("\nMismatches:");
  for (const m of report.mismatches) {
    if (only !== undefined && !m.file.includes(only) && m.field !== only) continue;
    console.log(
      `- ${m.file} ${m.field}\n    expected ${JSON.stringify(m.expected)}\n    actual   ${JSON.stringify(m.actual)}`,
    );
  }
}
