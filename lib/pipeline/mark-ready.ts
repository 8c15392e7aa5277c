import type { Database } from "@/db/client";
import { loadRun } from "@/lib/pipeline/load-run";
import { transitionRun } from "@/lib/runs/transition-run";

export type Readiness = { autoMerge: boolean; projectId: string; repositoryKey: string };

/** validating -> ready, and whether the project's policy merges without a person. */
export async function markReady({ db, runId }: { db: Database; runId: string }): Promise<Readiness> {
  const { project } = await loadRun({ db, runId });
  await transitionRun({ db, runId, to: "ready" });
  return {
    autoMerge: project.settings.autoMerge !== "manual",
    projectId: project.id,
    // Merges into one repository are serialized on this key.
    repositoryKey: `${project.provider}:${project.repository}`,
  };
}
