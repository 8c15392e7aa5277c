import { type MirrorRemote, readMirroredBranches, withSyncedMirror } from "./mirror";
import { assertBranchName } from "./paths";
import type { LocalRepository } from "./repository";

/**
 * Brings the repository's mirror up to date (creating it on first use) and returns its path
 * with the commits of `branches` as fetched (null: no such branch). What is read from the
 * mirror afterwards goes by those commits, which a later fetch never removes.
 */
export async function fetchMirror(input: {
  dataDir: string;
  repository: LocalRepository;
  branches: string[];
  remote?: MirrorRemote;
}): Promise<{ mirrorDir: string; heads: (string | null)[] }> {
  for (const branch of input.branches) assertBranchName(branch);
  return withSyncedMirror(
    input.dataDir,
    input.repository,
    async (mirrorDir) => ({
      mirrorDir,
      heads: input.branches.length > 0 ? await readMirroredBranches(mirrorDir, input.branches) : [],
    }),
    input.remote,
  );
}
