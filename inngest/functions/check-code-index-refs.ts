import { getDb } from "@/db";
import { findStaleCodeIndexes } from "@/lib/code-index/find-stale-code-indexes";
import { inngest } from "@/lib/inngest/client";
import { codeIndexSyncRequested } from "@/lib/inngest/events";

// Every 5 minutes: pinned projects never indexed, and local repositories whose default
// branch moved (a commit made outside Mergeline sends no event), are synced.
export const checkCodeIndexRefs = inngest.createFunction(
  { id: "check-code-index-refs", triggers: [{ cron: "*/5 * * * *" }], concurrency: { limit: 1 }, retries: 1 },
  async ({ step }) => {
    const stale = await step.run("find-stale-indexes", () => findStaleCodeIndexes({ db: getDb() }));
    if (stale.length > 0)
      await step.sendEvent(
        "request-syncs",
        stale.map((entry) => codeIndexSyncRequested.create({ projectId: entry.projectId, reason: entry.reason })),
      );
    return { requested: stale.length };
  },
);
