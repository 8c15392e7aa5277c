import type { RunState } from "@/db/schema";

// The run state machine of DESIGN.md. Any unfinished state may also end in failed,
// cancelled or needs_human.
const forward: Record<RunState, RunState[]> = {
  queued: ["planning"],
  planning: ["awaiting_approval", "coding"],
  awaiting_approval: ["coding"],
  coding: ["pr_open", "validating"],
  // A person may merge the PR on GitHub at any point once it exists: the run ends merged.
  pr_open: ["validating", "merged"],
  validating: ["fixing", "ready", "merged"],
  fixing: ["validating", "merged"],
  // Review feedback on a ready PR sends it back for a follow-up attempt.
  ready: ["merging", "fixing", "merged"],
  merging: ["merged"],
  merged: [],
  failed: [],
  cancelled: [],
  needs_human: [],
};

export const terminalStates: readonly RunState[] = ["merged", "failed", "cancelled", "needs_human"];
const endings: RunState[] = ["failed", "cancelled", "needs_human"];

export function isTerminal(state: RunState): boolean {
  return terminalStates.includes(state);
}

export function canTransition(from: RunState, to: RunState): boolean {
  if (isTerminal(from)) return false;
  return forward[from].includes(to) || endings.includes(to);
}
