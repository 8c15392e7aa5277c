import { getPullRequestByNumber } from "@/db/queries/pull-requests";
import { sendRunFeedback } from "@/lib/intake/github/triggers/send-run-feedback";
import { findEventProjects } from "./find-event-projects";
import { reviewCommentPayloadSchema, reviewPayloadSchema } from "./payload-schemas";
import type { TriggerContext } from "./trigger-context";

export type ReviewOutcome =
  | { status: "ignored"; reason: string }
  | { status: "sent" | "nothing_to_send"; runId: string };

/** Reviews and review comments on a run's PR go to the follow-up function (lib/intake/github/triggers/send-run-feedback.ts). */
export async function handleReviewEvent({
  context,
  installationId,
  name,
  payload,
}: {
  context: TriggerContext;
  installationId?: number;
  name: string;
  payload: Record<string, unknown>;
}): Promise<ReviewOutcome> {
  const review = name === "github/pull_request_review.submitted" ? reviewPayloadSchema.safeParse(payload) : null;
  const comment = review ? null : reviewCommentPayloadSchema.safeParse(payload);
  const target = review?.success ? review.data : comment?.success ? comment.data : null;
  if (!target) return { status: "ignored", reason: "not a review payload" };
  const found = await findEventProjects({ db: context.db, installationId, fullName: target.repository.full_name });
  for (const project of found?.projects ?? []) {
    const pullRequest = await getPullRequestByNumber({
      db: context.db,
      projectId: project.id,
      number: target.pull_request.number,
    });
    if (!pullRequest?.runId) continue;
    const runId = pullRequest.runId;
    let sent = false;
    if (review?.success) {
      const { review: submitted } = review.data;
      const body = submitted.body?.trim() ?? "";
      sent = await sendRunFeedback({
        runId,
        reviewId: String(submitted.id),
        comments: body ? [{ id: `review-${submitted.id}`, body, author: submitted.user?.login ?? "ghost" }] : [],
        changesRequested: submitted.state.toLowerCase() === "changes_requested",
      });
    } else if (comment?.success) {
      const { comment: written } = comment.data;
      sent = await sendRunFeedback({
        runId,
        comments: [
          {
            id: String(written.id),
            body: written.body,
            path: written.path,
            line: written.line ?? undefined,
            author: written.user?.login ?? "ghost",
          },
        ],
      });
    }
    return { status: sent ? "sent" : "nothing_to_send", runId };
  }
  return { status: "ignored", reason: "not a Mergeline pull request" };
}
