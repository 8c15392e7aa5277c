import type { Database } from "@/db/client";
import type { AcceptanceResult, BrowserCheck, CommandResult, PlanContent, Project } from "@/db/schema";
import { judgeAcceptance } from "@/lib/validation/acceptance/judge-acceptance";
import { contradictingFact, testResultsForJudge } from "@/lib/validation/acceptance/recorded-facts";
import { testOutcome } from "@/lib/validation/acceptance/test-outcome";
import { browserCheckPassed } from "@/lib/validation/browser-checks/browser-check-passed";
import { logger } from "@/lib/platform/logger";

function pageEvidence(check: BrowserCheck): string {
  const problems = [
    ...check.pageErrors.map((error) => `uncaught error: ${error.split("\n")[0]}`),
    ...check.consoleErrors.map((error) => `console error: ${error}`),
    ...check.failedRequests.map((request) => `failed request: ${request}`),
  ];
  const status = check.status === null ? `${check.page} did not load` : `GET ${check.page} answered ${check.status}`;
  return problems.length === 0
    ? `${status}; no console errors, page errors or failed requests.`
    : `${status}; ${problems.slice(0, 5).join("; ")}.`;
}

/**
 * The approved plan as a contract: every acceptance check is decided after validation,
 * by the test it names (did it pass in the recorded output), by the browser check of the
 * page it names (loaded clean), or, naming neither, by the judge model on the evidence.
 */
export async function evaluateAcceptance({
  db,
  runId,
  attempt,
  project,
  goal,
  checks,
  tests,
  browserChecks,
  evidence,
  signal,
}: {
  db: Database;
  runId: string;
  attempt: number;
  project: Pick<Project, "settings">;
  /** The run's goal (a scripted judge plays its task's script). */
  goal?: string;
  checks: PlanContent["acceptanceChecks"];
  tests: CommandResult[];
  browserChecks: BrowserCheck[];
  /** The validation's account (what ran, how it ended), for the judge. */
  evidence: string;
  signal?: AbortSignal;
}): Promise<AcceptanceResult[]> {
  const results: AcceptanceResult[] = [];
  for (const check of checks) {
    if (signal?.aborted) break;
    if (check.test || check.page) {
      const parts: { passed: boolean; evidence: string }[] = [];
      if (check.test) {
        const outcome = testOutcome(check.test, tests);
        parts.push({ passed: outcome.outcome === "passed", evidence: outcome.evidence });
      }
      if (check.page) {
        const page = browserChecks.find((candidate) => candidate.page === check.page);
        parts.push(
          page
            ? { passed: browserCheckPassed(page), evidence: pageEvidence(page) }
            : {
                passed: false,
                evidence: `The page ${check.page} was not checked (no preview command, or the preview did not come up).`,
              },
        );
      }
      results.push({
        description: check.description,
        passed: parts.every((part) => part.passed),
        evidence: parts.map((part) => part.evidence).join(" "),
        method: check.test ? "test" : "page",
      });
      continue;
    }
    try {
      const verdict = await judgeAcceptance({
        db,
        runId,
        attempt,
        project,
        goal,
        description: check.description,
        evidence: `${evidence}\n\nParsed test results:\n${testResultsForJudge(tests)}`,
        signal,
      });
      // A verdict never contradicts a recorded fact: "met" is overridden by a failure on record.
      const contradiction = verdict.passed ? contradictingFact(check.description, { tests, browserChecks }) : null;
      results.push({
        description: check.description,
        passed: verdict.passed && !contradiction,
        evidence: contradiction
          ? `Not met: ${contradiction} (the judge, ${verdict.model}, had called it met: ${verdict.reason})`
          : `${verdict.model}: ${verdict.reason}`,
        method: "judge",
      });
    } catch (error) {
      logger.warn({ err: error, runId, attempt }, "acceptance: the judge gave no verdict");
      const message = error instanceof Error ? error.message : String(error);
      results.push({
        description: check.description,
        passed: false,
        evidence: `No verdict: the judge model failed (${message.slice(0, 300)}).`,
        method: "judge",
      });
    }
  }
  return results;
}
