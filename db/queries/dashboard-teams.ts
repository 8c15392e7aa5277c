import { asc, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { teams } from "@/db/schema";

/** Ids and names of some teams, by name: for pickers. */
export async function getTeamNames({
  db,
  teamIds,
}: {
  db: Database;
  teamIds: string[];
}): Promise<{ id: string; name: string }[]> {
  if (teamIds.length === 0) return [];
  return db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(inArray(teams.id, teamIds))
    .orderBy(asc(teams.name));
}
