import path from "node:path";
import { GitError, runGit } from "@/lib/workspaces/run-git";

const MAX_DIFF = 40_000;

/**
 * The diff of one file of a workspace against its last commit, as it is now: how a CLI
 * agent's edit (Codex reports only the paths it changed) is shown on the run page. A new
 * file is diffed against nothing. Empty when git cannot tell.
 */
export async function workspaceFileDiff(workspace: string, file: string): Promise<string> {
  const relative = path.isAbsolute(file) ? path.relative(workspace, file) : file;
  if (relative.startsWith("..")) return "";
  try {
    const tracked = await runGit(workspace, ["ls-files", "--", relative]);
    const diff = tracked
      ? await runGit(workspace, ["diff", "--no-color", "HEAD", "--", relative], { trim: false })
      : await runGit(workspace, ["diff", "--no-color", "--no-index", "--", "/dev/null", relative], {
          trim: false,
        }).catch(
          // --no-index exits 1 when the files differ, which is the point.
          (error: unknown) => (error instanceof GitError && error.exitCode === 1 ? error.stdout : ""),
        );
    return diff.length > MAX_DIFF ? `${diff.slice(0, MAX_DIFF)}\n[diff cut]` : diff;
  } catch {
    return "";
  }
}
