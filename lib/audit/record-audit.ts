import type { Database } from "@/db/client";
import { insertAuditLogEntry } from "@/db/queries/audit-log";
import type { AuditLogEntry } from "@/db/schema";
import { AppError } from "@/lib/platform/errors";
import { type AuditActor, auditActorColumns } from "./audit-actor";
import { redactAuditData } from "./redact-audit-data";

/**
 * Appends an audit entry. Pass the caller's transaction as `db` so that the entry exists
 * exactly when the change does. `data` is redacted first (see redactAuditData); list in
 * `redact` any secret value the data might contain under an innocent-looking key.
 */
export async function recordAudit({
  db,
  actor,
  teamId,
  action,
  targetType = null,
  targetId = null,
  data = {},
  ip,
  redact = [],
}: {
  db: Database;
  actor: AuditActor;
  /** Null only for events that belong to no team (e.g. an installation not yet linked). */
  teamId: string | null;
  /** `<noun>.<past-tense verb>`, e.g. "project.created", "api_key.revoked". */
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  data?: Record<string, unknown>;
  /** Defaults to the actor's address. */
  ip?: string | null;
  redact?: readonly string[];
}): Promise<AuditLogEntry> {
  if (!/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/.test(action) || action.length > 100) {
    throw new AppError("internal:audit_action", `Audit action "${action}" is not of the form noun.verb`);
  }
  const actorIp = "ip" in actor ? actor.ip : null;
  return insertAuditLogEntry({
    db,
    values: {
      teamId,
      ...auditActorColumns(actor),
      action,
      targetType,
      targetId,
      data: redactAuditData(data, redact),
      ipAddress: ip === undefined ? actorIp : ip,
    },
  });
}
