import type { Database } from "@/db/client";
import { getValidationsByRunId } from "@/db/queries/validations";
import { getReviewsByRunId } from "@/db/queries/reviews";
import { getGitProvider } from "@/lib/git-provider";
import { loadRun } from "@/lib/runs/load-run";
import { stopRunPreviews } from "@/lib/validation/preview/stop-run-previews";
import { appendRunEvent, transitionRun } from "@/lib/runs/transition-run";

export type MergeOutcome =
  | { merged: true; sha: string }
  | { merged: false; reason: string; autoMergeEnabled?: boolean };

/**
 * Merges the run's pull request with the project's method. A refusal (conflict, a dirty
 * target) hands the run to a person instead of failing it: the code may be fine.
 */
export async function mergeRun({ db, runId }: { db: Database; runId: string }): Promise<MergeOutcome> {
  const { run, project, pullRequest } = await loadRun({ db, runId });
  if (run.state === "merged" && pullRequest?.mergeCommitSha) return { merged: true, sha: pullRequest.mergeCommitSha };
  if (!pullRequest) {
    await transitionRun({ db, runId, to: "needs_human", reason: "The run has no pull request to merge" });
    return { merged: false, reason: "no pull request" };
  }
  if (project.settings.requireAcceptance) {
    // The plan is a contract: with this policy nothing merges unless its last validation met every check.
    const last = (await getValidationsByRunId({ db, runId })).at(-1);
    const unmet = last ? last.acceptance.filter((result) => !result.passed) : [];
    if (last?.status !== "passed" || unmet.length > 0) {
      const reason =
        unmet.length > 0
          ? `Acceptance checks not met: ${unmet.map((result) => result.description).join("; ")}`
          : "The last validation did not pass";
      await transitionRun({
        db,
        runId,
        to: "needs_human",
        reason: `Merge refused by policy (requireAcceptance): ${reason}`.slice(0, 2000),
      });
      return { merged: false, reason: "acceptance checks not met" };
    }
  }
  // Review findings the policy refuses (a secret, by default): the last review of the PR decides.
  const review = (await getReviewsByRunId({ db, runId })).filter((row) => row.status === "completed").at(-1);
  if (review && review.blockers.length > 0) {
    await transitionRun({
      db,
      runId,
      to: "needs_human",
      reason: `Merge refused by policy (review): ${review.blockers.join("; ")}`.slice(0, 2000),
    });
    return { merged: false, reason: "review findings block merging" };
  }
  await transitionRun({ db, runId, to: "merging" });
  const result = await getGitProvider(project).mergePullRequest({
    project,
    number: pullRequest.number,
    method: project.settings.mergeMethod,
    title: pullRequest.title,
  });
  if (!result.merged && result.autoMergeEnabled) {
    // The host merges when the required checks pass; its PR closed event ends the run.
    await appendRunEvent({
      db,
      runId,
      type: "merge.auto_enabled",
      data: { pullRequest: pullRequest.number, reason: result.reason },
    });
  } else if (result.merged) {
    // Before the run is seen merged: whoever looks then finds the preview gone with it.
    await stopRunPreviews({ db, runId, reason: "The pull request was merged." });
    await transitionRun({ db, runId, to: "merged", data: { sha: result.sha, pullRequest: pullRequest.number } });
  } else {
    await transitionRun({ db, runId, to: "needs_human", reason: `Merge refused: ${result.reason}` });
  }
  return result;
}
