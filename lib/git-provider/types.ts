import type { Project } from "@/db/schema";

// One interface for every git host. The local provider keeps PRs, comments and statuses
// in the database and merges with git; the GitHub provider (its own issue) calls the API.

export type Workspace = {
  /** Absolute path of the run's working copy, on `branch`. */
  path: string;
  branch: string;
  baseBranch: string;
  /** The commit the workspace was made from: the branch's last pushed commit, or the base's head. */
  headSha: string;
  /** True when the branch already existed and the workspace starts from its last pushed commit. */
  resumed: boolean;
};

export type PullRequestRef = {
  number: number;
  url: string | null;
  headBranch: string;
  baseBranch: string;
  headSha: string | null;
  state: "open" | "closed" | "merged";
};

export type MergeMethod = "squash" | "merge" | "rebase";
export type MergeResult = { merged: true; sha: string } | { merged: false; reason: string };
export type CommitState = "pending" | "success" | "failure" | "error";

export interface GitProvider {
  readonly kind: "local" | "github";

  /**
   * A fresh working copy for a run, checked out on `branch`: from the branch's last pushed
   * commit when it exists, else from `baseBranch`. Idempotent: calling it again discards
   * whatever a crashed attempt left behind.
   */
  prepareWorkspace(input: { project: Project; runId: string; branch: string; baseBranch: string }): Promise<Workspace>;

  /** Commits every change in the workspace and pushes the branch; null when nothing changed. */
  commitAndPush(input: { project: Project; workspace: Workspace; message: string }): Promise<{ sha: string } | null>;

  /** Opens a PR for the branch, or returns the open one it already has (idempotent). */
  openPullRequest(input: {
    project: Project;
    runId: string;
    branch: string;
    baseBranch: string;
    title: string;
    body: string;
  }): Promise<PullRequestRef>;

  getPullRequest(input: { project: Project; number: number }): Promise<PullRequestRef | null>;

  updatePullRequest(input: { project: Project; number: number; title?: string; body?: string }): Promise<void>;

  /** Adds a comment to an issue or PR; returns its id for later edits. */
  comment(input: { project: Project; number: number; body: string }): Promise<{ id: string }>;

  updateComment(input: { project: Project; id: string; body: string }): Promise<void>;

  setCommitStatus(input: {
    project: Project;
    sha: string;
    context: string;
    state: CommitState;
    description?: string;
    targetUrl?: string;
  }): Promise<void>;

  /** Merges into the PR's base branch; refused (merged: false, with the reason) on conflict. */
  mergePullRequest(input: { project: Project; number: number; method: MergeMethod; title?: string }): Promise<MergeResult>;

  closePullRequest(input: { project: Project; number: number }): Promise<void>;

  /** Removes a run's working copy (the branch stays). */
  removeWorkspace(input: { project: Project; runId: string }): Promise<void>;
}
