import type { BrowserCheck, CommandResult } from "@/db/schema";
import { browserCheckPassed } from "@/lib/validation/browser-checks/browser-check-passed";
import { testOutcome } from "@/lib/validation/acceptance/test-outcome";

// Checks that speak of the suite as a whole ("existing tests keep passing", "all tests pass").
const speaksOfTests =
  /\b(existing|all|other|every)\s+(unit\s+)?tests?\b|\bthe\s+(unit\s+)?tests\b|\btests\s+(still\s+)?(pass|green)|test suite/i;
// A test named in the check's words, quoted: "the test 'count flags' passes".
const quotedName = /["'`“‘]([^"'`”’]{3,200})["'`”’]/g;
// A page named in the check's words: "/checkout loads".
const pagePath = /(?:^|\s)(\/[\w\-./]*)/g;

/**
 * The recorded fact a judge's "met" would contradict, if any: a test command that failed
 * when the check speaks of the tests, a quoted test that failed, a named page whose
 * browser check failed. Null when the facts leave the verdict to the judge.
 */
export function contradictingFact(
  description: string,
  { tests, browserChecks }: { tests: CommandResult[]; browserChecks: BrowserCheck[] },
): string | null {
  const failedCommand = tests.find((result) => result.exitCode !== 0);
  if (failedCommand && speaksOfTests.test(description))
    return `the test command \`${failedCommand.command}\` ${failedCommand.timedOut ? "timed out" : `exited with code ${failedCommand.exitCode}`}`;
  for (const [, name] of description.matchAll(quotedName)) {
    const outcome = testOutcome(name!, tests);
    if (outcome.outcome === "failed") return outcome.evidence.replace(/\.$/, "");
  }
  for (const [, page] of description.matchAll(pagePath)) {
    const check = browserChecks.find((candidate) => candidate.page === page);
    if (check && !browserCheckPassed(check)) return `the browser check of ${page} failed`;
  }
  return null;
}

/** The parsed test results, for the judge: which tests failed (with messages) and how many passed. */
export function testResultsForJudge(tests: CommandResult[]): string {
  const lines: string[] = [];
  for (const result of tests) {
    const evidence = result.evidence;
    lines.push(`\`${result.command}\`: exit code ${result.exitCode ?? "none"}${result.timedOut ? " (timed out)" : ""}`);
    if (!evidence) continue;
    for (const failing of evidence.failing.slice(0, 20))
      lines.push(`  failed: ${failing.name}${failing.message ? ` (${failing.message.split("\n")[0]})` : ""}`);
    if (evidence.passing.length > 0)
      lines.push(`  passed (${evidence.passing.length}): ${evidence.passing.slice(0, 40).join("; ")}`);
    for (const problem of evidence.problems.slice(0, 10))
      lines.push(`  ${problem.severity} ${problem.tool} ${problem.file}:${problem.line ?? "?"}: ${problem.message}`);
  }
  return lines.join("\n");
}
