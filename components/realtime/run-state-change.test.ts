import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { realtimeEventSchema } from "@/realtime/contract";
import { runStateChange } from "./run-state-change";

const event = (data: Record<string, unknown>, seq: number | null = 4) =>
  realtimeEventSchema.parse({ type: "validation.started", projectId: randomUUID(), runId: randomUUID(), seq, data });

describe("runStateChange", () => {
  it("reads a state change as transitionRun publishes it", () => {
    expect(
      runStateChange(event({ event: "state.changed", state: "validating", from: "coding", reason: null })),
    ).toEqual({ state: "validating", stateReason: null, seq: 4 });
    expect(runStateChange(event({ event: "state.changed", state: "failed", reason: "budget spent" }))).toEqual({
      state: "failed",
      stateReason: "budget spent",
      seq: 4,
    });
  });

  it("ignores other run events, and state changes without a seq", () => {
    expect(runStateChange(event({ event: "pr.created", state: "open" }))).toBeNull();
    expect(runStateChange(event({ state: "merged" }))).toBeNull();
    expect(runStateChange(event({ event: "state.changed", state: "merged" }, null))).toBeNull();
  });
});
