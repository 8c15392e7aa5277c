import type { Database } from "@/db/client";
import { getGitProvider } from "@/lib/git-provider";
import { loadRun } from "@/lib/pipeline/load-run";
import { appendRunEvent, transitionRun } from "@/lib/runs/transition-run";

export type MergeOutcome = { merged: true; sha: string } | { merged: false; reason: string; autoMergeEnabled?: boolean };

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
  await transitionRun({ db, runId, to: "merging" });
  const result = await getGitProvider(project).mergePullRequest({
    project,
    number: pullRequest.number,
    method: project.settings.mergeMethod,
    title: pullRequest.title,
  });
  if (!result.merged && result.autoMergeEnabled) {
    // The host merges when the required checks pass; its PR closed event ends the run.
    await appendRunEvent({ db, runId, type: "merge.auto_enabled", data: { pullRequest: pullRequest.number, reason: result.reason } });
  } else if (result.merged) {
    await transitionRun({ db, runId, to: "merged", data: { sha: result.sha, pullRequest: pullRequest.number } });
  } else {
    await transitionRun({ db, runId, to: "needs_human", reason: `Merge refused: ${result.reason}` });
  }
  return result;
}
