import type { Database } from "@/db/client";
import type { Project } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { type ProjectSecretName, setProjectSecret } from "@/lib/secrets";

/**
 * Creates or replaces a project secret and audits it in the same transaction: the entry
 * names the secret and never holds its value (redacted even if it shows up elsewhere).
 */
export async function putProjectSecret({
  db,
  project,
  name,
  value,
  actor,
  ip,
}: {
  db: Database;
  project: Project;
  name: string;
  value: string;
  actor: Actor;
  ip: string | null;
}): Promise<ProjectSecretName> {
  return db.transaction(async (tx) => {
    const saved = await setProjectSecret({ db: tx, projectId: project.id, name, value });
    const replaced = saved.updatedAt.getTime() !== saved.createdAt.getTime();
    await recordAudit({
      db: tx,
      actor,
      teamId: project.teamId,
      action: replaced ? "project_secret.updated" : "project_secret.created",
      targetType: "project",
      targetId: project.id,
      data: { secretName: name },
      ip,
      redact: [value],
    });
    return saved;
  });
}
