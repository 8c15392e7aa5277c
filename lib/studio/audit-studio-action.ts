import type { Database } from "@/db/client";
import type { Project, StudioSession } from "@/db/schema";
import { type AuditActor, recordAudit } from "@/lib/audit";

export type StudioAuditAction =
  | "studio_session.created"
  | "studio_session.deleted"
  | "studio_session.message_sent"
  | "studio_session.file_written"
  | "studio_session.rolled_back"
  | "studio_session.finalized";

/** Records a person's (or key's) action on a studio session in its team's audit log; the REST API and the page alike. */
export function auditStudioAction({
  db,
  actor,
  ip,
  project,
  session,
  action,
  data = {},
}: {
  db: Database;
  actor: AuditActor;
  ip: string | null;
  project: Project;
  session: Pick<StudioSession, "id">;
  action: StudioAuditAction;
  data?: Record<string, unknown>;
}) {
  return recordAudit({
    db,
    actor,
    ip,
    teamId: project.teamId,
    action,
    targetType: "studio_session",
    targetId: session.id,
    data,
  });
}
