import type { Database } from "@/db/client";
import { getPullRequestByNumber } from "@/db/queries/pull-requests";
import { finishReview, getRunningReview, startReview } from "@/db/queries/reviews";
import type { Project, Review } from "@/db/schema";
import { getGitProvider } from "@/lib/git-provider";
import { reviewRequested } from "@/lib/inngest/events";
import { AppError } from "@/lib/platform/errors";
import { assertProjectPinned } from "@/lib/projects/assert-project-pinned";
import { sendPipelineEvent } from "@/lib/runs/send-pipeline-event";

/**
 * Asks for a review of PR `number` of a pinned project (REST, the dashboard, `/mergeline
 * review`, autoReview): the PR must exist and be open. A review of it still running is
 * returned instead of starting a second one. The review itself runs in the review-pull-request
 * function; the row is created here, so the caller can follow it.
 */
export async function requestReview({
  db,
  project,
  number,
  trigger,
  requestedBy,
}: {
  db: Database;
  project: Project;
  number: number;
  trigger: "request" | "auto";
  requestedBy: string | null;
}): Promise<{ review: Review; created: boolean }> {
  assertProjectPinned(project);
  const pullRequest = await getGitProvider(project, { db }).getPullRequest({ project, number });
  if (!pullRequest) throw new AppError("not_found:pull_request", `The repository has no pull request #${number}`);
  if (pullRequest.state !== "open")
    throw new AppError(
      "conflict:pull_request",
      `Pull request #${number} is ${pullRequest.state}; only open ones are reviewed`,
    );
  const running = await getRunningReview({ db, projectId: project.id, pullRequestNumber: number });
  if (running) return { review: running, created: false };
  const mirrored = await getPullRequestByNumber({ db, projectId: project.id, number });
  const review = await startReview({
    db,
    values: {
      projectId: project.id,
      runId: null,
      attempt: null,
      pullRequestNumber: number,
      trigger,
      requestedBy,
      headSha: pullRequest.headSha ?? mirrored?.headSha ?? null,
    },
  });
  try {
    await sendPipelineEvent(
      reviewRequested.create({ projectId: project.id, pullRequest: number, reviewId: review.id, trigger }),
    );
  } catch (error) {
    await finishReview({
      db,
      id: review.id,
      values: { status: "failed", error: "The pipeline engine was not reachable" },
    });
    throw error;
  }
  return { review, created: true };
}
