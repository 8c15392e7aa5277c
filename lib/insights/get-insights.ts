import type { Database } from "@/db/client";
import { getInsightFigures } from "@/db/queries/insight-figures";
import { type InsightsReport, insightsReport } from "./insights-report";

/**
 * The insights of a team (`projectIds` null: its own rollups; a list: those projects'
 * rollups summed, for someone who may not see every project) or of one project, over UTC
 * days `from`..`to`. Reads only the daily rollups. Authorization is the caller's.
 */
export async function getInsights({
  db,
  teamId,
  projectId = null,
  projectIds = null,
  from,
  to,
}: {
  db: Database;
  teamId: string;
  projectId?: string | null;
  projectIds?: string[] | null;
  from: string;
  to: string;
}): Promise<InsightsReport> {
  const figures = await getInsightFigures({
    db,
    teamId,
    projectIds: projectId ? [projectId] : projectIds,
    from,
    to,
  });
  return insightsReport({ figures, teamId, projectId, from, to });
}
