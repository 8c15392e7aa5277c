import { getDb } from "@/db";
import { getRunById } from "@/db/queries/runs";
import { inngest } from "@/lib/inngest/client";
import { feedbackReceived } from "@/lib/inngest/events";
import { checkRunBudget } from "@/lib/runs/check-run-budget";
import { codeAttempt } from "@/lib/pipeline/code-attempt";
import { loadRun } from "@/lib/runs/load-run";
import { markReady } from "@/lib/pipeline/mark-ready";
import { reportRunStatus } from "@/lib/reporting/report-run-status";
import { reportValidationCheck } from "@/lib/reporting/report-run-status-check";
import { answerReviewFeedback, claimFeedback } from "@/lib/reporting/report-run-status-feedback";
import { validateAttempt } from "@/lib/pipeline/validate-attempt";
import { isTerminal } from "@/lib/runs/state-machine";

// While the run's own pipeline is still coding or validating, the feedback waits for it
// (a minute at a time, up to two hours) instead of racing it for the branch.
const WAIT_FOR_PIPELINE_MINUTES = 120;

type Readiness = { go: true; attempt: number } | { go: false; why: string; final: boolean };

async function followUpReadiness(runId: string): Promise<Readiness> {
  const db = getDb();
  const run = await getRunById({ db, id: runId });
  if (!run) return { go: false, why: "the run no longer exists", final: true };
  const { pullRequest } = await loadRun({ db, runId });
  if (pullRequest?.state !== "open") return { go: false, why: "the pull request is no longer open", final: true };
  if (run.state === "ready") return { go: true, attempt: run.attempt + 1 };
  if (isTerminal(run.state) || run.state === "merging")
    return { go: false, why: `the run is ${run.state.replace("_", " ")}`, final: true };
  return { go: false, why: `the run is ${run.state}`, final: false };
}

/**
 * Review feedback on a run's PR (run/feedback.received, sent by lib/intake/github/triggers/send-run-feedback.ts):
 * a new attempt with the comments in the agent's task pushes to the same PR, is validated,
 * and each comment gets an answer. One follow-up per run at a time; the run's budget applies.
 */
export const followUpRun = inngest.createFunction(
  {
    id: "follow-up-run",
    triggers: [feedbackReceived],
    concurrency: [{ limit: 1, key: "event.data.runId" }],
    retries: 2,
  },
  async ({ event, step }) => {
    const { runId } = event.data;
    const db = () => getDb();

    // A review's body and its line comments arrive as separate webhooks a moment apart.
    await step.sleep("collect-feedback", "5s");
    let readiness: Readiness = await step.run("check-run-0", () => followUpReadiness(runId));
    for (let minute = 1; minute <= WAIT_FOR_PIPELINE_MINUTES && !readiness.go && !readiness.final; minute++) {
      await step.sleep(`wait-for-pipeline-${minute}`, "1m");
      readiness = await step.run(`check-run-${minute}`, () => followUpReadiness(runId));
    }
    const comments = await step.run("claim-feedback", () =>
      claimFeedback({ db: db(), runId, comments: event.data.comments }),
    );
    // Nothing left: another follow-up took it up (or a bare "changes requested" whose line comments did).
    if (comments.length === 0) return { runId, followedUp: false, reason: "no unanswered feedback" };
    if (!readiness.go) {
      const why = readiness.why;
      await step.run("answer-not-started", () =>
        answerReviewFeedback({
          db: db(),
          runId,
          comments,
          outcome: { addressed: false, detail: `Mergeline did not start a new attempt because ${why}.` },
        }),
      );
      return { runId, followedUp: false, reason: why };
    }

    for (let attempt = readiness.attempt; ; attempt++) {
      const budget = await step.run(`check-budget-${attempt}`, () => checkRunBudget({ db: db(), runId, attempt }));
      if (budget.spent) {
        await step.run("report-budget-spent", () => reportRunStatus({ db: db(), runId }));
        await step.run("answer-budget-spent", () =>
          answerReviewFeedback({
            db: db(),
            runId,
            comments,
            outcome: { addressed: false, detail: `the run's budget is spent (${budget.reason}).` },
          }),
        );
        return { runId, followedUp: false, reason: "budget spent" };
      }
      await step.run(`report-fixing-${attempt}`, () => reportRunStatus({ db: db(), runId, upcoming: "fixing" }));
      const coded = await step.run(`code-attempt-${attempt}`, () =>
        codeAttempt({ db: db(), runId, attempt, feedback: comments }),
      );
      await step.run(`report-validating-${attempt}`, () => reportValidationCheck({ db: db(), runId, attempt }));
      const validation = await step.run(`validate-attempt-${attempt}`, () =>
        validateAttempt({ db: db(), runId, attempt }),
      );
      await step.run(`report-validated-${attempt}`, () => reportValidationCheck({ db: db(), runId, attempt }));
      if (validation.status === "cancelled") return { runId, followedUp: false, reason: "cancelled" };
      if (validation.status === "passed") {
        await step.run("mark-ready", () => markReady({ db: db(), runId }));
        await step.run("answer-feedback", () =>
          answerReviewFeedback({
            db: db(),
            runId,
            comments,
            outcome: { addressed: true, sha: coded.sha, detail: `Attempt ${attempt} passed validation.` },
          }),
        );
        await step.run("report-ready", () => reportRunStatus({ db: db(), runId }));
        return { runId, followedUp: true, attempt, sha: coded.sha };
      }
    }
  },
);
