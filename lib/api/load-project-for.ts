import type { Database } from "@/db/client";
import { getProjectById } from "@/db/queries/projects";
import type { Project } from "@/db/schema";
import { authorize, notFound } from "@/lib/api/authorize";
import type { Actor, Permission } from "@/lib/auth/actor";

/** A project the actor may act on with `permission`: 404 when unknown or invisible, 403 without the permission. */
export async function loadProjectFor({
  db,
  actor,
  projectId,
  permission,
}: {
  db: Database;
  actor: Actor;
  projectId: string;
  permission: Permission;
}): Promise<Project> {
  const project = await getProjectById({ db, id: projectId });
  if (!project) throw notFound("project");
  authorize(actor, project, permission, "project");
  return project;
}
