import { GitError, runGit } from "@/lib/workspaces/run-git";

export type PushOutcome = { pushed: true } | { pushed: false; reason: string; stale: boolean };

// Runs the repository's receive-pack with updateInstead, as a server with push-to-deploy
// would: a non-bare repository with the branch checked out gets its clean working tree
// updated, and a dirty one refuses the push, leaving the branch where it was.
const receivePack = "git -c receive.denyCurrentBranch=updateInstead receive-pack";

// What git says when the branch is no longer at the commit the push was computed from.
const stalePattern =
  /stale info|fetch first|non-fast-forward|failed to update ref|cannot lock ref|incorrect old value|but expected/i;

/**
 * Pushes `sha` to `branch` of the project repository from a git dir (the mirror or a
 * worktree of it). With `expectedOldSha` the update only happens while the branch is still
 * at that commit (null: while it does not exist); without it, only as a fast-forward.
 */
export async function pushToRepository(input: {
  gitDir: string;
  cwd: string;
  repositoryPath: string;
  sha: string;
  branch: string;
  expectedOldSha?: string | null;
}): Promise<PushOutcome> {
  const ref = `refs/heads/${input.branch}`;
  const lease = input.expectedOldSha === undefined ? [] : [`--force-with-lease=${ref}:${input.expectedOldSha ?? ""}`];
  const args = [
    "push",
    "--porcelain",
    "--no-verify",
    `--receive-pack=${receivePack}`,
    ...lease,
    input.repositoryPath,
    `${input.sha}:${ref}`,
  ];
  try {
    await runGit(input.cwd, args, { env: { GIT_DIR: input.gitDir } });
    return { pushed: true };
  } catch (error) {
    const refused = rejectedPush(error);
    if (!refused) throw error;
    return refused;
  }
}

/** A `git push --porcelain` that the other side refused, as a PushOutcome; null for any other failure. */
export function rejectedPush(error: unknown): Extract<PushOutcome, { pushed: false }> | null {
  if (!(error instanceof GitError)) return null;
  // --porcelain reports each ref as "<flag>\t<from>:<to>\t<summary>"; "!" is a rejection.
  const rejected = error.stdout.split("\n").find((line) => line.startsWith("!\t"));
  if (!rejected) return null;
  const summary = rejected.split("\t")[2] ?? "";
  const reason = /\((.*)\)\s*$/.exec(summary)?.[1] ?? summary;
  const detail = `${reason}\n${error.stderr}`;
  return { pushed: false, reason: reason || error.stderr.trim(), stale: stalePattern.test(detail) };
}
