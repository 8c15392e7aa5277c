import type { Database } from "@/db/client";
import { getStudioSession } from "@/db/queries/studio";
import type { StudioSession } from "@/db/schema";
import { env } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";
import { studioWorkspaceName } from "@/lib/studio/studio-names";
import { workspacePath } from "@/lib/workspaces/paths";

/** A session that can take an edit now (running or restarting), with its workspace's path; 409 otherwise. */
export async function editableSession({
  db,
  sessionId,
}: {
  db: Database;
  sessionId: string;
}): Promise<{ session: StudioSession; workspacePath: string }> {
  const session = await getStudioSession({ db, id: sessionId });
  if (!session) throw new AppError("not_found:studio_session", "Studio session not found");
  if (session.status === "starting")
    throw new AppError("conflict:studio_session", "The session is still starting; try again when it is running");
  if (session.status !== "running" && session.status !== "restarting")
    throw new AppError("conflict:studio_session", `The session has ended (${session.status})`);
  return { session, workspacePath: workspacePath(env.dataDir, studioWorkspaceName(session.id)) };
}
