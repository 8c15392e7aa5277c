import type { Database } from "@/db/client";
import { getActiveRunIdsOfProjects } from "@/db/queries/runs";
import { recordCancelRequest } from "@/lib/runs/request-run-action";

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
  for (const runId of runIds) await recordCancelRequest({ db, runId, reason });
  return runIds;
}
