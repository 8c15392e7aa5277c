import { constants } from "node:fs";
import { open, realpath } from "node:fs/promises";
import path from "node:path";

// What of the common git dir a worktree needs for reading: objects, refs, HEAD, config and
// info/exclude. Not worktrees/ (the other runs' checkouts), logs/ or hooks.
const COMMON_ENTRIES = ["objects", "refs", "packed-refs", "HEAD", "config", "info", "shallow"];
const MAX_GIT_FILE_BYTES = 4096;

const isUnder = (child: string, parent: string) => child === parent || child.startsWith(`${parent}${path.sep}`);

async function readSmallFile(file: string, flags = constants.O_RDONLY): Promise<string | null> {
  const handle = await open(file, flags).catch(() => null);
  if (!handle) return null;
  try {
    if (!(await handle.stat()).isFile()) return null;
    const buffer = Buffer.alloc(MAX_GIT_FILE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
}

/**
 * Read-only bubblewrap binds that let git work inside the sandbox when `workspace` (a real
 * path) is a linked worktree: its own admin dir (`<common>/worktrees/<name>`: HEAD, index)
 * and the parts of the common git dir reads need. Both at their host paths, so the
 * workspace's `.git` file resolves unchanged. Nothing is writable: the index cannot be
 * refreshed (git status tolerates that), commits and ref updates fail.
 *
 * The `.git` file is in the workspace, so an earlier command may have rewritten it: it is
 * only believed when the admin dir it names lies outside the workspace and points back at
 * this workspace (its `gitdir` file, which git wrote and nothing in the sandbox can
 * change). Anything else gets no binds, and git inside fails as it would without them.
 */
export async function worktreeMounts(workspace: string): Promise<string[]> {
  const dotGit = path.join(workspace, ".git");
  // O_NOFOLLOW: a .git symlink must not make the server read some other file.
  const text = await readSmallFile(dotGit, constants.O_RDONLY | constants.O_NOFOLLOW);
  const named = text ? /^gitdir: (.+)$/m.exec(text)?.[1]?.trim() : undefined;
  if (!named) return [];
  const adminDir = await realpath(path.resolve(workspace, named)).catch(() => null);
  if (!adminDir || isUnder(adminDir, workspace)) return [];
  const back = await readSmallFile(path.join(adminDir, "gitdir"));
  const backDir = back ? await realpath(path.dirname(path.resolve(adminDir, back.trim()))).catch(() => null) : null;
  if (backDir !== workspace) return [];
  const commonText = await readSmallFile(path.join(adminDir, "commondir"));
  const common = commonText ? await realpath(path.resolve(adminDir, commonText.trim())).catch(() => null) : null;
  if (!common || path.dirname(adminDir) !== path.join(common, "worktrees")) return [];
  return [
    "--ro-bind",
    adminDir,
    adminDir,
    ...COMMON_ENTRIES.flatMap((entry) => ["--ro-bind-try", path.join(common, entry), path.join(common, entry)]),
  ];
}
