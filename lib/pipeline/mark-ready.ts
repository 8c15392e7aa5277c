import type { Database } from "@/db/client";
import { getCommitStatusesBySha } from "@/db/queries/commit-statuses";
import { summarizeChecks } from "@/lib/git-provider/summarize-checks";
import { loadRun } from "@/lib/runs/load-run";
import { appendRunEvent, transitionRun } from "@/lib/runs/transition-run";

export type Readiness = { autoMerge: boolean; projectId: string; repositoryKey: string };

/**
 * validating -> ready, and whether the project's policy merges without a person. Under
 * `auto-when-all-checks-pass` every check on the PR's head (external CI included, recorded
 * from GitHub's check and status webhooks) must have passed; while some are pending or
 * failing, the run waits: the check webhook that completes them requests the merge.
 */
export async function markReady({ db, runId }: { db: Database; runId: string }): Promise<Readiness> {
  const { project, pullRequest } = await loadRun({ db, runId });
  await transitionRun({ db, runId, to: "ready" });
  let autoMerge = project.settings.autoMerge !== "manual";
  if (project.settings.autoMerge === "auto-when-all-checks-pass") {
    const sha = pullRequest?.headSha;
    const checks = summarizeChecks(sha ? await getCommitStatusesBySha({ db, projectId: project.id, sha }) : []);
    if (checks.state !== "success") {
      autoMerge = false;
      await appendRunEvent({
        db,
        runId,
        type: "merge.waiting_for_checks",
        data: { checks: checks.state, pending: checks.pending, failing: checks.failing },
      });
    }
  }
  return {
    autoMerge,
    projectId: project.id,
    // Merges into one repository are serialized on this key.
    repositoryKey: `${project.provider}:${project.repository}`,
  };
}
