import type { RunState } from "@/db/schema";

export const runStages = ["Plan", "Code", "Pull request", "Validate", "Merge"] as const;

const stageOf: Partial<Record<RunState, number>> = {
  queued: 0,
  planning: 0,
  awaiting_approval: 0,
  coding: 1,
  fixing: 1,
  pr_open: 2,
  validating: 3,
  ready: 4,
  merging: 4,
  merged: 5,
};

/** The stage a run is in; for an ended run, the stage it ended in (from its last live state). */
export function activeStage(state: RunState, lastLiveState?: RunState | null): number {
  return stageOf[state] ?? stageOf[lastLiveState ?? "queued"] ?? 0;
}

export const stateLabels: Record<RunState, string> = {
  queued: "Queued",
  planning: "Planning",
  awaiting_approval: "Awaiting approval",
  coding: "Coding",
  pr_open: "PR open",
  validating: "Validating",
  fixing: "Fixing",
  ready: "Ready to merge",
  merging: "Merging",
  merged: "Merged",
  failed: "Failed",
  cancelled: "Cancelled",
  needs_human: "Needs a person",
};

export function stateColor(state: RunState): "default" | "primary" | "success" | "error" | "warning" | "info" {
  if (state === "merged") return "success";
  if (state === "failed") return "error";
  if (state === "needs_human" || state === "awaiting_approval" || state === "ready") return "warning";
  if (state === "cancelled" || state === "queued") return "default";
  return "info";
}
