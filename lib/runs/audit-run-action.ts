import type { Database } from "@/db/client";
import { getProjectById } from "@/db/queries/projects";
import type { Run } from "@/db/schema";
import { type AuditActor, recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/platform/errors";

export type RunAuditAction =
  | "plan.approved"
  | "plan.rejected"
  | "plan.edited"
  | "run.merge_requested"
  | "run.cancel_requested"
  | "run.candidate_picked";

/**
 * Records a decision or request on a run in its team's audit log. Lives in lib/runs so the
 * REST API and the dashboard's server actions are audited the same way, by the same code.
 */
export async function auditRunAction({
  db,
  actor,
  ip,
  run,
  action,
  data = {},
}: {
  db: Database;
  actor: AuditActor;
  ip: string | null;
  run: Pick<Run, "id" | "projectId">;
  action: RunAuditAction;
  data?: Record<string, unknown>;
}): Promise<void> {
  const project = await getProjectById({ db, id: run.projectId });
  if (!project) throw new AppError("internal:project", "The run's project could not be read");
  await recordAudit({ db, actor, ip, teamId: project.teamId, action, targetType: "run", targetId: run.id, data });
}
