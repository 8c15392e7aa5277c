import type { StudioSession } from "@/db/schema";
import { publish } from "@/lib/platform/realtime";

type StudioEventType = "studio.session.updated" | "studio.log" | "studio.commit" | "studio.message";

/** Sends a studio event to the session's room (its status also to the project's); best effort like every publish. */
export function publishStudioEvent(
  session: Pick<StudioSession, "id" | "projectId">,
  type: StudioEventType,
  data: Record<string, unknown>,
): Promise<boolean> {
  return publish({ type, projectId: session.projectId, studioSessionId: session.id, data });
}

/** The status event of a session row, as the page applies it. */
export function publishStudioStatus(session: StudioSession): Promise<boolean> {
  return publishStudioEvent(session, "studio.session.updated", {
    status: session.status,
    statusReason: session.statusReason,
    restarts: session.restarts,
    headSha: session.headSha,
    lastActivityAt: session.lastActivityAt.toISOString(),
  });
}
