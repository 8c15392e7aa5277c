import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it, vi } from "vitest";
import { runPipeline } from "./run-pipeline";

// The pipeline's control flow with every step mocked: which steps run, in which order,
// and what it waits for. The steps themselves are tested against real repositories and
// databases in inngest/pipeline*.db.test.ts.

const runId = "3f1c2a9e-8a3b-4d6c-9e1f-0a2b3c4d5e6f";
const event = { name: "run/requested", data: { runId, projectId: "5c1b2a9e-8a3b-4d6c-9e1f-0a2b3c4d5e6f" } };
const step = (id: string, result: unknown) => ({ id, handler: () => result });
// Issue reporting steps (lib/reporting/report-run-status*.ts) report and never decide anything.
const reports = [
  "report-started",
  "report-plan",
  "report-plan-decision",
  "report-coding-1",
  "report-validating-1",
  "report-validated-1",
  "report-coding-2",
  "report-budget-spent-2",
  "report-ready",
  "report-merge",
  "report-nothing-to-do",
].map((id) => step(id, { reported: true }));
const common = [
  ...reports,
  step("start-run", { ok: true, state: "planning" }),
  step("check-budget-1", { spent: false }),
  step("code-attempt-1", { pushed: true, sha: "a1" }),
  step("open-pull-request", { number: 1 }),
];

/** Replaces waitForEvent (not mockable through `steps` in @inngest/test 1.0) with a spy. */
function waitsFor(answer: (id: string) => unknown) {
  const waitForEvent = vi.fn(async (id: string) => answer(id));
  // biome-ignore lint/suspicious/noExplicitAny: the context type depends on the function under test
  return { waitForEvent, transformCtx: (ctx: any) => ({ ...ctx, step: { ...ctx.step, waitForEvent } }) };
}

describe("run-pipeline", () => {
  it("stops in needs_human when the budget is spent after a failed attempt", async () => {
    const t = new InngestTestEngine({
      function: runPipeline,
      events: [event],
      steps: [
        ...common,
        step("plan", { approved: true, planVersion: 1 }),
        step("validate-attempt-1", { status: "failed", summary: "1 test failed" }),
        step("check-budget-2", { spent: true, reason: "Budget spent" }),
      ],
    });
    const { result, state } = await t.execute();
    expect(result).toEqual({ runId, state: "needs_human" });
    // 7 pipeline steps and 6 reports (started, plan, coding, validating, validated, budget spent).
    expect(Object.keys(state)).toHaveLength(13);
  });

  it("waits for the plan decision of this run, and ends when it is rejected", async () => {
    const { waitForEvent, transformCtx } = waitsFor(() => ({
      name: "run/plan.decided",
      data: { runId, decision: "reject", planVersion: 2, reason: "no" },
    }));
    const t = new InngestTestEngine({
      function: runPipeline,
      events: [event],
      transformCtx,
      steps: [
        ...reports,
        step("start-run", { ok: true }),
        step("plan", { approved: false, planVersion: 1 }),
        step("apply-plan-decision", { approved: false, state: "cancelled" }),
      ],
    });
    const { result } = await t.execute();
    expect(result).toEqual({ runId, state: "cancelled" });
    expect(waitForEvent).toHaveBeenCalledWith("wait-for-plan-decision-0", {
      event: expect.objectContaining({ name: "run/plan.decided" }),
      timeout: "1h",
      if: "async.data.runId == event.data.runId",
    });
  });

  it("after a missed decision event, looks for the decision recorded in the database", async () => {
    const { waitForEvent, transformCtx } = waitsFor(() => null);
    const t = new InngestTestEngine({
      function: runPipeline,
      events: [event],
      transformCtx,
      steps: [
        ...reports,
        step("start-run", { ok: true }),
        step("plan", { approved: false }),
        step("check-plan-decision-0", null),
        step("check-plan-decision-1", { decision: "reject" }),
        step("apply-plan-decision", { approved: false, state: "cancelled" }),
      ],
    });
    const { result } = await t.execute();
    expect(result).toEqual({ runId, state: "cancelled" });
    expect(waitForEvent).toHaveBeenCalledTimes(2);
  });

  it("merges through the per-repository merge function when the policy merges automatically", async () => {
    const t = new InngestTestEngine({
      function: runPipeline,
      events: [event],
      steps: [
        ...common,
        step("plan", { approved: true }),
        step("validate-attempt-1", { status: "passed", summary: "ok" }),
        step("mark-ready", { autoMerge: true, projectId: event.data.projectId, repositoryKey: "local:/repo" }),
        step("merge", { merged: true, sha: "m1" }),
      ],
    });
    const { result } = await t.execute();
    expect(result).toEqual({ runId, state: "merged" });
  });

  it("hands a run whose first attempt changed nothing to a person", async () => {
    const t = new InngestTestEngine({
      function: runPipeline,
      events: [event],
      steps: [
        ...reports,
        step("start-run", { ok: true }),
        step("plan", { approved: true }),
        step("check-budget-1", { spent: false }),
        step("code-attempt-1", { pushed: false, sha: "a0" }),
        step("nothing-to-do", { ended: true }),
      ],
    });
    expect((await t.execute()).result).toEqual({ runId, state: "needs_human" });
  });
});
