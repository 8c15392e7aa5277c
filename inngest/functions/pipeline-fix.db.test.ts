import { eq } from "drizzle-orm";
import { getAgentMessagesByRunId } from "@/db/queries/transcripts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { breakThenFixScript, fixedCart } from "@/testing/pipeline/fixture-scripts";
import { type PipelineHarness, startPipelineHarness } from "@/testing/pipeline/pipeline-harness";

// Through the embedded engine, with a script whose first attempt breaks the tests.
let harness: PipelineHarness;
beforeAll(async () => {
  harness = await startPipelineHarness({ script: breakThenFixScript });
}, 60_000);
afterAll(() => harness?.close());

describe("the pipeline fixes a failing attempt", () => {
  it("fixes broken tests on the second attempt using the failure evidence, and survives a SIGKILL of the engine during coding", async () => {
    const { createRun } = await import("@/lib/runs/create-run");
    const { runGit } = await import("@/lib/workspaces/run-git");
    const { pullRequests, runEvents } = await import("@/db/schema");
    const project = await harness.createProject({
      autoMerge: "auto-when-green",
      budget: { maxAttempts: 3, maxDollars: 5, maxMinutes: 30 },
    });
    const run = await createRun({
      db: harness.db,
      input: { project, goal: "Add itemCount", source: "api", autoConfirm: true },
    });

    await harness.waitForState(run.id, ["coding"]);
    // Attempt 1's model turn takes 2.5 s: the engine dies in the middle of the step.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await harness.killEngine();
    await harness.startEngine();

    const finished = await harness.waitForState(run.id, ["merged", "failed", "needs_human", "cancelled"], 120_000);
    expect(finished.state).toBe("merged");
    expect(finished.attempt).toBe(2);

    const events = await harness.db.select().from(runEvents).where(eq(runEvents.runId, run.id)).orderBy(runEvents.seq);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    const states = events.filter((event) => event.type === "state.changed").map((event) => event.toState);
    expect(states).toEqual([
      "planning",
      "coding",
      "pr_open",
      "validating",
      "fixing",
      "validating",
      "ready",
      "merging",
      "merged",
    ]);

    // The second attempt was told what failed.
    // Its transcript (agent_messages) holds the prompt it was given.
    const second = (await getAgentMessagesByRunId({ db: harness.db, runId: run.id })).filter(
      (message) => message.attempt === 2,
    );
    expect(JSON.stringify(second)).toContain("a discount is applied and rounded");

    const prs = await harness.db.select().from(pullRequests).where(eq(pullRequests.runId, run.id));
    expect(prs).toHaveLength(1);
    expect(prs[0]!.state).toBe("merged");
    expect(await runGit(project.repository, ["show", "main:src/cart.js"])).toBe(fixedCart.trimEnd());
  }, 180_000);
});
