import { getDb } from "@/db";
import { inngest } from "@/lib/inngest/client";
import { feedbackReceived } from "@/lib/inngest/events";
import { runAttempts } from "@/lib/pipeline/attempt-loop";
import { followUpReadiness, type Readiness } from "@/lib/pipeline/follow-up-readiness";
import { markReady } from "@/lib/pipeline/mark-ready";
import { answerReviewFeedback, claimFeedback } from "@/lib/reporting/review-feedback";

// While the run's own pipeline is still coding or validating, the feedback waits for it
// (a minute at a time, up to two hours) instead of racing it for the branch.
const WAIT_FOR_PIPELINE_MINUTES = 120;

/**
 * Review feedback on a run's PR (run/feedback.received, sent by
 * lib/intake/github/triggers/send-run-feedback.ts): new attempts with the comments in the
 * agent's task push to the same PR through the run's attempt loop (lib/pipeline/attempt-loop.ts),
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
    let readiness: Readiness = await step.run("check-run-0", () => followUpReadiness({ db: db(), runId }));
    for (let minute = 1; minute <= WAIT_FOR_PIPELINE_MINUTES && !readiness.go && !readiness.final; minute++) {
      await step.sleep(`wait-for-pipeline-${minute}`, "1m");
      readiness = await step.run(`check-run-${minute}`, () => followUpReadiness({ db: db(), runId }));
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

    const attempts = await runAttempts(step, { runId, firstAttempt: readiness.attempt, feedback: comments });
    if (attempts.outcome === "passed") {
      await step.run("mark-ready", () => markReady({ db: db(), runId }));
      await step.run("answer-feedback", () =>
        answerReviewFeedback({
          db: db(),
          runId,
          comments,
          outcome: { addressed: true, sha: attempts.sha, detail: `Attempt ${attempts.attempt} passed validation.` },
        }),
      );
      return { runId, followedUp: true, attempt: attempts.attempt, sha: attempts.sha };
    }
    if (attempts.outcome === "budget_spent") {
      const detail = `the run's budget is spent (${attempts.reason}).`;
      await step.run("answer-budget-spent", () =>
        answerReviewFeedback({ db: db(), runId, comments, outcome: { addressed: false, detail } }),
      );
    }
    return { runId, followedUp: false, reason: attempts.outcome };
  },
);
