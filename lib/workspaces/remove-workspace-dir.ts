import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { logger } from "@/lib/platform/logger";
import { findWorktreeGitDir } from "./find-worktree-git-dir";
import { mirrorGit, withMirrorLock } from "./mirror";
import { trashPath } from "./paths";

const exists = (target: string) =>
  fs.stat(target).then(
    () => true,
    () => false,
  );

/** The ref a worktree had checked out, from its git dir's HEAD; null when detached. */
async function checkedOutRef(adminDir: string): Promise<string | null> {
  const head = await fs.readFile(path.join(adminDir, "HEAD"), "utf8").catch(() => "");
  return /^ref: (refs\/heads\/\S+)/.exec(head)?.[1] ?? null;
}

/**
 * Deletes a working copy under `dataDir` (a run's workspace or a preview's copy) with its
 * mirror's bookkeeping: the worktree's git dir, and the mirror's local branch it had
 * checked out unless another worktree has it (the pushed branch stays in the repository).
 * The copy is first renamed into the trash, so the mirror's lock is held for a rename and
 * a few git commands, not for deleting a node_modules; the sweep finishes what a crash left
 * there. A directory that is not a worktree is simply deleted. Missing is fine.
 */
export async function removeWorkspaceDir({ dataDir, dir }: { dataDir: string; dir: string }): Promise<void> {
  if (!(await exists(dir))) return;
  const trash = trashPath(dataDir);
  await fs.mkdir(trash, { recursive: true });
  const parked = path.join(trash, `${path.basename(dir)}-${randomBytes(4).toString("hex")}`);
  const git = await findWorktreeGitDir(dataDir, dir);
  // What to delete afterwards: the parked copy, or the copy itself where the trash is on
  // another filesystem.
  let doomed = parked;
  const park = () =>
    fs.rename(dir, parked).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "EXDEV") doomed = dir;
      else if (error.code !== "ENOENT") throw error;
    });
  if (!git) await park();
  else
    await withMirrorLock(git.mirrorDir, async () => {
      const ref = await checkedOutRef(git.adminDir);
      await park();
      await fs.rm(git.adminDir, { recursive: true, force: true });
      await mirrorGit(git.mirrorDir, ["worktree", "prune"]);
      if (!ref) return;
      const names = await fs.readdir(path.join(git.mirrorDir, "worktrees")).catch(() => [] as string[]);
      const refs = await Promise.all(names.map((name) => checkedOutRef(path.join(git.mirrorDir, "worktrees", name))));
      if (!refs.includes(ref)) await mirrorGit(git.mirrorDir, ["update-ref", "-d", ref]).catch(() => undefined);
    });
  await fs
    .rm(doomed, { recursive: true, force: true })
    .catch((error: unknown) =>
      logger.warn({ err: error, dir: doomed }, "workspaces: could not delete a removed copy; the sweep will"),
    );
}
