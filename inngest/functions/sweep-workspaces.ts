import { getDb } from "@/db";
import { inngest } from "@/lib/inngest/client";
import { pruneArtifacts } from "@/lib/validation/artifacts/prune-artifacts";
import { sweepWorkspaces as sweep } from "@/lib/workspaces/sweep-workspaces";

// Every hour (and at start, from scripts/migrate.ts): working copies of ended runs the run-end
// clean-up missed, unused mirrors, and artifacts past MERGELINE_ARTIFACT_RETENTION_DAYS.
export const sweepWorkspaces = inngest.createFunction(
  { id: "sweep-workspaces", triggers: [{ cron: "23 * * * *" }], retries: 1 },
  async ({ step }) => {
    const copies = await step.run("sweep-workspaces", async () => {
      const { removed, mirrors } = await sweep({ db: getDb() });
      return { removed: removed.length, mirrors: mirrors.length };
    });
    const artifacts = await step.run("prune-artifacts", async () => (await pruneArtifacts({ db: getDb() })).length);
    return { ...copies, artifacts };
  },
);
