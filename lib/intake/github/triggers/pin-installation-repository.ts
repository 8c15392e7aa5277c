import type { Database } from "@/db/client";
import { getProjectByRepository } from "@/db/queries/projects";
import type { Installation, Project } from "@/db/schema";
import { type Actor, can } from "@/lib/auth/actor";
import { AppError } from "@/lib/platform/errors";
import { pinProject } from "@/lib/projects/pin-project";

/**
 * The setup page's Pin button: pins a repository the installation reaches as a GitHub
 * project of the installation's team (admins only; lib/projects/pin-project.ts does the
 * work). Pinning one that is pinned already answers with that project.
 */
export async function pinInstallationRepository({
  db,
  actor,
  ip,
  installation,
  fullName,
}: {
  db: Database;
  actor: Actor;
  ip: string | null;
  installation: Installation;
  fullName: string;
}): Promise<Project> {
  if (!can(actor, installation.teamId, "admin"))
    throw new AppError("forbidden:team", "Only admins of the team can pin repositories");
  if (installation.deletedAt)
    throw new AppError("conflict:installation", "The GitHub App was uninstalled from this account");
  try {
    return (
      await pinProject({
        db,
        actor,
        ip,
        input: { teamId: installation.teamId, provider: "github", repository: fullName },
      })
    ).project;
  } catch (error) {
    if (!(error instanceof AppError && error.code === "conflict:project_exists")) throw error;
    const pinned = await getProjectByRepository({
      db,
      teamId: installation.teamId,
      provider: "github",
      repository: fullName,
    });
    if (!pinned) throw error;
    return pinned;
  }
}
