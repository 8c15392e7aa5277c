import { getDb } from "@/db";
import { inngest } from "@/lib/inngest/client";
import { cancelRequested } from "@/lib/inngest/events";
import { endRun } from "@/lib/runs/end-run";
import { abortRun } from "@/lib/sandbox/run-aborts";

// run-pipeline stops at its next step through cancelOn; this stops what the current step
// has running (commands in the sandbox) and records the cancellation.
export const cancelRun = inngest.createFunction(
  { id: "cancel-run", triggers: [cancelRequested], retries: 3 },
  async ({ event, step }) =>
    step.run("cancel", async () => {
      const reason = event.data.reason ? `Cancelled: ${event.data.reason}` : "Cancelled by a person";
      abortRun(event.data.runId, reason);
      return endRun({ db: getDb(), runId: event.data.runId, to: "cancelled", reason });
    }),
);
