import { branchSha, git, runGit } from "./run-git";
import type { EmulatorState, Issue, Repo } from "./state";

/** The ref GitHub keeps in the base repository for every PR's head, fork or not. */
export function pullRef(issue: Issue): string {
  return `refs/pull/${issue.number}/head`;
}

/**
 * The live head commit of an open PR: its branch, or for a PR from a fork the copy of the fork's
 * branch in refs/pull/<n>/head (the base repository does not have the fork's branches).
 */
export async function liveHeadSha(repo: Repo, issue: Issue): Promise<string | null> {
  const pull = issue.pull!;
  if (!pull.headRepo) return branchSha(repo.dir, pull.head);
  const result = await runGit(repo.dir, ["rev-parse", "--verify", "--quiet", `${pullRef(issue)}^{commit}`]);
  return result.code === 0 ? result.stdout.trim() : null;
}

/**
 * Points refs/pull/<n>/head at the PR's head as GitHub does. A PR of the repository's own
 * branch gets a symbolic ref to it, so it follows every way the branch can move (pushes, the
 * API, tests writing to the bare repository); a PR from a fork gets the fork's commits fetched
 * in (forks share objects on GitHub); a closed one keeps its last head.
 */
export async function syncPullRef(state: EmulatorState, repo: Repo, issue: Issue): Promise<void> {
  const pull = issue.pull!;
  const ref = pullRef(issue);
  if (pull.headSha) {
    await git(repo.dir, ["update-ref", "--no-deref", ref, pull.headSha]);
    return;
  }
  if (!pull.headRepo) {
    await git(repo.dir, ["symbolic-ref", ref, `refs/heads/${pull.head}`]);
    return;
  }
  const fork = state.repoOrThrow(pull.headRepo);
  await git(repo.dir, ["fetch", "--quiet", "--no-tags", fork.dir, `+refs/heads/${pull.head}:${ref}`]);
}
