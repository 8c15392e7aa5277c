import type { CommandResult, Validation } from "@/db/schema";
import { browserCheckPassed } from "@/lib/validation/browser-checks/browser-check-passed";

type VerdictInput = Pick<Validation, "status" | "setup" | "tests" | "browserChecks" | "acceptance">;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

function commandFailure(kind: string, result: CommandResult): string {
  const failing = result.evidence?.failing.length ?? 0;
  const problems = result.evidence?.problems.length ?? 0;
  const how = result.timedOut ? "timed out" : result.exitCode === null ? "was killed" : "failed";
  const detail =
    failing > 0 ? `: ${plural(failing, "failing test")}` : problems > 0 ? `: ${plural(problems, "problem")}` : "";
  return `${kind} ${result.command} ${how}${detail}`;
}

/** An attempt's validation in one line, from its structured results: what failed first, or what passed. */
export function attemptVerdict(validation: VerdictInput): string {
  if (validation.status === "running" || validation.status === "pending") return "Validating…";
  if (validation.status === "cancelled") return "Cancelled before it finished";
  const setup = validation.setup.find((result) => result.exitCode !== 0);
  if (setup) return commandFailure("Setup", setup);
  const test = validation.tests.find((result) => result.exitCode !== 0);
  if (test) return commandFailure("Test command", test);
  const page = validation.browserChecks.find((check) => !browserCheckPassed(check));
  if (page) return `The browser check of ${page.page} found problems`;
  const unmet = validation.acceptance.filter((result) => !result.passed).length;
  if (unmet > 0 && validation.status === "failed")
    return `${plural(unmet, "acceptance check")} of ${validation.acceptance.length} not met`;
  if (validation.status === "error") return "Validation could not run; see its logs";
  if (validation.status === "failed") return "Failed";
  const passed = validation.tests.reduce(
    (sum, result) => sum + (result.evidence?.counts?.passed ?? result.evidence?.passing.length ?? 0),
    0,
  );
  return passed > 0 ? plural(passed, "test") : "";
}
