import type { CommitStatus } from "@/db/schema";

export type ChecksSummary = { state: "success" | "pending" | "failure" | "none"; pending: string[]; failing: string[] };

/** All checks on a commit (statuses and check runs, as recorded in commit_statuses) in one word. */
export function summarizeChecks(statuses: Pick<CommitStatus, "context" | "state">[]): ChecksSummary {
  const failing = statuses
    .filter((status) => status.state === "failure" || status.state === "error")
    .map((status) => status.context);
  const pending = statuses.filter((status) => status.state === "pending").map((status) => status.context);
  const state =
    statuses.length === 0 ? "none" : failing.length > 0 ? "failure" : pending.length > 0 ? "pending" : "success";
  return { state, pending, failing };
}
