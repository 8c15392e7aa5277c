import type { Database } from "@/db/client";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";

/**
 * Records what the caller of a route did (who, what, on which target, from which
 * address; the audit log stamps when). Called after the action succeeded, so the log
 * holds what happened, not what was attempted.
 */
export async function auditAction(
  context: { db: Database; actor: Actor; ip: string | null },
  entry: { teamId: string; action: string; targetType: string; targetId: string; data?: Record<string, unknown> },
): Promise<void> {
  await recordAudit({ db: context.db, actor: context.actor, ip: context.ip, ...entry, data: entry.data ?? {} });
}
