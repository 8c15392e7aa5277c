import { GitError, runGit } from "@/lib/workspaces/run-git";
import type { PushOutcome } from "@/lib/workspaces/push-to-repository";

/**
 * Pushes `sha` to `branch` of a remote over HTTPS, fast-forward only. The credentials come
 * in `authEnv` (gitAuthEnv), so the command line names only the bare URL.
 */
export async function pushBranch(input: {
  gitDir: string;
  cwd: string;
  url: string;
  sha: string;
  branch: string;
  authEnv: Record<string, string>;
}): Promise<PushOutcome> {
  const args = ["push", "--porcelain", "--no-verify", input.url, `${input.sha}:refs/heads/${input.branch}`];
  try {
    await runGit(input.cwd, args, { env: { GIT_DIR: input.gitDir, ...input.authEnv } });
    return { pushed: true };
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    // --porcelain reports each ref as "<flag>\t<from>:<to>\t<summary>"; "!" is a rejection.
    const rejected = error.stdout.split("\n").find((line) => line.startsWith("!\t"));
    if (!rejected) throw error;
    const summary = rejected.split("\t")[2] ?? "";
    const reason = /\((.*)\)\s*$/.exec(summary)?.[1] ?? summary;
    return {
      pushed: false,
      reason: reason || error.stderr.trim(),
      stale: /fetch first|non-fast-forward|stale info/i.test(`${reason}\n${error.stderr}`),
    };
  }
}
