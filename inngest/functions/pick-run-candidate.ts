import { getDb } from "@/db";
import { inngest } from "@/lib/inngest/client";
import { candidatePicked } from "@/lib/inngest/events";
import { adoptPickedCandidate } from "@/lib/pipeline/adopt-picked-candidate";
import { runAttempts } from "@/lib/pipeline/attempt-loop";
import { markReady } from "@/lib/pipeline/mark-ready";

/**
 * A person picked another best-of-N candidate of a ready run (run/candidate.picked): its
 * work goes on the run's branch and is validated as a new attempt through the run's attempt
 * loop (the budget applies); when it passes the run is ready again, to merge as before.
 */
export const pickRunCandidate = inngest.createFunction(
  {
    id: "pick-run-candidate",
    triggers: [candidatePicked],
    concurrency: [{ limit: 1, key: "event.data.runId" }],
    retries: 2,
  },
  async ({ event, step }) => {
    const { runId, index, requestSeq } = event.data;
    const db = () => getDb();
    const picked = await step.run("adopt-picked-candidate", () =>
      adoptPickedCandidate({ db: db(), runId, index, requestSeq }),
    );
    if (!picked.adopted) return { runId, picked: false, reason: picked.why };
    const attempts = await runAttempts(step, { runId, firstAttempt: picked.attempt, pushed: { sha: picked.sha } });
    if (attempts.outcome === "passed") await step.run("mark-ready", () => markReady({ db: db(), runId }));
    return { runId, picked: true, outcome: attempts.outcome };
  },
);
