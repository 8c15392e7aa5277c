import { getDb } from "@/db";
import { inngest } from "@/lib/inngest/client";
import { previewStopRequested } from "@/lib/inngest/events";
import { stopRunPreviews } from "@/lib/validation/preview/stop-run-previews";

// Stops a run's previews when asked (preview/stop.requested: the PR closed, a person).
// The rows are marked stopped here; the process that owns a preview kills it (at once when
// that is this process, else at its next watch). A run that ends has its previews stopped
// by clean-up-ended-run.
export const stopPreview = inngest.createFunction(
  { id: "stop-preview", triggers: [previewStopRequested], retries: 3 },
  async ({ event, step }) =>
    step.run("stop-previews", async () => {
      const reason = event.data.reason ? `Stopped: ${event.data.reason}` : "Stopped on request.";
      return { stopped: await stopRunPreviews({ db: getDb(), runId: event.data.runId, reason }) };
    }),
);
