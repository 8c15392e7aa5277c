import type { Database } from "@/db/client";
import { getActiveRunIdsOfProjects } from "@/db/queries/installations";
import { cancelRequested } from "@/lib/inngest/events";
import { sendPipelineEvent } from "@/lib/runs/send-pipeline-event";

/** Asks the pipeline to cancel every unfinished run of these projects (cancel-run records why). */
export async function cancelProjectRuns({
  db,
  projectIds,
  reason,
}: {
  db: Database;
  projectIds: string[];
  reason: string;
}): Promise<string[]> {
  const runIds = await getActiveRunIdsOfProjects({ db, projectIds });
  if (runIds.length > 0) await sendPipelineEvent(runIds.map((runId) => cancelRequested.create({ runId, reason })));
  return runIds;
}
