import path from "node:path";
import type { Database } from "@/db/client";
import { getInstallationRepositories, linkProjectsToInstallation } from "@/db/queries/installations";
import { createProject, getProjectByRepository, updateProject } from "@/db/queries/projects";
import type { Installation, Project } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { type Actor, can } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { defaultProjectSettings } from "@/lib/projects/settings";

/**
 * Pins a repository the installation reaches as a GitHub project card of the installation's
 * team (admins only). A repository pinned before and unpinned (an uninstall) comes back
 * with its settings and runs.
 */
export async function pinInstallationRepository({ db, actor, ip, installation, fullName }: { db: Database; actor: Actor; ip: string | null; installation: Installation; fullName: string }): Promise<Project> {
  if (!can(actor, installation.teamId, "admin")) throw new AppError("forbidden:team", "Only admins of the team can pin repositories");
  if (installation.deletedAt) throw new AppError("conflict:installation", "The GitHub App was uninstalled from this account");
  const repository = (await getInstallationRepositories({ db, installationId: installation.id })).find((candidate) => candidate.fullName.toLowerCase() === fullName.toLowerCase());
  if (!repository) throw new AppError("not_found:repository", `${fullName} is not a repository of this installation`);
  return db.transaction(async (tx) => {
    const existing = await getProjectByRepository({ db: tx, teamId: installation.teamId, provider: "github", repository: repository.fullName });
    const project = existing
      ? await updateProject({ db: tx, id: existing.id, values: { pinned: true } })
      : await createProject({
          db: tx,
          values: {
            teamId: installation.teamId,
            provider: "github",
            repository: repository.fullName,
            name: path.basename(repository.fullName),
            defaultBranch: repository.defaultBranch ?? "main",
            installationId: installation.id,
            pinned: true,
            settings: defaultProjectSettings(),
          },
        });
    if (!project) throw new AppError("not_found:project", "Project not found");
    // A project unlinked by an uninstall is linked to the new installation.
    if (existing) await linkProjectsToInstallation({ db: tx, installation, fullNames: [repository.fullName] });
    await recordAudit({ db: tx, actor, teamId: installation.teamId, action: "project.pinned", targetType: "project", targetId: project.id, data: { provider: "github", repository: repository.fullName, repinned: Boolean(existing) }, ip });
    return project;
  });
}
