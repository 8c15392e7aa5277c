import { getDb } from "@/db";
import { inngest } from "@/lib/inngest/client";
import { reconcileRequested } from "@/lib/inngest/events";
import { reconcileRuns } from "@/lib/runs/reconcile-runs";
import { reconcileRunsEngine } from "@/lib/runs/reconcile-runs-engine";

// Runs left behind by their pipeline (the engine lost the function run, or failed it while
// the app was unreachable and its failure handler never ran) are resumed or ended with a
// reason: when the app starts (it sends run/reconcile.requested) and every 5 minutes.
// One at a time, so a start and a tick never race (claims in the database guard too).
export const reconcileRunsFunction = inngest.createFunction(
  {
    id: "reconcile-runs",
    triggers: [{ cron: "*/5 * * * *" }, reconcileRequested],
    concurrency: { limit: 1 },
    retries: 1,
  },
  async ({ step }) => {
    const reconciled = await step.run("reconcile", () => reconcileRuns({ db: getDb(), engine: reconcileRunsEngine() }));
    return { reconciled };
  },
);
