import { getDb } from "@/db";
import { inngest } from "@/lib/inngest/client";
import { runStateChanged } from "@/lib/inngest/events";
import { cleanUpEndedRun as cleanUp } from "@/lib/pipeline/clean-up-ended-run";

// When a run ends: its commands, previews and workspace go (see lib/pipeline/clean-up-ended-run.ts).
export const cleanUpEndedRun = inngest.createFunction(
  {
    id: "clean-up-ended-run",
    triggers: [
      {
        event: runStateChanged,
        if: "event.data.to == 'merged' || event.data.to == 'failed' || event.data.to == 'cancelled' || event.data.to == 'needs_human'",
      },
    ],
    retries: 3,
  },
  async ({ event, step }) => step.run("clean-up", () => cleanUp({ db: getDb(), runId: event.data.runId })),
);
