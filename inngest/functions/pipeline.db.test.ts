import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PipelineHarness, startPipelineHarness } from "@/testing/pipeline/pipeline-harness";

// The demo project's own scripted model, through the embedded engine, end to end.
let harness: PipelineHarness;
beforeAll(async () => {
  harness = await startPipelineHarness();
}, 60_000);
afterAll(() => harness?.close());

describe("the pipeline on one machine", () => {
  it("plans, waits for approval, codes, opens a PR, validates, waits for the merge and merges", async () => {
    const { createRun } = await import("@/lib/runs/create-run");
    const { decidePlan } = await import("@/lib/runs/decide-plan");
    const { requestMerge } = await import("@/lib/runs/request-run-action");
    const { getRunDetails } = await import("@/lib/runs/get-run-details");
    const { runGit } = await import("@/lib/workspaces/run-git");
    const project = await harness.createProject();
    const run = await createRun({
      db: harness.db,
      input: { project, goal: "Add removeItem to the cart", source: "dashboard" },
    });

    // Decided the moment the state shows, as a quick person would: often before the pipeline
    // has begun to wait, when the event reaches no wait and the recorded decision counts.
    await harness.waitForState(run.id, ["awaiting_approval"]);
    await decidePlan({
      db: harness.db,
      actor: { kind: "system" },
      ip: null,
      input: { runId: run.id, decision: "approve" },
    });
    await harness.waitForState(run.id, ["ready"]);
    await requestMerge({ db: harness.db, runId: run.id, actor: { kind: "system" }, ip: null });
    const merged = await harness.waitForState(run.id, ["merged", "failed", "needs_human"]);
    expect(merged.state).toBe("merged");

    const details = await getRunDetails({ db: harness.db, runId: run.id });
    expect(details.plan?.status).toBe("approved");
    expect(details.pullRequest).toMatchObject({ number: 1, state: "merged" });
    expect(details.validations.map((validation) => validation.status)).toEqual(["passed"]);
    expect(Number(details.run.inputTokens)).toBeGreaterThan(0);
    // Squash-merged onto main: one new commit, with the change and its test.
    expect(await runGit(project.repository, ["rev-list", "--count", "main"])).toBe("2");
    expect(await runGit(project.repository, ["show", "main:src/cart.js"])).toContain("export function removeItem");
    expect(
      execFileSync("node", ["--test", "--test-reporter=tap"], { cwd: project.repository, encoding: "utf8" }),
    ).toMatch(/# fail 0/);
  }, 180_000);

  it("merges on a merge request whose event never arrived: the recorded request counts", async () => {
    const { createRun } = await import("@/lib/runs/create-run");
    const { appendRunEvent } = await import("@/lib/runs/transition-run");
    const project = await harness.createProject({ autoConfirmPlans: true });
    const run = await createRun({
      db: harness.db,
      input: { project, goal: "Add removeItem to the cart", source: "api" },
    });
    await harness.waitForState(run.id, ["ready"]);
    // Recorded as requestMerge records it, once the pipeline waits, and the event lost: the
    // end of the first (short) wait finds it.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await appendRunEvent({ db: harness.db, runId: run.id, type: "merge.requested", data: { userId: null } });
    expect((await harness.waitForState(run.id, ["merged", "failed", "needs_human"], 60_000)).state).toBe("merged");
  }, 180_000);

  it("records NUL bytes and invalid UTF-8 in a test command's output, goes on, and removes the workspace at the end", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const { createRun } = await import("@/lib/runs/create-run");
    const { getValidationsByRunId } = await import("@/db/queries/validations");
    const project = await harness.createProject({
      testCommands: ["printf 'nul:\\000:end\\n\\377\\376 bytes\\n' && npm test"],
      autoMerge: "auto-when-green",
    });
    const run = await createRun({
      db: harness.db,
      input: { project, goal: "Add removeItem", source: "api", autoConfirm: true },
    });
    const ended = await harness.waitForState(run.id, ["merged", "failed", "needs_human", "cancelled"], 120_000);
    expect(ended.state).toBe("merged");
    const [validation] = await getValidationsByRunId({ db: harness.db, runId: run.id });
    const output = validation!.tests[0]!.output;
    expect(output).toContain("nul:\u2400:end");
    expect(output).toContain("\ufffd");
    // The ended run's workspace goes (clean-up-ended-run), the branch and its PR stay.
    const workspace = path.join(harness.dir, "workspaces", run.id);
    await expect.poll(() => fs.existsSync(workspace), { timeout: 30_000 }).toBe(false);
  }, 180_000);

  it("cancels during validation: the commands stop and no process is left", async () => {
    const { createRun } = await import("@/lib/runs/create-run");
    const { requestCancel } = await import("@/lib/runs/request-run-action");
    const marker = `mergeline-cancel-${Date.now()}`;
    const project = await harness.createProject({ testCommands: [`node -e "setTimeout(() => {}, 120000)" ${marker}`] });
    const run = await createRun({
      db: harness.db,
      input: { project, goal: "Add removeItem", source: "api", autoConfirm: true },
    });

    await harness.waitForState(run.id, ["validating"]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await requestCancel({
      db: harness.db,
      runId: run.id,
      reason: "changed my mind",
      actor: { kind: "system" },
      ip: null,
    });
    const cancelled = await harness.waitForState(run.id, ["cancelled"], 20_000);
    expect(cancelled.stateReason).toBe("Cancelled: changed my mind");

    const running = () =>
      execFileSync("ps", ["-eo", "args"], { encoding: "utf8" })
        .split("\n")
        .filter((line) => line.includes(marker));
    await expect.poll(running, { timeout: 5000 }).toEqual([]);
  }, 180_000);
});
