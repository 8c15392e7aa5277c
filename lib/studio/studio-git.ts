import { env } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";
import { findWorktreeGitDir } from "@/lib/workspaces/find-worktree-git-dir";
import { runGit } from "@/lib/workspaces/run-git";

/**
 * Git in a session's workspace with its git dir named explicitly (found through the
 * mirror, never discovered from a `.git` the dev server or the agent could rewrite).
 */
export async function studioGit(
  workspacePath: string,
): Promise<(args: string[], options?: { trim?: boolean }) => Promise<string>> {
  const found = await findWorktreeGitDir(env.dataDir, workspacePath);
  if (!found) throw new AppError("conflict:workspace", "The session's workspace is gone; start a new session");
  return (args, options = {}) =>
    runGit(workspacePath, args, {
      ...options,
      env: { GIT_DIR: found.adminDir, GIT_WORK_TREE: workspacePath },
    });
}
