import type { Database } from "@/db/client";
import { getPreviewsToReap, updatePreview } from "@/db/queries/previews";
import { env } from "@/lib/platform/env";
import { previewRegistry } from "@/lib/validation/preview/preview-registry";
import { previewSettings } from "@/lib/validation/preview/preview-settings";
import { previewCopyPath } from "@/lib/workspaces/paths";
import { removeWorkspaceDir } from "@/lib/workspaces/remove-workspace-dir";

/**
 * Stops previews of runs that have ended (merged, failed, cancelled, needs_human) and
 * previews idle past MERGELINE_PREVIEW_IDLE_MINUTES, in any process: rows are marked
 * stopped here and each owner's watcher kills its processes.
 */
export async function reapPreviews({
  db,
  idleMs = previewSettings().idleMs,
  now = new Date(),
}: {
  db: Database;
  idleMs?: number;
  now?: Date;
}): Promise<string[]> {
  const { ended, idle } = await getPreviewsToReap({ db, idleBefore: new Date(now.getTime() - idleMs) });
  const due = [
    ...ended.map((preview) => ({ preview, reason: "Stopped because the run ended." })),
    ...idle.map((preview) => ({
      preview,
      reason: `Stopped after ${Math.round(idleMs / 60_000)} min without use (MERGELINE_PREVIEW_IDLE_MINUTES).`,
    })),
  ];
  for (const { preview, reason } of due) {
    await updatePreview({ db, id: preview.id, values: { status: "stopped", stoppedAt: now, lastError: reason } });
    const owned = previewRegistry.get(preview.id);
    if (owned) await owned.stop(reason);
    // The owner (gone, or another process) removes its copy when it stops; a dead owner cannot.
    else if (preview.attempt !== null)
      await removeWorkspaceDir({
        dataDir: env.dataDir,
        dir: previewCopyPath(env.dataDir, preview.runId, preview.attempt),
      });
  }
  return due.map(({ preview }) => preview.id);
}
