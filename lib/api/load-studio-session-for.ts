import type { Database } from "@/db/client";
import { getProjectById } from "@/db/queries/projects";
import { getStudioSession } from "@/db/queries/studio";
import type { Project, StudioSession } from "@/db/schema";
import { authorize, notFound } from "@/lib/api/authorize";
import type { Actor, Permission } from "@/lib/auth/actor";

/**
 * A studio session and its project, if the actor may act on it with `permission`: 404 for a
 * session that does not exist, then the role check. The REST routes use authorize's 404 / 403;
 * the dashboard passes `authorizeProject` to refuse in its own words (action-helpers.ts).
 */
export async function loadStudioSessionFor({
  db,
  actor,
  sessionId,
  permission,
  authorizeProject = (project) => authorize(actor, project, permission, "studio_session"),
}: {
  db: Database;
  actor: Actor;
  sessionId: string;
  permission: Permission;
  authorizeProject?: (project: Project) => void;
}): Promise<{ session: StudioSession; project: Project }> {
  const session = await getStudioSession({ db, id: sessionId });
  // A session is deleted with its project (on delete cascade), so a session always has one.
  const project = session && (await getProjectById({ db, id: session.projectId }));
  if (!session || !project) throw notFound("studio_session");
  authorizeProject(project);
  return { session, project };
}
