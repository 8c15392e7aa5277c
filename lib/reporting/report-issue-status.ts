import type { Database } from "@/db/client";
import { setRunStatusCommentId } from "@/db/queries/runs";
import type { Validation } from "@/db/schema";
import type { GitProvider } from "@/lib/git-provider/types";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import type { RunContext } from "@/lib/runs/load-run";
import { RUN_STATE_LABELS, runStateLabel, statusCommentBody } from "@/lib/reporting/status-text";
import { runPageUrl } from "@/lib/reporting/run-page-url";

/**
 * Mirrors the run's state on its issue: exactly one `mergeline:*` state label, and one
 * status comment edited in place (its id kept in runs.status_comment_id).
 */
export async function reportIssueStatus({
  db,
  context,
  provider,
  issueNumber,
  validation,
}: {
  db: Database;
  context: RunContext;
  provider: GitProvider;
  issueNumber: number;
  validation: Validation | undefined;
}): Promise<void> {
  const { run, project, pullRequest } = context;
  const label = runStateLabel(run.state);
  await provider.setIssueLabels({
    project,
    number: issueNumber,
    add: [label],
    remove: RUN_STATE_LABELS.filter((other) => other !== label),
  });
  const body = statusCommentBody({ run, pullRequest, validation, runUrl: runPageUrl(run.id) });
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
  const kept = await setRunStatusCommentId({ db, runId: run.id, id, previous: run.statusCommentId });
  if (!kept) logger.warn({ runId: run.id, commentId: id }, "another report posted the status comment first");
}
