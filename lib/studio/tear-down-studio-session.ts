import type { Database } from "@/db/client";
import { endStudioSessionRow, getStudioSession, updateStudioSession } from "@/db/queries/studio";
import type { StudioSession } from "@/db/schema";
import { instanceCommands } from "@/lib/instances/instance-commands";
import { env } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";
import { publishStudioStatus } from "@/lib/studio/publish-studio-event";
import { studioWorkspaceName } from "@/lib/studio/studio-names";
import { studioRegistry } from "@/lib/studio/studio-registry";
import { workspacePath } from "@/lib/workspaces/paths";
import { removeWorkspaceDir } from "@/lib/workspaces/remove-workspace-dir";

/**
 * Ends a session and leaves nothing behind: its dev server's process tree, its port (the
 * row's port is cleared, and with it the proxy's route), and its workspace (with the
 * mirror's copy of its branch; the pushed branch stays in the repository). Idempotent: a
 * session that had already ended keeps its status and reason, and is cleaned again.
 */
export async function tearDownStudioSession({
  db,
  sessionId,
  status,
  reason,
  dataDir = env.dataDir,
}: {
  db: Database;
  sessionId: string;
  status: "stopped" | "failed" | "finalized";
  reason: string;
  dataDir?: string;
}): Promise<StudioSession | undefined> {
  const live = studioRegistry.get(sessionId);
  if (live) await live.stop(reason);
  // Its dev server may run in another app instance (several on one Postgres): that one stops it.
  // Best effort: the row is ended below whatever happens, and the session's durable function
  // (watch-studio-session) tears an ended session down again at its next look.
  else
    await instanceCommands.send("studio.stop", sessionId, { reason }).catch((error: unknown) => {
      logger.warn({ err: error, sessionId }, "studio: could not ask the other instances to stop a session");
    });
  const ended = await endStudioSessionRow({ db, id: sessionId, status, reason });
  // A row that had ended elsewhere may still name a port: free it.
  if (!ended) await updateStudioSession({ db, id: sessionId, values: { port: null } });
  await removeWorkspaceDir({ dataDir, dir: workspacePath(dataDir, studioWorkspaceName(sessionId)) });
  const row = ended ?? (await getStudioSession({ db, id: sessionId }));
  if (ended) {
    await publishStudioStatus(ended);
    logger.info({ sessionId, status, reason }, "studio: session ended");
  }
  return row;
}
