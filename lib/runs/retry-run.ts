import type { Database } from "@/db/client";
import type { Project, RetryStrategy, Run } from "@/db/schema";
import { AppError } from "@/lib/platform/errors";
import { assertProjectPinned } from "@/lib/projects/assert-project-pinned";
import { createRun } from "@/lib/runs/create-run";
import { isTerminal } from "@/lib/runs/state-machine";
import { appendRunEvent } from "@/lib/runs/transition-run";

/**
 * Starts a new run with an ended run's goal, requirements, criteria, base branch and
 * source, under the project's current budget, optionally with a chosen retry strategy for its
 * first attempt. Both timelines point at each other. A run
 * still going is not retried (cancel it first), nor a merged one (its work is in).
 */
export async function retryRun({
  db,
  run,
  project,
  createdBy,
  strategy,
}: {
  db: Database;
  run: Run;
  project: Project;
  createdBy: string | null;
  /** How the new run's first attempt goes about it, with this run's evidence (lib/pipeline/retry-strategy.ts). */
  strategy?: RetryStrategy;
}): Promise<Run> {
  if (!isTerminal(run.state))
    throw new AppError("conflict:run_state", `Only an ended run can be retried (it is ${run.state}); cancel it first`);
  if (run.state === "merged")
    throw new AppError("conflict:run_state", "The run was merged; start a new run for further work");
  assertProjectPinned(project);
  const retry = await createRun({
    db,
    input: {
      project,
      goal: run.goal,
      requirements: run.requirements,
      acceptanceCriteria: run.acceptanceCriteria,
      source: run.source,
      baseBranch: run.baseBranch,
      autoConfirm: run.autoConfirm,
      priority: run.priority,
      issueId: run.issueId,
      createdBy,
    },
  });
  // Insights count retries per strategy from this event's data.strategy.
  await appendRunEvent({
    db,
    runId: retry.id,
    type: "run.retry_of",
    data: strategy ? { runId: run.id, strategy } : { runId: run.id },
  });
  await appendRunEvent({ db, runId: run.id, type: "run.retried", data: { runId: retry.id } });
  return retry;
}
