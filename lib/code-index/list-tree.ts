import { mirrorGit } from "@/lib/workspaces/mirror";

export type TreeEntry = { path: string; blobSha: string; size: number };

/** Every file (blob) of `commit` in the mirror, with its blob id and size; symlinks and submodules left out. */
export async function listTree(mirrorDir: string, commit: string): Promise<TreeEntry[]> {
  const output = await mirrorGit(mirrorDir, ["ls-tree", "-r", "-z", "--long", "--full-tree", commit], { trim: false });
  const entries: TreeEntry[] = [];
  for (const record of output.split("\0")) {
    if (!record) continue;
    // "<mode> <type> <sha> <size padded>\t<path>"
    const tab = record.indexOf("\t");
    const [mode, type, sha, size] = record.slice(0, tab).split(/ +/);
    if (type !== "blob" || mode === "120000" || !sha) continue;
    entries.push({ path: record.slice(tab + 1), blobSha: sha, size: Number(size) });
  }
  return entries;
}
