import { getDb } from "@/db";
import { inngest } from "@/lib/inngest/client";
import { runStateChanged } from "@/lib/inngest/events";
import { reportRun as report } from "@/lib/reporting/report-run";

// Status to GitHub (or the local provider) is owned here, not by the pipeline's steps: one
// report per state change, one at a time per run, each reading the run as it is then.
export const reportRun = inngest.createFunction(
  {
    id: "report-run",
    triggers: [runStateChanged],
    concurrency: [{ limit: 1, key: "event.data.runId" }],
    retries: 3,
  },
  async ({ event, step }) => step.run("report", () => report({ db: getDb(), runId: event.data.runId })),
);
