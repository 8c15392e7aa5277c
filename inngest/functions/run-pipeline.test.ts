import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it, vi } from "vitest";
import { runPipeline } from "./run-pipeline";

// The pipeline's control flow with every step mocked: which steps run, in which order,
// and what it waits for. The steps themselves are tested against real repositories and
// databases in inngest/pipeline*.db.test.ts.

const runId = "3f1c2a9e-8a3b-4d6c-9e1f-0a2b3c4d5e6f";
const event = { name: "run/requested", data: { runId, projectId: "5c1b2a9e-8a3b-4d6c-9e1f-0a2b3c4d5e6f" } };
const step = (id: string, result: unknown) => ({ id, handler: () => result });
// Reporting is not the pipeline's: report-run does it on each state change.
const reports: ReturnType<typeof step>[] = [];
const validated = (attempt: number, status: "passed" | "failed") => [
  step(`validate-commands-${attempt}`, {
    status,
    headSha: `a${attempt}`,
    setupPassed: true,
    next: { preview: false, acceptance: false, requireAcceptance: false },
  }),
  step(`validate-review-${attempt}`, { status: "passed", reviewId: null, blockers: [] }),
  step(`record-validation-${attempt}`, { status, summary: status === "passed" ? "ok" : "1 test failed" }),
];
const common = [
  ...reports,
  step("start-run", { ok: true, state: "planning" }),
  step("code-attempt-1", { pushed: true, sha: "a1" }),
  step("open-pull-request", { number: 1 }),
];

/** A run that validates, becomes ready and merges by policy. */
const autoMerged = [
  ...common,
  step("plan", { approved: true }),
  ...validated(1, "passed"),
  step("mark-ready", { autoMerge: true, projectId: event.data.projectId, repositoryKey: "local:/repo" }),
  step("merge", { merged: true, sha: "m1" }),
];

/** Replaces waitForEvent (not mockable through `steps` in @inngest/test 1.0) with a spy. */
function waitsFor(answer: (id: string) => unknown) {
  const waitForEvent = vi.fn(async (id: string, _options: { timeout: string }) => answer(id));
  // biome-ignore lint/suspicious/noExplicitAny: the context type depends on the function under test
  return { waitForEvent, transformCtx: (ctx: any) => ({ ...ctx, step: { ...ctx.step, waitForEvent } }) };
}

/** The pipeline under @inngest/test with these steps mocked (and waitForEvent replaced, when given). */
function pipelineWith(transformCtx: InngestTestEngine.Options["transformCtx"], steps: ReturnType<typeof step>[]) {
  return new InngestTestEngine({ function: runPipeline, events: [event], transformCtx, steps });
}

describe("run-pipeline", () => {
  it("stops in needs_human when the budget is spent after a failed attempt", async () => {
    const t = pipelineWith(undefined, [
      ...common,
      step("plan", { approved: true, planVersion: 1 }),
      ...validated(1, "failed"),
      // The attempt's step checks the budget before it codes: spent, it ends the run.
      step("code-attempt-2", { pushed: false, sha: "", budgetSpent: "Budget spent" }),
    ]);
    const { result, state } = await t.execute();
    expect(result).toEqual({ runId, state: "needs_human" });
    // start, plan, code, PR, commands, review, record, code (budget spent): the state machine and nothing else.
    expect(Object.keys(state)).toHaveLength(8);
  });

  it("waits for the plan decision of this run, and ends when it is rejected", async () => {
    const { waitForEvent, transformCtx } = waitsFor(() => ({
      name: "run/plan.decided",
      data: { runId, decision: "reject", planVersion: 2, reason: "no" },
    }));
    const t = pipelineWith(transformCtx, [
      ...reports,
      step("start-run", { ok: true }),
      step("plan", { approved: false, planVersion: 1 }),
      step("check-plan-decision", null),
      step("check-plan-decision-0", { decision: "reject", reason: "no" }),
      step("apply-plan-decision", { approved: false, state: "cancelled" }),
    ]);
    const { result } = await t.execute();
    expect(result).toEqual({ runId, state: "cancelled" });
    expect(waitForEvent).toHaveBeenCalledWith("wait-for-plan-decision-0", {
      event: expect.objectContaining({ name: "run/plan.decided" }),
      timeout: "10s",
      if: "async.data.runId == event.data.runId",
    });
  });

  it("after a missed decision event, looks for the decision recorded in the database", async () => {
    const { waitForEvent, transformCtx } = waitsFor(() => null);
    const t = pipelineWith(transformCtx, [
      ...reports,
      step("start-run", { ok: true }),
      step("plan", { approved: false }),
      step("check-plan-decision", null),
      step("check-plan-decision-0", null),
      step("check-plan-decision-1", { decision: "reject" }),
      step("apply-plan-decision", { approved: false, state: "cancelled" }),
    ]);
    const { result } = await t.execute();
    expect(result).toEqual({ runId, state: "cancelled" });
    expect(waitForEvent).toHaveBeenCalledTimes(2);
  });

  it("acts on a decision recorded before it began to wait, without waiting", async () => {
    // The person decided between the plan step and the wait: the event went to no wait.
    const { waitForEvent, transformCtx } = waitsFor(() => null);
    const t = pipelineWith(transformCtx, [
      step("start-run", { ok: true }),
      step("plan", { approved: false, planVersion: 1 }),
      step("check-plan-decision", { decision: "reject" }),
      step("apply-plan-decision", { approved: false, state: "cancelled" }),
    ]);
    expect((await t.execute()).result).toEqual({ runId, state: "cancelled" });
    expect(waitForEvent).not.toHaveBeenCalled();
  });

  it("waits in short chunks first, so a missed event costs seconds, then in hours", async () => {
    const { waitForEvent, transformCtx } = waitsFor(() => null);
    const t = pipelineWith(transformCtx, [
      step("start-run", { ok: true }),
      step("plan", { approved: false, planVersion: 1 }),
      step("check-plan-decision", null),
      step("check-plan-decision-0", null),
      step("check-plan-decision-1", null),
      step("check-plan-decision-2", { decision: "reject" }),
      step("apply-plan-decision", { approved: false, state: "cancelled" }),
    ]);
    expect((await t.execute()).result).toEqual({ runId, state: "cancelled" });
    expect(waitForEvent.mock.calls.map(([id, options]) => [id, options.timeout])).toEqual([
      ["wait-for-plan-decision-0", "10s"],
      ["wait-for-plan-decision-1", "1m"],
      ["wait-for-plan-decision-2", "1h"],
    ]);
  });

  it("merges a run whose merge was requested before it began to wait, without waiting", async () => {
    const { waitForEvent, transformCtx } = waitsFor(() => null);
    const t = pipelineWith(transformCtx, [
      ...common,
      step("plan", { approved: true }),
      ...validated(1, "passed"),
      step("mark-ready", { autoMerge: false, projectId: event.data.projectId, repositoryKey: "local:/repo" }),
      step("check-merge-request", true),
      step("merge", { merged: true, sha: "m1" }),
    ]);
    expect((await t.execute()).result).toEqual({ runId, state: "merged" });
    expect(waitForEvent).not.toHaveBeenCalled();
  });

  it("merges through the per-repository merge function when the policy merges automatically", async () => {
    const t = pipelineWith(undefined, autoMerged);
    const { result } = await t.execute();
    expect(result).toEqual({ runId, state: "merged" });
  });

  it("hands a run whose first attempt changed nothing to a person", async () => {
    const t = pipelineWith(undefined, [
      ...reports,
      step("start-run", { ok: true }),
      step("plan", { approved: true }),
      step("code-attempt-1", { pushed: false, sha: "a0" }),
      step("nothing-to-do", { ended: true }),
    ]);
    expect((await t.execute()).result).toEqual({ runId, state: "needs_human" });
  });

  it("acts on the decision recorded in the database, not on what an event says", async () => {
    // The first wake-up is an event nobody recorded a decision for: it is ignored.
    let calls = 0;
    const { waitForEvent, transformCtx } = waitsFor(() =>
      calls++ === 0 ? { name: "run/plan.decided", data: { runId, decision: "approve", planVersion: 1 } } : null,
    );
    const t = pipelineWith(transformCtx, [
      step("start-run", { ok: true }),
      step("plan", { approved: false, planVersion: 1 }),
      step("check-plan-decision", null),
      step("check-plan-decision-0", null),
      step("check-plan-decision-1", { decision: "reject" }),
      step("apply-plan-decision", { approved: false, state: "cancelled" }),
    ]);
    expect((await t.execute()).result).toEqual({ runId, state: "cancelled" });
    expect(waitForEvent).toHaveBeenCalledTimes(2);
  });

  it("has no reporting step: the state machine and nothing else", async () => {
    const t = pipelineWith(undefined, autoMerged);
    const { state } = await t.execute();
    expect(Object.keys(state).length).toBeGreaterThan(0);
    expect(runPipeline.opts.cancelOn?.[0]).toMatchObject({
      event: expect.objectContaining({ name: "run/state.changed" }),
    });
  });
});
