import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { getValidationsByRunId } from "@/db/queries/validations";
import { issues, type RunState, runs } from "@/db/schema";
import { env } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";
import { getGitProvider } from "@/lib/git-provider";
import type { GitProvider } from "@/lib/git-provider/types";
import { logger } from "@/lib/platform/logger";
import { loadRun, type RunContext } from "@/lib/runs/load-run";
import { isTerminal } from "@/lib/runs/state-machine";
import { RUN_STATE_LABELS, runStateLabel, statusCommentBody } from "@/lib/reporting/report-run-status-text";

export type IssueReportContext = RunContext & { provider: GitProvider; issueNumber: number };

/** The run with its issue's number and provider, or null when the run did not come from an issue. */
export async function loadIssueReportContext({
  db,
  runId,
}: {
  db: Database;
  runId: string;
}): Promise<IssueReportContext | null> {
  const context = await loadRun({ db, runId });
  if (!context.run.issueId) return null;
  const [issue] = await db
    .select({ number: issues.number })
    .from(issues)
    .where(eq(issues.id, context.run.issueId))
    .limit(1);
  if (!issue) return null;
  return { ...context, provider: getGitProvider(context.project, { db }), issueNumber: issue.number };
}

export const runPageUrl = (runId: string) =>
  env.MERGELINE_PUBLIC_URL ? `${env.MERGELINE_PUBLIC_URL.replace(/\/+$/, "")}/runs/${runId}` : null;

/**
 * Mirrors the run's state on its issue: exactly one `mergeline:*` state label, and one
 * status comment edited in place (its id kept in runs.status_comment_id). Reporting is
 * best effort: a host that cannot be reached is logged, never fails the run.
 */
export async function reportRunStatus({
  db,
  runId,
  upcoming,
}: {
  db: Database;
  runId: string;
  /** The state the next step is about to enter: reported now, so the issue does not lag behind a long step. */
  upcoming?: RunState;
}): Promise<{ reported: boolean; label?: string }> {
  try {
    const context = await loadIssueReportContext({ db, runId });
    if (!context) return { reported: false };
    const { project, pullRequest, provider, issueNumber } = context;
    const run = upcoming && !isTerminal(context.run.state) ? { ...context.run, state: upcoming } : context.run;
    const label = runStateLabel(run.state);
    await provider.setIssueLabels({
      project,
      number: issueNumber,
      add: [label],
      remove: RUN_STATE_LABELS.filter((other) => other !== label),
    });

    const validations = await getValidationsByRunId({ db, runId });
    const validation = validations.reduce<(typeof validations)[number] | undefined>(
      (latest, row) => (!latest || row.attempt > latest.attempt ? row : latest),
      undefined,
    );
    const body = statusCommentBody({ run, pullRequest, validation, runUrl: runPageUrl(runId) });
    await upsertStatusComment({ db, context: { ...context, run }, body });
    return { reported: true, label };
  } catch (error) {
    logger.warn({ err: error, runId }, "could not report the run's status on its issue");
    return { reported: false };
  }
}

async function upsertStatusComment({
  db,
  context,
  body,
}: {
  db: Database;
  context: IssueReportContext;
  body: string;
}): Promise<void> {
  const { run, project, provider, issueNumber } = context;
  if (run.statusCommentId) {
    try {
      await provider.updateComment({ project, id: run.statusCommentId, body });
      return;
    } catch (error) {
      // Someone deleted it: post a new one below.
      if (!(error instanceof AppError && error.code.startsWith("not_found"))) throw error;
    }
  }
  const { id } = await provider.comment({ project, number: issueNumber, body });
  const updated = await db
    .update(runs)
    .set({ statusCommentId: id })
    .where(
      and(
        eq(runs.id, run.id),
        run.statusCommentId ? eq(runs.statusCommentId, run.statusCommentId) : isNull(runs.statusCommentId),
      ),
    )
    .returning({ id: runs.id });
  if (updated.length === 0)
    logger.warn({ runId: run.id, commentId: id }, "another report posted the status comment first");
}
