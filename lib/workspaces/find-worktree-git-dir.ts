import { constants } from "node:fs";
import { open, realpath } from "node:fs/promises";
import path from "node:path";

export type WorktreeGitDir = {
  /** The worktree's own git dir: `<mirror>/worktrees/<name>`. */
  adminDir: string;
  /** The mirror it belongs to. */
  mirrorDir: string;
};

const MAX_BYTES = 4096;
const isUnder = (child: string, parent: string) => child === parent || child.startsWith(`${parent}${path.sep}`);

async function readSmallFile(file: string, flags = constants.O_RDONLY): Promise<string | null> {
  const handle = await open(file, flags).catch(() => null);
  if (!handle) return null;
  try {
    if (!(await handle.stat()).isFile()) return null;
    const buffer = Buffer.alloc(MAX_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, MAX_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
}

/**
 * The git dir of a working copy that is a worktree of one of `dataDir`'s mirrors, or null.
 * Sandboxed commands can rewrite the copy's `.git` file, so it is only believed when the
 * git dir it names is `<dataDir>/mirrors/<id>/worktrees/<name>` and points back at this
 * copy (its `gitdir` file, out of the sandbox's reach). Git run by the server on a copy
 * must use the returned dirs (GIT_DIR), never discover them: a forged `.git` could name a
 * repository whose config runs commands (core.fsmonitor).
 */
export async function findWorktreeGitDir(dataDir: string, dir: string): Promise<WorktreeGitDir | null> {
  const real = await realpath(dir).catch(() => null);
  const mirrors = await realpath(path.join(dataDir, "mirrors")).catch(() => null);
  if (!real || !mirrors) return null;
  const text = await readSmallFile(path.join(real, ".git"), constants.O_RDONLY | constants.O_NOFOLLOW);
  const named = text ? /^gitdir: (.+)$/m.exec(text)?.[1]?.trim() : undefined;
  if (!named) return null;
  const adminDir = await realpath(path.resolve(real, named)).catch(() => null);
  if (!adminDir || isUnder(adminDir, real)) return null;
  const worktrees = path.dirname(adminDir);
  const mirrorDir = path.dirname(worktrees);
  if (path.basename(worktrees) !== "worktrees" || path.dirname(mirrorDir) !== mirrors) return null;
  const back = await readSmallFile(path.join(adminDir, "gitdir"));
  const backDir = back ? await realpath(path.dirname(path.resolve(adminDir, back.trim()))).catch(() => null) : null;
  return backDir === real ? { adminDir, mirrorDir } : null;
}
