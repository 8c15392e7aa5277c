// Adds up the vitest and Playwright JSON reports into one closing line:
// "N passed, N failed".
import fs from "node:fs";

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    process.stdout.write(`${file}: missing (its suite did not finish)\n`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  const [ok, bad] = report.stats
    ? [report.stats.expected + report.stats.flaky, report.stats.unexpected]
    : [report.numPassedTests, report.numFailedTests];
  process.stdout.write(`${file}: ${ok} passed, ${bad} failed\n`);
  passed += ok;
  failed += bad;
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = failed > 0 ? 1 : 0;
