import type { Database } from "@/db/client";
import { getProjectById } from "@/db/queries/projects";
import { getStudioSession } from "@/db/queries/studio";
import type { Project, StudioSession } from "@/db/schema";
import { authorize, notFound } from "@/lib/api/authorize";
import type { Actor, Permission } from "@/lib/auth/actor";

/** A studio session and its project, if the actor may act on it with `permission` (404 / 403 as in authorize). */
export async function loadStudioSessionFor({
  db,
  actor,
  sessionId,
  permission,
}: {
  db: Database;
  actor: Actor;
  sessionId: string;
  permission: Permission;
}): Promise<{ session: StudioSession; project: Project }> {
  const session = await getStudioSession({ db, id: sessionId });
  const project = session && (await getProjectById({ db, id: session.projectId }));
  if (!session || !project) throw notFound("studio_session");
  authorize(actor, project, permission, "studio_session");
  return { session, project };
}
