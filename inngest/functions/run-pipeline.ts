import { getDb } from "@/db";
import { inngest } from "@/lib/inngest/client";
import { cancelRequested, mergeRequested, planDecided, runRequested } from "@/lib/inngest/events";
import { mergePullRequest } from "@/inngest/functions/merge-pull-request";
import { checkRunBudget } from "@/lib/runs/check-run-budget";
import { codeAttempt } from "@/lib/pipeline/code-attempt";
import { endRun } from "@/lib/runs/end-run";
import { openRunPullRequest } from "@/lib/pipeline/open-run-pull-request";
import { applyPlanDecision, planRun } from "@/lib/pipeline/plan-run";
import { startRun } from "@/lib/pipeline/start-run";
import { markReady } from "@/lib/pipeline/mark-ready";
import { recordedMergeRequest, recordedPlanDecision } from "@/lib/runs/recorded-decisions";
import { validateAttempt } from "@/lib/pipeline/validate-attempt";
import { reportRunStatus } from "@/lib/reporting/report-run-status";
import { reportValidationCheck } from "@/lib/reporting/report-run-status-check";
import { reportPlanProposed } from "@/lib/reporting/report-run-status-plan";

// People get a week to decide on a plan and a week to merge, waited in hourly chunks:
// after each, the decision recorded in the database is checked (recorded-decisions.ts).
// Both loops together stay well under Inngest's limit of steps per run.
const PLAN_DECISION_HOURS = 7 * 24;
const MERGE_REQUEST_HOURS = 7 * 24;

// The run state machine, durable: plan -> approval -> code -> PR -> validate -> fix ->
// merge. Every side effect is inside a step, and every step is idempotent.
export const runPipeline = inngest.createFunction(
  {
    id: "run-pipeline",
    triggers: [runRequested],
    retries: 3,
    cancelOn: [{ event: cancelRequested, if: "async.data.runId == event.data.runId" }],
    onFailure: async ({ event, error, step }) => {
      await step.run("mark-failed", () =>
        endRun({ db: getDb(), runId: event.data.event.data.runId, to: "failed", reason: error.message.slice(0, 2000) }),
      );
      await step.run("report-failed", () => reportRunStatus({ db: getDb(), runId: event.data.event.data.runId }));
    },
  },
  async ({ event, step }) => {
    const { runId } = event.data;
    // The database is opened inside each step, where the work happens.
    const db = () => getDb();

    const started = await step.run("start-run", () => startRun({ db: db(), runId }));
    if (!started.ok) return { runId, state: started.state };
    await step.run("report-started", () => reportRunStatus({ db: db(), runId }));

    const plan = await step.run("plan", () => planRun({ db: db(), runId }));
    // The plan comment goes last: people can answer it only once the wait below is near.
    await step.run("report-plan", async () => ({
      ...(await reportRunStatus({ db: db(), runId })),
      ...(await reportPlanProposed({ db: db(), runId })),
    }));
    if (!plan.approved) {
      let decision: { decision: "approve" | "reject"; reason?: string } | null = null;
      for (let hour = 0; hour < PLAN_DECISION_HOURS && !decision; hour++) {
        const event = await step.waitForEvent(`wait-for-plan-decision-${hour}`, {
          event: planDecided,
          timeout: "1h",
          if: "async.data.runId == event.data.runId",
        });
        decision = event
          ? event.data
          : await step.run(`check-plan-decision-${hour}`, () => recordedPlanDecision({ db: db(), runId }));
      }
      const verdict = await step.run("apply-plan-decision", () => applyPlanDecision({ db: db(), runId, decision }));
      await step.run("report-plan-decision", () => reportRunStatus({ db: db(), runId }));
      if (!verdict.approved) return { runId, state: verdict.state };
    }

    for (let attempt = 1; ; attempt++) {
      const budget = await step.run(`check-budget-${attempt}`, () => checkRunBudget({ db: db(), runId, attempt }));
      if (budget.spent) await step.run(`report-budget-spent-${attempt}`, () => reportRunStatus({ db: db(), runId }));
      if (budget.spent) return { runId, state: "needs_human" };
      await step.run(`report-coding-${attempt}`, () =>
        reportRunStatus({ db: db(), runId, upcoming: attempt === 1 ? "coding" : "fixing" }),
      );
      const coded = await step.run(`code-attempt-${attempt}`, () => codeAttempt({ db: db(), runId, attempt }));
      if (!coded.pushed && attempt === 1) {
        await step.run("nothing-to-do", () =>
          endRun({ db: db(), runId, to: "needs_human", reason: "The agent made no change" }),
        );
        await step.run("report-nothing-to-do", () => reportRunStatus({ db: db(), runId }));
        return { runId, state: "needs_human" };
      }
      if (attempt === 1) await step.run("open-pull-request", () => openRunPullRequest({ db: db(), runId }));
      await step.run(`report-validating-${attempt}`, async () => ({
        ...(await reportValidationCheck({ db: db(), runId, attempt })),
        ...(await reportRunStatus({ db: db(), runId })),
      }));
      const validation = await step.run(`validate-attempt-${attempt}`, () =>
        validateAttempt({ db: db(), runId, attempt }),
      );
      await step.run(`report-validated-${attempt}`, () => reportValidationCheck({ db: db(), runId, attempt }));
      if (validation.status === "cancelled") return { runId, state: "cancelled" };
      if (validation.status === "passed") break;
    }

    const ready = await step.run("mark-ready", () => markReady({ db: db(), runId }));
    await step.run("report-ready", () => reportRunStatus({ db: db(), runId }));
    if (!ready.autoMerge) {
      let requested = false;
      for (let hour = 0; hour < MERGE_REQUEST_HOURS && !requested; hour++) {
        const event = await step.waitForEvent(`wait-for-merge-request-${hour}`, {
          event: mergeRequested,
          timeout: "1h",
          if: "async.data.runId == event.data.runId",
        });
        requested =
          event !== null ||
          (await step.run(`check-merge-request-${hour}`, () => recordedMergeRequest({ db: db(), runId })));
      }
      if (!requested) {
        await step.run("merge-timed-out", () =>
          endRun({ db: db(), runId, to: "needs_human", reason: "Nobody merged the pull request within 7 days" }),
        );
        await step.run("report-merge-timed-out", () => reportRunStatus({ db: db(), runId }));
        return { runId, state: "needs_human" };
      }
    }
    const merged = await step.invoke("merge", {
      function: mergePullRequest,
      data: { runId, projectId: ready.projectId, repositoryKey: ready.repositoryKey },
    });
    await step.run("report-merge", () => reportRunStatus({ db: db(), runId }));
    return {
      runId,
      state: merged.merged
        ? "merged"
        : "autoMergeEnabled" in merged && merged.autoMergeEnabled
          ? "merging"
          : "needs_human",
    };
  },
);
