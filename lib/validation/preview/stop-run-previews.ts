import type { Database } from "@/db/client";
import { markRunPreviewsStopped } from "@/db/queries/previews";
import { instanceCommands } from "@/lib/instances/instance-commands";
import { instanceId } from "@/lib/instances/instance-id";
import { previewRegistry } from "@/lib/validation/preview/preview-registry";

/**
 * Stops a run's live previews (all, or all but `exceptId`): their rows are marked stopped
 * with the reason, those this process runs are killed now, and those another instance runs
 * are stopped there at once through the command channel (the owner's watcher, which polls
 * the rows, is the fallback).
 */
export async function stopRunPreviews({
  db,
  runId,
  reason,
  exceptId,
}: {
  db: Database;
  runId: string;
  reason: string;
  exceptId?: string;
}): Promise<number> {
  const marked = await markRunPreviewsStopped({ db, runId, reason, exceptId });
  const local = previewRegistry.forRun(runId).filter((preview) => preview.id !== exceptId);
  await Promise.all(local.map((preview) => preview.stop(reason)));
  const here = instanceId();
  if (marked.some((preview) => preview.instance !== here))
    await instanceCommands.send("preview.stop", runId, { reason, ...(exceptId ? { exceptId } : {}) });
  return marked.length;
}
