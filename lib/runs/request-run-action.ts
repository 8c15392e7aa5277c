import type { Database } from "@/db/client";
import { getRunById } from "@/db/queries/runs";
import type { AuditActor } from "@/lib/audit";
import { AppError } from "@/lib/platform/errors";
import { cancelRequested, mergeRequested } from "@/lib/inngest/events";
import { auditRunAction } from "@/lib/runs/audit-run-action";
import { isTerminal } from "@/lib/runs/state-machine";
import { sendPipelineEvent } from "@/lib/runs/send-pipeline-event";
import { appendRunEvent } from "@/lib/runs/transition-run";

type RunRequest = {
  db: Database;
  runId: string;
  actor: AuditActor;
  /** The caller's address, for the audit log. */
  ip: string | null;
};

const userIdOf = (actor: AuditActor): string | undefined => (actor.kind === "user" ? actor.userId : undefined);

/**
 * Asks the pipeline to cancel a run that has not ended: the request is recorded (run event
 * `cancel.requested`, which cancel-run checks the event against) and audited
 * (`run.cancel_requested`).
 */
export async function requestCancel({ db, runId, actor, ip, reason }: RunRequest & { reason?: string }): Promise<void> {
  const run = await getRunById({ db, id: runId });
  if (!run) throw new AppError("not_found:run", "Run not found");
  if (isTerminal(run.state)) throw new AppError("conflict:run_state", `The run has already ended (${run.state})`);
  await recordCancelRequest({ db, runId, reason, userId: userIdOf(actor) });
  // After sending: the log holds requests that were made, not ones that failed to go out.
  await auditRunAction({ db, actor, ip, run, action: "run.cancel_requested", data: { reason: reason ?? null } });
}

/**
 * Records a request to cancel a run (run event `cancel.requested`) and sends it to
 * cancel-run, which acts only on a request it finds recorded.
 */
export async function recordCancelRequest({
  db,
  runId,
  reason,
  userId,
}: {
  db: Database;
  runId: string;
  reason?: string;
  userId?: string;
}): Promise<void> {
  const recorded = await appendRunEvent({
    db,
    runId,
    type: "cancel.requested",
    data: { reason: reason ?? null, userId: userId ?? null },
  });
  await sendPipelineEvent(cancelRequested.create({ runId, requestSeq: recorded.seq, reason, userId }));
}

/** Asks the pipeline to merge a run that is ready, and audits the request (`run.merge_requested`). */
export async function requestMerge({ db, runId, actor, ip }: RunRequest): Promise<void> {
  const run = await getRunById({ db, id: runId });
  if (!run) throw new AppError("not_found:run", "Run not found");
  if (run.state !== "ready")
    throw new AppError("conflict:run_state", `Only a ready run can be merged (it is ${run.state})`);
  const userId = userIdOf(actor) ?? null;
  // Not one transaction: appendRunEvent publishes to the realtime sidecar after its own commit.
  const recorded = await appendRunEvent({ db, runId, type: "merge.requested", data: { userId } });
  await auditRunAction({ db, actor, ip, run, action: "run.merge_requested" });
  await sendPipelineEvent(mergeRequested.create({ runId, requestSeq: recorded.seq, userId: userId ?? undefined }));
}
