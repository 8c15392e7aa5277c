import type { CommandResult } from "@/db/schema";
import { findTest, parseTestOutput } from "@/lib/validation/evidence";

export type TestOutcome = { outcome: "passed" | "failed" | "missing"; evidence: string };

/**
 * Whether the test an acceptance check names passed, decided from the parsed results of
 * the validation's test commands (lib/validation/evidence: a test is found by its name as
 * the runner printed it, nested names included). `test` may also be a whole test command,
 * whose exit code decides.
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
  const lookups = results.map((result) => ({
    result,
    found: findTest(result.evidence ?? parseTestOutput(result.output), test),
  }));
  const failed = lookups.find(({ found }) => found.status === "failed");
  if (failed) {
    const message = failed.found.test?.message?.split("\n")[0];
    return {
      outcome: "failed",
      evidence: `The test "${failed.found.name ?? test}" failed in \`${failed.result.command}\`${message ? `: ${message}` : ""}.`,
    };
  }
  const passed = lookups.find(({ found }) => found.status === "passed");
  if (passed)
    return {
      outcome: "passed",
      evidence: `The test "${passed.found.name ?? test}" passed in \`${passed.result.command}\`.`,
    };
  return {
    outcome: "missing",
    evidence:
      results.length === 0
        ? `No tests ran, so "${test}" could not be checked.`
        : `No test named "${test}" appears in the results of ${results.map((r) => `\`${r.command}\``).join(", ")}.`,
  };
}
