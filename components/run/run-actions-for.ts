import type { RunState } from "@/db/schema";
import { isTerminal } from "@/lib/runs/state-machine";

export type OfferedRunActions = { decidePlan: boolean; merge: boolean; cancel: boolean; retry: boolean };

/** The actions that apply to a run in its state; the others are not offered at all. */
export function runActionsFor(state: RunState, hasPlan: boolean): OfferedRunActions {
  return {
    decidePlan: state === "awaiting_approval" && hasPlan,
    merge: state === "ready",
    // While the plan awaits a decision, Reject (with its reason) is how a person stops the run.
    cancel: !isTerminal(state) && state !== "awaiting_approval",
    retry: isTerminal(state) && state !== "merged",
  };
}
