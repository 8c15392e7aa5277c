import type { Review } from "@/db/schema";
import { publish } from "@/lib/platform/realtime";

/**
 * Tells open pages that a review started, moved on (static analysis done, AI review running) or
 * ended: the project's Reviews page and the review's page (project room), and for a run's review
 * the run's page too (run room). Pages refetch the review, so a missed event costs nothing.
 */
export async function publishReviewState(
  review: Pick<Review, "id" | "projectId" | "runId" | "pullRequestNumber" | "status" | "progress">,
): Promise<void> {
  await publish({
    type: "project.status.updated",
    projectId: review.projectId,
    runId: review.runId,
    data: {
      event: "review.updated",
      reviewId: review.id,
      pullRequest: review.pullRequestNumber,
      status: review.status,
      ...(review.progress && review.status === "running" ? { progress: review.progress } : {}),
    },
  });
}
