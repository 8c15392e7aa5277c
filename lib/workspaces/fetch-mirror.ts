import { GitError } from "@/lib/workspaces/run-git";
import { type MirrorRemote, mirrorGit, readMirroredBranches, withSyncedMirror } from "./mirror";
import { assertBranchName } from "./paths";
import type { LocalRepository } from "./repository";

/**
 * Brings the repository's mirror up to date (creating it on first use) and returns its path
 * with the commits of `branches` as fetched (null: no such branch). What is read from the
 * mirror afterwards goes by those commits, which a later fetch never removes.
 *
 * `pullRequests` also fetches each PR's `refs/pull/<n>/head` (GitHub's ref for a PR's head,
 * the only place a fork's PR head is in the base repository) into the mirror's own
 * refs/pull/<n>/head, which the branch fetch's --prune never touches: `pullHeads`, null when
 * the host has no such ref.
 */
export async function fetchMirror(input: {
  dataDir: string;
  repository: LocalRepository;
  branches: string[];
  pullRequests?: number[];
  remote?: MirrorRemote;
}): Promise<{ mirrorDir: string; heads: (string | null)[]; pullHeads: (string | null)[] }> {
  for (const branch of input.branches) assertBranchName(branch);
  const pulls = input.pullRequests ?? [];
  for (const number of pulls)
    if (!Number.isSafeInteger(number) || number < 1) throw new Error(`Not a pull request number: ${number}`);
  return withSyncedMirror(
    input.dataDir,
    input.repository,
    async (mirrorDir) => ({
      mirrorDir,
      heads: input.branches.length > 0 ? await readMirroredBranches(mirrorDir, input.branches) : [],
      pullHeads: await Promise.all(pulls.map((number) => fetchPullHead(mirrorDir, number, input.remote))),
    }),
    input.remote,
  );
}

async function fetchPullHead(mirrorDir: string, number: number, remote?: MirrorRemote): Promise<string | null> {
  const ref = `refs/pull/${number}/head`;
  try {
    await mirrorGit(mirrorDir, ["fetch", "--quiet", "--no-tags", "origin", `+${ref}:${ref}`], {
      env: remote ? await remote.env() : {},
    });
  } catch (error) {
    if (error instanceof GitError && /couldn't find remote ref/i.test(error.stderr)) return null;
    throw error;
  }
  return mirrorGit(mirrorDir, ["rev-parse", "--verify", `${ref}^{commit}`]);
}
