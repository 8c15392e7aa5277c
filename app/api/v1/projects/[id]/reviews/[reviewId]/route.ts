// GET /api/v1/projects/{id}/reviews/{reviewId}: a review with every finding of its pull request
import { z } from "zod";
import { getFindingsOfPullRequest, getReviewById } from "@/db/queries/reviews";
import { defineRoute } from "@/lib/api/define-route";
import { loadProjectFor } from "@/lib/api/load-project-for";
import { apiReviewDetailsSchema, toApiReview, toApiReviewFinding } from "@/lib/api/schemas/review";
import { AppError } from "@/lib/platform/errors";

export const GET = defineRoute({
  method: "GET",
  path: "/projects/{id}/reviews/{reviewId}",
  tag: "reviews",
  summary: "Get a review and its findings",
  permission: "read",
  params: z.object({ id: z.uuid().describe("The project's id"), reviewId: z.uuid().describe("The review's id") }),
  response: apiReviewDetailsSchema,
  handler: async ({ db, actor, params }) => {
    const project = await loadProjectFor({ db, actor, projectId: params.id, permission: "read" });
    const review = await getReviewById({ db, id: params.reviewId });
    if (!review || review.projectId !== project.id)
      throw new AppError("not_found:review", `The project has no review ${params.reviewId}`);
    const findings = await getFindingsOfPullRequest({
      db,
      projectId: project.id,
      pullRequestNumber: review.pullRequestNumber,
    });
    return { ...toApiReview(review), findings: findings.map(toApiReviewFinding) };
  },
});
