import type { Review } from "@/db/schema";
import { publish } from "@/lib/platform/realtime";

/** Tells the project's open pages (its Reviews page, a review's page) that a review started or ended. */
export async function publishReviewState(
  review: Pick<Review, "id" | "projectId" | "runId" | "pullRequestNumber" | "status">,
): Promise<void> {
  await publish({
    type: "project.status.updated",
    projectId: review.projectId,
    data: {
      event: "review.updated",
      reviewId: review.id,
      pullRequest: review.pullRequestNumber,
      status: review.status,
    },
  });
}
