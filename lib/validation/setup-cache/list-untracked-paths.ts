import { runGit } from "@/lib/workspaces/run-git";

/**
 * The workspace's untracked and ignored paths as git reports them: a directory git has no
 * tracked file in appears once, as itself (`node_modules`), not file by file. Paths are
 * relative, without a trailing slash, sorted.
 */
export async function listUntrackedPaths(workspace: string): Promise<string[]> {
  const status = await runGit(
    workspace,
    ["status", "--porcelain=v1", "-z", "--ignored=traditional", "--untracked-files=normal"],
    { trim: false },
  );
  const paths: string[] = [];
  const entries = status.split("\0");
  for (let i = 0; i < entries.length; i++) {
    const code = entries[i].slice(0, 2);
    if (code === "??" || code === "!!") paths.push(entries[i].slice(3).replace(/\/$/, ""));
    // A rename or copy is followed by its source path as an entry of its own.
    else if (/[RC]/.test(code)) i++;
  }
  return paths.filter((entry) => entry !== "").sort();
}
