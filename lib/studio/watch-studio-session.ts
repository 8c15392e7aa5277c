import type { Database } from "@/db/client";
import { getStudioSession } from "@/db/queries/studio";
import { bringUpStudioSession } from "@/lib/studio/bring-up-studio-session";
import { studioRegistry } from "@/lib/studio/studio-registry";
import { type StudioSettings, studioSettings } from "@/lib/studio/studio-settings";
import { tearDownStudioSession } from "@/lib/studio/tear-down-studio-session";

export type WatchOutcome = { ended: boolean; status: string; reason?: string | null };

/**
 * One look at a session from its durable function: a session that ended (stopped,
 * finalized, failed) is cleaned up for good; one idle past MERGELINE_STUDIO_TIMEOUT_HOURS
 * is torn down; a live one whose dev server this process does not run (Mergeline restarted)
 * gets it back.
 */
export async function watchStudioSession({
  db,
  sessionId,
  settings = studioSettings(),
  now = new Date(),
}: {
  db: Database;
  sessionId: string;
  settings?: StudioSettings;
  now?: Date;
}): Promise<WatchOutcome> {
  const session = await getStudioSession({ db, id: sessionId });
  if (!session) return { ended: true, status: "gone" };
  if (!["starting", "running", "restarting"].includes(session.status)) {
    await tearDownStudioSession({ db, sessionId, status: "stopped", reason: session.statusReason ?? "Ended" });
    return { ended: true, status: session.status, reason: session.statusReason };
  }
  if (now.getTime() - session.lastActivityAt.getTime() > settings.idleMs) {
    const hours = settings.idleMs / 3_600_000;
    const reason = `Torn down after ${hours >= 1 ? `${Math.round(hours * 10) / 10} h` : `${Math.round(settings.idleMs / 1000)} s`} without use (MERGELINE_STUDIO_TIMEOUT_HOURS).`;
    const row = await tearDownStudioSession({ db, sessionId, status: "stopped", reason });
    return { ended: true, status: row?.status ?? "stopped", reason };
  }
  if (!studioRegistry.get(sessionId)?.running()) {
    const outcome = await bringUpStudioSession({ db, sessionId, settings });
    const ended = !["starting", "running", "restarting"].includes(outcome.status);
    return { ended, status: outcome.status, reason: outcome.reason };
  }
  return { ended: false, status: session.status };
}
