import { getDb } from "@/db";
import { getPinnedProjects } from "@/db/queries/projects";
import { cleanUpCodeIndexes } from "@/lib/code-index/clean-up-code-indexes";
import { inngest } from "@/lib/inngest/client";
import { codeIndexSyncRequested } from "@/lib/inngest/events";

// Daily: the indexes of unpinned projects and idle branch indexes go, then every pinned
// project's default branch is synced (a push webhook GitHub never delivered is caught up);
// on Sundays the sync re-reads every file (`full`), so a parser upgrade reaches old files.
export const resyncCodeIndexes = inngest.createFunction(
  { id: "resync-code-indexes", triggers: [{ cron: "17 3 * * *" }], concurrency: { limit: 1 }, retries: 1 },
  async ({ step }) => {
    const removed = await step.run("clean-up", () => cleanUpCodeIndexes({ db: getDb() }));
    const plan = await step.run("list-projects", async () => ({
      projectIds: (await getPinnedProjects({ db: getDb() })).map((project) => project.id),
      full: new Date().getUTCDay() === 0,
    }));
    if (plan.projectIds.length > 0)
      await step.sendEvent(
        "request-syncs",
        plan.projectIds.map((projectId) =>
          codeIndexSyncRequested.create({
            projectId,
            full: plan.full,
            reason: plan.full ? "weekly full re-sync" : "daily re-sync",
          }),
        ),
      );
    return { ...removed, requested: plan.projectIds.length, full: plan.full };
  },
);
