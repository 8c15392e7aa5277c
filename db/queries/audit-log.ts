import { and, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type AuditLogEntry, auditLog } from "@/db/schema";

export type NewAuditLogEntry = typeof auditLog.$inferInsert;

export type AuditLogFilters = {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  /** Inclusive. */
  since?: Date;
  /** Exclusive. */
  until?: Date;
};

/** A row's place in the newest-first order; createdAt as text keeps Postgres's microseconds. */
export type AuditLogPosition = { createdAt: string; id: number };

export async function insertAuditLogEntry({
  db,
  values,
}: {
  db: Database;
  values: NewAuditLogEntry;
}): Promise<AuditLogEntry> {
  const [row] = await db.insert(auditLog).values(values).returning();
  return row!;
}

/** Newest first; `after` continues below that position. Each row carries its own position. */
export async function listAuditLogEntries({
  db,
  teamId,
  filters,
  after,
  limit,
}: {
  db: Database;
  teamId: string;
  filters: AuditLogFilters;
  after?: AuditLogPosition;
  limit: number;
}): Promise<(AuditLogEntry & { position: AuditLogPosition })[]> {
  const conditions: (SQL | undefined)[] = [
    eq(auditLog.teamId, teamId),
    filters.action === undefined ? undefined : eq(auditLog.action, filters.action),
    filters.actorId === undefined ? undefined : eq(auditLog.actorId, filters.actorId),
    filters.targetType === undefined ? undefined : eq(auditLog.targetType, filters.targetType),
    filters.targetId === undefined ? undefined : eq(auditLog.targetId, filters.targetId),
    filters.since === undefined ? undefined : gte(auditLog.createdAt, filters.since),
    filters.until === undefined ? undefined : lt(auditLog.createdAt, filters.until),
    after === undefined
      ? undefined
      : sql`(${auditLog.createdAt}, ${auditLog.id}) < (${after.createdAt}::timestamptz, ${after.id}::bigint)`,
  ];
  const rows = await db
    .select({
      entry: auditLog,
      // A JS Date has milliseconds only; a cursor built from it would skip rows within the same millisecond.
      createdAtText: sql<string>`to_char(${auditLog.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit);
  return rows.map(({ entry, createdAtText }) => ({ ...entry, position: { createdAt: createdAtText, id: entry.id } }));
}
