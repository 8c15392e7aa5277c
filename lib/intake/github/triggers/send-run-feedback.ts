import { getDb } from "@/db";
import type { Database } from "@/db/client";
import { feedbackReceived } from "@/lib/inngest/events";
import { logger } from "@/lib/platform/logger";
import { appendRunEvent } from "@/lib/runs/transition-run";
import { sendPipelineEvent } from "@/lib/runs/send-pipeline-event";

export type RunFeedbackComment = { id: string; body: string; path?: string; line?: number; author: string };

/**
 * Hands review feedback on a run's PR to the follow-up function (inngest/functions/follow-up-run.ts).
 * Called by the webhook handler for `pull_request_review.submitted` (changes requested, or
 * with comments) and `pull_request_review_comment.created` on a PR that belongs to a run.
 *
 * Comments written by bots (our own replies come back as review comment webhooks) are
 * dropped, so a reply never starts another attempt. The feedback is recorded on the run
 * (run event "feedback.received") before the event goes out. The event id is derived from the
 * review and comment ids: a redelivered webhook sends the same id and Inngest keeps one.
 * Returns false when nothing was left to send.
 */
export async function sendRunFeedback(input: {
  runId: string;
  reviewId?: string;
  comments: RunFeedbackComment[];
  changesRequested?: boolean;
  db?: Database;
}): Promise<boolean> {
  const comments = input.comments.filter((comment) => !comment.author.endsWith("[bot]") && comment.body.trim() !== "");
  if (comments.length === 0 && !input.changesRequested) return false;
  // Recorded at once, so the follow-up that runs first takes up every comment of the review
  // (its body and line comments come as separate webhooks): see unansweredFeedback.
  await appendRunEvent({
    db: input.db ?? getDb(),
    runId: input.runId,
    type: "feedback.received",
    data: { reviewId: input.reviewId ?? null, comments },
  });
  const key = input.reviewId
    ? `review-${input.reviewId}`
    : `comments-${comments
        .map((comment) => comment.id)
        .sort()
        .join("-")}`;
  await sendPipelineEvent(
    feedbackReceived.create(
      { runId: input.runId, reviewId: input.reviewId, comments: comments.slice(0, 100) },
      { id: `feedback-${input.runId}-${key}`.slice(0, 250) },
    ),
  );
  logger.info(
    { runId: input.runId, reviewId: input.reviewId, comments: comments.length },
    "review feedback sent to the follow-up function",
  );
  return true;
}
