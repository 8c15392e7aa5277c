import type { Project, Run } from "@/db/schema";
import { getGitProvider } from "@/lib/git-provider";
import { AppError } from "@/lib/platform/errors";
import { runGit } from "@/lib/workspaces/run-git";

/**
 * Puts a candidate's work on the run's branch: a commit whose tree is the candidate's
 * (files it removed go too), pushed, so the run's PR carries it. The candidate's commit is
 * in the repository's mirror, since its branch was pushed from a worktree of that mirror.
 * Returns the new head; a branch that already has that tree gets no new commit.
 */
export async function adoptCandidate({
  run,
  project,
  branch,
  sha,
  message,
}: {
  run: Run;
  project: Project;
  branch: string;
  sha: string;
  message: string;
}): Promise<{ sha: string }> {
  if (!/^[0-9a-f]{40}$/.test(sha)) throw new AppError("bad_request:candidate", "The candidate has no commit");
  const provider = getGitProvider(project);
  const workspace = await provider.prepareWorkspace({ project, runId: run.id, branch, baseBranch: run.baseBranch });
  await runGit(workspace.path, ["read-tree", "-u", "--reset", sha]);
  const pushed = await provider.commitAndPush({ project, workspace, message });
  return { sha: pushed?.sha ?? workspace.headSha };
}
