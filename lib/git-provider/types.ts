import type { CheckRunAnnotationValue as CheckRunAnnotation, Project } from "@/db/schema";
import type { Workspace } from "@/lib/workspaces/types";

// One interface for every git host. The local provider keeps PRs, comments and statuses
// in the database and merges with git; the GitHub provider (its own issue) calls the API.

export type { Workspace } from "@/lib/workspaces/types";

export type PullRequestRef = {
  number: number;
  url: string | null;
  headBranch: string;
  baseBranch: string;
  headSha: string | null;
  state: "open" | "closed" | "merged";
};

export type MergeMethod = "squash" | "merge" | "rebase";
/**
 * `autoMergeEnabled`: the host could not merge yet (required checks pending) and will merge
 * by itself when they pass (GitHub's native auto-merge); the PR closed event ends the run.
 */
export type MergeResult = { merged: true; sha: string } | { merged: false; reason: string; autoMergeEnabled?: boolean };
export type CommitState = "pending" | "success" | "failure" | "error";

export type IssueRef = {
  number: number;
  title: string;
  body: string;
  url: string | null;
  state: "open" | "closed";
  author: string | null;
  labels: string[];
};

/** A person's access to the repository, GitHub's words (local users are "admin"). */
export type RepositoryPermission = "admin" | "maintain" | "write" | "triage" | "read" | "none";

export type CheckRunStatus = "queued" | "in_progress" | "completed";
export type CheckRunConclusion = "success" | "failure" | "neutral" | "cancelled" | "action_required";
/** An annotation at a file and line range of a check run (stored as such for local projects). */
export type { CheckRunAnnotationValue as CheckRunAnnotation } from "@/db/schema";
export type CheckRunInput = {
  project: Project;
  sha: string;
  name: string;
  status: CheckRunStatus;
  /** Required when status is "completed". */
  conclusion?: CheckRunConclusion;
  title: string;
  summary: string;
  text?: string;
  annotations?: CheckRunAnnotation[];
  detailsUrl?: string;
};

/** A review comment at a line of the PR's head (the new side of the diff). */
export type ReviewCommentInput = { path: string; line: number; body: string };

export type BranchDiff = {
  /** Unified diff of the branch against its base since they diverged, cut at the last whole line within the cap. */
  diff: string;
  truncated: boolean;
};

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
  mergePullRequest(input: {
    project: Project;
    number: number;
    method: MergeMethod;
    title?: string;
  }): Promise<MergeResult>;

  closePullRequest(input: { project: Project; number: number }): Promise<void>;

  /** An issue by number, or null when the project has no such issue. */
  getIssue(input: { project: Project; number: number }): Promise<IssueRef | null>;

  /** Adds and removes labels on an issue or PR; labels the repository lacks are created. */
  setIssueLabels(input: { project: Project; number: number; add: string[]; remove: string[] }): Promise<void>;

  /** What `login` may do in the repository ("none" for strangers). */
  getUserPermission(input: { project: Project; login: string }): Promise<RepositoryPermission>;

  /** Creates the check run `name` on `sha`, or updates the one it already has (idempotent per sha + name). */
  publishCheckRun(input: CheckRunInput): Promise<{ id: string }>;

  /**
   * A review of PR `number` at commit `sha`: a body and comments at lines of the PR's head
   * (GitHub: a pull request review with inline comments; local: PR comments carrying their
   * file and line). Returns the comments' ids, in the order given.
   */
  postReview(input: {
    project: Project;
    number: number;
    sha: string;
    body: string;
    comments: ReviewCommentInput[];
  }): Promise<{ id: string; commentIds: string[] }>;

  /** Rewrites a review comment posted by postReview (a finding resolved or back). */
  updateReviewComment(input: { project: Project; number: number; id: string; body: string }): Promise<void>;

  /** Answers a review comment of PR `number` in its thread. */
  replyToReviewComment(input: {
    project: Project;
    number: number;
    commentId: string;
    body: string;
  }): Promise<{ id: string }>;

  /** What `branch` changes against `baseBranch` (the PR's diff), capped at `maxBytes` (1 MiB by default). */
  getBranchDiff(input: {
    project: Project;
    baseBranch: string;
    branch: string;
    maxBytes?: number;
  }): Promise<BranchDiff>;

  /**
   * Asks the host to merge the PR by itself once its required checks pass. Refused
   * (enabled: false, with the reason) where the host or repository does not allow it.
   */
  enableAutoMerge(input: {
    project: Project;
    number: number;
    method: MergeMethod;
  }): Promise<{ enabled: true } | { enabled: false; reason: string }>;

  /**
   * Whether the repository has `branch` (a name assertBranchName accepts): a new run's base
   * branch is checked with it, so a run on a missing branch is refused instead of failing later.
   */
  branchExists(input: { project: Project; branch: string }): Promise<boolean>;

  /**
   * The text of the file at `path` on `branch`, or null when the branch has no such file:
   * what a new run would start from (the scripted demo checks that its task is not done yet).
   */
  readFile(input: { project: Project; branch: string; path: string }): Promise<string | null>;

  /** Removes a run's working copy (the branch stays). */
  removeWorkspace(input: { project: Project; runId: string }): Promise<void>;

  /**
   * Fetches the repository into its mirror (a bare cache in the data dir) and returns the
   * mirror's path with the commits of `branches` (null: no such branch). The code index
   * reads trees and files from it.
   */
  fetchMirror(input: {
    project: Project;
    branches: string[];
  }): Promise<{ mirrorDir: string; heads: (string | null)[] }>;

  /**
   * Fetches PR `number`'s base branch and head into the mirror for reading (nothing checked
   * out, nothing run). GitHub: the head from `refs/pull/<n>/head`, which the base repository
   * has for every PR, also one whose head branch lives in a fork. Local: the head branch (local
   * repositories have no forks). null: the branch or the head is not there.
   */
  fetchPullRequestHead(input: {
    project: Project;
    number: number;
    baseBranch: string;
    headBranch: string;
  }): Promise<{ mirrorDir: string; baseHead: string | null; headSha: string | null }>;

  /** Where the project's mirror is, without fetching (it may not exist yet). */
  mirrorDir(input: { project: Project }): string;
}
