import type { Database } from "@/db/client";
import { getFindingsOfPullRequest, markReviewPublished, setFindingComment } from "@/db/queries/reviews";
import type { Project, Review, ReviewFinding } from "@/db/schema";
import type { CheckRunAnnotation, GitProvider } from "@/lib/git-provider/types";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { findingCommentBody, reviewSummary } from "@/lib/reporting/review-text";

export const REVIEW_CHECK_NAME = "Mergeline review";

// GitHub takes at most 50 annotations per check run request; a review comment per finding is plenty past that.
const MAX_ANNOTATIONS = 50;
const MAX_COMMENTS = 50;

const level = (severity: string): CheckRunAnnotation["level"] =>
  severity === "critical" || severity === "high" ? "failure" : severity === "medium" ? "warning" : "notice";

/**
 * Posts a completed review of a PR on its git host, once: comments for findings not posted
 * yet (a review with inline comments on GitHub, PR comments with file and line locally),
 * resolved findings' comments struck through, reopened ones restored, and the "Mergeline
 * review" check run on the head with an annotation per open finding. A finding's comment is
 * remembered (review_findings.comment_id), so a new commit never posts it twice.
 */
export async function reportReview({
  db,
  provider,
  project,
  review,
  detailsUrl,
}: {
  db: Database;
  provider: GitProvider;
  project: Project;
  review: Review;
  detailsUrl?: string;
}): Promise<{ posted: number; updated: number }> {
  if (review.status !== "completed" || review.publishedAt || !review.headSha) return { posted: 0, updated: 0 };
  const number = review.pullRequestNumber;
  const findings = await getFindingsOfPullRequest({ db, projectId: project.id, pullRequestNumber: number });
  const toPost = findings.filter((finding) => finding.status === "open" && !finding.commentId).slice(0, MAX_COMMENTS);
  const toUpdate = findings.filter(
    (finding) =>
      finding.commentId && !finding.commentId.startsWith("body:") && finding.commentStatus !== finding.status,
  );
  const summary = reviewSummary(review, findings);

  // The summary goes with news (findings to post, or resolved); a clean PR gets its check run.
  if (toPost.length > 0 || toUpdate.length > 0) {
    const comments = toPost.map((finding) => ({
      path: finding.path,
      line: finding.line,
      body: findingCommentBody(finding),
    }));
    let posted: { id: string; commentIds: string[] };
    try {
      posted = await provider.postReview({ project, number, sha: review.headSha, body: summary, comments });
    } catch (error) {
      // A line the host does not place (GitHub's 422) costs the inline comments, not the review:
      // they go into its body instead.
      if (!(error instanceof AppError) || comments.length === 0 || error.status >= 500) throw error;
      logger.warn({ err: error, number }, "the review's inline comments were refused; posting them in its body");
      const body = [
        summary,
        "",
        ...toPost.map((finding) => `- \`${finding.path}:${finding.line}\` ${findingCommentBody(finding)}`),
      ].join("\n");
      const fallback = await provider.postReview({ project, number, sha: review.headSha, body, comments: [] });
      posted = { id: fallback.id, commentIds: toPost.map(() => `body:${fallback.id}`) };
    }
    for (const [index, finding] of toPost.entries()) {
      const commentId = posted.commentIds[index];
      if (commentId) await setFindingComment({ db, id: finding.id, commentId, commentStatus: "open" });
    }
  }
  for (const finding of toUpdate) {
    await provider.updateReviewComment({ project, number, id: finding.commentId!, body: findingCommentBody(finding) });
    await setFindingComment({ db, id: finding.id, commentId: finding.commentId!, commentStatus: finding.status });
  }
  await publishReviewCheck({ provider, project, review, findings, summary, detailsUrl });
  await markReviewPublished({ db, id: review.id });
  return { posted: toPost.length, updated: toUpdate.length };
}

async function publishReviewCheck({
  provider,
  project,
  review,
  findings,
  summary,
  detailsUrl,
}: {
  provider: GitProvider;
  project: Project;
  review: Review;
  findings: ReviewFinding[];
  summary: string;
  detailsUrl?: string;
}): Promise<void> {
  const open = findings.filter((finding) => finding.status === "open");
  const blocked = review.blockers.length > 0;
  await provider.publishCheckRun({
    project,
    sha: review.headSha!,
    name: REVIEW_CHECK_NAME,
    status: "completed",
    conclusion: blocked ? "failure" : open.length > 0 ? "neutral" : "success",
    title: blocked
      ? `Merge blocked: ${review.blockers[0]}`
      : `${open.length} open finding${open.length === 1 ? "" : "s"}`,
    summary: summary.slice(0, 60_000),
    annotations: open.slice(0, MAX_ANNOTATIONS).map((finding) => ({
      path: finding.path,
      startLine: finding.line,
      endLine: finding.line,
      level: level(finding.severity),
      title: `${finding.severity}: ${finding.title}`.slice(0, 255),
      message: [finding.message, finding.suggestion ? `Suggestion: ${finding.suggestion}` : ""]
        .filter(Boolean)
        .join("\n")
        .slice(0, 64_000),
    })),
    detailsUrl,
  });
}
