import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import { logger } from "@/lib/platform/logger";

/**
 * Every MCP call in the audit log: the tool or resource, its arguments (redacted like any
 * audit data) and the status the API answered. Writes are also audited by the API itself
 * (plan.approved, run.merge_requested...), as for REST.
 */
export async function auditMcpCall({
  db,
  actor,
  kind,
  name,
  data,
}: {
  db: Database;
  actor: Extract<Actor, { kind: "api_key" }>;
  kind: "tool" | "resource";
  name: string;
  data: Record<string, unknown>;
}): Promise<void> {
  try {
    await recordAudit({
      db,
      actor,
      teamId: actor.teamId,
      action: kind === "tool" ? "mcp_tool.called" : "mcp_resource.read",
      targetType: kind === "tool" ? "mcp_tool" : "mcp_resource",
      targetId: name,
      data,
    });
  } catch (error) {
    // The call already happened (and its writes were audited by the API): an audit failure is logged, not answered.
    logger.error({ err: error, name }, "could not audit an MCP call");
  }
}
