import { serializeUser } from "./serialize-basics";
import { authorAssociation, reactions } from "./serialize-issue";
import type { Issue, Repo, Review, ReviewComment } from "./state";
import { nodeId, type Urls } from "./urls";

export function serializeReview(urls: Urls, repo: Repo, issue: Issue, review: Review): Record<string, unknown> {
  const html = urls.html(`${repo.fullName}/pull/${issue.number}#pullrequestreview-${review.id}`);
  const pullUrl = urls.repoApi(repo.fullName, `/pulls/${issue.number}`);
  return {
    id: review.id,
    node_id: nodeId("PullRequestReview", review.id),
    user: serializeUser(urls, review.user),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: pullUrl,
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    submitted_at: review.submittedAt,
    commit_id: review.commitId,
    author_association: authorAssociation(repo, review.user),
  };
}

export function serializeReviewComment(
  urls: Urls,
  repo: Repo,
  issue: Issue,
  comment: ReviewComment & { diffHunk: string },
): Record<string, unknown> {
  const url = urls.repoApi(repo.fullName, `/pulls/comments/${comment.id}`);
  const html = urls.html(`${repo.fullName}/pull/${issue.number}#discussion_r${comment.id}`);
  const pullUrl = urls.repoApi(repo.fullName, `/pulls/${issue.number}`);
  return {
    url,
    id: comment.id,
    node_id: nodeId("PullRequestReviewComment", comment.id),
    pull_request_review_id: comment.reviewId,
    diff_hunk: comment.diffHunk,
    path: comment.path,
    position: comment.line,
    original_position: comment.line,
    commit_id: comment.commitId,
    original_commit_id: comment.commitId,
    ...(comment.inReplyTo ? { in_reply_to_id: comment.inReplyTo } : {}),
    user: serializeUser(urls, comment.user),
    body: comment.body,
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: authorAssociation(repo, comment.user),
    _links: { self: { href: url }, html: { href: html }, pull_request: { href: pullUrl } },
    start_line: null,
    original_start_line: null,
    start_side: null,
    line: comment.line,
    original_line: comment.line,
    side: "RIGHT",
    subject_type: "line",
    reactions: reactions(url),
  };
}
