import type { Database } from "@/db/client";
import { getProjectById } from "@/db/queries/projects";
import { getRunById } from "@/db/queries/runs";
import type { Project, Run } from "@/db/schema";
import { authorize, notFound } from "@/lib/api/authorize";
import type { Actor, Permission } from "@/lib/auth/actor";

/** A run and its project, if the actor may act on it with `permission` (404 / 403 as in authorize). */
export async function loadRunFor({
  db,
  actor,
  runId,
  permission,
}: {
  db: Database;
  actor: Actor;
  runId: string;
  permission: Permission;
}): Promise<{ run: Run; project: Project }> {
  const run = await getRunById({ db, id: runId });
  const project = run && (await getProjectById({ db, id: run.projectId }));
  if (!run || !project) throw notFound("run");
  authorize(actor, project, permission, "run");
  return { run, project };
}
