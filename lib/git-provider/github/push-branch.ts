import { type PushOutcome, rejectedPush } from "@/lib/workspaces/push-to-repository";
import { runGit } from "@/lib/workspaces/run-git";

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
    const refused = rejectedPush(error);
    if (!refused) throw error;
    return refused;
  }
}
