import { getPullRequestByNumber } from "@/db/queries/pull-requests";
import { getReviewsByProjectId } from "@/db/queries/reviews";
import { AppError } from "@/lib/platform/errors";
import { requestReview } from "@/lib/reviews/request-review";
import { findEventProjects } from "./find-event-projects";
import { pullRequestUpdatedPayloadSchema } from "./payload-schemas";
import type { TriggerContext } from "./trigger-context";

export type UpdatedOutcome = { status: "ignored"; reason: string } | { status: "requested"; reviewIds: string[] };

/**
 * A PR opened, reopened or given new commits on GitHub: reviewed when its project has
 * autoReview, or when it was reviewed before (a new commit updates the review: fixed findings
 * resolve, none is posted twice). Runs' PRs are left to their pipeline, which reviews each attempt.
 */
export async function handlePullRequestUpdated({
  context,
  installationId,
  payload,
}: {
  context: TriggerContext;
  installationId?: number;
  payload: Record<string, unknown>;
}): Promise<UpdatedOutcome> {
  const parsed = pullRequestUpdatedPayloadSchema.safeParse(payload);
  if (!parsed.success) return { status: "ignored", reason: "not a pull request payload" };
  const { pull_request: pr, repository } = parsed.data;
  if (pr.state !== "open") return { status: "ignored", reason: "the pull request is not open" };
  const { db } = context;
  const found = await findEventProjects({ db, installationId, fullName: repository.full_name });
  const reviewIds: string[] = [];
  for (const project of found?.projects ?? []) {
    if (!project.pinned) continue;
    const row = await getPullRequestByNumber({ db, projectId: project.id, number: pr.number });
    if (row?.runId) continue;
    const reviewedBefore =
      (await getReviewsByProjectId({ db, projectId: project.id, pullRequestNumber: pr.number, limit: 1 })).length > 0;
    if (!project.settings.autoReview && !reviewedBefore) continue;
    try {
      const { review } = await requestReview({ db, project, number: pr.number, trigger: "auto", requestedBy: null });
      reviewIds.push(review.id);
    } catch (error) {
      // Closed or gone meanwhile: nothing to review.
      if (error instanceof AppError && error.status < 500) continue;
      throw error;
    }
  }
  return reviewIds.length > 0
    ? { status: "requested", reviewIds }
    : { status: "ignored", reason: "no project reviews this pull request" };
}
