import type { Database } from "@/db/client";
import { setRunReportedSeq } from "@/db/queries/runs";
import { getLatestPlan } from "@/db/queries/plans";
import { getValidationsByRunId } from "@/db/queries/validations";
import { getGitProvider } from "@/lib/git-provider";
import { logger } from "@/lib/platform/logger";
import { reportIssueStatus } from "@/lib/reporting/report-issue-status";
import { reportPlanComment } from "@/lib/reporting/report-plan-comment";
import { reportReview } from "@/lib/reporting/report-review";
import { reportValidations } from "@/lib/reporting/report-validations";
import { runPageUrl } from "@/lib/reporting/run-page-url";
import { getReviewsByRunId } from "@/db/queries/reviews";
import { loadRun } from "@/lib/runs/load-run";

// A host that cannot be reached, or refuses one write, costs that channel and is logged;
// the others still go out, and the next report tries again (every channel is idempotent).
async function channel(runId: string, name: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    logger.warn({ err: error, runId, channel: name }, "could not report the run to its git host");
  }
}

/**
 * Mirrors a run on its git host as it is now: its issue's label, status comment and plan
 * comment, and each attempt's validation (commit status, check run, PR comment). Driven by
 * run/state.changed (inngest/functions/report-run.ts), one at a time per run; it reads the
 * run's current state, so a burst of changes is reported by the first call and the rest
 * find nothing new (runs.reported_seq).
 */
export async function reportRun({ db, runId }: { db: Database; runId: string }): Promise<{ reported: boolean }> {
  const context = await loadRun({ db, runId });
  const { run, project, issueNumber } = context;
  if (run.reportedSeq >= run.lastSeq) return { reported: false };
  const provider = getGitProvider(project, { db });
  // Validations and reviews are of a pull request's commits: none before the run opens one.
  const validations = context.pullRequest ? await getValidationsByRunId({ db, runId }) : [];
  // The validation first: when the issue shows the new state, the PR already shows why.
  await channel(runId, "validation", () => reportValidations({ db, context, provider, validations }));
  // The attempt's review (findings at their lines, resolved ones marked, its check run): the latest only,
  // since it carries every finding of the PR.
  const review = context.pullRequest
    ? (await getReviewsByRunId({ db, runId })).filter((row) => row.status === "completed").at(-1)
    : undefined;
  if (review && !review.publishedAt)
    await channel(runId, "review", async () => {
      await reportReview({ db, provider, project, review, detailsUrl: runPageUrl(run.id) ?? undefined });
    });
  if (issueNumber !== null) {
    await channel(runId, "issue", () =>
      reportIssueStatus({ db, context, provider, issueNumber, validation: validations.at(-1) }),
    );
    if (run.state === "awaiting_approval") {
      const plan = await getLatestPlan({ db, runId });
      if (plan && plan.status !== "approved" && plan.status !== "rejected")
        await channel(runId, "plan", () => reportPlanComment({ db, context, provider, issueNumber, plan }));
    }
  }
  // Up to what was read: a change committed meanwhile has its own report queued behind this one.
  await setRunReportedSeq({ db, runId, seq: run.lastSeq });
  return { reported: true };
}
