import type { Database } from "@/db/client";
import { markRunPreviewsStopped } from "@/db/queries/previews";
import { previewRegistry } from "@/lib/validation/preview/preview-registry";

/**
 * Stops a run's live previews (all, or all but `exceptId`): their rows are marked
 * stopped with the reason, which the owning process's watcher acts on, and those this
 * process owns are killed now.
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
  return marked.length;
}
