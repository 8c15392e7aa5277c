import { inngest } from "@/lib/inngest/client";
import { codeIndexSyncRequested, runStateChanged } from "@/lib/inngest/events";

// A run merged into its project's branch: the index follows at once (local repositories
// send no push event; for GitHub the push webhook's sync then finds nothing left to do).
export const syncCodeIndexAfterMerge = inngest.createFunction(
  {
    id: "sync-code-index-after-merge",
    triggers: [{ event: runStateChanged, if: "event.data.to == 'merged'" }],
    retries: 2,
  },
  async ({ event, step }) => {
    await step.sendEvent(
      "request-sync",
      codeIndexSyncRequested.create({ projectId: event.data.projectId, reason: "merge" }),
    );
  },
);
