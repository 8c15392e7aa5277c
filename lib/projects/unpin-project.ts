import type { Database } from "@/db/client";
import { updateProject } from "@/db/queries/projects";
import type { Project } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/platform/errors";

/**
 * Takes a project off the dashboard. Nothing is deleted: its runs, PRs and audit trail
 * stay readable, and pinning the repository again brings the card back. Idempotent.
 */
export async function unpinProject({
  db,
  project,
  actor,
  ip,
}: {
  db: Database;
  project: Project;
  actor: Actor;
  ip: string | null;
}): Promise<Project> {
  if (!project.pinned) return project;
  return db.transaction(async (tx) => {
    const updated = await updateProject({ db: tx, id: project.id, values: { pinned: false } });
    if (!updated) throw new AppError("not_found:project", "Project not found");
    await recordAudit({
      db: tx,
      actor,
      teamId: project.teamId,
      action: "project.unpinned",
      targetType: "project",
      targetId: project.id,
      data: {},
      ip,
    });
    return updated;
  });
}
