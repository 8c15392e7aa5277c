import { mkdir } from "node:fs/promises";
import path from "node:path";
import { EmulatorServer } from "./emulator-server";
import { addComment, addLabels, createIssue, removeLabel, updateIssue } from "./issue-actions";
import { mergePull, type MergeOutcome } from "./merge-pull";
import { openPull } from "./open-pull";
import { submitReview } from "./review-actions";
import { git } from "./run-git";
import type { Issue, MergeMethod, Repo, Review } from "./state";

async function headsOf(repo: Repo): Promise<Map<string, string>> {
  const out = await git(repo.dir, ["for-each-ref", "--format=%(refname) %(objectname)", "refs/heads"]);
  return new Map(
    out
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split(" ") as [string, string]),
  );
}

/** What people do on the emulated GitHub (not through the API): issues, comments, forks, PRs, reviews. */
export class PersonActions extends EmulatorServer {
  async createIssue(options: {
    repo: string;
    title: string;
    body?: string;
    user: string;
    labels?: string[];
  }): Promise<{ number: number; id: number }> {
    const issue = await createIssue(this, this.state.repoOrThrow(options.repo), {
      title: options.title,
      body: options.body,
      user: this.state.account(options.user),
      labels: options.labels,
    });
    return { number: issue.number, id: issue.id };
  }

  /** A person adds a label: issues.labeled (pull_request.labeled on a PR). */
  async addLabel(options: { repo: string; number: number; label: string; user: string }): Promise<void> {
    const repo = this.state.repoOrThrow(options.repo);
    await addLabels(
      this,
      repo,
      this.state.issueOrThrow(options.repo, options.number),
      [options.label],
      this.state.account(options.user),
    );
  }

  async removeLabel(options: { repo: string; number: number; label: string; user: string }): Promise<void> {
    const repo = this.state.repoOrThrow(options.repo);
    await removeLabel(
      this,
      repo,
      this.state.issueOrThrow(options.repo, options.number),
      options.label,
      this.state.account(options.user),
    );
  }

  /** A person comments: issue_comment.created. */
  async commentOnIssue(options: { repo: string; number: number; body: string; user: string }): Promise<{ id: number }> {
    const repo = this.state.repoOrThrow(options.repo);
    const comment = await addComment(
      this,
      repo,
      this.state.issueOrThrow(options.repo, options.number),
      options.body,
      this.state.account(options.user),
      false,
    );
    return { id: comment.id };
  }

  async closeIssueAsUser(options: { repo: string; number: number; user: string }): Promise<void> {
    const repo = this.state.repoOrThrow(options.repo);
    await updateIssue(
      this,
      repo,
      this.state.issueOrThrow(options.repo, options.number),
      { state: "closed" },
      this.state.account(options.user),
    );
  }

  /**
   * `owner` forks `repo`: a repository `owner/<name>` with the same branches (no installation of
   * the App covers it, as with a contributor's fork on GitHub).
   */
  async createFork(options: { repo: string; owner: string }): Promise<{ fullName: string; dir: string }> {
    const parent = this.state.repoOrThrow(options.repo);
    const owner = this.state.account(options.owner);
    const fullName = `${owner.login}/${parent.name}`;
    if (this.state.repo(fullName)) throw new Error(`emulator: repository ${fullName} exists`);
    const dir = path.join(this.gitRoot, owner.login, `${parent.name}.git`);
    await mkdir(path.dirname(dir), { recursive: true });
    await git(path.dirname(dir), ["clone", "--quiet", "--bare", parent.dir, dir]);
    await git(dir, ["config", "receive.hideRefs", "refs/pull"]);
    const created = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    const fork: Repo = {
      ...parent,
      id: this.state.nextId(),
      owner,
      fullName,
      dir,
      parent: parent.fullName,
      createdAt: created,
      pushedAt: created,
      permissions: new Map(),
      labels: [],
      issues: new Map(),
      comments: [],
      nextNumber: 1,
      protections: new Map(),
    };
    this.state.repos.set(fullName.toLowerCase(), fork);
    return { fullName, dir };
  }

  /**
   * A person pushes `branch` from a local clone to `repo` (their fork, typically): push events,
   * then pull_request.synchronize on the parent's PRs from that branch (sender: the person).
   */
  async pushAsUser(options: { repo: string; user: string; from: string; branch: string }): Promise<void> {
    const repo = this.state.repoOrThrow(options.repo);
    const before = await headsOf(repo);
    await git(options.from, ["push", "--quiet", "--force", repo.dir, `${options.branch}:refs/heads/${options.branch}`]);
    const after = await headsOf(repo);
    const moved = [...new Set([...before.keys(), ...after.keys()])]
      .filter((ref) => before.get(ref) !== after.get(ref))
      .map((ref) => ({ ref, before: before.get(ref) ?? null, after: after.get(ref) ?? null }));
    repo.pushedAt = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    if (moved.length) await this.onPush(repo, moved, this.state.account(options.user));
  }

  /** A person opens a PR: `head` is a branch of `repo` or `owner:branch` of their fork. pull_request.opened. */
  async openPullRequestAsUser(options: {
    repo: string;
    user: string;
    head: string;
    base: string;
    title: string;
    body?: string;
  }): Promise<{ number: number }> {
    const issue = await openPull(
      this,
      this.state.repoOrThrow(options.repo),
      {
        head: options.head,
        base: options.base,
        title: options.title,
        body: options.body ?? null,
        draft: false,
        maintainerCanModify: true,
      },
      this.state.account(options.user),
    );
    return { number: issue.number };
  }

  /** A person presses the merge button: same rules as the API (checks, conflicts); pull_request.closed. */
  mergePullRequestAsUser(options: {
    repo: string;
    number: number;
    user: string;
    method?: MergeMethod;
  }): Promise<MergeOutcome> {
    const repo = this.state.repoOrThrow(options.repo);
    return mergePull(this, repo, this.pullOrThrow(options.repo, options.number), {
      method: options.method ?? "merge",
      user: this.state.account(options.user),
    });
  }

  /** A person closes the PR without merging: pull_request.closed with merged false. */
  async closePullRequestAsUser(options: { repo: string; number: number; user: string }): Promise<void> {
    const repo = this.state.repoOrThrow(options.repo);
    await updateIssue(
      this,
      repo,
      this.pullOrThrow(options.repo, options.number),
      { state: "closed" },
      this.state.account(options.user),
    );
  }

  /** A person reviews: pull_request_review.submitted, plus pull_request_review_comment.created per line comment. */
  async submitReview(options: {
    repo: string;
    number: number;
    user: string;
    state: Review["state"];
    body?: string;
    comments?: { path: string; line: number; body: string }[];
  }): Promise<{ id: number; commentIds: number[] }> {
    const repo = this.state.repoOrThrow(options.repo);
    const issue = this.pullOrThrow(options.repo, options.number);
    const review = await submitReview(this, repo, issue, {
      user: this.state.account(options.user),
      state: options.state,
      body: options.body,
      comments: options.comments,
    });
    return {
      id: review.id,
      commentIds: issue.pull!.reviewComments.filter((c) => c.reviewId === review.id).map((c) => c.id),
    };
  }

  private pullOrThrow(repo: string, number: number): Issue {
    const issue = this.state.issueOrThrow(repo, number);
    if (!issue.pull) throw new Error(`emulator: ${repo}#${number} is an issue, not a pull request`);
    return issue;
  }
}
