import type { Database } from "@/db/client";
import { getRunById } from "@/db/queries/runs";
import { AppError } from "@/lib/errors";
import { cancelRequested, mergeRequested } from "@/inngest/events";
import { isTerminal } from "@/lib/runs/state-machine";
import { sendPipelineEvent } from "@/lib/runs/send-pipeline-event";
import { appendRunEvent } from "@/lib/runs/transition-run";

/** Asks the pipeline to cancel a run that has not ended. */
export async function requestCancel({ db, runId, reason, userId }: { db: Database; runId: string; reason?: string; userId?: string | null }) {
  const run = await getRunById({ db, id: runId });
  if (!run) throw new AppError("not_found:run", "Run not found");
  if (isTerminal(run.state)) throw new AppError("conflict:run_state", `The run has already ended (${run.state})`);
  await sendPipelineEvent(cancelRequested.create({ runId, reason, userId: userId ?? undefined }));
}

/** Asks the pipeline to merge a run that is ready. */
export async function requestMerge({ db, runId, userId }: { db: Database; runId: string; userId?: string | null }) {
  const run = await getRunById({ db, id: runId });
  if (!run) throw new AppError("not_found:run", "Run not found");
  if (run.state !== "ready") throw new AppError("conflict:run_state", `Only a ready run can be merged (it is ${run.state})`);
  await appendRunEvent({ db, runId, type: "merge.requested", data: { userId: userId ?? null } });
  await sendPipelineEvent(mergeRequested.create({ runId, userId: userId ?? undefined }));
}
