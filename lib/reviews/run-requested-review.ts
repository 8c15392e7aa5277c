import type { Database } from "@/db/client";
import { getProjectById } from "@/db/queries/projects";
import { getPullRequestByNumber } from "@/db/queries/pull-requests";
import { finishReview, getReviewById } from "@/db/queries/reviews";
import { getRunById } from "@/db/queries/runs";
import { getGitProvider } from "@/lib/git-provider";
import { AppError } from "@/lib/platform/errors";
import { reviewPullRequest } from "@/lib/reviews/review-pull-request";

/**
 * The review a request created (requestReview), on the PR's current head: its branches are
 * read from the git host, then the review runs. A PR gone or closed meanwhile ends the review
 * as failed, with the reason, rather than retrying.
 */
export async function runRequestedReview({
  db,
  projectId,
  number,
  reviewId,
  trigger,
}: {
  db: Database;
  projectId: string;
  number: number;
  reviewId: string;
  trigger: "request" | "auto";
}): Promise<{ reviewId: string; status: string; open: number; blockers: string[] }> {
  const project = await getProjectById({ db, id: projectId });
  const requested = await getReviewById({ db, id: reviewId });
  if (!project || !requested) throw new AppError("not_found:review", `Review ${reviewId} does not exist`);
  if (requested.status === "completed") return { reviewId, status: "completed", open: 0, blockers: requested.blockers };
  const pullRequest = await getGitProvider(project, { db }).getPullRequest({ project, number });
  if (pullRequest?.state !== "open") {
    await finishReview({
      db,
      id: reviewId,
      values: { status: "failed", error: `Pull request #${number} is not open` },
    });
    return { reviewId, status: "failed", open: 0, blockers: [] };
  }
  // A PR a run opened is reviewed against that run's goal, as its attempts were.
  const opened = await getPullRequestByNumber({ db, projectId, number });
  const run = opened?.runId ? await getRunById({ db, id: opened.runId }) : undefined;
  const { review, findings, blockers } = await reviewPullRequest({
    db,
    project,
    target: { number, baseBranch: pullRequest.baseBranch, headBranch: pullRequest.headBranch },
    trigger,
    requestedBy: requested.requestedBy,
    reviewId,
    goal: run?.goal,
  });
  return {
    reviewId: review.id,
    status: review.status,
    open: findings.filter((finding) => finding.status === "open").length,
    blockers,
  };
}
