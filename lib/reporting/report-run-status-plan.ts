import type { Database } from "@/db/client";
import { getLatestPlan, getRunEvents } from "@/db/queries/runs";
import { logger } from "@/lib/platform/logger";
import { loadIssueReportContext } from "@/lib/reporting/report-run-status";
import { planCommentBody } from "@/lib/reporting/report-run-status-text";
import { appendRunEvent } from "@/lib/runs/transition-run";

/**
 * Posts the proposed plan on the run's issue, once per plan version (a run event records
 * the post, so a retried step does not post it again). People approve it there with
 * `/mergeline approve`, or in the dashboard.
 */
export async function reportPlanProposed({ db, runId }: { db: Database; runId: string }): Promise<{ posted: boolean }> {
  try {
    const context = await loadIssueReportContext({ db, runId });
    const plan = await getLatestPlan({ db, runId });
    if (!context || !plan || plan.status === "approved" || context.run.state !== "awaiting_approval")
      return { posted: false };
    const events = await getRunEvents({ db, runId, limit: 5000 });
    if (events.some((event) => event.type === "issue.plan_posted" && event.data.version === plan.version))
      return { posted: false };
    const { id } = await context.provider.comment({
      project: context.project,
      number: context.issueNumber,
      body: planCommentBody(plan),
    });
    await appendRunEvent({
      db,
      runId,
      type: "issue.plan_posted",
      data: { version: plan.version, commentId: id, issue: context.issueNumber },
    });
    return { posted: true };
  } catch (error) {
    logger.warn({ err: error, runId }, "could not post the plan on the run's issue");
    return { posted: false };
  }
}
