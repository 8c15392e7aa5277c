import { liveHeadSha } from "./pull-head";
import type { EmulatorContext } from "./context";
import { timestamp } from "./issue-actions";
import { branchSha, runGit } from "./run-git";
import { serializePull } from "./serialize-pull";
import { serializeReview, serializeReviewComment } from "./serialize-review";
import type { Account, Issue, Repo, Review, ReviewComment } from "./state";

/** The diff hunk of `path` (base...head) up to `line`, as GitHub shows above a review comment. */
export async function diffHunk(repo: Repo, issue: Issue, path: string, line: number | null): Promise<string> {
  const pull = issue.pull!;
  const head = pull.headSha ?? (await liveHeadSha(repo, issue));
  const base = pull.baseSha ?? (await branchSha(repo.dir, pull.base));
  const diff = (await runGit(repo.dir, ["diff", `${base}...${head}`, "--", path])).stdout;
  const hunks = diff.split(/\n(?=@@ )/).filter((h) => h.startsWith("@@ "));
  if (hunks.length === 0) return `@@ -0,0 +1,1 @@\n+`;
  const wanted = hunks.find((h) => {
    const match = /\+(\d+)(?:,(\d+))?/.exec(h);
    const start = Number(match?.[1] ?? 0);
    return line !== null && line >= start && line < start + Number(match?.[2] ?? 1);
  });
  return (wanted ?? hunks[0]).trimEnd();
}

/** Whether `line` of `path` (new side) is in the PR's diff, where GitHub lets a review comment go. */
export async function lineInDiff(repo: Repo, issue: Issue, path: string, line: number): Promise<boolean> {
  const pull = issue.pull!;
  const head = (await liveHeadSha(repo, issue)) ?? pull.headSha;
  const base = pull.baseSha ?? (await branchSha(repo.dir, pull.base));
  const diff = (await runGit(repo.dir, ["diff", `${base}...${head}`, "--", path])).stdout;
  for (const match of diff.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    const start = Number(match[1]);
    const count = match[2] === undefined ? 1 : Number(match[2]);
    if (line >= start && line < start + count) return true;
  }
  return false;
}

/** Reviews hold their comments' diff hunks so reads need no git. */
export type StoredReviewComment = ReviewComment & { diffHunk: string };

export async function emitReviewComment(
  ctx: EmulatorContext,
  repo: Repo,
  issue: Issue,
  comment: StoredReviewComment,
  sender: Account,
): Promise<void> {
  ctx.emit("pull_request_review_comment", "created", repo, sender, {
    comment: serializeReviewComment(ctx.urls, repo, issue, comment),
    pull_request: await serializePull(ctx, repo, issue),
  });
}

/** A review with optional line comments: pull_request_review.submitted, then one review-comment event per comment. */
export async function submitReview(
  ctx: EmulatorContext,
  repo: Repo,
  issue: Issue,
  input: {
    user: Account;
    state: Review["state"];
    body?: string;
    comments?: { path: string; line: number; body: string }[];
  },
): Promise<Review> {
  const pull = issue.pull!;
  const commitId = (await liveHeadSha(repo, issue)) ?? pull.headSha ?? "";
  const now = timestamp();
  const review: Review = {
    id: ctx.state.nextId(),
    user: input.user,
    state: input.state,
    body: input.body ?? "",
    commitId,
    submittedAt: now,
  };
  pull.reviews.push(review);
  const comments: StoredReviewComment[] = [];
  for (const c of input.comments ?? []) {
    const comment: StoredReviewComment = {
      id: ctx.state.nextId(),
      reviewId: review.id,
      path: c.path,
      line: c.line,
      body: c.body,
      user: input.user,
      commitId,
      createdAt: now,
      updatedAt: now,
      diffHunk: await diffHunk(repo, issue, c.path, c.line),
    };
    pull.reviewComments.push(comment);
    comments.push(comment);
  }
  issue.updatedAt = now;
  ctx.emit("pull_request_review", "submitted", repo, input.user, {
    review: serializeReview(ctx.urls, repo, issue, review),
    pull_request: await serializePull(ctx, repo, issue),
  });
  for (const comment of comments) await emitReviewComment(ctx, repo, issue, comment, input.user);
  return review;
}
