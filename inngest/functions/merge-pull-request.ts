import { getDb } from "@/db";
import { inngest } from "@/lib/inngest/client";
import { mergeExecute } from "@/lib/inngest/events";
import { mergeRun } from "@/lib/pipeline/merge-run";

// Merges are serialized per repository: two runs of one repository never merge at the
// same time, so each merges onto the other's result instead of racing for the branch.
export const mergePullRequest = inngest.createFunction(
  {
    id: "merge-pull-request",
    triggers: [mergeExecute],
    concurrency: [{ limit: 1, key: "event.data.repositoryKey" }],
    retries: 2,
  },
  async ({ event, step }) => step.run("merge", () => mergeRun({ db: getDb(), runId: event.data.runId })),
);
