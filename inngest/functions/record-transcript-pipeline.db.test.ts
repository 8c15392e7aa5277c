import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PipelineHarness, startPipelineHarness } from "@/testing/pipeline/pipeline-harness";

// The pipeline's own planning and coding steps record the transcript the run page shows,
// and the page's diff reads the branch they pushed: the demo script, through the engine.
let harness: PipelineHarness;
beforeAll(async () => {
  harness = await startPipelineHarness();
}, 60_000);
afterAll(() => harness?.close());

describe("a run's transcript and diff, end to end", () => {
  it("records the planner's and the coder's messages per attempt, and shows the pushed branch's diff", async () => {
    const { createRun } = await import("@/lib/runs/create-run");
    const { getRunDetails } = await import("@/lib/runs/get-run-details");
    const { getRunDiff } = await import("@/lib/runs/get-run-diff");
    const project = await harness.createProject();
    const run = await createRun({
      db: harness.db,
      input: { project, goal: "Add removeItem to the cart", source: "api", autoConfirm: true },
    });
    await harness.waitForState(run.id, ["ready", "failed", "needs_human"], 120_000);

    const details = await getRunDetails({ db: harness.db, runId: run.id });
    expect(details.run.state).toBe("ready");
    const plan = details.transcript.filter((message) => message.purpose === "plan");
    expect(plan.map((message) => message.role)).toEqual(["system", "user", "assistant"]);
    expect(plan[1]!.content).toContain("Add removeItem to the cart");
    const code = details.transcript.filter((message) => message.purpose === "code");
    expect(new Set(code.map((message) => message.attempt))).toEqual(new Set([1]));
    expect(code.filter((message) => message.role === "tool").map((message) => message.toolName)).toContain(
      "run_command",
    );
    expect(code.find((message) => message.toolName === "run_command")!.toolOutput).toMatch(/pass/);

    const diff = await getRunDiff({ db: harness.db, run: details.run, project: details.project });
    expect(diff).toMatchObject({ status: "ready", truncated: false });
    expect(diff.status === "ready" && diff.diff).toContain("+export function removeItem");
  }, 180_000);
});
