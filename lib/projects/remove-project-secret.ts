import type { Database } from "@/db/client";
import type { Project } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { deleteProjectSecret } from "@/lib/secrets";

/** Deletes a project secret and audits it in the same transaction (404 not_found:secret when absent). */
export async function removeProjectSecret({
  db,
  project,
  name,
  actor,
  ip,
}: {
  db: Database;
  project: Project;
  name: string;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteProjectSecret({ db: tx, projectId: project.id, name });
    await recordAudit({
      db: tx,
      actor,
      teamId: project.teamId,
      action: "project_secret.deleted",
      targetType: "project",
      targetId: project.id,
      data: { secretName: name },
      ip,
    });
  });
}
