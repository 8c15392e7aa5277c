import { getDb } from "@/db";
import { getUnreportedRunIds } from "@/db/queries/runs";
import { inngest } from "@/lib/inngest/client";
import { reportRun } from "@/lib/reporting/report-run";

// A run/state.changed lost on its way (the engine was down when the run changed) leaves
// the run's reported_seq behind its last_seq: every five minutes those runs are reported.
export const reportUnreportedRuns = inngest.createFunction(
  { id: "report-unreported-runs", triggers: [{ cron: "*/5 * * * *" }], retries: 1 },
  async ({ step }) =>
    step.run("report-unreported", async () => {
      const db = getDb();
      const runIds = await getUnreportedRunIds({ db, olderThan: new Date(Date.now() - 60_000) });
      for (const runId of runIds) await reportRun({ db, runId });
      return { reported: runIds.length };
    }),
);
