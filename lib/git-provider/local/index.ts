// The local git provider: projects whose repository is a path on this machine.
//   ${dataDir}/mirrors/<hash of the path>  bare cache, branches under refs/remotes/origin/*
//   ${dataDir}/workspaces/<runId>          a `git worktree` of the mirror on the run's branch
//   ${dataDir}/tmp/_rebase-*               throwaway worktrees for rebase merges
// PRs, comments and commit statuses are database rows; a local PR's url is null.
export { createLocalGitProvider } from "./create-local-git-provider";
export { type BranchDiff, listBranchDiff } from "./list-branch-diff";
