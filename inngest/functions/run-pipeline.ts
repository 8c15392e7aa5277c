import { getDb } from "@/db";
import { inngest } from "@/lib/inngest/client";
import { mergeRequested, planDecided, runRequested, runStateChanged } from "@/lib/inngest/events";
import { mergePullRequest } from "@/inngest/functions/merge-pull-request";
import { adoptBranch } from "@/lib/pipeline/adopt-branch";
import { runAttempts } from "@/lib/pipeline/attempt-loop";
import { failureReason } from "@/lib/pipeline/failure-reason";
import { markReady } from "@/lib/pipeline/mark-ready";
import { applyPlanDecision, planRun } from "@/lib/pipeline/plan-run";
import { startRun } from "@/lib/pipeline/start-run";
import { endRun } from "@/lib/runs/end-run";
import { recordedMergeRequest, recordedPlanDecision } from "@/lib/runs/recorded-decisions";

// People get a week to decide on a plan and a week to merge, waited in chunks: before the
// first wait and after each wake-up (a decision event, or the chunk passing) the decision
// recorded in the database is what counts (recorded-decisions.ts), so an event nobody
// recorded changes nothing. Spare waits let a few such events pass without shortening the
// week; both loops stay well under Inngest's limit of steps per run.
const DECISION_HOURS = 7 * 24;
const SPARE_WAKE_UPS = 24;
// The first chunks are short: a decision made between the check and the start of the wait
// sends an event no wait receives (Inngest matches only events that arrive during one), and
// a person who clicks Merge the moment the run is ready would otherwise wait the hour.
const SHORT_WAITS = ["10s", "1m"];
const waitChunk = (wait: number) => SHORT_WAITS[wait] ?? "1h";
const isHourChunk = (wait: number) => wait >= SHORT_WAITS.length;

const ENDED = "['merged', 'failed', 'cancelled', 'needs_human']";

// The run state machine, durable: plan -> approval -> attempts (code, PR, validate, fix)
// -> merge. Every side effect is inside a step, every step is idempotent, and nothing here
// reports to GitHub: report-run does, on each state change.
export const runPipeline = inngest.createFunction(
  {
    id: "run-pipeline",
    triggers: [runRequested],
    retries: 3,
    // However the run ends (a person's cancel, a PR closed on GitHub, its own last step), its pipeline stops.
    cancelOn: [{ event: runStateChanged, if: `async.data.runId == event.data.runId && async.data.to in ${ENDED}` }],
    onFailure: async ({ event, error, step, logger }) => {
      logger.error({ err: error, runId: event.data.event.data.runId }, "run-pipeline failed");
      await step.run("mark-failed", () =>
        endRun({ db: getDb(), runId: event.data.event.data.runId, to: "failed", reason: failureReason(error) }),
      );
    },
  },
  async ({ event, step }) => {
    const { runId } = event.data;
    // The database is opened inside each step, where the work happens.
    const db = () => getDb();

    const started = await step.run("start-run", () => startRun({ db: db(), runId }));
    if (!started.ok) return { runId, state: started.state };

    // A run for a branch that already holds the work (a finalized studio session) starts at validation.
    const adopted = started.atValidation
      ? await step.run("adopt-branch", () => adoptBranch({ db: db(), runId }))
      : undefined;
    const plan = adopted ? { approved: true } : await step.run("plan", () => planRun({ db: db(), runId }));
    if (!plan.approved) {
      let decision = await step.run("check-plan-decision", () => recordedPlanDecision({ db: db(), runId }));
      for (
        let wait = 0, hours = 0;
        wait < DECISION_HOURS + SPARE_WAKE_UPS && hours < DECISION_HOURS && !decision;
        wait++
      ) {
        const woken = await step.waitForEvent(`wait-for-plan-decision-${wait}`, {
          event: planDecided,
          timeout: waitChunk(wait),
          if: "async.data.runId == event.data.runId",
        });
        if (!woken && isHourChunk(wait)) hours++;
        decision = await step.run(`check-plan-decision-${wait}`, () => recordedPlanDecision({ db: db(), runId }));
      }
      const verdict = await step.run("apply-plan-decision", () => applyPlanDecision({ db: db(), runId, decision }));
      if (!verdict.approved) return { runId, state: verdict.state };
    }

    const attempts = await runAttempts(step, { runId, firstAttempt: 1, pushed: adopted });
    if (attempts.outcome !== "passed")
      return { runId, state: attempts.outcome === "cancelled" ? "cancelled" : "needs_human" };

    const ready = await step.run("mark-ready", () => markReady({ db: db(), runId }));
    if (!ready.autoMerge) {
      let requested = await step.run("check-merge-request", () => recordedMergeRequest({ db: db(), runId }));
      for (
        let wait = 0, hours = 0;
        wait < DECISION_HOURS + SPARE_WAKE_UPS && hours < DECISION_HOURS && !requested;
        wait++
      ) {
        const woken = await step.waitForEvent(`wait-for-merge-request-${wait}`, {
          event: mergeRequested,
          timeout: waitChunk(wait),
          if: "async.data.runId == event.data.runId",
        });
        if (!woken && isHourChunk(wait)) hours++;
        requested = await step.run(`check-merge-request-${wait}`, () => recordedMergeRequest({ db: db(), runId }));
      }
      if (!requested) {
        await step.run("merge-timed-out", () =>
          endRun({ db: db(), runId, to: "needs_human", reason: "Nobody merged the pull request within 7 days" }),
        );
        return { runId, state: "needs_human" };
      }
    }
    const merged = await step.invoke("merge", {
      function: mergePullRequest,
      data: { runId, projectId: ready.projectId, repositoryKey: ready.repositoryKey },
    });
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
