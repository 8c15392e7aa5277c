import type { Database } from "@/db/client";
import { setRunAttempt } from "@/db/queries/runs";
import { getGitProvider } from "@/lib/git-provider";
import { openRunPullRequest } from "@/lib/pipeline/open-run-pull-request";
import { AppError } from "@/lib/platform/errors";
import { branchOfRun, loadRun } from "@/lib/runs/load-run";
import { transitionRun } from "@/lib/runs/transition-run";

/**
 * A run made for a branch that already holds the work (a finalized studio session): its
 * pushed head counts as attempt 1's code, so the run goes planning -> coding -> pr_open
 * with no plan or coding of its own, its PR found (or opened) for the branch, and the
 * attempt loop starts at validation. Idempotent: a retried step finds the PR.
 */
export async function adoptBranch({ db, runId }: { db: Database; runId: string }): Promise<{ sha: string }> {
  const { run, project } = await loadRun({ db, runId });
  const branch = branchOfRun(run);
  if (run.state === "planning") {
    await setRunAttempt({ db, runId, attempt: 1, branch });
    await transitionRun({ db, runId, to: "coding", data: { attempt: 1, adopted: branch } });
  }
  const provider = getGitProvider(project, { db });
  const workspace = await provider.prepareWorkspace({ project, runId, branch, baseBranch: run.baseBranch });
  if (!workspace.resumed) throw new AppError("conflict:branch", `The branch ${branch} has not been pushed`);
  if (run.state === "planning" || run.state === "coding") await openRunPullRequest({ db, runId });
  // The validation steps make their own checkout; this one only read the head.
  await provider.removeWorkspace({ project, runId }).catch(() => undefined);
  return { sha: workspace.headSha };
}
