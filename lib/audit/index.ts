export type { AuditLogFilters } from "@/db/queries/audit-log";
export type { AuditActor } from "./audit-actor";
export { AUDIT_PAGE_MAX, type AuditLogPage, listAuditLog } from "./list-audit-log";
export { recordAudit } from "./record-audit";
export { isSensitiveKey, REDACTED, redactAuditData } from "./redact-audit-data";
