import type { Database } from "@/db/client";
import { reviewPullRequest } from "@/lib/reviews/review-pull-request";
import { loadRun } from "@/lib/runs/load-run";
import { abortSignalForRun } from "@/lib/sandbox/run-aborts";
import { logger } from "@/lib/platform/logger";

export type ReviewVerdict = { status: "passed" | "blocked" | "skipped"; reviewId: string | null; blockers: string[] };

/**
 * Validation's review of the attempt's PR head (lib/reviews): what the merge policy refuses
 * (a secret, by default) fails the attempt, so its findings reach the next attempt as evidence
 * like a failing test. The findings are posted by lib/reporting on the state change that follows.
 */
export async function validateReview({
  db,
  runId,
  attempt,
}: {
  db: Database;
  runId: string;
  attempt: number;
}): Promise<ReviewVerdict> {
  const { run, project, pullRequest } = await loadRun({ db, runId });
  if (pullRequest?.state !== "open") return { status: "skipped", reviewId: null, blockers: [] };
  const signal = abortSignalForRun(runId);
  try {
    const { review, blockers } = await reviewPullRequest({
      db,
      project,
      target: { number: pullRequest.number, baseBranch: pullRequest.baseBranch, headBranch: pullRequest.headBranch },
      trigger: "run",
      runId,
      attempt,
      goal: run.goal,
      signal,
    });
    return { status: blockers.length > 0 ? "blocked" : "passed", reviewId: review.id, blockers };
  } catch (error) {
    if (signal.aborted) throw error;
    // A review that cannot run (an unreadable mirror) is stored as failed and shown so; it does not
    // fail an attempt whose tests pass. The merge gate reads the last completed review.
    logger.warn({ err: error, runId, attempt }, "the review of the attempt could not run");
    return { status: "skipped", reviewId: null, blockers: [] };
  }
}
