import type { Database } from "@/db/client";
import { type AuditLogFilters, listAuditLogEntries } from "@/db/queries/audit-log";
import type { AuditLogEntry } from "@/db/schema";
import { AppError } from "@/lib/platform/errors";
import { decodeAuditCursor, encodeAuditCursor } from "./audit-cursor";

export const AUDIT_PAGE_MAX = 200;

export type AuditLogPage = {
  entries: AuditLogEntry[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
};

/** A team's audit log, newest first, filtered, one page at a time. */
export async function listAuditLog({
  db,
  teamId,
  filters = {},
  cursor,
  limit = 50,
}: {
  db: Database;
  teamId: string;
  filters?: AuditLogFilters;
  cursor?: string | null;
  limit?: number;
}): Promise<AuditLogPage> {
  if (!Number.isInteger(limit) || limit < 1 || limit > AUDIT_PAGE_MAX) {
    throw new AppError("bad_request:limit", `limit must be an integer from 1 to ${AUDIT_PAGE_MAX}`);
  }
  for (const [name, date] of [
    ["since", filters.since],
    ["until", filters.until],
  ] as const) {
    if (date && Number.isNaN(date.getTime())) throw new AppError(`bad_request:${name}`, `${name} is not a valid date`);
  }
  const after = cursor ? decodeAuditCursor(cursor) : undefined;
  // One row more than asked tells whether another page exists without a count query.
  const rows = await listAuditLogEntries({ db, teamId, filters, after, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    entries: page.map(({ position: _position, ...entry }) => entry),
    nextCursor: rows.length > limit && last ? encodeAuditCursor(last.position) : null,
  };
}
