import type { RunState } from "@/db/schema";
import type { RealtimeEventType } from "@/realtime/contract";

/** The product event a state change is announced as. */
export function realtimeEventTypeFor(from: RunState, to: RunState): RealtimeEventType {
  if (to === "planning") return "agent.run.started";
  if (to === "awaiting_approval") return "plan.proposed";
  if (to === "pr_open") return "pr.created";
  if (to === "validating") return "validation.started";
  if (from === "validating") return "validation.completed";
  if (to === "merged" || to === "failed" || to === "cancelled" || to === "needs_human") return "agent.run.completed";
  return "project.status.updated";
}
