import type { Database } from "@/db/client";
import { getTeamProjectIds } from "@/db/queries/notification-destinations";
import { AppError } from "@/lib/platform/errors";

/** A subscription names only projects of the destination's team (a 400 naming the first that is not). */
export async function assertTeamProjects({
  db,
  teamId,
  projectIds,
}: {
  db: Database;
  teamId: string;
  projectIds: string[] | null | undefined;
}): Promise<void> {
  if (!projectIds || projectIds.length === 0) return;
  const known = await getTeamProjectIds({ db, teamId, projectIds });
  const unknown = projectIds.find((id) => !known.has(id));
  if (unknown) throw new AppError("bad_request:projectIds", `${unknown} is not a project of this team`);
}
