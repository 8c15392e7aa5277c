import fs from "node:fs/promises";
import path from "node:path";

/** A relative path that stays inside its root: no absolute path, no `..`, not git's own. */
function isSafeRelativePath(relative: string): boolean {
  if (relative === "" || path.isAbsolute(relative) || relative.includes("\0")) return false;
  const parts = relative.split("/");
  return !parts.some((part) => part === "" || part === "." || part === "..") && parts[0] !== ".git";
}

// The host copies as this server's user, so a directory on the way that is a symlink (which
// the workspace's code may have planted) could send the copy anywhere: refuse it.
async function assertRealParents(root: string, relative: string): Promise<void> {
  const parts = relative.split("/").slice(0, -1);
  for (let i = 1; i <= parts.length; i++) {
    const dir = path.join(root, ...parts.slice(0, i));
    const info = await fs.lstat(dir).catch(() => null);
    if (info === null) return;
    if (!info.isDirectory())
      throw new Error(`setup cache: ${path.join(...parts.slice(0, i))} is not a plain directory`);
  }
}

/**
 * Throws unless every path may be carried from `from` to `to`: each stays inside both
 * roots, reaches them through plain directories only (no symlink), and does not exist yet
 * under `to`, so whatever is later found there was put there by the carrier.
 */
export async function checkPaths({ from, to, paths }: { from: string; to: string; paths: string[] }): Promise<void> {
  for (const relative of paths) {
    if (!isSafeRelativePath(relative)) throw new Error(`setup cache: refusing the path ${JSON.stringify(relative)}`);
    await assertRealParents(from, relative);
    await assertRealParents(to, relative);
    const existing = await fs.lstat(path.join(to, relative)).catch(() => null);
    if (existing) throw new Error(`setup cache: ${relative} already exists in ${to}`);
  }
}
