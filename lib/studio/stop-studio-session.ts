import type { Database } from "@/db/client";
import type { StudioSession } from "@/db/schema";
import { inngest } from "@/lib/inngest/client";
import { studioStopRequested } from "@/lib/inngest/events";
import { logger } from "@/lib/platform/logger";
import { tearDownStudioSession } from "@/lib/studio/tear-down-studio-session";
import { withStudioSession } from "@/lib/studio/with-studio-session";

/** A person's stop (DELETE): the session is torn down now and its function told to end. */
export async function stopStudioSession({
  db,
  sessionId,
  reason = "Stopped by a person.",
}: {
  db: Database;
  sessionId: string;
  reason?: string;
}): Promise<StudioSession | undefined> {
  const row = await withStudioSession(sessionId, () =>
    tearDownStudioSession({ db, sessionId, status: "stopped", reason }),
  );
  await inngest
    .send(studioStopRequested.create({ sessionId, reason }))
    .catch((error: unknown) => logger.warn({ err: error, sessionId }, "studio: could not wake the session's function"));
  return row;
}
