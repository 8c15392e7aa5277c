import { getDb } from "@/db";
import { inngest } from "@/lib/inngest/client";
import { cancelRequested, previewStopRequested } from "@/lib/inngest/events";
import { stopRunPreviews } from "@/lib/validation/preview/stop-run-previews";

// Stops a run's previews when asked (preview/stop.requested: the PR closed, a person) or
// when the run is cancelled. The rows are marked stopped here; the process that owns a
// preview kills it (at once when that is this process, else at its next watch).
export const stopPreview = inngest.createFunction(
  { id: "stop-preview", triggers: [previewStopRequested, cancelRequested], retries: 3 },
  async ({ event, step }) =>
    step.run("stop-previews", async () => {
      const reason =
        event.name === "run/cancel.requested"
          ? "The run was cancelled."
          : event.data.reason
            ? `Stopped: ${event.data.reason}`
            : "Stopped on request.";
      return { stopped: await stopRunPreviews({ db: getDb(), runId: event.data.runId, reason }) };
    }),
);
