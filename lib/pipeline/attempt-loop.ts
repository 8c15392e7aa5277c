import { getDb } from "@/db";
import { codeAttempt, type ReviewFeedback } from "@/lib/pipeline/code-attempt";
import { openRunPullRequest } from "@/lib/pipeline/open-run-pull-request";
import type { PipelineStep } from "@/lib/pipeline/pipeline-step";
import { validateAttempt } from "@/lib/pipeline/validate/validate-attempt";
import { checkRunBudget } from "@/lib/runs/check-run-budget";
import { endRun } from "@/lib/runs/end-run";

export type AttemptsOutcome =
  | { outcome: "passed"; attempt: number; sha: string }
  | { outcome: "budget_spent"; reason: string }
  | { outcome: "nothing_to_do" }
  | { outcome: "cancelled" };

/**
 * The attempt loop, one for runs and their follow-ups: within the budget, code (a fix
 * attempt gets the last validation's evidence, a follow-up the review feedback), push,
 * open the PR when there is none, validate; until a validation passes. A spent budget ends
 * the run in needs_human with the reason. Step ids carry the attempt, so a follow-up's
 * steps never collide with the run's own.
 */
export async function runAttempts(
  step: PipelineStep,
  {
    runId,
    firstAttempt,
    feedback,
    pushed,
  }: {
    runId: string;
    firstAttempt: number;
    feedback?: ReviewFeedback;
    /** The first attempt's code is already pushed with its PR open (adoptBranch): it starts at validation. */
    pushed?: { sha: string };
  },
): Promise<AttemptsOutcome> {
  const db = () => getDb();
  for (let attempt = firstAttempt; ; attempt++) {
    if (pushed && attempt === firstAttempt) {
      const budget = await step.run(`check-budget-${attempt}`, () => checkRunBudget({ db: db(), runId, attempt }));
      if (budget.spent) return { outcome: "budget_spent", reason: budget.reason };
      const validation = await validateAttempt(step, { runId, attempt });
      if (validation.status === "cancelled") return { outcome: "cancelled" };
      if (validation.status === "passed") return { outcome: "passed", attempt, sha: pushed.sha };
      continue;
    }
    // The attempt's step checks the budget first (a retry checks it again): no step of its own,
    // which would cost a call to the app per attempt for a read.
    const coded = await step.run(`code-attempt-${attempt}`, () => codeAttempt({ db: db(), runId, attempt, feedback }));
    if (coded.budgetSpent) return { outcome: "budget_spent", reason: coded.budgetSpent };
    if (!coded.pushed && attempt === 1) {
      await step.run("nothing-to-do", () =>
        endRun({ db: db(), runId, to: "needs_human", reason: "The agent made no change" }),
      );
      return { outcome: "nothing_to_do" };
    }
    if (attempt === 1) await step.run("open-pull-request", () => openRunPullRequest({ db: db(), runId }));
    const validation = await validateAttempt(step, { runId, attempt });
    if (validation.status === "cancelled") return { outcome: "cancelled" };
    if (validation.status === "passed") return { outcome: "passed", attempt, sha: coded.sha };
  }
}
