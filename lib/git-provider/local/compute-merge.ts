import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { MergeMethod } from "@/lib/git-provider/types";
import { GitError, runGit } from "@/lib/workspaces/run-git";
import { mirrorGit, withMirrorLock } from "@/lib/workspaces/mirror";
import { scratchPath } from "@/lib/workspaces/paths";

export type ComputedMerge = { ok: true; sha: string } | { ok: false; reason: string };

/**
 * Builds the commit the base branch should move to, inside the mirror; nothing is pushed.
 * squash and merge use `git merge-tree --write-tree` (no checkout at all); rebase replays
 * the commits with `git rebase` in a throwaway worktree. Every result descends from `baseSha`.
 */
export async function computeMerge(input: {
  dataDir: string;
  mirrorDir: string;
  method: MergeMethod;
  baseSha: string;
  headSha: string;
  message: string;
}): Promise<ComputedMerge> {
  const { mirrorDir, baseSha, headSha } = input;
  if (await isAncestor(mirrorDir, headSha, baseSha)) {
    return { ok: false, reason: "Nothing to merge: the base branch already contains every commit of the pull request" };
  }
  if (input.method === "rebase") return rebaseInWorktree(input);

  let tree: string;
  try {
    tree = (
      await mirrorGit(mirrorDir, ["merge-tree", "--write-tree", "--name-only", "--no-messages", baseSha, headSha])
    ).split("\n")[0]!;
  } catch (error) {
    // Exit 1 means conflicts: stdout is the tree, then the conflicted paths.
    if (!(error instanceof GitError) || error.exitCode !== 1) throw error;
    return { ok: false, reason: conflictReason(error.stdout.split("\n").slice(1)) };
  }
  if (input.method === "squash" && tree === (await mirrorGit(mirrorDir, ["rev-parse", `${baseSha}^{tree}`]))) {
    return { ok: false, reason: "Nothing to merge: the pull request changes nothing on the base branch" };
  }
  const parents = input.method === "squash" ? ["-p", baseSha] : ["-p", baseSha, "-p", headSha];
  const sha = await mirrorGit(mirrorDir, ["commit-tree", tree, ...parents, "-m", input.message]);
  return { ok: true, sha };
}

async function rebaseInWorktree(input: {
  dataDir: string;
  mirrorDir: string;
  baseSha: string;
  headSha: string;
}): Promise<ComputedMerge> {
  const { mirrorDir, baseSha } = input;
  // "_" cannot start a run id, so this never collides with a run's worktree.
  const dir = path.join(scratchPath(input.dataDir), `_rebase-${randomBytes(6).toString("hex")}`);
  const gitDir = path.join(mirrorDir, "worktrees", path.basename(dir));
  const git = (args: string[]) => runGit(dir, args, { env: { GIT_DIR: gitDir, GIT_WORK_TREE: dir } });
  await fs.mkdir(path.dirname(dir), { recursive: true });
  await withMirrorLock(mirrorDir, async () => {
    await sweepAbandonedScratch(mirrorDir, path.dirname(dir));
    await mirrorGit(mirrorDir, ["worktree", "add", "--quiet", "--detach", dir, input.headSha]);
  });
  try {
    try {
      await git(["rebase", "--quiet", baseSha]);
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
      const conflicted = await git(["diff", "--name-only", "--diff-filter=U"]).catch(() => "");
      await git(["rebase", "--abort"]).catch(() => undefined);
      if (!conflicted) throw error;
      return { ok: false, reason: conflictReason(conflicted.split("\n")) };
    }
    const sha = await git(["rev-parse", "HEAD"]);
    if (sha === baseSha)
      return { ok: false, reason: "Nothing to merge: every commit of the pull request is already on the base branch" };
    return { ok: true, sha };
  } finally {
    await withMirrorLock(mirrorDir, async () => {
      await fs.rm(dir, { recursive: true, force: true });
      await fs.rm(gitDir, { recursive: true, force: true });
    });
  }
}

// A scratch worktree this old belongs to a process that died mid-rebase.
const abandonedAfterMs = 60 * 60 * 1000;

async function sweepAbandonedScratch(mirrorDir: string, scratchDir: string): Promise<void> {
  const names = await fs.readdir(scratchDir).catch(() => [] as string[]);
  let swept = false;
  for (const name of names.filter((entry) => entry.startsWith("_rebase-"))) {
    const stat = await fs.stat(path.join(scratchDir, name)).catch(() => null);
    if (!stat || Date.now() - stat.mtimeMs < abandonedAfterMs) continue;
    await fs.rm(path.join(scratchDir, name), { recursive: true, force: true });
    swept = true;
  }
  // Forgets the worktrees whose directories were just removed (in whichever mirror).
  if (swept) await mirrorGit(mirrorDir, ["worktree", "prune"]);
}

/** Whether `ancestor` is reachable from `descendant` in the git dir; false for unknown commits. */
export async function isAncestor(gitDir: string, ancestor: string, descendant: string): Promise<boolean> {
  try {
    await runGit(gitDir, ["merge-base", "--is-ancestor", ancestor, descendant], { env: { GIT_DIR: gitDir } });
    return true;
  } catch (error) {
    if (error instanceof GitError) return false;
    throw error;
  }
}

function conflictReason(paths: string[]): string {
  const files = paths.map((line) => line.trim()).filter(Boolean);
  const shown = files.slice(0, 20).join(", ");
  const more = files.length > 20 ? ` and ${files.length - 20} more` : "";
  return `Merge conflict in ${files.length === 1 ? "file" : "files"}: ${shown}${more}`;
}
