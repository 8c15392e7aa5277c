import type { AuditLogFilters } from "@/db/queries/audit-log";

/** The audit page's URL query, as typed by a person: every field optional, dates as YYYY-MM-DD. */
export type AuditLogQuery = {
  action: string;
  actor: string;
  targetType: string;
  from: string;
  to: string;
  cursor: string | null;
  team: string | null;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}

export function parseAuditLogQuery(params: Record<string, string | string[] | undefined>): AuditLogQuery {
  return {
    action: first(params.action),
    actor: first(params.actor),
    targetType: first(params.targetType),
    from: first(params.from),
    to: first(params.to),
    cursor: first(params.cursor) || null,
    team: first(params.team) || null,
  };
}

/**
 * The query's filters for listAuditLog. `to` is a whole day, so it becomes the start of the
 * next day (listAuditLog's `until` is exclusive). The actor is resolved by the caller
 * (an email names a user; anything else is matched as the stored actor id).
 */
export function auditLogFilters(
  query: AuditLogQuery,
  actorId: string | undefined,
): AuditLogFilters | { error: string } {
  for (const [name, day] of [
    ["From", query.from],
    ["To", query.to],
  ] as const) {
    if (day && (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))))
      return { error: `${name} is not a date (YYYY-MM-DD)` };
  }
  const until = query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000) : undefined;
  return {
    action: query.action || undefined,
    actorId,
    targetType: query.targetType || undefined,
    since: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
    until,
  };
}
