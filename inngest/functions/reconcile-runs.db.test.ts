import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Project, RunState } from "@/db/schema";
import { type PipelineHarness, startPipelineHarness } from "@/testing/pipeline/pipeline-harness";

// reconcile-runs on the real pipeline (embedded engine, the app's functions, scripted
// model): runs the engine knows nothing for are resumed (a run left coding goes on to
// merge) or ended with their reason, once, when the app asks at start
// (run/reconcile.requested) and on the function's schedule.

const TEN_MINUTES_AGO = () => new Date(Date.now() - 10 * 60_000);
let harness: PipelineHarness;
let project: Project;

beforeAll(async () => {
  harness = await startPipelineHarness();
  project = await harness.createProject({ autoConfirmPlans: true, autoMerge: "auto-when-green" });
}, 90_000);
afterAll(() => harness?.close());

/** A run in `state` whose pipeline event started nothing the engine knows, quiet for ten minutes. */
async function strandedRun(state: RunState): Promise<string> {
  const { insertRun } = await import("@/db/queries/runs");
  const { runs } = await import("@/db/schema");
  const run = await insertRun({
    db: harness.db,
    values: {
      projectId: project.id,
      source: "api",
      goal: "Add removeItem to the cart",
      baseBranch: "main",
      budget: project.settings.budget,
      autoConfirm: true,
      state,
    },
  });
  const at = TEN_MINUTES_AGO();
  await harness.db
    .update(runs)
    .set({ pipelineEventId: `01LOST${run.id.slice(0, 8)}`, pipelineEventAt: at, stateChangedAt: at, createdAt: at })
    .where(eq(runs.id, run.id));
  return run.id;
}

async function stateChanges(runId: string) {
  const { runEvents } = await import("@/db/schema");
  const rows = await harness.db
    .select()
    .from(runEvents)
    .where(and(eq(runEvents.runId, runId), eq(runEvents.type, "state.changed")))
    .orderBy(runEvents.seq);
  return rows.map((row) => row.toState);
}

describe("reconcile-runs", () => {
  it("at start: resumes a run left coding (it merges) and fails one left validating, each once", async () => {
    const { inngest } = await import("@/lib/inngest/client");
    const { reconcileRequested } = await import("@/lib/inngest/events");
    const coding = await strandedRun("coding");
    const validating = await strandedRun("validating");

    // What the app sends when it starts (scripts/serve-app.ts), twice: a restart right after.
    await inngest.send(reconcileRequested.create({ reason: "app started" }));
    await inngest.send(reconcileRequested.create({ reason: "app started" }));
    const failed = await harness.waitForState(validating, ["failed"]);
    expect(failed.stateReason).toBe(
      "The pipeline stopped while the run was validating and could not be resumed; Retry starts it again",
    );
    const merged = await harness.waitForState(coding, ["merged", "failed", "needs_human"], 120_000);
    expect(merged.state).toBe("merged");
    expect(merged.pipelineResumes).toBe(1);
    expect(await stateChanges(coding)).toEqual(["pr_open", "validating", "ready", "merging", "merged"]);
    expect(await stateChanges(validating)).toEqual(["failed"]);
  }, 180_000);

  it("on its schedule: the cron trigger runs the same reconciliation", async () => {
    const { reconcileRunsFunction } = await import("@/inngest/functions/reconcile-runs");
    expect(reconcileRunsFunction.opts.triggers).toContainEqual({ cron: "*/5 * * * *" });
    const withPullRequest = await strandedRun("pr_open");
    const tick = () =>
      new InngestTestEngine({
        function: reconcileRunsFunction,
        events: [{ name: "inngest/scheduled.timer", data: { cron: "*/5 * * * *" } }],
      }).execute();
    expect((await tick()).result).toEqual({
      reconciled: [
        {
          runId: withPullRequest,
          state: "pr_open",
          action: "failed",
          reason:
            "The pipeline stopped while the run was opening its pull request and could not be resumed; Retry starts it again",
        },
      ],
    });
    expect(await stateChanges(withPullRequest)).toEqual(["failed"]);
    // Nothing left for the next tick.
    expect((await tick()).result).toEqual({ reconciled: [] });
  });
});
