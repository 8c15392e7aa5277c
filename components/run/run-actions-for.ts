import type { RunState } from "@/db/schema";
import { isTerminal } from "@/lib/runs/state-machine";

export type OfferedRunActions = { decidePlan: boolean; merge: boolean; cancel: boolean; retry: boolean };

/** The actions that apply to a run in its state; the others are not offered at all. */
export function runActionsFor(state: RunState, hasPlan: boolean): OfferedRunActions {
  return {
    decidePlan: state === "awaiting_approval" && hasPlan,
    merge: state === "ready",
    cancel: !isTerminal(state),
    retry: isTerminal(state) && state !== "merged",
  };
}
