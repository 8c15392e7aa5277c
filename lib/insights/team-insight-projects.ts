import type { Database } from "@/db/client";
import { getTeamProjectRepositories } from "@/db/queries/insight-figures";
import { type Actor, reachesRepository } from "@/lib/auth/actor";

/**
 * Which rollups a team's insights may sum for the actor: the team's own (null) when the
 * actor reaches every project of it, else those of the projects it reaches (someone
 * signed in with GitHub sees only the repositories GitHub lists for them).
 */
export async function teamInsightProjects({
  db,
  actor,
  teamId,
}: {
  db: Database;
  actor: Actor;
  teamId: string;
}): Promise<string[] | null> {
  if (actor.kind !== "user" || !actor.githubRepositories) return null;
  const projects = await getTeamProjectRepositories({ db, teamId });
  const reached = projects.filter((project) => reachesRepository(actor, project));
  return reached.length === projects.length ? null : reached.map((project) => project.id);
}
