import type { Database } from "@/db/client";
import { getValidation, upsertValidation } from "@/db/queries/validations";
import { AppError } from "@/lib/platform/errors";
import { announceValidationCompleted } from "@/lib/runs/announce-validation-completed";
import { appendRunEvent } from "@/lib/runs/transition-run";
import { stopRunPreviews } from "@/lib/validation/preview/stop-run-previews";
import { validationReport } from "@/lib/pipeline/validate/validation-report";
import { getFindingsOfPullRequest, getReviewOfAttempt } from "@/db/queries/reviews";
import { reviewVerdictLine } from "@/lib/reviews/review-verdict-line";

export type AttemptValidation = { status: "passed" | "failed" | "cancelled"; summary: string };

/**
 * Validation, last step: the attempt's verdict from what the steps found, its summary (the
 * evidence the next attempt, the PR comment and the check run get), stored on the row and
 * announced as the run event `validation.completed` (and to Inngest as
 * `run/validation.completed`, for notifications and insights). Reporting it to the git host is
 * lib/reporting's part, on the state change that follows.
 */
export async function recordValidation({
  db,
  runId,
  attempt,
  status,
  previewId,
  previewLogTail,
}: {
  db: Database;
  runId: string;
  attempt: number;
  status: AttemptValidation["status"];
  previewId?: string;
  previewLogTail?: string;
}): Promise<AttemptValidation> {
  const row = await getValidation({ db, runId, attempt });
  if (!row) throw new AppError("not_found:validation", `Attempt ${attempt} of run ${runId} has no validation`);
  if (status === "cancelled") await stopRunPreviews({ db, runId, reason: "The run was cancelled." });
  const report = await validationReport({ db, validation: row, status, previewId, previewLogTail });
  // The review's verdict in a line; its findings reach the next attempt through attemptEvidence.
  const review = await getReviewOfAttempt({ db, runId, attempt });
  const verdict =
    review?.status === "completed"
      ? reviewVerdictLine(
          review,
          await getFindingsOfPullRequest({
            db,
            projectId: review.projectId,
            pullRequestNumber: review.pullRequestNumber,
          }),
        )
      : "";
  const summary = verdict ? `${report}\n\n${verdict}` : report;
  await upsertValidation({ db, runId, attempt, values: { status, summary, finishedAt: new Date() } });
  const event = await appendRunEvent({
    db,
    runId,
    type: "validation.completed",
    realtimeType: "validation.completed",
    data: { attempt, status, headSha: row.headSha, previewId: previewId ?? null },
  });
  await announceValidationCompleted({ runId, projectId: row.projectId, attempt, status, seq: event.seq });
  return { status, summary };
}
