import { getDb } from "@/db";
import { getRunEventBySeq } from "@/db/queries/run-events";
import { inngest } from "@/lib/inngest/client";
import { cancelRequested } from "@/lib/inngest/events";
import { logger } from "@/lib/platform/logger";
import { endRun } from "@/lib/runs/end-run";
import { abortRunEverywhere } from "@/lib/sandbox/run-aborts";

// A person's cancel, acted on only when it was recorded (requestCancel writes the run
// event `cancel.requested` the event points at): an event nobody recorded changes nothing.
// Its commands are aborted and the run ended: run-pipeline is cancelled by that state
// change, and clean-up-ended-run takes down its previews and workspace.
export const cancelRun = inngest.createFunction(
  { id: "cancel-run", triggers: [cancelRequested], retries: 3 },
  async ({ event, step }) =>
    step.run("cancel", async () => {
      const db = getDb();
      const { runId, requestSeq } = event.data;
      const recorded = await getRunEventBySeq({ db, runId, seq: requestSeq, type: "cancel.requested" });
      if (!recorded) {
        logger.warn({ runId, requestSeq }, "ignored a cancel request that was never recorded");
        return { ended: false, ignored: true };
      }
      const reason =
        typeof recorded.data.reason === "string" ? `Cancelled: ${recorded.data.reason}` : "Cancelled by a person";
      // At once, in whichever instance runs the run's commands (the command channel); the
      // clean-up of the ended run does it again.
      await abortRunEverywhere(runId, reason);
      return endRun({ db, runId, to: "cancelled", reason });
    }),
);
