import type { RunState } from "@/db/schema";
import type { RealtimeEvent } from "@/realtime/contract";

export type RunStateChange = { state: RunState; stateReason: string | null; seq: number };

/** The state change an event carries, if it is one (lib/runs/transition-run.ts publishes `event: "state.changed"`). */
export function runStateChange(event: RealtimeEvent): RunStateChange | null {
  const { data } = event;
  if (data.event !== "state.changed" || typeof data.state !== "string" || event.seq === null) return null;
  return {
    state: data.state as RunState,
    stateReason: typeof data.reason === "string" ? data.reason : null,
    seq: event.seq,
  };
}
