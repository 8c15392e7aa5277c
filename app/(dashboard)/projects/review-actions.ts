"use server";
import { z } from "zod";
import { getDb } from "@/db";
import { getProjectById } from "@/db/queries/projects";
import { parseActionInput } from "@/lib/api/parse-action-input";
import { recordAudit } from "@/lib/audit";
import { requestReview } from "@/lib/reviews/request-review";
import { type ActionResult, attempt, authorizedProject, signedInActor } from "../action-helpers";

// "Review a pull request" on the project's reviews page: POST /api/v1/projects/{id}/reviews for people.

const reviewInput = z
  .object({
    projectId: z.uuid(),
    pullRequest: z.coerce
      .number()
      .int("Enter a pull request number")
      .min(1, "Enter a pull request number")
      .max(2_147_483_647),
  })
  .strict();

/** Asks for a review of an open pull request of the project; answers the review's id. */
export async function requestReviewAction(
  input: z.input<typeof reviewInput>,
): Promise<ActionResult<{ reviewId: string }>> {
  return attempt(async () => {
    const actor = await signedInActor();
    const data = parseActionInput(reviewInput, input);
    const db = getDb();
    const project = authorizedProject(actor, await getProjectById({ db, id: data.projectId }), "write");
    const { review, created } = await requestReview({
      db,
      project,
      number: data.pullRequest,
      trigger: "request",
      requestedBy: actor.userId,
    });
    if (created)
      await recordAudit({
        db,
        actor,
        teamId: project.teamId,
        action: "review.created",
        targetType: "review",
        targetId: review.id,
        data: { projectId: project.id, pullRequest: data.pullRequest },
      });
    return { reviewId: review.id };
  });
}
