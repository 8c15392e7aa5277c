import type { Database } from "@/db/client";
import { getUserByEmail, getUsersByIds } from "@/db/queries/users";
import type { AuditLogEntry } from "@/db/schema";
import { AppError } from "@/lib/platform/errors";
import { listAuditLog } from "./list-audit-log";
import { type AuditLogQuery, auditLogFilters } from "./parse-audit-log-query";

export type AuditLogViewRow = Omit<AuditLogEntry, "teamId"> & { actorLabel: string };
export type AuditLogView = { rows: AuditLogViewRow[]; nextCursor: string | null } | { error: string };

/**
 * One page of a team's audit log for people to read: the actor filter accepts an email,
 * and each row names its actor (users by email; the log itself stores ids only).
 * Bad input (a date, a cursor) is an error message for the page, not an exception.
 */
export async function loadAuditLogView({
  db,
  teamId,
  query,
  limit = 50,
}: {
  db: Database;
  teamId: string;
  query: AuditLogQuery;
  limit?: number;
}): Promise<AuditLogView> {
  const actorId = query.actor ? ((await getUserByEmail({ db, email: query.actor }))?.id ?? query.actor) : undefined;
  const filters = auditLogFilters(query, actorId);
  if ("error" in filters) return filters;
  let page: Awaited<ReturnType<typeof listAuditLog>>;
  try {
    page = await listAuditLog({ db, teamId, filters, cursor: query.cursor, limit });
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
  const userIds = [
    ...new Set(
      page.entries.filter((entry) => entry.actorType === "user" && entry.actorId).map((entry) => entry.actorId!),
    ),
  ];
  const people = new Map(
    (await getUsersByIds({ db, ids: userIds })).map((user) => [user.id, user.email ?? user.name ?? user.id]),
  );
  return {
    nextCursor: page.nextCursor,
    rows: page.entries.map(({ teamId: _teamId, ...entry }) => ({ ...entry, actorLabel: actorLabel(entry, people) })),
  };
}

function actorLabel(entry: Pick<AuditLogEntry, "actorType" | "actorId">, people: Map<string, string>): string {
  switch (entry.actorType) {
    case "user":
      return (entry.actorId && people.get(entry.actorId)) ?? `deleted user ${entry.actorId ?? ""}`.trim();
    case "api_key":
      return `API key ${entry.actorId ?? ""}`.trim();
    case "github":
      return `GitHub @${entry.actorId ?? "unknown"}`;
    case "system":
      return "Mergeline";
  }
}
