import type { CommandResult } from "@/db/schema";
import { failingTestNames } from "@/lib/validation/summarize-failure";

// Passing tests as the common runners print them: node --test (TAP and spec), vitest,
// jest, mocha.
const passPatterns = [
  /^\s*ok \d+ - (.+?)(?:\s+#\s.*)?$/,
  /^\s*(?:✔|✓|√)\s+(.+?)(?:\s+\(?\d+(?:\.\d+)?\s*m?s\)?)?$/,
  /^\s*PASS\s+(.+)$/,
];

function passingTestNames(output: string): Set<string> {
  const names = new Set<string>();
  for (const line of output.split("\n")) {
    for (const pattern of passPatterns) {
      const match = pattern.exec(line);
      if (match?.[1]) {
        names.add(match[1].trim());
        break;
      }
    }
  }
  return names;
}

const normalize = (name: string) => name.trim().toLowerCase();

export type TestOutcome = { outcome: "passed" | "failed" | "missing"; evidence: string };

/**
 * Whether the test an acceptance check names passed in the recorded test output. `test`
 * is a test's name (matched exactly, case-insensitively, or as the last part of a nested
 * name such as "cart > totals") or a whole test command (its exit code decides).
 */
export function testOutcome(test: string, results: CommandResult[]): TestOutcome {
  const command = results.find((result) => result.command.trim() === test.trim());
  if (command) {
    return command.exitCode === 0
      ? { outcome: "passed", evidence: `\`${command.command}\` exited with code 0.` }
      : {
          outcome: "failed",
          evidence: `\`${command.command}\` ${command.timedOut ? "timed out" : `exited with code ${command.exitCode}`}.`,
        };
  }
  const wanted = normalize(test);
  const matches = (name: string) => {
    const candidate = normalize(name);
    return candidate === wanted || candidate.endsWith(` > ${wanted}`) || candidate.endsWith(` › ${wanted}`);
  };
  for (const result of results) {
    if (failingTestNames(result.output).some(matches))
      return { outcome: "failed", evidence: `The test "${test}" failed in \`${result.command}\`.` };
  }
  for (const result of results) {
    if ([...passingTestNames(result.output)].some(matches))
      return { outcome: "passed", evidence: `The test "${test}" passed in \`${result.command}\`.` };
  }
  return {
    outcome: "missing",
    evidence:
      results.length === 0
        ? `No tests ran, so "${test}" could not be checked.`
        : `No test named "${test}" appears in the output of ${results.map((r) => `\`${r.command}\``).join(", ")}.`,
  };
}
