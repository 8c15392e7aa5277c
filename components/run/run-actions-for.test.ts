import { describe, expect, it } from "vitest";
import type { RunState } from "@/db/schema";
import { runActionsFor } from "./run-actions-for";

const offered = (state: RunState) =>
  Object.entries(runActionsFor(state, true))
    .filter(([, on]) => on)
    .map(([name]) => name);

describe("runActionsFor", () => {
  it("offers only what applies to the state", () => {
    expect(offered("awaiting_approval")).toEqual(["decidePlan", "cancel"]);
    expect(offered("ready")).toEqual(["merge", "cancel"]);
    expect(offered("validating")).toEqual(["cancel"]);
    expect(offered("needs_human")).toEqual(["retry"]);
    expect(offered("failed")).toEqual(["retry"]);
    expect(offered("cancelled")).toEqual(["retry"]);
    expect(offered("merged")).toEqual([]);
  });

  it("offers no plan decision without a plan", () => {
    expect(runActionsFor("awaiting_approval", false).decidePlan).toBe(false);
  });
});
