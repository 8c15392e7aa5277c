import type { Database } from "@/db/client";
import { getInstallationByGithubId, getPinnedProjectsForRepository } from "@/db/queries/installations";
import type { Installation, Project } from "@/db/schema";

/**
 * The pinned projects a repository event is for: the repository's projects in the team of
 * the installation that sent it. None when the installation is unknown (its webhook was
 * missed: the /github/setup page syncs it), deleted or suspended.
 */
export async function findEventProjects({
  db,
  installationId,
  fullName,
}: {
  db: Database;
  installationId: number | undefined;
  fullName: string;
}): Promise<{ installation: Installation; projects: Project[] } | null> {
  if (installationId === undefined) return null;
  const installation = await getInstallationByGithubId({ db, githubInstallationId: installationId });
  if (!installation || installation.deletedAt || installation.suspendedAt) return null;
  return { installation, projects: await getPinnedProjectsForRepository({ db, installation, fullName }) };
}
