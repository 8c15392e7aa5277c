import type { Workspace } from "@/lib/git-provider/types";
import { AppError } from "@/lib/platform/errors";
import { GitError, runGit } from "@/lib/workspaces/run-git";
import { logger } from "@/lib/platform/logger";
import { type PushOutcome, pushToRepository } from "@/lib/workspaces/push-to-repository";
import type { LocalRepository } from "@/lib/workspaces/repository";
import { openLocalWorkspace } from "@/lib/workspaces/workspace";

/**
 * Commits everything in the workspace (as Mergeline) and pushes the branch to the project
 * repository, fast-forward only. Returns null when the workspace holds nothing new: no
 * changes and no commit since it was prepared. Commits made in the workspace by other
 * means (an agent running `git commit`) are pushed too; pushing a commit the branch already
 * has is a no-op that still returns its sha, so a repeated call reads as success.
 */
export async function commitAndPushWorkspace(input: {
  dataDir: string;
  repository: LocalRepository;
  workspace: Workspace;
  message: string;
  /** Pushes elsewhere than the repository's path (GitHub over HTTPS). */
  push?: (input: { gitDir: string; cwd: string; sha: string; branch: string }) => Promise<PushOutcome>;
}): Promise<{ sha: string } | null> {
  const { repository, workspace } = input;
  if (!input.message.trim()) throw new AppError("bad_request:commit_message", "A commit needs a message");
  const { gitDir } = await openLocalWorkspace(input);
  // GIT_DIR points into the mirror: a `.git` file rewritten inside the workspace is ignored.
  const git = (args: string[]) =>
    runGit(workspace.path, args, { env: { GIT_DIR: gitDir, GIT_WORK_TREE: workspace.path } });

  await git(["add", "--all"]);
  const staged = await git(["diff", "--cached", "--quiet"]).then(
    () => false,
    (error: unknown) => {
      if (error instanceof GitError && error.exitCode === 1) return true;
      throw error;
    },
  );
  // --cleanup=whitespace keeps lines starting with "#" (Markdown headings) in the message.
  if (staged) await git(["commit", "--quiet", "--no-verify", "--cleanup=whitespace", "-m", input.message]);
  const head = await git(["rev-parse", "HEAD"]);
  if (!staged && head === workspace.headSha) return null;

  const target = { gitDir, cwd: workspace.path, sha: head, branch: workspace.branch };
  const outcome = input.push
    ? await input.push(target)
    : await pushToRepository({ ...target, repositoryPath: repository.path });
  if (!outcome.pushed) {
    throw new AppError(
      "conflict:branch",
      `Pushing ${workspace.branch} to ${repository.path} was refused: ${outcome.reason}`,
    );
  }
  logger.info({ branch: workspace.branch, sha: head, committed: staged }, "branch pushed");
  return { sha: head };
}
