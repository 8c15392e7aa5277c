import type { Database } from "@/db/client";
import { getPreviewsToReap, updatePreview } from "@/db/queries/previews";
import { previewRegistry } from "@/lib/preview/preview-registry";
import { previewSettings } from "@/lib/preview/preview-settings";

/**
 * Stops previews of runs that have ended (merged, failed, cancelled, needs_human) and
 * previews idle past MERGELINE_PREVIEW_IDLE_MINUTES, in any process: rows are marked
 * stopped here and each owner's watcher kills its processes.
 */
export async function reapPreviews({ db, idleMs = previewSettings().idleMs, now = new Date() }: { db: Database; idleMs?: number; now?: Date }): Promise<string[]> {
  const due = await getPreviewsToReap({ db, idleBefore: new Date(now.getTime() - idleMs) });
  for (const preview of due) {
    const idle = preview.updatedAt.getTime() < now.getTime() - idleMs;
    const reason = idle ? `Stopped after ${Math.round(idleMs / 60_000)} min without use (MERGELINE_PREVIEW_IDLE_MINUTES).` : "Stopped because the run ended.";
    await updatePreview({ db, id: preview.id, values: { status: "stopped", stoppedAt: now, lastError: reason } });
    await previewRegistry.get(preview.id)?.stop(reason);
  }
  return due.map((preview) => preview.id);
}
