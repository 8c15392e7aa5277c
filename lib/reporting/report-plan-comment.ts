import type { Database } from "@/db/client";
import { findRunEvent } from "@/db/queries/run-events";
import type { Plan } from "@/db/schema";
import type { GitProvider } from "@/lib/git-provider/types";
import type { RunContext } from "@/lib/runs/load-run";
import { appendRunEvent } from "@/lib/runs/transition-run";
import { planCommentBody } from "@/lib/reporting/status-text";

/**
 * Posts the proposed plan on the run's issue, once per plan version (the run event
 * `issue.plan_posted` records it). People approve it there with `/mergeline approve`, or in
 * the dashboard.
 */
export async function reportPlanComment({
  db,
  context,
  provider,
  issueNumber,
  plan,
}: {
  db: Database;
  context: RunContext;
  provider: GitProvider;
  issueNumber: number;
  plan: Plan;
}): Promise<void> {
  const { run, project } = context;
  if (await findRunEvent({ db, runId: run.id, type: "issue.plan_posted", data: { version: plan.version } })) return;
  const { id } = await provider.comment({ project, number: issueNumber, body: planCommentBody(plan) });
  await appendRunEvent({
    db,
    runId: run.id,
    type: "issue.plan_posted",
    data: { version: plan.version, commentId: id, issue: issueNumber },
  });
}
