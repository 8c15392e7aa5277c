import type { AuditLogPosition } from "@/db/queries/audit-log";
import { AppError } from "@/lib/platform/errors";

// Opaque to clients: base64url of [createdAt with microseconds, id]. Only its shape is
// checked on the way back; a forged cursor can only move within the caller's own team.
const CREATED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeAuditCursor(position: AuditLogPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id]), "utf8").toString("base64url");
}

export function decodeAuditCursor(cursor: string): AuditLogPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalid();
  const [createdAt, id] = parsed as unknown[];
  if (typeof createdAt !== "string" || !CREATED_AT.test(createdAt) || !Number.isSafeInteger(id) || (id as number) < 1)
    throw invalid();
  return { createdAt, id: id as number };
}

const invalid = () => new AppError("bad_request:cursor", "The cursor is not valid; start again without one");
