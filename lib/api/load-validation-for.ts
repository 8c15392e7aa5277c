import type { Database } from "@/db/client";
import { getProjectById } from "@/db/queries/projects";
import { getRunById } from "@/db/queries/runs";
import { getValidationById } from "@/db/queries/validations";
import type { Project, Run, Validation } from "@/db/schema";
import { authorize, notFound } from "@/lib/api/authorize";
import type { Actor, Permission } from "@/lib/auth/actor";

/** A validation with its run and project, if the actor may act on it with `permission` (404 / 403 as in authorize). */
export async function loadValidationFor({
  db,
  actor,
  validationId,
  permission,
}: {
  db: Database;
  actor: Actor;
  validationId: string;
  permission: Permission;
}): Promise<{ validation: Validation; run: Run; project: Project }> {
  const validation = await getValidationById({ db, id: validationId });
  const run = validation && (await getRunById({ db, id: validation.runId }));
  const project = run && (await getProjectById({ db, id: run.projectId }));
  if (!validation || !run || !project) throw notFound("validation");
  authorize(actor, project, permission, "validation");
  return { validation, run, project };
}
