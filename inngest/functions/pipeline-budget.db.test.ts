import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { neverPassesScript } from "@/testing/pipeline/fixture-scripts";
import { type PipelineHarness, startPipelineHarness } from "@/testing/pipeline/pipeline-harness";

let harness: PipelineHarness;
beforeAll(async () => {
  harness = await startPipelineHarness({ script: neverPassesScript });
}, 60_000);
afterAll(() => harness?.close());

describe("the pipeline's budget", () => {
  it("ends a run that never passes in needs_human, with nothing merged", async () => {
    const { createRun } = await import("@/lib/runs/create-run");
    const { runGit } = await import("@/lib/workspaces/run-git");
    const { getValidationsByRunId } = await import("@/db/queries/validations");
    const { pullRequests } = await import("@/db/schema");
    const project = await harness.createProject({
      autoMerge: "auto-when-green",
      budget: { maxAttempts: 2, maxDollars: 5, maxMinutes: 30 },
    });
    const mainBefore = await runGit(project.repository, ["rev-parse", "main"]);
    const run = await createRun({
      db: harness.db,
      input: { project, goal: "Add itemCount", source: "api", autoConfirm: true },
    });

    const finished = await harness.waitForState(run.id, ["merged", "failed", "needs_human", "cancelled"], 120_000);
    expect(finished.state).toBe("needs_human");
    expect(finished.stateReason).toBe("Budget spent: 2 attempts used without passing validation");
    expect(
      (await getValidationsByRunId({ db: harness.db, runId: run.id })).map((validation) => validation.status),
    ).toEqual(["failed", "failed"]);
    expect(await runGit(project.repository, ["rev-parse", "main"])).toBe(mainBefore);
    const [pr] = await harness.db.select().from(pullRequests).where(eq(pullRequests.runId, run.id));
    expect(pr?.state).toBe("open");
  }, 180_000);
});

describe("the pipeline's failure handler", () => {
  it("marks a run failed with its reason once its retries are spent", async () => {
    const { createRun } = await import("@/lib/runs/create-run");
    const project = await harness.createProject();
    // The repository disappears after the project is pinned: every try of a step fails.
    const fs = await import("node:fs/promises");
    await fs.rm(project.repository, { recursive: true, force: true });
    const run = await createRun({
      db: harness.db,
      input: { project, goal: "Add itemCount", source: "api", autoConfirm: true },
    });
    const finished = await harness.waitForState(run.id, ["failed", "needs_human", "cancelled", "merged"], 60_000);
    expect(finished.state).toBe("failed");
    expect(finished.stateReason).toBe(`No repository at ${project.repository}`);
  }, 180_000);
});
