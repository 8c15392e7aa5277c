import fs from "node:fs/promises";
import path from "node:path";
import type { Workspace } from "./types";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { type MirrorRemote, mirrorGit, readMirroredBranches, withMirrorLock, withSyncedMirror } from "./mirror";
import { assertBranchName, mirrorPath, workspacePath } from "./paths";
import { runGit } from "./run-git";
import type { LocalRepository } from "./repository";

// A workspace is a `git worktree` of the repository's mirror: it shares the mirror's
// objects, so making one costs a checkout and nothing more. Its git dir lives in the
// mirror (outside the workspace), where nothing run inside the workspace can rewrite it.

/** A fresh worktree for the run on `branch`, from its last pushed commit or else the base. */
export async function prepareLocalWorkspace(input: {
  dataDir: string;
  repository: LocalRepository;
  runId: string;
  branch: string;
  baseBranch: string;
  /** A remote repository (GitHub) the mirror fetches from instead of `repository.path`. */
  remote?: MirrorRemote;
}): Promise<Workspace> {
  const { dataDir, repository, runId, branch, baseBranch } = input;
  assertBranchName(branch);
  assertBranchName(baseBranch);
  const dir = workspacePath(dataDir, runId);
  return withSyncedMirror(
    dataDir,
    repository,
    async (mirrorDir) => {
      const [pushed, base] = await readMirroredBranches(mirrorDir, [branch, baseBranch]);
      const start = pushed ?? base;
      if (!start)
        throw new AppError("not_found:branch", `The repository ${repository.path} has no branch ${baseBranch}`);
      const resumed = pushed !== null;
      if (await isPristineWorktree(mirrorDir, dir, branch, start)) {
        logger.debug({ runId, branch, start, resumed }, "workspace reused");
        return { path: dir, branch, baseBranch, headSha: start, resumed };
      }
      await discardWorktree(mirrorDir, dir);
      await fs.mkdir(path.dirname(dir), { recursive: true });
      // -B resets the mirror's local branch to `start`; --force takes it over from a
      // worktree a crashed attempt may still have registered.
      await mirrorGit(mirrorDir, ["worktree", "add", "--quiet", "--force", "-B", branch, dir, start]);
      logger.debug({ runId, branch, start, resumed }, "workspace prepared");
      return { path: dir, branch, baseBranch, headSha: start, resumed };
    },
    input.remote,
  );
}

/** Deletes the run's workspace and the mirror's bookkeeping for it; the pushed branch stays. */
export async function removeLocalWorkspace(input: {
  dataDir: string;
  repositoryPath: string;
  runId: string;
}): Promise<void> {
  const dir = workspacePath(input.dataDir, input.runId);
  const mirrorDir = mirrorPath(input.dataDir, input.repositoryPath);
  const mirrorExists = await fs
    .stat(path.join(mirrorDir, "HEAD"))
    .then(() => true)
    .catch(() => false);
  if (!mirrorExists) {
    await fs.rm(dir, { recursive: true, force: true });
    return;
  }
  await withMirrorLock(mirrorDir, async () => {
    const head = await fs
      .readFile(path.join(mirrorDir, "worktrees", path.basename(dir), "HEAD"), "utf8")
      .catch(() => "");
    await discardWorktree(mirrorDir, dir);
    // The mirror's copy of the run branch is only the worktree's; drop it with the worktree.
    const ref = /^ref: (refs\/heads\/\S+)/.exec(head)?.[1];
    if (ref) await mirrorGit(mirrorDir, ["update-ref", "-d", ref]).catch(() => undefined);
  });
}

/** The worktree's git dir, after checking the workspace is one this provider made. */
export async function openLocalWorkspace(input: {
  dataDir: string;
  repository: LocalRepository;
  workspace: Workspace;
}): Promise<{ gitDir: string; mirrorDir: string }> {
  const name = path.basename(input.workspace.path);
  const expected = workspacePath(input.dataDir, name);
  if (path.resolve(input.workspace.path) !== expected) {
    throw new AppError("bad_request:workspace", `${input.workspace.path} is not a Mergeline workspace`);
  }
  assertBranchName(input.workspace.branch);
  const mirrorDir = mirrorPath(input.dataDir, input.repository.path);
  const gitDir = path.join(mirrorDir, "worktrees", name);
  const recorded = await fs.readFile(path.join(gitDir, "gitdir"), "utf8").catch(() => "");
  const real = await fs.realpath(expected).catch(() => null);
  if (!real || path.resolve(recorded.trim()) !== path.join(real, ".git")) {
    throw new AppError("not_found:workspace", `The workspace ${expected} is gone; prepare it again`);
  }
  return { gitDir, mirrorDir };
}

/**
 * Whether the run's worktree from an earlier step is already what a fresh one would be: on
 * `branch` at `start`, with nothing modified, staged, untracked or ignored in it, and its
 * `.git` file naming its admin dir. Steps one after another (plan, code, validate) then
 * share one checkout instead of removing and re-adding it (a git process, and a checkout of
 * every file, each step). Anything else (a setup's node_modules, an agent's stray file, a
 * rewritten .git) and the step starts from a fresh worktree. Status runs with the admin dir
 * named explicitly, so the workspace's own `.git` file is not trusted for it; commands in
 * the sandbox cannot change the admin dir (index, HEAD), which is mounted read-only there,
 * and git compares ctimes, which a command cannot set back.
 */
async function isPristineWorktree(mirrorDir: string, dir: string, branch: string, start: string): Promise<boolean> {
  const adminDir = path.join(mirrorDir, "worktrees", path.basename(dir));
  // A regular file, as git wrote it: the sandbox's git mounts do not follow a .git symlink.
  const dotGitPath = path.join(dir, ".git");
  const isFile = await fs.lstat(dotGitPath).then(
    (stat) => stat.isFile(),
    () => false,
  );
  const dotGit = isFile ? await fs.readFile(dotGitPath, "utf8").catch(() => null) : null;
  if (dotGit?.trim() !== `gitdir: ${path.resolve(adminDir)}`) return false;
  const status = await runGit(
    dir,
    ["status", "--porcelain=v2", "--branch", "--untracked-files=normal", "--ignored=matching", "-z"],
    { env: { GIT_DIR: adminDir, GIT_WORK_TREE: dir } },
  ).catch(() => null);
  if (status === null) return false;
  const entries = status.split("\0").filter(Boolean);
  return (
    entries.includes(`# branch.oid ${start}`) &&
    entries.includes(`# branch.head ${branch}`) &&
    entries.every((entry) => entry.startsWith("# "))
  );
}

/** Removes a worktree however far a previous attempt got with it. Callers hold the mirror lock. */
async function discardWorktree(mirrorDir: string, dir: string): Promise<void> {
  const adminDir = path.join(mirrorDir, "worktrees", path.basename(dir));
  const leftovers = await Promise.all(
    [dir, adminDir].map((target) =>
      fs.stat(/*turbopackIgnore: true*/ target).then(
        () => true,
        () => false,
      ),
    ),
  );
  if (!leftovers.includes(true)) return;
  await fs.rm(dir, { recursive: true, force: true });
  await fs.rm(adminDir, { recursive: true, force: true });
  // Also forgets other worktrees whose directories vanished (a crashed merge's scratch copy).
  await mirrorGit(mirrorDir, ["worktree", "prune"]);
}
