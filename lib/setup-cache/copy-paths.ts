import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { env, systemPath } from "@/lib/env";

const execFileAsync = promisify(execFile);
// Keeps each cp's argument list far below the kernel's limit.
const BATCH = 256;

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
    if (!info.isDirectory()) throw new Error(`setup cache: ${path.join(...parts.slice(0, i))} is not a plain directory`);
  }
}

/**
 * Copies `paths` (relative, each a file, symlink or whole directory) from one root to the
 * same places under another with `cp -a` (symlinks stay symlinks; copy-on-write clones
 * where the filesystem has them). Never copies onto something that exists or through a
 * symlinked directory. Hardlinks would be faster but would let a sandboxed command edit
 * the cache through the workspace.
 */
export async function copyPaths({ from, to, paths }: { from: string; to: string; paths: string[] }): Promise<void> {
  for (const relative of paths) {
    if (!isSafeRelativePath(relative)) throw new Error(`setup cache: refusing the path ${JSON.stringify(relative)}`);
    await assertRealParents(from, relative);
    await assertRealParents(to, relative);
    const existing = await fs.lstat(path.join(to, relative)).catch(() => null);
    if (existing) throw new Error(`setup cache: ${relative} already exists in ${to}`);
  }
  try {
    for (let i = 0; i < paths.length; i += BATCH) {
      await execFileAsync("cp", ["-a", "--parents", "--reflink=auto", "--", ...paths.slice(i, i + BATCH), to], {
        cwd: from,
        env: { NODE_ENV: env.NODE_ENV, PATH: systemPath, LANG: "C" },
        maxBuffer: 4 * 1024 * 1024,
      });
    }
  } catch (error) {
    // None of them existed and their parents are real directories (checked above), so
    // this removes exactly what the copy made, and nothing through a symlink.
    await Promise.all(paths.map((relative) => fs.rm(path.join(to, relative), { recursive: true, force: true }).catch(() => undefined)));
    throw error;
  }
}
