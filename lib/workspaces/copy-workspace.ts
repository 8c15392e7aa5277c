import { cp } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/platform/env";
import { findWorktreeGitDir } from "./find-worktree-git-dir";
import { mirrorGit, withMirrorLock } from "./mirror";
import { removeWorkspaceDir } from "./remove-workspace-dir";
import { runGit } from "./run-git";

/**
 * Copies a run's workspace to `target` (a preview's copy), files and git alike: when the
 * workspace is a worktree of a mirror, the copy is a worktree of the same mirror, detached
 * at the workspace's HEAD, so commands run there (a build that stamps `git describe` or
 * the commit) see the same repository. Untracked and ignored files (what setup installed)
 * are copied too; nested `.git` entries are not. Whatever was at `target` is removed first.
 */
export async function copyWorkspace({
  source,
  target,
  dataDir = env.dataDir,
}: {
  source: string;
  target: string;
  dataDir?: string;
}): Promise<void> {
  await removeWorkspaceDir({ dataDir, dir: target });
  const git = await findWorktreeGitDir(dataDir, source);
  if (git) {
    // The source's git dir is named explicitly: its .git file is the sandbox's to rewrite.
    const head = await runGit(source, ["rev-parse", "--verify", "HEAD^{commit}"], { env: { GIT_DIR: git.adminDir } });
    await withMirrorLock(git.mirrorDir, () =>
      mirrorGit(git.mirrorDir, ["worktree", "add", "--quiet", "--detach", "--no-checkout", target, head]),
    );
  }
  await cp(source, target, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (entry) => path.basename(entry) !== ".git",
  });
  if (!git) return;
  const copied = await findWorktreeGitDir(dataDir, target);
  if (!copied) throw new Error(`workspaces: ${target} is not the worktree it was made as`);
  // The index from HEAD, with the copied files' stat data: git status in the copy reports
  // what the workspace had changed, not every file as deleted.
  await runGit(target, ["reset", "--quiet"], { env: { GIT_DIR: copied.adminDir, GIT_WORK_TREE: target } });
}
